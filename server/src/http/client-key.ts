import type {Context} from 'hono';
import {getConnInfo} from '@hono/node-server/conninfo';
import type {Secrets} from '../secrets.js';

/** The client's address: the socket peer, or X-Forwarded-For's first entry behind a trusted proxy. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const first = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (first) return first;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

const known = new WeakMap<Secrets, {day: string; keys: Map<string, Promise<string>>}>();
const KNOWN_MAX = 50_000;

/**
 * Never the raw address: a keyed, daily-salted hash of it, remembered for the day (up to KNOWN_MAX
 * addresses) so a client's every request does not pay for an HMAC.
 */
export function clientKey(c: Context, secrets: Secrets, trustProxy: boolean, now = new Date()): Promise<string> {
  const address = clientAddress(c, trustProxy);
  const day = now.toISOString().slice(0, 10);
  let memo = known.get(secrets);
  if (memo?.day !== day) known.set(secrets, (memo = {day, keys: new Map()}));
  let key = memo.keys.get(address);
  if (!key) {
    if (memo.keys.size >= KNOWN_MAX) memo.keys.clear();
    key = secrets.clientKey(address, now);
    memo.keys.set(address, key);
    key.catch(() => memo.keys.delete(address));
  }
  return key;
}
