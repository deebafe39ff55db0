import {createRoute, z} from '@hono/zod-openapi';
import {access, authenticate, requireCapability, type AdminEnv} from '../auth/principal.js';
import type {Queryable} from '../db/db.js';
import type {AppDeps} from '../deps.js';
import {apiApp, ID_PATTERN, json, jsonBody, jsonRequest, problems, type Text, TextSchema} from '../http/contract.js';
import {Problem, validationProblem} from '../http/problem.js';
import {RESULTS_VISIBILITIES, type ResultsVisibility} from '../polls/schema.js';
import {readPollCounts} from '../counting/counts.js';
import {findPoll} from '../polls/store.js';
import {audit} from './audit.js';
import {createdHeaders, CREATED_HEADERS, createHeaders, createOnce} from './idempotency.js';
import {nonEmptyText, registerDelete, registerGet, scheduleAfter, stewardFields, stewardOf, stewardView, type StewardRow} from './content.js';
import {ADMIN_PROBLEMS, assertIfMatch, EDIT_PROBLEMS, ETAG_HEADER, etagHeaders, etagOf, idOf, ifMatchHeaders, newId, NO_STORE, rethrowIdTaken, slugField, tenantIdParams, tenantParams, WRITE_PROBLEMS} from './http.js';

const OPTIONS_MAX = 20;

const OptionInputSchema = z.object({
  id: z.string().regex(ID_PATTERN, '1–128 characters of A–Z, a–z, 0–9, _ . : and -').optional().openapi({description: 'Made by the server when absent'}),
  label: nonEmptyText(),
});

const pollFields = {
  question: nonEmptyText(),
  options: z.array(OptionInputSchema).min(2, 'At least 2 options').max(OPTIONS_MAX, `At most ${OPTIONS_MAX} options`),
  maxChoices: z.number().int().min(1).max(OPTIONS_MAX + 1),
  allowOther: z.boolean(),
  resultsVisibility: z.enum(RESULTS_VISIBILITIES),
};

export const NewPollSchema = z
  .object({
    id: slugField('poll').optional(),
    ...pollFields,
    maxChoices: pollFields.maxChoices.default(1),
    allowOther: pollFields.allowOther.default(false),
    resultsVisibility: pollFields.resultsVisibility.default('after-vote'),
    ...stewardFields,
  })
  .openapi('NewPoll');
export const PollPatchSchema = z
  .object({
    question: pollFields.question.optional(),
    options: pollFields.options.optional().openapi({description: 'The whole list, in order; once the poll has votes, existing options may be reordered or get new languages, never removed or re-worded'}),
    maxChoices: pollFields.maxChoices.optional().openapi({description: 'Once the poll has votes, it may go up, never down'}),
    allowOther: pollFields.allowOther.optional().openapi({description: 'Once the poll has votes, it may be turned on, never off'}),
    resultsVisibility: pollFields.resultsVisibility.optional(),
    ...stewardFields,
  })
  .openapi('PollPatch');
export const AdminPollSchema = z
  .strictObject({
    id: z.string(),
    question: TextSchema,
    options: z.array(z.strictObject({id: z.string(), label: TextSchema, votes: z.number().int().min(0)})),
    maxChoices: z.number().int(),
    allowOther: z.boolean(),
    resultsVisibility: z.enum(RESULTS_VISIBILITIES),
    ...stewardView,
  })
  .openapi('AdminPoll');

interface PollRow extends StewardRow {
  id: string;
  question: Text;
  max_choices: number;
  allow_other: boolean;
  results_visibility: ResultsVisibility;
  vote_count: number;
  options: {id: string; label: Text; votes: number}[] | null;
}

const SELECT = `
  select p.id, p.question, p.max_choices, p.allow_other, p.results_visibility, p.opens_at, p.closes_at, p.archived,
         p.publish_results, p.version
    from polls p where p.tenant_id = $1`;

/** The stored fields, with the counts as the public API reads them (the poll store owns counting). */
async function withCounts(db: Queryable, row: Omit<PollRow, 'vote_count' | 'options'>): Promise<PollRow> {
  // One after the other: `db` may be a transaction on PGlite's single connection.
  const poll = await findPoll(db, row.id);
  const counts = await readPollCounts(db, row.id);
  return {...row, vote_count: counts.votes, options: (poll?.options ?? []).map((o) => ({id: o.id, label: o.label, votes: counts.options.get(o.id) ?? 0}))};
}

