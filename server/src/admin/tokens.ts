import {createRoute, z} from '@hono/zod-openapi';
import {access, authenticate, requireCapability, type AdminEnv} from '../auth/principal.js';
import {TOKEN_ROLES} from '../auth/roles.js';
import {createApiToken, listTokens, reissueApiToken, revokeToken, type ApiToken} from '../auth/tokens.js';
import type {AppDeps} from '../deps.js';
import {apiApp, dateTime, json, jsonBody, jsonRequest, problems} from '../http/contract.js';
import {Problem} from '../http/problem.js';
import {audit} from './audit.js';
import {createdHeaders, CREATED_HEADERS, createHeaders, createOnce} from './idempotency.js';
import {ADMIN_PROBLEMS, idOf, NO_STORE, tenantIdParams, tenantParams, WRITE_PROBLEMS} from './http.js';

export const ApiTokenSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    roles: z.array(z.enum(TOKEN_ROLES)),
    createdBy: z.string(),
    createdAt: dateTime(),
    lastUsedAt: dateTime().nullable(),
    revokedAt: dateTime().nullable(),
  })
  .openapi('ApiToken');
export const NewApiTokenSchema = z
  .object({name: z.string().trim().min(1).max(100), roles: z.array(z.enum(TOKEN_ROLES)).min(1).max(TOKEN_ROLES.length)})
  .openapi('NewApiToken', {description: 'A token acts with its roles in this library only; it never manages users, tokens or settings.'});
export const CreatedApiTokenSchema = z
  .strictObject({token: z.string().openapi({description: 'Shown once: only its hash is kept'}), apiToken: ApiTokenSchema})
  .openapi('CreatedApiToken');

const view = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  roles: t.roles.filter((r): r is (typeof TOKEN_ROLES)[number] => (TOKEN_ROLES as readonly string[]).includes(r)),
  createdBy: t.createdBy,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

export function tokenApi(deps: AppDeps) {
  const {db, secrets} = deps;
  const app = apiApp<AdminEnv>();
  const manage = [authenticate(deps), requireCapability(deps, 'manage')] as const;
  const reissue = (tenant: string, id: string, actor: string) =>
    db.transaction(async (tx) => {
      const token = await reissueApiToken(tx, secrets, tenant, id);
      if (!token) throw new Problem('not-found', {detail: `The token "${id}" made with this Idempotency-Key was revoked since; make a new one.`});
      await audit(tx, {tenantId: tenant, actor, action: 'reissue', kind: 'token', id});
      return token;
    });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/tokens',
      operationId: 'adminListTokens',
      summary: "The library's API tokens (never the tokens themselves)",
      ...access('manage'),
      middleware: [...manage] as const,
      request: {params: tenantParams},
      responses: {200: {description: 'Tokens', content: json(z.object({tokens: z.array(ApiTokenSchema)}).openapi('ApiTokens'))}, ...problems(...ADMIN_PROBLEMS)},
    }),
    async (c) => c.json({tokens: (await listTokens(db, c.req.valid('param').tenant)).map(view)}, 200, NO_STORE),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/tenants/{tenant}/tokens',
      operationId: 'adminCreateToken',
      summary: 'Make a named API token with roles; the answer is the only time the token is shown',
      ...access('manage'),
      middleware: [...manage, jsonBody()] as const,
      request: {params: tenantParams, headers: createHeaders, body: jsonRequest(NewApiTokenSchema)},
      responses: {
        201: {description: 'Created. A replay by Idempotency-Key answers the same token with a new secret (the first was never kept in clear and stops working).', headers: CREATED_HEADERS, content: json(CreatedApiTokenSchema)},
        ...problems('idempotency-key-reused', ...WRITE_PROBLEMS),
      },
    }),
    async (c) => {
      const {tenant} = c.req.valid('param');
      const body = c.req.valid('json');
      const actor = c.get('principal').actor;
      let minted: string | undefined;
      const {value, replayed} = await createOnce(c, deps, body, async (tx) => {
        const {id, token} = await createApiToken(tx, secrets, {tenantId: tenant, name: body.name, roles: [...new Set(body.roles)], createdBy: actor});
        minted = token;
        const apiToken = view((await listTokens(tx, tenant)).find((t) => t.id === id)!);
        await audit(tx, {tenantId: tenant, actor, action: 'create', kind: 'token', id, after: apiToken});
        return {apiToken};
      });
      const token = minted ?? (await reissue(tenant, value.apiToken.id, actor));
      return c.json({token, apiToken: value.apiToken}, 201, createdHeaders(replayed));
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/tenants/{tenant}/tokens/{id}',
      operationId: 'adminRevokeToken',
      summary: 'Revoke an API token: it stops working at once',
      ...access('manage'),
      middleware: [...manage] as const,
      request: {params: tenantIdParams},
      responses: {204: {description: 'Revoked'}, ...problems(...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const {tenant, id} = c.req.valid('param');
      await db.transaction(async (tx) => {
        const before = await revokeToken(tx, tenant, idOf(id, 'token'));
        if (!before) throw new Problem('not-found', {detail: `There is no token "${id}" in this library.`});
        if (before.revokedAt === null) await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'revoke', kind: 'token', id, before: view(before)});
      });
      return c.body(null, 204, NO_STORE);
    },
  );
  return app;
}
