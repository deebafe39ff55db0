import {createRoute, z} from '@hono/zod-openapi';
import {access, authenticate, requireCapability, type AdminEnv} from '../auth/principal.js';
import type {Queryable} from '../db/db.js';
import type {AppDeps} from '../deps.js';
import {apiApp, ID_PATTERN, json, jsonBody, jsonRequest, problems, type Text, TextSchema} from '../http/contract.js';
import {Problem, validationProblem} from '../http/problem.js';
import {DEFAULT_MAX_LENGTH, IDEA_MIN_LENGTH, MODERATIONS, type Category} from '../ideas/schema.js';
import {audit} from './audit.js';
import {createdHeaders, CREATED_HEADERS, createHeaders, createOnce} from './idempotency.js';
import {nonEmptyText, registerDelete, registerGet, scheduleAfter, stewardFields, stewardOf, stewardView, type StewardRow} from './content.js';
import {ADMIN_PROBLEMS, assertIfMatch, EDIT_PROBLEMS, ETAG_HEADER, etagHeaders, etagOf, idOf, ifMatchHeaders, newId, NO_STORE, rethrowIdTaken, slugField, tenantIdParams, tenantParams, WRITE_PROBLEMS} from './http.js';

const MAX_LENGTH_MAX = 4000;
const CATEGORIES_MAX = 20;

const boxFields = {
  topic: nonEmptyText(),
  description: TextSchema.nullable(),
  categories: z
    .array(z.object({id: z.string().regex(ID_PATTERN, '1–128 characters of A–Z, a–z, 0–9, _ . : and -').optional(), label: nonEmptyText()}))
    .max(CATEGORIES_MAX),
  moderation: z.enum(MODERATIONS).openapi({description: 'pre: ideas wait for a moderator; post: shown at once, hidden if need be'}),
  maxLength: z.number().int().min(IDEA_MIN_LENGTH).max(MAX_LENGTH_MAX),
  allowContact: z.boolean(),
};

export const NewIdeaBoxSchema = z
  .object({
    id: slugField('idea box').optional(),
    topic: boxFields.topic,
    description: boxFields.description.optional(),
    categories: boxFields.categories.default([]),
    moderation: boxFields.moderation.default('pre'),
    maxLength: boxFields.maxLength.default(DEFAULT_MAX_LENGTH),
    allowContact: boxFields.allowContact.default(false),
    ...stewardFields,
  })
  .openapi('NewIdeaBox');
export const IdeaBoxPatchSchema = z
  .object({
    topic: boxFields.topic.optional(),
    description: boxFields.description.optional(),
    categories: boxFields.categories.optional().openapi({description: 'The whole list; a category ideas were filed under cannot be removed'}),
    moderation: boxFields.moderation.optional(),
    maxLength: boxFields.maxLength.optional(),
    allowContact: boxFields.allowContact.optional(),
    ...stewardFields,
  })
  .openapi('IdeaBoxPatch');
export const AdminIdeaBoxSchema = z
  .strictObject({
    id: z.string(),
    topic: TextSchema,
    description: TextSchema.nullable(),
    categories: z.array(z.strictObject({id: z.string(), label: TextSchema})),
    moderation: z.enum(MODERATIONS),
    maxLength: z.number().int(),
    allowContact: z.boolean(),
    pending: z.number().int().min(0).openapi({description: 'Ideas waiting for moderation'}),
    ...stewardView,
  })
  .openapi('AdminIdeaBox');

interface BoxRow extends StewardRow {
  id: string;
  topic: Text;
  description: Text | null;
  categories: Category[];
  moderation: (typeof MODERATIONS)[number];
  max_length: number;
  allow_contact: boolean;
  answers: number | string;
  pending: number | string;
}

const SELECT = `
  select b.id, b.topic, b.description, b.categories, b.moderation, b.max_length, b.allow_contact, b.opens_at, b.closes_at,
         b.archived, b.publish_results, b.version,
         (select count(*) from ideas i where i.box_id = b.id) as answers,
         (select count(*) from ideas i where i.box_id = b.id and i.state = 'pending') as pending
    from idea_boxes b where b.tenant_id = $1`;

const find = async (db: Queryable, tenantId: string, id: string, lock = false) => {
  if (lock) await db.query('select 1 from idea_boxes where tenant_id = $1 and id = $2 for update', [tenantId, id]);
  return (await db.query<BoxRow>(`${SELECT} and b.id = $2`, [tenantId, idOf(id, 'idea box')]))[0];
};
const view = (r: BoxRow) => ({
  id: r.id,
  topic: r.topic,
  description: r.description,
  categories: r.categories,
  moderation: r.moderation,
  maxLength: Number(r.max_length),
  allowContact: r.allow_contact,
  pending: Number(r.pending),
  ...stewardOf(r, Number(r.answers)),
});
const notFound = (id: string) => new Problem('not-found', {detail: `There is no idea box "${id}" in this library.`});

function withCategoryIds(categories: {id?: string; label: Text}[]): Category[] {
  const seen = new Set<string>();
  return categories.map((category, i) => {
    const id = category.id ?? newId('cat');
    if (seen.has(id)) throw validationProblem([{path: `/categories/${i}/id`, message: 'Category ids must be unique'}]);
    seen.add(id);
    return {id, label: category.label};
  });
}

