import {createRoute, z} from '@hono/zod-openapi';
import {access, authenticate, requireCapability, type AdminEnv} from '../auth/principal.js';
import type {Queryable} from '../db/db.js';
import type {AppDeps} from '../deps.js';
import {apiApp, json, jsonBody, jsonRequest, problems, TextSchema} from '../http/contract.js';
import {Problem} from '../http/problem.js';
import {audit} from './audit.js';
import {createdHeaders, CREATED_HEADERS, createHeaders, createOnce} from './idempotency.js';
import {registerGet} from './content.js';
import {ADMIN_PROBLEMS, assertIfMatch, EDIT_PROBLEMS, ETAG_HEADER, etagHeaders, etagOf, idOf, ifMatchHeaders, newId, NO_STORE, rethrowIdTaken, slugField, tenantIdParams, tenantParams, WRITE_PROBLEMS} from './http.js';

const nonEmptyText = () => TextSchema.refine((t) => Object.values(t).some((s) => s.trim() !== ''), 'A text in at least one language');

export const BranchSchema = z.strictObject({id: z.string(), name: TextSchema, address: z.string()}).openapi('Branch');
export const NewBranchSchema = z
  .object({id: slugField('branch').optional(), name: nonEmptyText(), address: z.string().trim().max(500).default('')})
  .openapi('NewBranch');
export const BranchPatchSchema = z.object({name: nonEmptyText().optional(), address: z.string().trim().max(500).optional()}).openapi('BranchPatch');

interface BranchRow {
  id: string;
  name: Record<string, string>;
  address: string;
  version: number;
}
const view = (r: BranchRow) => ({id: r.id, name: r.name, address: r.address});
const find = async (db: Queryable, tenantId: string, id: string, lock = false) =>
  (await db.query<BranchRow>(`select id, name, address, version from branches where tenant_id = $1 and id = $2${lock ? ' for update' : ''}`, [tenantId, idOf(id, 'branch')]))[0];
const notFound = (id: string) => new Problem('not-found', {detail: `There is no branch "${id}" in this library.`});

export function branchApi(deps: AppDeps) {
  const {db} = deps;
  const app = apiApp<AdminEnv>();
  const guard = (capability: 'read' | 'manage') => [authenticate(deps), requireCapability(deps, capability)] as const;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/branches',
      operationId: 'adminListBranches',
      summary: "The library's branches",
      ...access('read'),
      middleware: [...guard('read')] as const,
      request: {params: tenantParams},
      responses: {200: {description: 'Branches', content: json(z.object({branches: z.array(BranchSchema)}).openapi('Branches'))}, ...problems(...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const rows = await db.query<BranchRow>('select id, name, address, version from branches where tenant_id = $1 order by id', [c.req.valid('param').tenant]);
      return c.json({branches: rows.map(view)}, 200, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/tenants/{tenant}/branches',
      operationId: 'adminCreateBranch',
      summary: 'Add a branch',
      ...access('manage'),
      middleware: [...guard('manage'), jsonBody()] as const,
      request: {params: tenantParams, headers: createHeaders, body: jsonRequest(NewBranchSchema)},
      responses: {201: {description: 'Created', headers: CREATED_HEADERS, content: json(BranchSchema)}, ...problems('id-taken', 'idempotency-key-reused', ...WRITE_PROBLEMS)},
    }),
    async (c) => {
      const {tenant} = c.req.valid('param');
      const body = c.req.valid('json');
      const id = body.id ?? newId(tenant);
      const {value, replayed} = await createOnce(c, deps, body, async (tx) => {
          await tx.query('insert into branches (id, tenant_id, name, address) values ($1, $2, $3, $4)', [id, tenant, body.name, body.address]);
          const row = (await find(tx, tenant, id))!;
          await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'create', kind: 'branch', id, after: view(row)});
          return {branch: view(row), version: row.version};
        })
        .catch(rethrowIdTaken(id));
      return c.json(value.branch, 201, createdHeaders(replayed, {ETag: etagOf(value.version)}));
    },
  );

  registerGet(app, deps, {path: '/tenants/{tenant}/branches/{id}', operationId: 'adminGetBranch', summary: 'A branch, with its ETag', what: 'branch', schema: BranchSchema, find, view});

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/tenants/{tenant}/branches/{id}',
      operationId: 'adminUpdateBranch',
      summary: "Change a branch's names or address",
      ...access('manage'),
      middleware: [...guard('manage'), jsonBody()] as const,
      request: {params: tenantIdParams, headers: ifMatchHeaders, body: jsonRequest(BranchPatchSchema)},
      responses: {200: {description: 'Saved', headers: ETAG_HEADER, content: json(BranchSchema)}, ...problems(...EDIT_PROBLEMS)},
    }),
    async (c) => {
      const {tenant, id} = c.req.valid('param');
      const patch = c.req.valid('json');
      const row = await db.transaction(async (tx) => {
        const before = await find(tx, tenant, id, true);
        if (!before) throw notFound(id);
        assertIfMatch(c, before.version);
        await tx.query('update branches set name = $3, address = $4, version = version + 1 where tenant_id = $1 and id = $2', [tenant, id, patch.name ?? before.name, patch.address ?? before.address]);
        const after = (await find(tx, tenant, id))!;
        await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'update', kind: 'branch', id, before: view(before), after: view(after)});
        return after;
      });
      return c.json(view(row), 200, etagHeaders(row.version));
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/tenants/{tenant}/branches/{id}',
      operationId: 'adminDeleteBranch',
      summary: 'Remove a branch (answers given there keep their counts, without the branch)',
      ...access('manage'),
      middleware: [...guard('manage')] as const,
      request: {params: tenantIdParams, headers: ifMatchHeaders},
      responses: {204: {description: 'Removed'}, ...problems(...EDIT_PROBLEMS)},
    }),
    async (c) => {
      const {tenant, id} = c.req.valid('param');
      await db.transaction(async (tx) => {
        const before = await find(tx, tenant, id, true);
        if (!before) throw notFound(id);
        assertIfMatch(c, before.version);
        await tx.query('delete from branches where tenant_id = $1 and id = $2', [tenant, id]);
        await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'delete', kind: 'branch', id, before: view(before)});
      });
      return c.body(null, 204, NO_STORE);
    },
  );
  return app;
}
