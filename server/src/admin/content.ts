import {createRoute, z, type OpenAPIHono} from '@hono/zod-openapi';
import {access, authenticate, requireCapability, type AdminEnv} from '../auth/principal.js';
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

/** DELETE of a poll, rating or idea box: only while nothing has been answered (else archive it), with If-Match. */
export function registerDelete<R extends StewardRow>(
  app: OpenAPIHono<AdminEnv>,
  deps: AppDeps,
  spec: {
    kind: 'poll' | 'rating' | 'idea-box';
    path: string;
    table: 'polls' | 'ratings' | 'idea_boxes';
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
      summary: `Delete a ${what} that has no answers yet (one with answers can only be archived)`,
      ...access('edit'),
      middleware: [authenticate(deps), requireCapability(deps, 'edit')] as const,
      request: {params: tenantIdParams, headers: ifMatchHeaders},
      responses: {204: {description: 'Deleted'}, ...problems('has-answers', ...EDIT_PROBLEMS)},
    }),
    async (c) => {
      const {tenant, id} = c.req.valid('param');
      await deps.db.transaction(async (tx) => {
        const before = await spec.find(tx, tenant, id, true);
        if (!before) throw new Problem('not-found', {detail: `There is no ${what} "${id}" in this library.`});
        assertIfMatch(c, before.version);
        const answers = spec.answers(before);
        if (answers > 0) throw new Problem('has-answers', {detail: `The ${what} has ${answers} answers: archive it instead, so they are kept.`});
        await tx.query(`delete from ${spec.table} where tenant_id = $1 and id = $2`, [tenant, id]);
        await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'delete', kind: spec.kind, id, before: spec.view(before)});
      });
      return c.body(null, 204, NO_STORE);
    },
  );
}
