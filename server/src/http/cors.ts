import type {Context, MiddlewareHandler} from 'hono';
import {Problem} from './problem.js';

export const CORS_ALLOW_METHODS = 'GET, POST, OPTIONS';
export const CORS_ALLOW_HEADERS = 'Content-Type, Idempotency-Key, Kirjasto-Voter';
export const CORS_EXPOSE_HEADERS = 'Retry-After, Idempotent-Replayed';

export interface CorsPolicy {
  /** The tenant owning the requested resource, or undefined when the resource is unknown. */
  resourceTenant(c: Context): Promise<string | undefined>;
  /** Allowed for that tenant; for an unknown resource, allowed by any tenant (so a 404 reaches the widget). */
  isAllowed(origin: string, tenantId: string | undefined): Promise<boolean>;
  /** The server's own origins, always allowed. */
  ownOrigins(c: Context): string[];
}

/**
 * CORS per tenant, never with credentials. A write whose Origin is present but not allowed for a known
 * resource's tenant is refused with 403 origin-not-allowed (a browser would hide the answer anyway).
 */
export function cors(policy: CorsPolicy): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (!origin) {
      await next();
      c.res.headers.append('Vary', 'Origin');
      return;
    }
    const tenantId = await policy.resourceTenant(c);
    const allowed = policy.ownOrigins(c).includes(origin) || (await policy.isAllowed(origin, tenantId));

    if (c.req.method === 'OPTIONS') {
      const headers: Record<string, string> = {Vary: 'Origin'};
      if (allowed) {
        headers['Access-Control-Allow-Origin'] = origin;
        headers['Access-Control-Allow-Methods'] = CORS_ALLOW_METHODS;
        headers['Access-Control-Allow-Headers'] = CORS_ALLOW_HEADERS;
        headers['Access-Control-Max-Age'] = '600';
      }
      return c.body(null, 204, headers);
    }
    if (!allowed && tenantId !== undefined && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      throw new Problem('origin-not-allowed', {detail: `The origin ${origin} may not write to this library's widgets.`});
    }
    await next();
    c.res.headers.append('Vary', 'Origin');
    if (allowed) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', CORS_EXPOSE_HEADERS);
    }
  };
}
