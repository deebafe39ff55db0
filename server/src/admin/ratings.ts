import {createRoute, z} from '@hono/zod-openapi';
import {access, authenticate, requireCapability, type AdminEnv} from '../auth/principal.js';
import type {Queryable} from '../db/db.js';
import type {AppDeps} from '../deps.js';
import {apiApp, json, jsonBody, jsonRequest, problems, type Text, TextSchema} from '../http/contract.js';
import {Problem, validationProblem} from '../http/problem.js';
import {readRatingCounts} from '../counting/counts.js';
import {COMMENT_MAX, COMMENT_MODES, SCALE_RANGES, SCALES, type CommentMode, type Scale} from '../ratings/schema.js';
import {audit} from './audit.js';
import {createdHeaders, CREATED_HEADERS, createHeaders, createOnce} from './idempotency.js';
import {nonEmptyText, registerDelete, registerGet, scheduleAfter, stewardFields, stewardOf, stewardView, type StewardRow} from './content.js';
import {ADMIN_PROBLEMS, assertIfMatch, EDIT_PROBLEMS, ETAG_HEADER, etagHeaders, etagOf, idOf, ifMatchHeaders, newId, NO_STORE, rethrowIdTaken, slugField, tenantIdParams, tenantParams, WRITE_PROBLEMS} from './http.js';

const ratingFields = {
  question: nonEmptyText(),
  scale: z.enum(SCALES),
  comment: z.enum(COMMENT_MODES).openapi({description: 'off, always, or after-low (a score at or below lowThreshold)'}),
  lowThreshold: z.number().int().nullable(),
  commentMaxLength: z.number().int().min(1).max(COMMENT_MAX),
};

export const NewRatingSchema = z
  .object({
    id: slugField('rating').optional(),
    ...ratingFields,
    comment: ratingFields.comment.default('off'),
    lowThreshold: ratingFields.lowThreshold.optional(),
    commentMaxLength: ratingFields.commentMaxLength.default(500),
    ...stewardFields,
  })
  .openapi('NewRating');
export const RatingPatchSchema = z
  .object({
    question: ratingFields.question.optional(),
    scale: ratingFields.scale.optional().openapi({description: 'Only while it has no responses'}),
    comment: ratingFields.comment.optional(),
    lowThreshold: ratingFields.lowThreshold.optional(),
    commentMaxLength: ratingFields.commentMaxLength.optional(),
    ...stewardFields,
  })
  .openapi('RatingPatch');
export const AdminRatingSchema = z
  .strictObject({
    id: z.string(),
    question: TextSchema,
    scale: z.enum(SCALES),
    comment: z.enum(COMMENT_MODES),
    lowThreshold: z.number().int().nullable(),
    commentMaxLength: z.number().int(),
    ...stewardView,
  })
  .openapi('AdminRating');

interface RatingRow extends StewardRow {
  id: string;
  question: Text;
  scale: Scale;
  comment_mode: CommentMode;
  low_threshold: number | null;
  comment_max_length: number;
  answers: number | string;
}

const SELECT = `
  select r.id, r.question, r.scale, r.comment_mode, r.low_threshold, r.comment_max_length, r.opens_at, r.closes_at,
         r.archived, r.publish_results, r.version
    from ratings r where r.tenant_id = $1`;

/** Answers as the summary counts them (the rating store owns counting), never by scanning responses. */
const withAnswers = async (db: Queryable, row: RatingRow): Promise<RatingRow> => ({...row, answers: (await readRatingCounts(db, row.id)).reduce((n, r) => n + r.count, 0)});

const find = async (db: Queryable, tenantId: string, id: string, lock = false) => {
  if (lock) await db.query('select 1 from ratings where tenant_id = $1 and id = $2 for update', [tenantId, id]);
  const [row] = await db.query<RatingRow>(`${SELECT} and r.id = $2`, [tenantId, idOf(id, 'rating')]);
  return row && withAnswers(db, row);
};
const view = (r: RatingRow) => ({
  id: r.id,
  question: r.question,
  scale: r.scale,
  comment: r.comment_mode,
  lowThreshold: r.low_threshold === null ? null : Number(r.low_threshold),
  commentMaxLength: Number(r.comment_max_length),
  ...stewardOf(r, Number(r.answers)),
});
const notFound = (id: string) => new Problem('not-found', {detail: `There is no rating "${id}" in this library.`});

/** after-low needs a threshold inside the scale. */
function checkComment(scale: Scale, comment: CommentMode, lowThreshold: number | null): void {
  if (comment !== 'after-low') return;
  const {min, max} = SCALE_RANGES[scale];
  if (lowThreshold === null || lowThreshold < min || lowThreshold >= max) {
    throw validationProblem([{path: '/lowThreshold', message: `With comment after-low: a score from ${min} to ${max - 1}`}]);
  }
}

