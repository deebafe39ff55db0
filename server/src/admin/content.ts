import {createRoute, z, type OpenAPIHono} from '@hono/zod-openapi';
import {access, authenticate, may, requireCapability, type AdminEnv} from '../auth/principal.js';
import type {Queryable} from '../db/db.js';
import type {AppDeps} from '../deps.js';
import {dateTime, json, problems, statusField, TextSchema} from '../http/contract.js';
import {Problem, validationProblem} from '../http/problem.js';
import {scheduleStatus} from '../schedule.js';
import {audit} from './audit.js';
import {ADMIN_PROBLEMS, assertIfMatch, EDIT_PROBLEMS, ETAG_HEADER, etagHeaders, ifMatchHeaders, NO_STORE, tenantIdParams} from './http.js';

/** What polls, ratings and idea boxes share in the admin API: the schedule, archive and results flags. */
export const nonEmptyText = () => TextSchema.refine((t) => Object.values(t).some((s) => s.trim() !== ''), 'A text in at least one language');

export const stewardFields = {
  opensAt: dateTime().optional().openapi({description: 'When it starts taking answers; now when absent'}),
  closesAt: dateTime().nullable().optional().openapi({description: 'When it stops; null or absent = open-ended. Close now = set it to now.'}),
  archived: z.boolean().optional().openapi({description: 'Out of the console lists; never deleted once it has answers'}),
  publishResults: z.boolean().optional().openapi({description: "Shown on the library's public results page"}),
};

export const stewardView = {
  status: statusField(),
  opensAt: dateTime(),
  closesAt: dateTime().nullable(),
  archived: z.boolean(),
  publishResults: z.boolean(),
  answers: z.number().int().min(0).openapi({description: 'Votes, responses or ideas so far'}),
};

export interface StewardRow {
  opens_at: Date | string;
  closes_at: Date | string | null;
  archived: boolean;
  publish_results: boolean;
  version: number;
}

export const stewardOf = (row: StewardRow, answers: number, now = new Date()) => {
  const opensAt = new Date(row.opens_at);
  const closesAt = row.closes_at === null ? null : new Date(row.closes_at);
  return {
    status: scheduleStatus({opensAt, closesAt}, now),
    opensAt: opensAt.toISOString(),
    closesAt: closesAt?.toISOString() ?? null,
    archived: row.archived,
    publishResults: row.publish_results,
    answers,
  };
};

/** The schedule after a create or patch, checked: it must close after it opens. */
export function scheduleAfter(
  before: {opensAt: Date; closesAt: Date | null} | undefined,
  patch: {opensAt?: string; closesAt?: string | null},
): {opensAt: Date; closesAt: Date | null} {
  const opensAt = patch.opensAt !== undefined ? new Date(patch.opensAt) : (before?.opensAt ?? new Date());
  const closesAt = patch.closesAt !== undefined ? (patch.closesAt === null ? null : new Date(patch.closesAt)) : (before?.closesAt ?? null);
  if (closesAt && closesAt <= opensAt) throw validationProblem([{path: '/closesAt', message: 'Must be after opensAt'}]);
  return {opensAt, closesAt};
}

/** `GET` of one stored poll, rating, idea box or branch of a library, with its ETag (the version to send back in `If-Match`). */
export function registerGet<R extends {version: number}>(
  app: OpenAPIHono<AdminEnv>,
  deps: AppDeps,
  spec: {
    path: string;
    operationId: string;
    summary: string;
    /** What it is called in a not-found problem: `poll`, `rating prompt`, … */
    what: string;
    schema: z.ZodType;
    find: (db: Queryable, tenantId: string, id: string) => Promise<R | undefined>;
    view: (row: R) => unknown;
  },
): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: spec.path,
      operationId: spec.operationId,
      summary: spec.summary,
      ...access('read'),
      middleware: [authenticate(deps), requireCapability(deps, 'read')] as const,
      request: {params: tenantIdParams},
      responses: {200: {description: `The ${spec.what}`, headers: ETAG_HEADER, content: json(spec.schema)}, ...problems(...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const {tenant, id} = c.req.valid('param');
      const row = await spec.find(deps.db, tenant, id);
      if (!row) throw new Problem('not-found', {detail: `There is no ${spec.what} "${id}" in this library.`});
      return c.json(spec.view(row), 200, etagHeaders(row.version));
    },
  );
}

/**
 * DELETE of a poll, rating or idea box with If-Match. Without answers an editor may delete it; with
 * answers only an owner, who names their number in `answers` (the console's confirmation shows it): a
 * number that no longer holds (answers arrived since) is refused with the current one. Everything it
 * holds goes with it, rows that point at it without a foreign key too (purgeContent).
 */
