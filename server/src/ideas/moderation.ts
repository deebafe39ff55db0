import {createRoute, z} from '@hono/zod-openapi';
import type {Context} from 'hono';
import {access, authenticate, requireCapability, type AdminEnv} from '../auth/principal.js';
import type {Queryable} from '../db/db.js';
import {apiApp, ID_PATTERN, json, jsonBody, jsonRequest, problems} from '../http/contract.js';
import {Problem, validationProblem, type ProblemSlug} from '../http/problem.js';
import type {AppDeps} from '../deps.js';
import {audit} from '../admin/audit.js';
import {tenantIdParams} from '../admin/http.js';
import {
  IDEA_STATES,
  IdeaPatchSchema,
  MergeSchema,
  ModerationIdeaSchema,
  ModerationPageSchema,
  PAGE_LIMIT_MAX,
  RejectSchema,
  type IdeaState,
} from './schema.js';
import {countListed, decodeCursor, findBox, findIdea, isListed, listForModeration, moderationView, type IdeaRecord} from './store.js';

const NO_STORE = {'Cache-Control': 'no-store'};
const ADMIN_PROBLEMS: ProblemSlug[] = ['unauthorized', 'csrf-token-invalid', 'forbidden', 'not-found', 'rate-limited', 'method-not-allowed', 'internal'];

/** Who acts: the library (from the path, its access checked) and the audit log's actor. */
interface Moderator {
  tenantId: string;
  label: string;
}

const limitQuery = (fallback: number, max: number) =>
  z.coerce
    .number({error: `An integer 1–${max}`})
    .int(`An integer 1–${max}`)
    .min(1, `An integer 1–${max}`)
    .max(max, `An integer 1–${max}`)
    .default(fallback);

const ideaResult = (description: string) => ({200: {description, content: json(ModerationIdeaSchema)}});

/**
 * The moderation API, under /api/v1/admin/tenants/{tenant}/: a moderator's (or owner's) session or API
 * token of that library; another library's box or idea is simply not found.
 */
