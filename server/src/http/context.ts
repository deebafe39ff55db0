import type {PageLang} from '../pages/lang.js';

/**
 * What middleware hands to handlers within one request: the tenant owning the addressed resource
 * (set by the domain's own middleware, read by CORS), and the page language on the standalone pages.
 */
export interface AppEnv {
  Variables: {
    tenantId: string | undefined;
    language: PageLang;
    /** The registered kiosk whose valid `Kirjasto-Kiosk` token a write carries (set by the rate limit). */
    kioskDevice?: KioskDevice;
  };
}

/** A registered kiosk, as a request knows it once its token is checked (server/src/kiosk/devices.ts). */
export interface KioskDevice {
  id: string;
  tenantId: string;
}