export function registerDelete<R extends StewardRow>(
  app: OpenAPIHono<AdminEnv>,
  deps: AppDeps,
  spec: {
    kind: 'poll' | 'rating' | 'idea-box';
    path: string;
    find: (db: Queryable, tenantId: string, id: string, lock?: boolean) => Promise<R | undefined>;
    answers: (row: R) => number;
    view: (row: R) => unknown;
  },
): void {
  const what = spec.kind.replace('-', ' ');
  app.openapi(
    createRoute({
      method: 'delete',
      path: spec.path,
      operationId: `adminDelete${spec.kind.replace(/(^|-)(\w)/g, (_, __, ch: string) => ch.toUpperCase())}`,
      summary: `Delete a ${what} and everything it holds (with answers: owners only, naming their number in answers)`,
      description:
        'Archive is the normal end: it keeps the answers. Deleting one that has answers deletes them too, and every row about it; ' +
        'the `has-answers` problem carries the current number in `answers`, to confirm with.',
      ...access('edit'),
      middleware: [authenticate(deps), requireCapability(deps, 'edit')] as const,
      request: {
        params: tenantIdParams,
        headers: ifMatchHeaders,
        query: z.object({
          answers: z.coerce.number().int().min(0).optional().openapi({description: 'The number of answers the confirmation named (owners)'}),
        }),
      },
      responses: {204: {description: 'Deleted'}, ...problems('has-answers', ...EDIT_PROBLEMS)},
    }),
    async (c) => {
      const {tenant, id} = c.req.valid('param');
      const confirmed = c.req.valid('query').answers;
      const who = c.get('principal');
      await deps.db.transaction(async (tx) => {
        const before = await spec.find(tx, tenant, id, true);
        if (!before) throw new Problem('not-found', {detail: `There is no ${what} "${id}" in this library.`});
        assertIfMatch(c, before.version);
        const answers = spec.answers(before);
        if (answers > 0 && !may(who, tenant, 'manage')) {
          throw new Problem('has-answers', {detail: `The ${what} has ${answers} answers: archive it, or ask an owner to delete it with them.`, extensions: {answers}});
        }
        if (answers > 0 && confirmed !== answers) {
          throw new Problem('has-answers', {detail: `The ${what} has ${answers} answers: confirm deleting them with answers=${answers}, or archive it.`, extensions: {answers}});
        }
        await purgeContent(tx, spec.kind, tenant, id);
        await audit(tx, {tenantId: tenant, actor: who.actor, action: 'delete', kind: spec.kind, id, before: spec.view(before), after: {answers}});
      });
      return c.body(null, 204, NO_STORE);
    },
  );
}

const QR_KIND = {poll: 'poll', rating: 'rating', 'idea-box': 'ideas'} as const;
const COLLECTION = {poll: 'polls', rating: 'ratings', 'idea-box': 'idea-boxes'} as const;
const TABLE = {poll: 'polls', rating: 'ratings', 'idea-box': 'idea_boxes'} as const;
/** The key of the created thing in a stored admin create's answer (`{poll: {id, …}, …}`). */
const STORED_AS = {poll: 'poll', rating: 'rating', 'idea-box': 'box'} as const;

/**
 * Deletes a poll, rating or idea box with everything it holds. Its answers, counts and options go by
 * foreign key; what names it without one goes here: idempotency keys with their stored answers (the
 * patrons' and the admin create's), short links, and the support changes its ideas' supports left.
 */
export async function purgeContent(tx: Queryable, kind: 'poll' | 'rating' | 'idea-box', tenantId: string, id: string): Promise<void> {
  const ideaIds =
    kind === 'idea-box' ? (await tx.query<{id: string}>('select id from ideas where box_id = $1', [id])).map((r) => r.id) : [];
  const scopes = {poll: [`vote:${id}`], rating: [`rating:${id}`], 'idea-box': [`idea:${id}`, ...ideaIds.map((i) => `support:${i}`)]}[kind];
  await tx.query('delete from idempotency_keys where scope = any($1::text[])', [scopes]);
  if (kind === 'rating') await tx.query("delete from idempotency_keys where starts_with(scope, $1)", [`rating-comment:${id}:`]);
  await tx.query("delete from idempotency_keys where starts_with(scope, 'admin:') and scope like $1 and response->$2->>'id' = $3", [
    `%/tenants/${tenantId}/${COLLECTION[kind]}`,
    STORED_AS[kind],
    id,
  ]);
  await tx.query('delete from short_links where tenant_id = $1 and kind = $2 and target_id = $3', [tenantId, QR_KIND[kind], id]);
  await tx.query(`delete from ${TABLE[kind]} where tenant_id = $1 and id = $2`, [tenantId, id]);
  // The cascade to idea_supports wrote a −1 change for each support (migration 010): of ideas now gone.
  if (ideaIds.length > 0) await tx.query('delete from idea_support_changes where idea_id = any($1::text[])', [ideaIds]);
}
