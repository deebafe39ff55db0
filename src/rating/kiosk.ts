/** What only a kiosk needs, loaded on kiosk pages alone so that web pages do not pay for it. */
export {KioskController} from './kiosk-controller.js';
export {StaffUnlock, unlockKiosk} from './staff-unlock.js';
export {kioskStyles} from './kiosk.styles.js';