export function ratingAdminApi(deps: AppDeps) {
  const {db} = deps;
  const app = apiApp<AdminEnv>();
  const guard = (capability: 'read' | 'edit') => [authenticate(deps), requireCapability(deps, capability)] as const;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/ratings',
      operationId: 'adminListRatings',
      summary: "The library's rating prompts, newest first",
      ...access('read'),
      middleware: [...guard('read')] as const,
      request: {params: tenantParams, query: z.object({archived: z.enum(['true', 'false', 'all']).default('false')})},
      responses: {200: {description: 'Ratings', content: json(z.object({ratings: z.array(AdminRatingSchema)}).openapi('AdminRatings'))}, ...problems('validation', ...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const {archived} = c.req.valid('query');
      const rows = await db.query<RatingRow>(`${SELECT} and ($2 = 'all' or r.archived = ($2 = 'true')) order by r.created_at desc, r.id`, [c.req.valid('param').tenant, archived]);
      const counted = await Promise.all(rows.map((row) => withAnswers(db, row)));
      return c.json({ratings: counted.map(view)}, 200, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/tenants/{tenant}/ratings',
      operationId: 'adminCreateRating',
      summary: 'Create a rating prompt',
      ...access('edit'),
      middleware: [...guard('edit'), jsonBody()] as const,
      request: {params: tenantParams, headers: createHeaders, body: jsonRequest(NewRatingSchema)},
      responses: {201: {description: 'Created', headers: CREATED_HEADERS, content: json(AdminRatingSchema)}, ...problems('id-taken', 'idempotency-key-reused', ...WRITE_PROBLEMS)},
    }),
    async (c) => {
      const {tenant} = c.req.valid('param');
      const body = c.req.valid('json');
      const id = body.id ?? newId('rating');
      const lowThreshold = body.lowThreshold ?? null;
      checkComment(body.scale, body.comment, lowThreshold);
      const {opensAt, closesAt} = scheduleAfter(undefined, body);
      const {value, replayed} = await createOnce(c, deps, body, async (tx) => {
          await tx.query(
            `insert into ratings (id, tenant_id, question, scale, comment_mode, low_threshold, comment_max_length, opens_at, closes_at, archived, publish_results)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
            [id, tenant, body.question, body.scale, body.comment, lowThreshold, body.commentMaxLength, opensAt.toISOString(), closesAt?.toISOString() ?? null, body.archived ?? false, body.publishResults ?? false],
          );
          const created = (await find(tx, tenant, id))!;
          await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'create', kind: 'rating', id, after: view(created)});
          return {rating: view(created), version: created.version};
        })
        .catch(rethrowIdTaken(id));
      return c.json(value.rating, 201, createdHeaders(replayed, {ETag: etagOf(value.version)}));
    },
  );

  registerGet(app, deps, {path: '/tenants/{tenant}/ratings/{id}', operationId: 'adminGetRating', summary: 'A rating prompt as stored, with its ETag', what: 'rating', schema: AdminRatingSchema, find, view});

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/tenants/{tenant}/ratings/{id}',
      operationId: 'adminUpdateRating',
      summary: 'Change a rating prompt (the scale only while it has no responses)',
      ...access('edit'),
      middleware: [...guard('edit'), jsonBody()] as const,
      request: {params: tenantIdParams, headers: ifMatchHeaders, body: jsonRequest(RatingPatchSchema)},
      responses: {200: {description: 'Saved', headers: ETAG_HEADER, content: json(AdminRatingSchema)}, ...problems('has-answers', ...EDIT_PROBLEMS)},
    }),
    async (c) => {
      const {tenant, id} = c.req.valid('param');
      const patch = c.req.valid('json');
      const row = await db.transaction(async (tx) => {
        const before = await find(tx, tenant, id, true);
        if (!before) throw notFound(id);
        assertIfMatch(c, before.version);
        const scale = patch.scale ?? before.scale;
        if (scale !== before.scale && Number(before.answers) > 0) {
          throw new Problem('has-answers', {detail: `The rating has ${before.answers} responses on the ${before.scale} scale; make a new rating for another scale.`});
        }
        const comment = patch.comment ?? before.comment_mode;
        const lowThreshold = patch.lowThreshold !== undefined ? patch.lowThreshold : before.low_threshold;
        checkComment(scale, comment, lowThreshold === null ? null : Number(lowThreshold));
        const {opensAt, closesAt} = scheduleAfter({opensAt: new Date(before.opens_at), closesAt: before.closes_at === null ? null : new Date(before.closes_at)}, patch);
        await tx.query(
          `update ratings set question = $3, scale = $4, comment_mode = $5, low_threshold = $6, comment_max_length = $7, opens_at = $8, closes_at = $9,
                  archived = $10, publish_results = $11, version = version + 1
            where tenant_id = $1 and id = $2`,
          [tenant, id, patch.question ?? before.question, scale, comment, lowThreshold, patch.commentMaxLength ?? before.comment_max_length,
            opensAt.toISOString(), closesAt?.toISOString() ?? null, patch.archived ?? before.archived, patch.publishResults ?? before.publish_results],
        );
        const after = (await find(tx, tenant, id))!;
        await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'update', kind: 'rating', id, before: view(before), after: view(after)});
        return after;
      });
      return c.json(view(row), 200, etagHeaders(row.version));
    },
  );
  registerDelete(app, deps, {kind: 'rating', path: '/tenants/{tenant}/ratings/{id}', find, answers: (row) => Number(row.answers), view});
  return app;
}
