import type {Context, MiddlewareHandler} from 'hono';
import type {AppDeps} from '../deps.js';
import type {AppEnv} from './context.js';
import {Problem} from './problem.js';

export const CORS_ALLOW_METHODS = 'GET, POST, OPTIONS';
export const CORS_ALLOW_HEADERS = 'Content-Type, Idempotency-Key, Kirjasto-Voter, Kirjasto-Kiosk';
export const CORS_EXPOSE_HEADERS = 'Retry-After, Idempotent-Replayed';

type Policy = Pick<AppDeps, 'origins' | 'publicOrigin'>;

/**
 * Whether `origin` may read (and write) the resource of `tenantId`: the server's own origins always; a
 * tenant's allowed origins for its resources; for an unknown resource, any tenant's (so a 404 reaches the widget).
 */
async function originAllowed(c: Context, deps: Policy, origin: string, tenantId: string | undefined): Promise<boolean> {
  if (origin === deps.publicOrigin || origin === new URL(c.req.url).origin) return true;
  return deps.origins.isAllowed(origin, tenantId);
}

/** Where a library's webmaster allows an origin, as the refusal names it. */
export const ALLOW_ORIGIN_WHERE = 'the console at /admin → library settings → allowed web origins';

/**
 * Refuses a request whose Origin is present but not allowed by the tenant owning the resource, with
 * 403 origin-not-allowed. A read's refusal carries CORS headers (see {@link cors}), so that the widget
 * can tell the patron "not available here" and the webmaster's console which origin to allow and where,
 * instead of an opaque network error; a write stays refused without them. Called by each domain's
 * middleware once it knows the tenant.
 */
export async function assertOriginMayUse(c: Context, deps: Policy, tenantId: string): Promise<void> {
  const origin = c.req.header('origin');
  if (!origin || c.req.method === 'OPTIONS') return;
  if (!(await originAllowed(c, deps, origin, tenantId))) {
    const reading = c.req.method === 'GET' || c.req.method === 'HEAD';
    throw new Problem('origin-not-allowed', {
      detail: `This library has not allowed ${origin} to ${reading ? 'show' : 'write to'} its widgets; allow it in ${ALLOW_ORIGIN_WHERE}.`,
      extensions: {origin},
    });
  }
}

/**
 * CORS per tenant, never with credentials. Runs around the route: the domain's middleware sets the
 * tenant owning the resource (`tenantId`), then this answers the preflight or adds the headers.
 */
export function cors(deps: Policy): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && (await originAllowed(c, deps, origin, c.get('tenantId')));
    if (c.req.method === 'OPTIONS') {
      const headers: Record<string, string> = {Vary: 'Origin'};
      if (allowed) {
        headers['Access-Control-Allow-Origin'] = origin!;
        headers['Access-Control-Allow-Methods'] = CORS_ALLOW_METHODS;
        headers['Access-Control-Allow-Headers'] = CORS_ALLOW_HEADERS;
        headers['Access-Control-Max-Age'] = '600';
      }
      c.res = new Response(null, {status: 204, headers});
      return;
    }
    c.res.headers.append('Vary', 'Origin');
    // A read refused for its origin is readable by it: the widget must learn why (assertOriginMayUse).
    const refusedRead = c.res.status === 403 && (c.req.method === 'GET' || c.req.method === 'HEAD') && origin !== undefined;
    if (allowed || refusedRead) {
      c.res.headers.set('Access-Control-Allow-Origin', origin!);
      c.res.headers.set('Access-Control-Expose-Headers', CORS_EXPOSE_HEADERS);
    }
  };
}
