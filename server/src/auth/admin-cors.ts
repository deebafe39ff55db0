import type {Context, MiddlewareHandler} from 'hono';
import {Problem} from '../http/problem.js';

export const ADMIN_PATH_PREFIX = '/api/v1/admin/';
const ADMIN_ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const ADMIN_ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, If-Match, X-CSRF-Token';

/**
 * CORS for the admin API: only the server's own origins, never a tenant's site and never a wildcard.
 * A request from any other origin is refused with 403 forbidden before it can act.
 */
export function adminCors(ownOrigins: (c: Context) => string[]): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && ownOrigins(c).includes(origin);
    if (c.req.method === 'OPTIONS') {
      const headers: Record<string, string> = {Vary: 'Origin'};
      if (allowed) {
        headers['Access-Control-Allow-Origin'] = origin!;
        headers['Access-Control-Allow-Methods'] = ADMIN_ALLOW_METHODS;
        headers['Access-Control-Allow-Headers'] = ADMIN_ALLOW_HEADERS;
        headers['Access-Control-Max-Age'] = '600';
      }
      return c.body(null, 204, headers);
    }
    if (origin !== undefined && !allowed) {
      throw new Problem('forbidden', {detail: `The admin API answers only the server's own pages, not ${origin}.`});
    }
    await next();
    c.res.headers.append('Vary', 'Origin');
    if (allowed) c.res.headers.set('Access-Control-Allow-Origin', origin!);
  };
}