const find = async (db: Queryable, tenantId: string, id: string, lock = false) => {
  if (lock) await db.query('select 1 from polls where tenant_id = $1 and id = $2 for update', [tenantId, id]);
  const [row] = await db.query<PollRow>(`${SELECT} and p.id = $2`, [tenantId, idOf(id, 'poll')]);
  return row && withCounts(db, row);
};
const view = (r: PollRow) => ({
  id: r.id,
  question: r.question,
  options: (r.options ?? []).map((o) => ({id: o.id, label: o.label, votes: Number(o.votes)})),
  maxChoices: r.max_choices,
  allowOther: r.allow_other,
  resultsVisibility: r.results_visibility,
  ...stewardOf(r, Number(r.vote_count)),
});
const notFound = (id: string) => new Problem('not-found', {detail: `There is no poll "${id}" in this library.`});

/** Option ids: the given ones (unique), the rest made here. */
function withOptionIds(options: {id?: string; label: Text}[]): {id: string; label: Text}[] {
  const seen = new Set<string>();
  return options.map((option, i) => {
    const id = option.id ?? newId('opt');
    if (seen.has(id)) throw validationProblem([{path: `/options/${i}/id`, message: 'Option ids must be unique'}]);
    seen.add(id);
    return {id, label: option.label};
  });
}

const INSTEAD = 'Duplicate the poll and change the copy (it starts without votes; this one keeps its results), or add options and missing languages here.';

/**
 * Once there are votes, nothing may change what they were cast for: no option may go, no option's text
 * in a language it had may change, fewer choices may not be allowed, and "other" may not be turned off.
 * New options, new languages, a new order, more choices, the question, schedule and flags stay editable.
 */
function assertKeepsVotes(before: PollRow, patch: {maxChoices?: number; allowOther?: boolean}, options: {id: string; label: Text}[] | undefined): void {
  const refuse = (what: string, extensions: Record<string, unknown>) =>
    new Problem('poll-has-votes', {detail: `The poll has ${before.vote_count} ${Number(before.vote_count) === 1 ? 'vote' : 'votes'}: ${what} would falsify them. ${INSTEAD}`, extensions});
  if (patch.maxChoices !== undefined && patch.maxChoices < before.max_choices) {
    throw refuse(`allowing ${patch.maxChoices} choices instead of ${before.max_choices}`, {field: 'maxChoices'});
  }
  if (patch.allowOther === false && before.allow_other) throw refuse('turning off the free-text "other" answer', {field: 'allowOther'});
  if (!options) return;
  const next = new Map(options.map((o) => [o.id, o.label]));
  for (const old of before.options ?? []) {
    const label = next.get(old.id);
    const reworded = label && Object.entries(old.label).some(([lang, text]) => label[lang] !== text);
    if (!label) throw refuse(`removing the option "${old.id}"`, {field: 'options', optionId: old.id});
    if (reworded) throw refuse(`re-wording the option "${old.id}"`, {field: 'options', optionId: old.id});
  }
}

