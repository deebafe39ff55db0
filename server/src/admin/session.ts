import {createRoute, z} from '@hono/zod-openapi';
import type {Context} from 'hono';
import {RateLimiterRes} from 'rate-limiter-flexible';
import {findUser, findUserByEmail, isDemoAccount, normalizeEmail, type User} from '../auth/accounts.js';
import {hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyPassword} from '../auth/password.js';
import {access, authenticate, sessionPolicy, type AdminEnv, type Principal} from '../auth/principal.js';
import {CAPABILITIES, roleMay, ROLES} from '../auth/roles.js';
import {clearedSessionCookie, createSession, csrfToken, deleteSession, deleteUserSessions, sessionCookie} from '../auth/sessions.js';
import type {AppDeps} from '../deps.js';
import {clientKey} from '../http/client-key.js';
import {apiApp, dateTime, json, jsonBody, jsonRequest, problems} from '../http/contract.js';
import {limiter} from '../http/rate-limit.js';
import {Problem} from '../http/problem.js';
import {audit} from './audit.js';
import {ADMIN_PROBLEMS, NO_STORE} from './http.js';
import {acceptInvitation} from './invitations.js';

export const SignInSchema = z
  .object({
    email: z.string().trim().min(3).max(254).openapi({example: 'owner@demo.kirjasto.example'}),
    password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  })
  .openapi('SignIn');

const password = () =>
  z.string().min(PASSWORD_MIN_LENGTH, `At least ${PASSWORD_MIN_LENGTH} characters`).max(PASSWORD_MAX_LENGTH, `At most ${PASSWORD_MAX_LENGTH} characters`);
export const passwordField = password;

export const PasswordChangeSchema = z
  .object({currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword: password()})
  .openapi('PasswordChange');

export const AcceptInvitationSchema = z.object({password: password(), name: z.string().trim().max(200).optional()}).openapi('AcceptInvitation');

export const StaffSessionSchema = z
  .strictObject({
    user: z.strictObject({id: z.string(), email: z.string(), name: z.string(), regionalAdmin: z.boolean()}),
    tenants: z
      .array(
        z.strictObject({
          id: z.string(),
          name: z.string(),
          role: z.enum(ROLES),
          may: z.array(z.enum(CAPABILITIES)).openapi({
            description:
              'What this user may do in this library, so the console can hide the rest (the server checks every request anyway). ' +
              '`read`: content, branches, ideas, reports, settings; `edit`: create and change polls, ratings, idea boxes; ' +
              '`moderate`: ideas; `audit`: the audit log; `manage`: users, branches, origins, tokens, settings. ' +
              'owner: all five; editor: read, edit, audit; moderator: read, moderate, audit; viewer: read; a regional admin: all five everywhere. ' +
              "Each operation names its capability in `x-kirjasto-capability` and the roles that have it in `x-kirjasto-roles`.",
          }),
        }),
      )
      .openapi({description: 'The libraries this user belongs to, with their role in each'}),
    csrfToken: z.string().openapi({description: 'Send it in X-CSRF-Token on every state-changing admin request'}),
    expiresAt: dateTime().openapi({description: 'The latest the session lasts (it ends sooner after idleMinutes without a request)'}),
    idleMinutes: z.number().int().min(1),
  })
  .openapi('StaffSession');

/**
 * Attempts per window: failures per account, all attempts per client key (config.rateLimitSignIns).
 * With REDIS_URL every instance shares both counts. Without it (or while Redis is away) each instance
 * counts its own: behind a round-robin balancer over N instances an account can take N × 10 wrong
 * passwords and a client N × KIRJASTO_RATE_LIMIT_SIGN_INS attempts per 15 minutes.
 */
const WINDOW_S = 15 * 60;
const ACCOUNT_FAILURES = 10;

