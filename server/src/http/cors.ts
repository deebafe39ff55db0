import type {Context, MiddlewareHandler} from 'hono';
import type {AppDeps} from '../deps.js';
import type {AppEnv} from './context.js';
import {Problem} from './problem.js';

export const CORS_ALLOW_METHODS = 'GET, POST, OPTIONS';
export const CORS_ALLOW_HEADERS = 'Content-Type, Idempotency-Key, Kirjasto-Voter';
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

/**
 * Refuses a write whose Origin is present but not allowed by the tenant owning the resource (a browser
 * would hide the answer anyway). Called by each domain's middleware once it knows the tenant.
 */
export async function assertOriginMayWrite(c: Context, deps: Policy, tenantId: string): Promise<void> {
  const origin = c.req.header('origin');
  const method = c.req.method;
  if (!origin || method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return;
  if (!(await originAllowed(c, deps, origin, tenantId))) {
    throw new Problem('origin-not-allowed', {detail: `The origin ${origin} may not write to this library's widgets.`});
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
    if (allowed) {
      c.res.headers.set('Access-Control-Allow-Origin', origin!);
      c.res.headers.set('Access-Control-Expose-Headers', CORS_EXPOSE_HEADERS);
    }
  };
}
