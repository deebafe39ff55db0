import {emit} from '../shared/events.js';
import {KioskController, type KioskHost} from './kiosk-controller.js';
import {kioskStyles} from './kiosk.styles.js';
import {StaffUnlock, unlockKiosk} from './staff-unlock.js';

/** What only a kiosk needs, loaded on kiosk pages alone so that web pages do not pay for it. */
export interface KioskParts {
  kioskMode: KioskController;
  staff: StaffUnlock;
}

interface KioskRating extends KioskHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  rating: string;
  location?: string;
}

/**
 * Turns a rating into a kiosk: its styles, the reset and attract timers (`restart` puts the screen back
 * to the question) and the staff's way out with the PIN.
 */
export function attachKiosk(host: KioskRating, apiBase: () => string, restart: () => void): KioskParts {
  const root = host.renderRoot as ShadowRoot;
  if (kioskStyles.styleSheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, kioskStyles.styleSheet];
  const kioskMode = new KioskController(host, restart);
  const staff = new StaffUnlock(
    host,
    (pin) => unlockKiosk(apiBase(), host.rating, host.location, pin),
    () => emit(host, 'kirjasto-kiosk-exit', {ratingId: host.rating, rating: host.rating}),
  );
  host.requestUpdate();
  return {kioskMode, staff};
}
