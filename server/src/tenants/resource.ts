import type {MiddlewareHandler} from 'hono';
import type {AppDeps} from '../deps.js';
import type {AppEnv} from '../http/context.js';
import {ID_PATTERN} from '../http/contract.js';
import {assertOriginMayUse} from '../http/cors.js';

/**
 * A domain's middleware on `/:id` and `/:id/*`: reads the resource the path names once (a malformed
 * id never reaches SQL), tells CORS its tenant, refuses a read or write from an origin that tenant has
 * not allowed, and answers a preflight. Handlers get it as `c.get('resource')`.
 */
export function ownedResource<R extends {tenantId: string}>(
  deps: AppDeps,
  load: (deps: AppDeps, id: string) => Promise<R | undefined>,
): MiddlewareHandler<ResourceEnv<R>> {
  return async (c, next) => {
    const id = c.req.param('id') ?? '';
    const resource = ID_PATTERN.test(id) ? await load(deps, id) : undefined;
    c.set('resource', resource);
    c.set('tenantId', resource?.tenantId);
    if (c.req.method === 'OPTIONS') return c.body(null, 204);
    if (resource) await assertOriginMayUse(c, deps, resource.tenantId);
    return next();
  };
}

/** The context of a domain's sub-app: the app's, plus the resource its middleware read. */
export interface ResourceEnv<R> extends AppEnv {
  Variables: AppEnv['Variables'] & {resource: R | undefined};
}
