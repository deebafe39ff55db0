import type {MiddlewareHandler} from 'hono';
import {getCookie} from 'hono/cookie';
import type {AppDeps} from '../deps.js';
import type {AppEnv} from '../http/context.js';
import {Problem} from '../http/problem.js';
import {findUser, isDemoAccount} from './accounts.js';
import {roleMay, rolesWith, type Capability, type Role} from './roles.js';
import {csrfMatches, findSession, SESSION_COOKIE, type SessionPolicy} from './sessions.js';
import {authenticateToken, unauthorized} from './tokens.js';

/** Who is acting on the admin API: a signed-in staff member, or an API token of one library. */
export interface Principal {
  kind: 'session' | 'token';
  /** The audit log's actor: the user's email, or `token:<name>`. */
  actor: string;
  userId?: string;
  sessionHash?: string;
  regionalAdmin: boolean;
  /** Roles by tenant id. */
  roles: Map<string, Role[]>;
  /** A session signed in through one library's OpenID provider acts in that library only. */
  tenantScope?: string | null;
}

export interface AdminEnv extends AppEnv {
  Variables: AppEnv['Variables'] & {principal: Principal};
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const sessionPolicy = (deps: AppDeps): SessionPolicy => ({
  idleMs: deps.config.sessionIdleMinutes * 60_000,
  maxMs: deps.config.sessionMaxHours * 3_600_000,
});

/**
 * Authenticates the request: a bearer API token, else the session cookie (whose state-changing requests
 * must carry its CSRF token in X-CSRF-Token). 401 without either.
 */
export function authenticate(deps: AppDeps): MiddlewareHandler<AdminEnv> {
  const {db, secrets} = deps;
  return async (c, next) => {
    if (c.req.header('authorization') !== undefined) {
      const token = await authenticateToken(c, db, secrets);
      c.set('principal', {kind: 'token', actor: `token:${token.name}`, regionalAdmin: false, roles: new Map([[token.tenantId, token.roles]])});
      return next();
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    const session = cookie ? await findSession(db, secrets, cookie, sessionPolicy(deps)) : undefined;
    const found = session && (await findUser(db, session.userId));
    const user = found && (deps.config.demo || !isDemoAccount(found.email)) ? found : undefined;
    if (!session || !user) throw unauthorized(cookie ? 'The session has ended; sign in again.' : 'Sign in, or send Authorization: Bearer <API token>.');
    if (!SAFE_METHODS.has(c.req.method) && !(await csrfMatches(secrets, session.idHash, c.req.header('x-csrf-token')))) {
      throw new Problem('csrf-token-invalid', {detail: 'Send the csrfToken of GET /api/v1/admin/session in the X-CSRF-Token header.'});
    }
    const roles = new Map<string, Role[]>();
    for (const m of user.memberships) if (session.tenantScope === null || m.tenantId === session.tenantScope) roles.set(m.tenantId, [m.role]);
    // A provider vouches for its own library only: no regional admin powers through it.
    const regionalAdmin = user.regionalAdmin && session.tenantScope === null;
    c.set('principal', {kind: 'session', actor: user.email, userId: user.id, sessionHash: session.idHash, regionalAdmin, roles, tenantScope: session.tenantScope});
    return next();
  };
}

/** Whether the principal may do `capability` in the tenant; a regional admin may do everything everywhere. */
export const may = (who: Principal, tenantId: string, capability: Capability) =>
  who.regionalAdmin || (who.roles.get(tenantId) ?? []).some((role) => roleMay(role, capability));

/** After `authenticate`: 403 unless the principal may do `capability` in the path's `{tenant}` (404 for an unknown tenant). */
export function requireCapability(deps: AppDeps, capability: Capability): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const tenantId = c.req.param('tenant') ?? '';
    const who = c.get('principal');
    if (!may(who, tenantId, capability)) {
      throw new Problem('forbidden', {detail: `This needs one of the roles ${rolesWith(capability).join(', ')} in the library "${tenantId}".`});
    }
    if ((await deps.db.query('select 1 from tenants where id = $1', [tenantId])).length === 0) {
      throw new Problem('not-found', {detail: `There is no library "${tenantId}".`});
    }
    c.set('tenantId', tenantId);
    return next();
  };
}

export const requireRegionalAdmin: MiddlewareHandler<AdminEnv> = async (c, next) => {
  if (!c.get('principal').regionalAdmin) throw new Problem('forbidden', {detail: 'Only a regional admin may do this.'});
  return next();
};

/** How a route declares its access in the OpenAPI document: the security schemes and the roles that may call it. */
export const ADMIN_SECURITY: Record<string, string[]>[] = [{staffSession: []}, {apiToken: []}];
export const access = (capability: Capability | 'regional-admin' | 'signed-in') => ({
  security: ADMIN_SECURITY,
  'x-kirjasto-capability': capability,
  'x-kirjasto-roles': capability === 'regional-admin' ? ['regional-admin'] : capability === 'signed-in' ? ['any'] : ['regional-admin', ...rolesWith(capability)],
});
