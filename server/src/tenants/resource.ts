import type {MiddlewareHandler} from 'hono';
import type {AppDeps} from '../deps.js';
import type {AppEnv} from '../http/context.js';
import {ID_PATTERN} from '../http/contract.js';
import {assertOriginMayUse} from '../http/cors.js';
import {Problem} from '../http/problem.js';

/**
 * A domain's middleware on `/:id` and `/:id/*`: reads the resource the path names once (a malformed
 * id never reaches SQL), tells CORS its tenant, refuses a read or write from an origin that
 * tenant has not allowed, answers a preflight, and refuses anything archived with 410 `archived` (gone for good, unlike
 * a mistyped id's 404: caches and the widget can tell the two apart). Handlers get it as `c.get('resource')`.
 */
export function ownedResource<R extends {tenantId: string; archived: boolean}>(
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
    if (resource?.archived) throw archivedProblem();
    return next();
  };
}

/** The context of a domain's sub-app: the app's, plus the resource its middleware read. */
export interface ResourceEnv<R> extends AppEnv {
  Variables: AppEnv['Variables'] & {resource: R | undefined};
}

/** What the public API answers for an archived poll, rating or idea box (and the ideas of an archived box). */
export const archivedProblem = () =>
  new Problem('archived', {detail: 'Its library has archived it: it no longer shows or takes answers.'});
