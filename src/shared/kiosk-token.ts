import {readStoredJson, writeStored} from './storage.js';

/**
 * The token a registered kiosk got when staff unlocked it with the PIN, per API origin. Kept in the
 * kiosk page's localStorage (a staff device, not a patron's); every write to that API carries it in
 * the `Kirjasto-Kiosk` header, without which the server counts a kiosk's answers as web.
 */
const storageKey = 'kirjasto.kiosk-token';

const tokens = () => readStoredJson<Record<string, string>>(storageKey, {});

export function kioskToken(api: string): string | undefined {
  const token = tokens()[new URL(api).origin];
  return typeof token === 'string' ? token : undefined;
}

export function keepKioskToken(api: string, token: string): void {
  writeStored(storageKey, JSON.stringify({...tokens(), [new URL(api).origin]: token}));
}

/** The header of a write to `url`: the kiosk token of its origin, if this device is a registered kiosk. */
export function kioskHeaders(url: string): Record<string, string> {
  const token = kioskToken(url);
  return token ? {'Kirjasto-Kiosk': token} : {};
}