export function pollAdminApi(deps: AppDeps) {
  const {db} = deps;
  const app = apiApp<AdminEnv>();
  const guard = (capability: 'read' | 'edit') => [authenticate(deps), requireCapability(deps, capability)] as const;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/polls',
      operationId: 'adminListPolls',
      summary: "The library's polls, newest first",
      ...access('read'),
      middleware: [...guard('read')] as const,
      request: {params: tenantParams, query: z.object({archived: z.enum(['true', 'false', 'all']).default('false')})},
      responses: {200: {description: 'Polls', content: json(z.object({polls: z.array(AdminPollSchema)}).openapi('AdminPolls'))}, ...problems('validation', ...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const {archived} = c.req.valid('query');
      const rows = await db.query<PollRow>(`${SELECT} and ($2 = 'all' or p.archived = ($2 = 'true')) order by p.created_at desc, p.id`, [c.req.valid('param').tenant, archived]);
      const counted = await Promise.all(rows.map((row) => withCounts(db, row)));
      return c.json({polls: counted.map(view)}, 200, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/tenants/{tenant}/polls',
      operationId: 'adminCreatePoll',
      summary: 'Create a poll (the id from the slug given, or made by the server)',
      ...access('edit'),
      middleware: [...guard('edit'), jsonBody()] as const,
      request: {params: tenantParams, headers: createHeaders, body: jsonRequest(NewPollSchema)},
      responses: {201: {description: 'Created', headers: CREATED_HEADERS, content: json(AdminPollSchema)}, ...problems('id-taken', 'idempotency-key-reused', ...WRITE_PROBLEMS)},
    }),
    async (c) => {
      const {tenant} = c.req.valid('param');
      const body = c.req.valid('json');
      const id = body.id ?? newId('poll');
      const options = withOptionIds(body.options);
      if (body.maxChoices > options.length + Number(body.allowOther)) throw validationProblem([{path: '/maxChoices', message: 'At most the number of options'}]);
      const {opensAt, closesAt} = scheduleAfter(undefined, body);
      const {value, replayed} = await createOnce(c, deps, body, async (tx) => {
          await tx.query(
            `insert into polls (id, tenant_id, question, max_choices, allow_other, results_visibility, opens_at, closes_at, archived, publish_results)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
            [id, tenant, body.question, body.maxChoices, body.allowOther, body.resultsVisibility, opensAt.toISOString(), closesAt?.toISOString() ?? null, body.archived ?? false, body.publishResults ?? false],
          );
          await writeOptions(tx, id, options);
          const created = (await find(tx, tenant, id))!;
          await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'create', kind: 'poll', id, after: view(created)});
          return {poll: view(created), version: created.version};
        })
        .catch(rethrowIdTaken(id));
      return c.json(value.poll, 201, createdHeaders(replayed, {ETag: etagOf(value.version)}));
    },
  );

  registerGet(app, deps, {path: '/tenants/{tenant}/polls/{id}', operationId: 'adminGetPoll', summary: 'A poll as stored, with its counts and ETag', what: 'poll', schema: AdminPollSchema, find, view});

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/tenants/{tenant}/polls/{id}',
      operationId: 'adminUpdatePoll',
      summary: 'Change a poll: texts, options, schedule (close now = closesAt now), archive, publish results',
      description:
        'Once the poll has votes, a change that would falsify them is refused with 409 `poll-has-votes` (its `field` and `optionId` say which): ' +
        'removing an option, re-wording an option in a language it had, fewer `maxChoices`, turning `allowOther` off. ' +
        'To ask differently, duplicate the poll (GET it, POST its fields without ids); the votes stay with this one. There are no poll versions.',
      ...access('edit'),
      middleware: [...guard('edit'), jsonBody()] as const,
      request: {params: tenantIdParams, headers: ifMatchHeaders, body: jsonRequest(PollPatchSchema)},
      responses: {200: {description: 'Saved', headers: ETAG_HEADER, content: json(AdminPollSchema)}, ...problems('poll-has-votes', ...EDIT_PROBLEMS)},
    }),
    async (c) => {
      const {tenant, id} = c.req.valid('param');
      const patch = c.req.valid('json');
      const row = await db.transaction(async (tx) => {
        const before = await find(tx, tenant, id, true);
        if (!before) throw notFound(id);
        assertIfMatch(c, before.version);
        const options = patch.options ? withOptionIds(patch.options) : undefined;
        if (Number(before.vote_count) > 0) assertKeepsVotes(before, patch, options);
        const optionCount = options?.length ?? before.options?.length ?? 0;
        const maxChoices = patch.maxChoices ?? before.max_choices;
        const allowOther = patch.allowOther ?? before.allow_other;
        if (maxChoices > optionCount + Number(allowOther)) throw validationProblem([{path: '/maxChoices', message: 'At most the number of options'}]);
        const {opensAt, closesAt} = scheduleAfter({opensAt: new Date(before.opens_at), closesAt: before.closes_at === null ? null : new Date(before.closes_at)}, patch);
        await tx.query(
          `update polls set question = $3, max_choices = $4, allow_other = $5, results_visibility = $6, opens_at = $7, closes_at = $8,
                  archived = $9, publish_results = $10, version = version + 1
            where tenant_id = $1 and id = $2`,
          [tenant, id, patch.question ?? before.question, maxChoices, allowOther, patch.resultsVisibility ?? before.results_visibility,
            opensAt.toISOString(), closesAt?.toISOString() ?? null, patch.archived ?? before.archived, patch.publishResults ?? before.publish_results],
        );
        if (options) await writeOptions(tx, id, options);
        const after = (await find(tx, tenant, id))!;
        await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'update', kind: 'poll', id, before: view(before), after: view(after)});
        return after;
      });
      return c.json(view(row), 200, etagHeaders(row.version));
    },
  );
  registerDelete(app, deps, {kind: 'poll', path: '/tenants/{tenant}/polls/{id}', find, answers: (row) => Number(row.vote_count), view});
  return app;
}

/** The poll's options become exactly `options`, in order; counts of kept options stay. */
async function writeOptions(tx: Queryable, pollId: string, options: {id: string; label: Text}[]): Promise<void> {
  await tx.query('delete from poll_options where poll_id = $1 and not (id = any($2::text[]))', [pollId, options.map((o) => o.id)]);
  for (const [position, option] of options.entries()) {
    await tx.query(
      `insert into poll_options (poll_id, id, position, label) values ($1, $2, $3, $4)
       on conflict (poll_id, id) do update set position = excluded.position, label = excluded.label`,
      [pollId, option.id, position, option.label],
    );
  }
}
