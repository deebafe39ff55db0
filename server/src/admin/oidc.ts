import type {Configuration} from 'openid-client';
import {createRoute, z} from '@hono/zod-openapi';
import {getCookie} from 'hono/cookie';
import {accountFor, authorizationUrl, clearedStateCookie, findOidc, finish, issuerProblem, newFlow, OIDC_PATH, OIDC_STATE_COOKIE, OidcClients, openState, roleFrom, sealState, stateCookie} from '../auth/oidc.js';
import {access, authenticate, requireCapability, type AdminEnv} from '../auth/principal.js';
import {ROLES} from '../auth/roles.js';
import {createSession, sessionCookie} from '../auth/sessions.js';
import type {AppDeps} from '../deps.js';
import {apiApp, ID_PATTERN, json, jsonBody, jsonRequest, problems} from '../http/contract.js';
import {Problem, validationProblem} from '../http/problem.js';
import {audit} from './audit.js';
import {ADMIN_PROBLEMS, NO_STORE, newId, tenantParams, WRITE_PROBLEMS} from './http.js';

export const OidcSettingsSchema = z
  .strictObject({
    enabled: z.boolean(),
    issuer: z.string(),
    clientId: z.string(),
    hasClientSecret: z.boolean().openapi({description: 'The secret itself is never shown again'}),
    roleClaim: z.string(),
    roleMap: z.record(z.string(), z.enum(ROLES)),
    defaultRole: z.enum(ROLES).nullable(),
    signInUrl: z.string().openapi({description: 'Where the console sends staff to sign in through the provider'}),
    redirectUri: z.string().openapi({description: 'To register at the provider'}),
  })
  .openapi('OidcSettings');
export const OidcSettingsInputSchema = z
  .object({
    enabled: z.boolean().default(true),
    issuer: z.string().trim().max(500).openapi({example: 'https://login.microsoftonline.com/<tenant-id>/v2.0'}),
    clientId: z.string().trim().min(1).max(300),
    clientSecret: z.string().min(1).max(1000).optional().openapi({description: 'Required the first time; absent keeps the stored one'}),
    roleClaim: z.string().trim().min(1).max(100).default('roles').openapi({description: 'The claim whose values map to roles, e.g. roles or groups'}),
    roleMap: z.record(z.string().max(300), z.enum(ROLES)).default({}).openapi({description: 'Claim value to role; the strongest match wins'}),
    defaultRole: z.enum(ROLES).nullable().default(null).openapi({description: 'The role when no value matches; null refuses the sign-in'}),
  })
  .openapi('OidcSettingsInput');

