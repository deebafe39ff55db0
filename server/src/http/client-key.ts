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

/** Never the raw address: a keyed, daily-salted hash of it. */
export const clientKey = (c: Context, secrets: Secrets, trustProxy: boolean) =>
  secrets.clientKey(clientAddress(c, trustProxy));