export function moderationApi(deps: AppDeps) {
  const {db} = deps;
  const app = apiApp<AdminEnv>();
  const reader = [authenticate(deps), requireCapability(deps, 'read')] as const;
  const moderator = [authenticate(deps), requireCapability(deps, 'moderate')] as const;
  const who = (c: Context<AdminEnv>): Moderator => ({tenantId: c.req.param('tenant') ?? '', label: c.get('principal').actor});
  const action = (config: {method: 'post' | 'patch' | 'delete'; path: string; operationId: string; summary: string}) => ({
    ...config,
    path: `/tenants/{tenant}${config.path}`,
    ...access('moderate'),
    request: {params: tenantIdParams},
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/idea-boxes/{id}/ideas',
      operationId: 'moderationListIdeas',
      summary: 'All ideas of a box with moderation fields, newest first',
      ...access('read'),
      middleware: [...reader] as const,
      request: {
        params: tenantIdParams,
        query: z.object({
          state: z.enum([...IDEA_STATES, 'all'], {error: 'One of pending, published, hidden, rejected, all'}).default('all'),
          limit: limitQuery(20, PAGE_LIMIT_MAX),
          cursor: z.string().optional(),
        }),
      },
      responses: {200: {description: 'A page', content: json(ModerationPageSchema)}, ...problems('validation', ...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const tenantId = c.req.valid('param').tenant;
      const boxId = idOf(c.req.valid('param').id, 'idea box');
      const box = await findBox(db, boxId);
      if (!box || box.tenantId !== tenantId) throw new Problem('not-found', {detail: `There is no idea box "${boxId}".`});
      const {state, limit, cursor} = c.req.valid('query');
      const page = await listForModeration(db, {boxId, state: state as IdeaState | 'all', limit, cursor: cursor ? decodeCursor(cursor, 'newest') : undefined});
      return c.json({ideas: page.ideas.map(moderationView), nextCursor: page.nextCursor}, 200, NO_STORE);
    },
  );

  const setState = (id: string, name: string, state: IdeaState, who: Moderator, reason: string | null) =>
    moderate(db, who, id, name, async (tx, idea) => {
      await tx.query('update ideas set state = $2, reject_reason = $3 where id = $1', [idea.id, state, reason]);
      await countListed(tx, idea.boxId, Number(isListed({state, mergedInto: idea.mergedInto})) - Number(isListed(idea)));
      return {from: idea.state, to: state, ...(reason !== null ? {reason} : {})};
    });
  for (const [name, state, summary] of [['publish', 'published', 'Publish'], ['hide', 'hidden', 'Hide from the public']] as const) {
    app.openapi(
      createRoute({
        ...action({method: 'post', path: `/ideas/{id}/${name}`, operationId: `${name}Idea`, summary}),
        middleware: [...moderator] as const,
        responses: {...ideaResult('The idea after the action'), ...problems(...ADMIN_PROBLEMS)},
      }),
      async (c) => c.json(await setState(c.req.valid('param').id, name, state, who(c), null), 200, NO_STORE),
    );
  }
  app.openapi(
    createRoute({
      ...action({method: 'post', path: '/ideas/{id}/reject', operationId: 'rejectIdea', summary: 'Reject, with a reason for the record'}),
      middleware: [...moderator, jsonBody({optional: true})] as const,
      request: {params: tenantIdParams, body: jsonRequest(RejectSchema)},
      responses: {...ideaResult('The idea after the action'), ...problems('validation', 'unsupported-media-type', ...ADMIN_PROBLEMS)},
    }),
    async (c) => c.json(await setState(c.req.valid('param').id, 'reject', 'rejected', who(c), c.req.valid('json').reason), 200, NO_STORE),
  );

  app.openapi(
    createRoute({
      ...action({method: 'patch', path: '/ideas/{id}', operationId: 'updateIdea', summary: 'Set category, public status or the answer (null clears)'}),
      middleware: [...moderator, jsonBody()] as const,
      request: {params: tenantIdParams, body: jsonRequest(IdeaPatchSchema)},
      responses: {...ideaResult('The idea'), ...problems('validation', 'unsupported-media-type', 'payload-too-large', ...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const patch = c.req.valid('json');
      const idea = await moderate(db, who(c), c.req.valid('param').id, 'update', async (tx, idea) => {
        const detail: Record<string, unknown> = {};
        if (patch.category !== undefined) {
          const box = (await findBox(tx, idea.boxId))!;
          if (patch.category !== null && !box.categories.some((k) => k.id === patch.category)) {
            throw validationProblem([{path: '/category', message: 'Not a category of this box'}]);
          }
          await tx.query('update ideas set category = $2 where id = $1', [idea.id, patch.category]);
          detail.category = patch.category;
        }
        if (patch.status !== undefined) {
          await tx.query('update ideas set status = $2 where id = $1', [idea.id, patch.status]);
          detail.status = {from: idea.status, to: patch.status};
        }
        if (patch.answer !== undefined) {
          await tx.query(
            'update ideas set answer = $2::jsonb, answered_at = case when $2::jsonb is null then null else now() end where id = $1',
            [idea.id, patch.answer],
          );
          detail.answer = patch.answer === null ? null : Object.keys(patch.answer).sort();
        }
        return detail;
      });
      return c.json(idea, 200, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      ...action({method: 'post', path: '/ideas/{id}/merge', operationId: 'mergeIdea', summary: 'Merge this duplicate into another idea of the same box; supporters of both count once'}),
      middleware: [...moderator, jsonBody()] as const,
      request: {params: tenantIdParams, body: jsonRequest(MergeSchema)},
      responses: {...ideaResult('The idea after the action'), ...problems('validation', 'idea-merged', 'unsupported-media-type', ...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const {into} = c.req.valid('json');
      const idea = await moderate(db, who(c), c.req.valid('param').id, 'merge', async (tx, duplicate) => {
        if (into === duplicate.id) throw validationProblem([{path: '/into', message: 'An idea cannot be merged into itself'}]);
        const kept = await findIdea(tx, into, {forUpdate: true});
        if (!kept || kept.boxId !== duplicate.boxId) throw validationProblem([{path: '/into', message: 'Not an idea in the same box'}]);
        for (const idea of [duplicate, kept]) {
          if (idea.mergedInto !== null) {
            throw new Problem('idea-merged', {
              detail: `The idea "${idea.id}" was already merged into another.`,
              extensions: {mergedInto: idea.mergedInto},
            });
          }
        }
        // Supporters of both count once: the unique (idea_id, voter_hash) drops the overlap.
        await tx.query(
          `insert into idea_supports (idea_id, voter_hash, created_at)
           select $2, voter_hash, created_at from idea_supports where idea_id = $1
           on conflict (idea_id, voter_hash) do nothing`,
          [duplicate.id, kept.id],
        );
        // Both are counted through idea_support_changes (migration 010's trigger): +1 per supporter the kept
        // idea gains, -1 per row of the duplicate.
        await tx.query('delete from idea_supports where idea_id = $1', [duplicate.id]);
        await tx.query('update ideas set merged_into = $2 where id = $1', [duplicate.id, kept.id]);
        // Ideas merged into the duplicate earlier now point at the kept one.
        await tx.query('update ideas set merged_into = $2 where merged_into = $1', [duplicate.id, kept.id]);
        if (isListed(duplicate)) await countListed(tx, duplicate.boxId, -1);
        return {into: kept.id, supportsBefore: {duplicate: duplicate.supports, kept: kept.supports}};
      });
      return c.json(idea, 200, NO_STORE);
    },
  );

  // "You said, we did" (migration 014): an editor puts an answered idea on the library's public page, or takes it off.
  const editor = [authenticate(deps), requireCapability(deps, 'edit')] as const;
  for (const [name, summary] of [
    ['showcase', "Show the idea and the library's answer on the public page /t/{tenant} (a published, answered idea only)"],
    ['unshowcase', 'Take the idea off the public page'],
  ] as const) {
    app.openapi(
      createRoute({
        ...action({method: 'post', path: `/ideas/{id}/${name}`, operationId: `${name}Idea`, summary}),
        ...access('edit'),
        middleware: [...editor] as const,
        responses: {...ideaResult('The idea after the action'), ...problems('validation', ...ADMIN_PROBLEMS)},
      }),
      async (c) =>
        c.json(
          await moderate(db, who(c), c.req.valid('param').id, name, async (tx, idea) => {
            if (name === 'showcase') {
              const answered = idea.answer !== null && Object.values(idea.answer).some((t) => t.trim() !== '');
              if (idea.state !== 'published' || idea.mergedInto !== null || !answered) {
                throw validationProblem([{path: '/answer', message: 'Only a published idea with an answer, not merged into another, can be shown on the public page'}]);
              }
            }
            await tx.query(`update ideas set showcased_at = ${name === 'showcase' ? 'coalesce(showcased_at, now())' : 'null'} where id = $1`, [idea.id]);
            return {from: idea.showcasedAt !== null, to: name === 'showcase'};
          }),
          200,
          NO_STORE,
        ),
    );
  }

  app.openapi(
    createRoute({
      ...action({method: 'delete', path: '/ideas/{id}/contact', operationId: 'deleteIdeaContact', summary: "Delete the patron's contact detail"}),
      middleware: [...moderator] as const,
      responses: {204: {description: 'Deleted'}, ...problems(...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      await moderate(db, who(c), c.req.valid('param').id, 'delete-contact', async (tx, idea) => {
        await tx.query('update ideas set contact = null where id = $1', [idea.id]);
        return {hadContact: idea.contact !== null};
      });
      return c.body(null, 204, NO_STORE);
    },
  );

  return app;
}

/** A path id that cannot be an id is simply not found (and never reaches SQL). */
function idOf(id: string, what: string): string {
  if (!ID_PATTERN.test(id)) throw new Problem('not-found', {detail: `There is no such ${what}.`});
  return id;
}

/**
 * One moderation action: the idea locked and checked to be this tenant's, the change, and its audit
 * row, in one transaction. Returns the idea as moderators see it afterwards.
 */
async function moderate(
  db: AppDeps['db'],
  who: Moderator,
  rawId: string,
  action: string,
  change: (tx: Queryable, idea: IdeaRecord) => Promise<Record<string, unknown>>,
) {
  const id = idOf(rawId, 'idea');
  return db.transaction(async (tx) => {
    const idea = await findIdea(tx, id, {forUpdate: true});
    if (!idea || idea.tenantId !== who.tenantId) throw new Problem('not-found', {detail: `There is no idea "${id}".`});
    const detail = await change(tx, idea);
    await audit(tx, {tenantId: who.tenantId, actor: who.label, action, kind: 'idea', id: idea.id, after: detail});
    return moderationView((await findIdea(tx, id))!);
  });
}