export function oidcApi(deps: AppDeps) {
  const {db, secrets, config} = deps;
  const app = apiApp<AdminEnv>();
  const clients = new OidcClients(config.oidcAllowHttp);
  const secure = config.publicUrl.startsWith('https:');
  const redirectUri = (tenant: string) => `${config.publicUrl}${OIDC_PATH}/${tenant}/callback`;
  const manage = [authenticate(deps), requireCapability(deps, 'manage')] as const;
  const view = (s: NonNullable<Awaited<ReturnType<typeof findOidc>>>) => ({
    enabled: s.enabled,
    issuer: s.issuer,
    clientId: s.clientId,
    hasClientSecret: s.clientSecret !== '',
    roleClaim: s.roleClaim,
    roleMap: s.roleMap,
    defaultRole: s.defaultRole,
    signInUrl: `${config.publicUrl}${OIDC_PATH}/${s.tenantId}/start`,
    redirectUri: redirectUri(s.tenantId),
  });
  const tenantOf = (raw: string) => {
    if (!ID_PATTERN.test(raw)) throw new Problem('not-found', {detail: 'No such library.'});
    return raw;
  };
  const settingsOf = async (tenant: string) => {
    const settings = await findOidc(db, tenantOf(tenant));
    if (!settings?.enabled) throw new Problem('not-found', {detail: `The library "${tenant}" has no OpenID sign-in.`});
    return settings;
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/oidc',
      operationId: 'adminGetOidc',
      summary: "The library's OpenID Connect sign-in (without the client secret)",
      ...access('manage'),
      middleware: [...manage] as const,
      request: {params: tenantParams},
      responses: {200: {description: 'Settings', content: json(OidcSettingsSchema)}, ...problems(...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const settings = await findOidc(db, c.req.valid('param').tenant);
      if (!settings) throw new Problem('not-found', {detail: 'No OpenID sign-in is configured.'});
      return c.json(view(settings), 200, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/tenants/{tenant}/oidc',
      operationId: 'adminSetOidc',
      summary: "Configure the library's OpenID Connect sign-in (e.g. its Entra ID tenant)",
      description:
        "The issuer must be https://, the organisation's own (never Entra's /common, /organizations or /consumers) and resolve to public addresses only: " +
        'a loopback, private, link-local, unspecified or multicast address is refused as `validation` on `/issuer`, and every request to the provider checks it again.',
      ...access('manage'),
      middleware: [...manage, jsonBody()] as const,
      request: {params: tenantParams, body: jsonRequest(OidcSettingsInputSchema)},
      responses: {200: {description: 'Saved', content: json(OidcSettingsSchema)}, ...problems(...WRITE_PROBLEMS)},
    }),
    async (c) => {
      const {tenant} = c.req.valid('param');
      const body = c.req.valid('json');
      const problem = await issuerProblem(body.issuer, config.oidcAllowHttp);
      if (problem) throw validationProblem([{path: '/issuer', message: problem}]);
      const saved = await db.transaction(async (tx) => {
        const before = await findOidc(tx, tenant);
        const secret = body.clientSecret ?? before?.clientSecret;
        if (!secret) throw validationProblem([{path: '/clientSecret', message: 'Required the first time'}]);
        await tx.query(
          `insert into tenant_oidc (tenant_id, enabled, issuer, client_id, client_secret, role_claim, role_map, default_role)
           values ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8)
           on conflict (tenant_id) do update set enabled = excluded.enabled, issuer = excluded.issuer, client_id = excluded.client_id,
             client_secret = excluded.client_secret, role_claim = excluded.role_claim, role_map = excluded.role_map,
             default_role = excluded.default_role, version = tenant_oidc.version + 1`,
          [tenant, body.enabled, body.issuer, body.clientId, secret, body.roleClaim, JSON.stringify(body.roleMap), body.defaultRole],
        );
        const after = view((await findOidc(tx, tenant))!);
        await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: before ? 'update' : 'create', kind: 'oidc', id: tenant, before: before ? view(before) : null, after});
        return after;
      });
      return c.json(saved, 200, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/oidc/{tenant}/start',
      operationId: 'oidcStart',
      summary: "Sign in through the library's OpenID provider: redirects there, with a short-lived SameSite=Lax state cookie",
      request: {params: tenantParams},
      responses: {302: {description: 'To the provider'}, ...problems('not-found', 'rate-limited', 'provider-unavailable', 'internal')},
    }),
    async (c) => {
      const tenant = c.req.valid('param').tenant;
      const settings = await settingsOf(tenant);
      const flow = newFlow();
      let configuration: Configuration;
      try {
        configuration = await clients.configuration(settings);
      } catch (error) {
        // Discovery failed: the provider is down, unreachable, or its address is not a public one.
        console.error(`kirjasto: OpenID discovery for ${tenant} at ${settings.issuer} failed:`, error instanceof Error ? error.message : error);
        throw new Problem('provider-unavailable', {detail: "The library's sign-in service did not answer. Try again in a moment, or sign in with your email address and password."});
      }
      const url = await authorizationUrl(configuration, redirectUri(tenant), flow);
      c.header('Set-Cookie', stateCookie(await sealState(secrets, {tenant, ...flow}), secure));
      c.header('Cache-Control', 'no-store');
      return c.redirect(url.href, 302);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/oidc/{tenant}/callback',
      operationId: 'oidcCallback',
      summary: 'Where the provider sends staff back: checks state, nonce and PKCE, maps the role claim, sets the SameSite=Strict session cookie',
      request: {params: tenantParams, query: z.object({code: z.string().optional(), state: z.string().optional(), error: z.string().optional()})},
      responses: {303: {description: 'Signed in: to the console'}, ...problems('sign-in-failed', 'forbidden', 'not-found', 'rate-limited', 'internal')},
    }),
    async (c) => {
      const tenant = c.req.valid('param').tenant;
      const settings = await settingsOf(tenant);
      const flow = await openState(secrets, getCookie(c, OIDC_STATE_COOKIE), tenant);
      const callbackUrl = new URL(`${redirectUri(tenant)}${new URL(c.req.url).search}`);
      let claims: Record<string, unknown>;
      try {
        claims = await finish(await clients.configuration(settings), callbackUrl, flow);
      } catch (error) {
        console.error(`kirjasto: OpenID sign-in for ${tenant} failed:`, error instanceof Error ? error.message : error);
        throw new Problem('sign-in-failed', {detail: 'The provider did not confirm the sign-in; start it again.'});
      }
      const role = roleFrom(settings, claims);
      if (!role) throw new Problem('forbidden', {detail: `Your account has no role in this library (claim "${settings.roleClaim}"); ask its owner.`});
      const cookie = await db.transaction(async (tx) => {
        const user = await accountFor(tx, settings, claims, role, () => newId('usr'));
        await audit(tx, {tenantId: tenant, actor: user.email, action: 'oidc-sign-in', kind: 'user', id: user.id, after: {role}});
        return (await createSession(tx, secrets, user.id, tenant)).cookie;
      });
      c.header('Set-Cookie', clearedStateCookie(secure), {append: true});
      c.header('Set-Cookie', sessionCookie(cookie, secure), {append: true});
      c.header('Cache-Control', 'no-store');
      return c.redirect(`${config.publicUrl}/admin/`, 303);
    },
  );
  return app;
}