export function sessionApi(deps: AppDeps) {
  const {db, secrets, config} = deps;
  const app = apiApp<AdminEnv>();
  const secure = config.publicUrl.startsWith('https:');
  const perAccount = limiter(deps.limits, {keyPrefix: 'sign-in-account', points: ACCOUNT_FAILURES, duration: WINDOW_S});
  const perClient = limiter(deps.limits, {keyPrefix: 'sign-in-client', points: config.rateLimitSignIns, duration: WINDOW_S});
  // Redis never sees an email: the account's count is keyed by an HMAC of it.
  const limitKeyOf = async (account: string) => (await secrets.mac(`sign-in-account:${account}`)).toString('base64url');
  app.openAPIRegistry.registerComponent('securitySchemes', 'staffSession', {
    type: 'apiKey',
    in: 'cookie',
    name: 'kirjasto_session',
    description: 'Set by POST /api/v1/admin/session; state-changing requests also need X-CSRF-Token.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiToken', {
    type: 'http',
    scheme: 'bearer',
    description: "A library's API token (Authorization: Bearer …), named and scoped to roles by an owner.",
  });

  const limited = (error: unknown) => {
    if (!(error instanceof RateLimiterRes)) throw error;
    const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    return new Problem('rate-limited', {detail: `Too many sign-in attempts; try again in ${Math.ceil(seconds / 60)} min.`, headers: {'Retry-After': String(seconds)}});
  };

  const view = async (user: User, idHash: string, createdAt: Date, scope: string | null) => {
    const tenants = await db.query<{id: string; name: string; role: (typeof ROLES)[number]}>(
      `select t.id, t.name, m.role from memberships m join tenants t on t.id = m.tenant_id
        where m.user_id = $1 and ($2::text is null or t.id = $2) order by t.name, t.id`,
      [user.id, scope],
    );
    const regionalAdmin = user.regionalAdmin && scope === null;
    return {
      user: {id: user.id, email: user.email, name: user.name, regionalAdmin},
      tenants: tenants.map((t) => ({...t, may: CAPABILITIES.filter((capability) => regionalAdmin || roleMay(t.role, capability))})),
      csrfToken: await csrfToken(secrets, idHash),
      expiresAt: new Date(createdAt.getTime() + sessionPolicy(deps).maxMs).toISOString(),
      idleMinutes: config.sessionIdleMinutes,
    };
  };

  const startSession = async (c: Context, user: User) => {
    const {cookie, idHash} = await createSession(db, secrets, user.id);
    c.header('Set-Cookie', sessionCookie(cookie, secure));
    return view(user, idHash, new Date(), null);
  };

  const sessionOf = (who: Principal) => {
    if (who.kind !== 'session') throw new Problem('forbidden', {detail: 'An API token has no session.'});
    return who as Principal & {userId: string; sessionHash: string};
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/session',
      operationId: 'signIn',
      summary: 'Sign in with email and password; sets the HttpOnly session cookie',
      middleware: [jsonBody()] as const,
      request: {body: jsonRequest(SignInSchema)},
      responses: {
        201: {description: 'Signed in', headers: {'Set-Cookie': {schema: {type: 'string'}}}, content: json(StaffSessionSchema)},
        ...problems('validation', 'sign-in-failed', 'unsupported-media-type', 'forbidden', 'rate-limited', 'internal'),
      },
    }),
    async (c) => {
      const {email, password} = c.req.valid('json');
      const account = normalizeEmail(email);
      const accountKey = await limitKeyOf(account);
      try {
        await perClient.consume(await clientKey(c, secrets, config.trustProxy));
        const failures = await perAccount.get(accountKey);
        if (failures && failures.consumedPoints >= ACCOUNT_FAILURES) throw new RateLimiterRes(0, failures.msBeforeNext);
      } catch (error) {
        throw limited(error);
      }
      const user = await findUserByEmail(db, account);
      const usable = config.demo || !isDemoAccount(account);
      if (!(await verifyPassword(password, usable ? user?.passwordHash : null))) {
        await perAccount.consume(accountKey).catch(() => {});
        throw new Problem('sign-in-failed', {detail: 'Check the email and the password.'});
      }
      await perAccount.delete(accountKey);
      return c.json(await startSession(c, user!), 201, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/session',
      operationId: 'currentSession',
      summary: 'The signed-in user, their libraries and roles, and the CSRF token',
      ...access('signed-in'),
      middleware: [authenticate(deps)] as const,
      responses: {200: {description: 'The session', content: json(StaffSessionSchema)}, ...problems(...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const who = sessionOf(c.get('principal'));
      const user = (await findUser(db, who.userId))!;
      const [row] = await db.query<{created_at: Date | string}>('select created_at from sessions where id_hash = $1', [who.sessionHash]);
      return c.json(await view(user, who.sessionHash, new Date(row!.created_at), who.tenantScope ?? null), 200, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/session',
      operationId: 'signOut',
      summary: 'Sign out this browser',
      ...access('signed-in'),
      middleware: [authenticate(deps)] as const,
      responses: {204: {description: 'Signed out; the cookie is cleared'}, ...problems(...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const who = sessionOf(c.get('principal'));
      await deleteSession(db, who.sessionHash);
      return c.body(null, 204, {...NO_STORE, 'Set-Cookie': clearedSessionCookie(secure)});
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/session/all',
      operationId: 'signOutEverywhere',
      summary: "Sign out everywhere: ends every session of this user",
      ...access('signed-in'),
      middleware: [authenticate(deps)] as const,
      responses: {200: {description: 'Signed out', content: json(z.object({ended: z.number().int()}).openapi('SignedOut'))}, ...problems(...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const who = sessionOf(c.get('principal'));
      const ended = await deleteUserSessions(db, who.userId);
      await audit(db, {tenantId: null, actor: who.actor, action: 'sign-out-everywhere', kind: 'user', id: who.userId, after: {ended}});
      return c.json({ended}, 200, {...NO_STORE, 'Set-Cookie': clearedSessionCookie(secure)});
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/session/password',
      operationId: 'changePassword',
      summary: 'Change your password; your other sessions end',
      ...access('signed-in'),
      middleware: [authenticate(deps), jsonBody()] as const,
      request: {body: jsonRequest(PasswordChangeSchema)},
      responses: {204: {description: 'Changed'}, ...problems('sign-in-failed', 'validation', 'unsupported-media-type', ...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const who = sessionOf(c.get('principal'));
      const {currentPassword, newPassword} = c.req.valid('json');
      const user = (await findUser(db, who.userId))!;
      const accountKey = await limitKeyOf(normalizeEmail(user.email));
      const failures = await perAccount.get(accountKey);
      if (failures && failures.consumedPoints >= ACCOUNT_FAILURES) throw limited(new RateLimiterRes(0, failures.msBeforeNext));
      if (!(await verifyPassword(currentPassword, user.passwordHash))) {
        await perAccount.consume(accountKey).catch(() => {});
        throw new Problem('sign-in-failed', {detail: user.passwordHash ? 'The current password is not right.' : 'This account signs in through its provider and has no password.'});
      }
      const passwordHash = await hashPassword(newPassword);
      await db.transaction(async (tx) => {
        await tx.query('update users set password_hash = $2 where id = $1', [user.id, passwordHash]);
        await tx.query('delete from sessions where user_id = $1 and id_hash <> $2', [user.id, who.sessionHash]);
        await audit(tx, {tenantId: null, actor: who.actor, action: 'change-password', kind: 'user', id: user.id});
      });
      return c.body(null, 204, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/invitations/{token}',
      operationId: 'acceptInvitation',
      summary: 'Accept a one-time invitation: set a password, join the library and sign in',
      middleware: [jsonBody()] as const,
      request: {params: z.object({token: z.string()}), body: jsonRequest(AcceptInvitationSchema)},
      responses: {
        201: {description: 'Signed in', headers: {'Set-Cookie': {schema: {type: 'string'}}}, content: json(StaffSessionSchema)},
        ...problems('validation', 'invitation-invalid', 'unsupported-media-type', 'forbidden', 'rate-limited', 'internal'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const passwordHash = await hashPassword(body.password);
      const userId = await acceptInvitation(deps, c.req.valid('param').token, {passwordHash, name: body.name});
      return c.json(await startSession(c, (await findUser(db, userId))!), 201, NO_STORE);
    },
  );
  return app;
}