export function ideaBoxAdminApi(deps: AppDeps) {
  const {db} = deps;
  const app = apiApp<AdminEnv>();
  const guard = (capability: 'read' | 'edit') => [authenticate(deps), requireCapability(deps, capability)] as const;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/idea-boxes',
      operationId: 'adminListIdeaBoxes',
      summary: "The library's idea boxes, newest first, with what waits for moderation",
      ...access('read'),
      middleware: [...guard('read')] as const,
      request: {params: tenantParams, query: z.object({archived: z.enum(['true', 'false', 'all']).default('false')})},
      responses: {200: {description: 'Idea boxes', content: json(z.object({ideaBoxes: z.array(AdminIdeaBoxSchema)}).openapi('AdminIdeaBoxes'))}, ...problems('validation', ...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const {archived} = c.req.valid('query');
      const rows = await db.query<BoxRow>(`${SELECT} and ($2 = 'all' or b.archived = ($2 = 'true')) order by b.created_at desc, b.id`, [c.req.valid('param').tenant, archived]);
      return c.json({ideaBoxes: rows.map(view)}, 200, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/tenants/{tenant}/idea-boxes',
      operationId: 'adminCreateIdeaBox',
      summary: 'Create an idea box',
      ...access('edit'),
      middleware: [...guard('edit'), jsonBody()] as const,
      request: {params: tenantParams, headers: createHeaders, body: jsonRequest(NewIdeaBoxSchema)},
      responses: {201: {description: 'Created', headers: CREATED_HEADERS, content: json(AdminIdeaBoxSchema)}, ...problems('id-taken', 'idempotency-key-reused', ...WRITE_PROBLEMS)},
    }),
    async (c) => {
      const {tenant} = c.req.valid('param');
      const body = c.req.valid('json');
      const id = body.id ?? newId('ideas');
      const categories = withCategoryIds(body.categories);
      const {opensAt, closesAt} = scheduleAfter(undefined, body);
      const {value, replayed} = await createOnce(c, deps, body, async (tx) => {
          await tx.query(
            `insert into idea_boxes (id, tenant_id, topic, description, categories, moderation, max_length, allow_contact, opens_at, closes_at, archived, publish_results)
             values ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, $9, $10, $11, $12)`,
            [id, tenant, body.topic, body.description ?? null, JSON.stringify(categories), body.moderation, body.maxLength, body.allowContact,
              opensAt.toISOString(), closesAt?.toISOString() ?? null, body.archived ?? false, body.publishResults ?? false],
          );
          const created = (await find(tx, tenant, id))!;
          await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'create', kind: 'idea-box', id, after: view(created)});
          return {box: view(created), version: created.version};
        })
        .catch(rethrowIdTaken(id));
      return c.json(value.box, 201, createdHeaders(replayed, {ETag: etagOf(value.version)}));
    },
  );

  registerGet(app, deps, {path: '/tenants/{tenant}/idea-boxes/{id}', operationId: 'adminGetIdeaBox', summary: 'An idea box as stored, with its ETag', what: 'idea box', schema: AdminIdeaBoxSchema, find, view});

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/tenants/{tenant}/idea-boxes/{id}',
      operationId: 'adminUpdateIdeaBox',
      summary: 'Change an idea box',
      ...access('edit'),
      middleware: [...guard('edit'), jsonBody()] as const,
      request: {params: tenantIdParams, headers: ifMatchHeaders, body: jsonRequest(IdeaBoxPatchSchema)},
      responses: {200: {description: 'Saved', headers: ETAG_HEADER, content: json(AdminIdeaBoxSchema)}, ...problems('has-answers', ...EDIT_PROBLEMS)},
    }),
    async (c) => {
      const {tenant, id} = c.req.valid('param');
      const patch = c.req.valid('json');
      const row = await db.transaction(async (tx) => {
        const before = await find(tx, tenant, id, true);
        if (!before) throw notFound(id);
        assertIfMatch(c, before.version);
        const categories = patch.categories ? withCategoryIds(patch.categories) : before.categories;
        const kept = new Set(categories.map((k) => k.id));
        const gone = before.categories.filter((k) => !kept.has(k.id)).map((k) => k.id);
        if (gone.length > 0) {
          const [used] = await tx.query<{category: string}>('select category from ideas where box_id = $1 and category = any($2::text[]) limit 1', [id, gone]);
          if (used) throw new Problem('has-answers', {detail: `Ideas were filed under the category "${used.category}"; rename it instead of removing it.`, extensions: {categoryId: used.category}});
        }
        const {opensAt, closesAt} = scheduleAfter({opensAt: new Date(before.opens_at), closesAt: before.closes_at === null ? null : new Date(before.closes_at)}, patch);
        await tx.query(
          `update idea_boxes set topic = $3, description = $4, categories = $5::text::jsonb, moderation = $6, max_length = $7, allow_contact = $8,
                  opens_at = $9, closes_at = $10, archived = $11, publish_results = $12, version = version + 1
            where tenant_id = $1 and id = $2`,
          [tenant, id, patch.topic ?? before.topic, patch.description !== undefined ? patch.description : before.description, JSON.stringify(categories),
            patch.moderation ?? before.moderation, patch.maxLength ?? before.max_length, patch.allowContact ?? before.allow_contact,
            opensAt.toISOString(), closesAt?.toISOString() ?? null, patch.archived ?? before.archived, patch.publishResults ?? before.publish_results],
        );
        const after = (await find(tx, tenant, id))!;
        await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'update', kind: 'idea-box', id, before: view(before), after: view(after)});
        return after;
      });
      return c.json(view(row), 200, etagHeaders(row.version));
    },
  );
  registerDelete(app, deps, {kind: 'idea-box', path: '/tenants/{tenant}/idea-boxes/{id}', find, answers: (row) => Number(row.answers), view});
  return app;
}
