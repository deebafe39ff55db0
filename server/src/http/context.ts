import type {PageLang} from '../pages/lang.js';

/**
 * What middleware hands to handlers within one request: the tenant owning the addressed resource
 * (set by the domain's own middleware, read by CORS), and the page language on the standalone pages.
 */
export interface AppEnv {
  Variables: {
    tenantId: string | undefined;
    language: PageLang;
  };
}
