import {readStored, writeStored} from './storage.js';

const voterKey = 'kirjasto.voter';

/** A random token made of URL-safe characters; works outside secure contexts, unlike randomUUID. */
export function randomToken(bytes = 24): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...values)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * This browser's anonymous voter token: random, kept in localStorage, never sent as a cookie.
 * The server stores only a keyed hash of it.
 */
export function voterToken(): string {
  let token = readStored(voterKey);
  if (!token || !/^[A-Za-z0-9_-]{16,128}$/.test(token)) {
    token = randomToken();
    writeStored(voterKey, token);
  }
  return token;
}

/** An Idempotency-Key made when the patron acts; every retry of that action sends the same key. */
export const newIdempotencyKey = (): string => randomToken(18);
