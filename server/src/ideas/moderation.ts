import type {Context, Hono} from 'hono';
import type {AppDeps} from '../app.js';
import {authenticate, type Moderator} from '../auth/tokens.js';
import type {Queryable} from '../db/db.js';
import {methodNotAllowed, Problem, validationProblem} from '../http/problem.js';
import {readOptionalJson, readStrictJson} from './body.js';
import {idParam} from './routes.js';
import {IDEA_STATES, IdeaPatchSchema, MergeSchema, PAGE_LIMIT_MAX, parseWith, RejectSchema, type IdeaState} from './schema.js';
import {countListed, decodeCursor, findBox, findIdea, isListed, listForModeration, moderationView, type IdeaRecord} from './store.js';

const NO_STORE = {'Cache-Control': 'no-store'};
const AUDIT_LIMIT_MAX = 200;

/** The moderation API: per tenant, bearer token; another tenant's box or idea is simply not found. */
export function registerIdeaModeration(app: Hono, deps: AppDeps): void {
  const {db, secrets} = deps;
  const moderator = (c: Context) => authenticate(c, db, secrets);

  app.get('/api/v1/admin/idea-boxes/:id/ideas', async (c) => {
    const who = await moderator(c);
    const boxId = idParam(c.req.param('id'), 'idea box');
    const box = await findBox(db, boxId);
    if (!box || box.tenantId !== who.tenantId) throw new Problem('not-found', {detail: `There is no idea box "${boxId}".`});
    const state = c.req.query('state') ?? 'all';
    const limit = limitParam(c.req.query('limit'), 20, PAGE_LIMIT_MAX);
    if (state !== 'all' && !(IDEA_STATES as readonly string[]).includes(state)) {
      throw validationProblem([{path: 'state', message: 'One of pending, published, hidden, rejected, all'}]);
    }
    const rawCursor = c.req.query('cursor');
    const cursor = rawCursor ? decodeCursor(rawCursor, 'newest') : undefined;
    const page = await listForModeration(db, {boxId, state: state as IdeaState | 'all', limit, cursor});
    return c.json({ideas: page.ideas.map(moderationView), nextCursor: page.nextCursor}, 200, NO_STORE);
  });

  const stateAction = (action: 'publish' | 'hide' | 'reject', state: IdeaState) =>
    app.post(`/api/v1/admin/ideas/:id/${action}`, async (c) => {
      const who = await moderator(c);
      const body = await readOptionalJson(c);
      const reason = action === 'reject' ? parseWith(RejectSchema, body).reason : null;
      const idea = await moderate(db, who, c.req.param('id'), action, async (tx, idea) => {
        await tx.query('update ideas set state = $2, reject_reason = $3 where id = $1', [idea.id, state, reason]);
        await countListed(tx, idea.boxId, Number(isListed({state, mergedInto: idea.mergedInto})) - Number(isListed(idea)));
        return {from: idea.state, to: state, ...(reason !== null ? {reason} : {})};
      });
      return c.json(idea, 200, NO_STORE);
    });
  stateAction('publish', 'published');
  stateAction('hide', 'hidden');
  stateAction('reject', 'rejected');

  app.patch('/api/v1/admin/ideas/:id', async (c) => {
    const who = await moderator(c);
    const patch = parseWith(IdeaPatchSchema, await readStrictJson(c));
    const idea = await moderate(db, who, c.req.param('id'), 'update', async (tx, idea) => {
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
  });

  app.post('/api/v1/admin/ideas/:id/merge', async (c) => {
    const who = await moderator(c);
    const {into} = parseWith(MergeSchema, await readStrictJson(c));
    const idea = await moderate(db, who, c.req.param('id'), 'merge', async (tx, duplicate) => {
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
      await tx.query('delete from idea_supports where idea_id = $1', [duplicate.id]);
      await tx.query('update ideas set supports = (select count(*) from idea_supports where idea_id = $1) where id = $1', [kept.id]);
      await tx.query('update ideas set merged_into = $2, supports = 0 where id = $1', [duplicate.id, kept.id]);
      // Ideas merged into the duplicate earlier now point at the kept one.
      await tx.query('update ideas set merged_into = $2 where merged_into = $1', [duplicate.id, kept.id]);
      if (isListed(duplicate)) await countListed(tx, duplicate.boxId, -1);
      return {into: kept.id, supportsBefore: {duplicate: duplicate.supports, kept: kept.supports}};
    });
    return c.json(idea, 200, NO_STORE);
  });

  app.delete('/api/v1/admin/ideas/:id/contact', async (c) => {
    const who = await moderator(c);
    await moderate(db, who, c.req.param('id'), 'delete-contact', async (tx, idea) => {
      await tx.query('update ideas set contact = null where id = $1', [idea.id]);
      return {hadContact: idea.contact !== null};
    });
    return c.body(null, 204, NO_STORE);
  });

  app.get('/api/v1/admin/audit-log', async (c) => {
    const who = await moderator(c);
    const limit = limitParam(c.req.query('limit'), 50, AUDIT_LIMIT_MAX);
    const rows = await db.query<{at: Date | string; tenant_id: string; actor: string; action: string; idea_id: string | null; detail: unknown}>(
      'select at, tenant_id, actor, action, idea_id, detail from moderation_audit where tenant_id = $1 order by id desc limit $2',
      [who.tenantId, limit],
    );
    const entries = rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      tenantId: r.tenant_id,
      actor: r.actor,
      action: r.action,
      ideaId: r.idea_id,
      detail: r.detail,
    }));
    return c.json({entries}, 200, NO_STORE);
  });

  app.all('/api/v1/admin/idea-boxes/:id/ideas', methodNotAllowed('GET'));
  for (const action of ['publish', 'hide', 'reject', 'merge']) app.all(`/api/v1/admin/ideas/:id/${action}`, methodNotAllowed('POST'));
  app.all('/api/v1/admin/ideas/:id', methodNotAllowed('PATCH'));
  app.all('/api/v1/admin/ideas/:id/contact', methodNotAllowed('DELETE'));
  app.all('/api/v1/admin/audit-log', methodNotAllowed('GET'));
}

function limitParam(raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= max)) throw validationProblem([{path: 'limit', message: `An integer 1–${max}`}]);
  return n;
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
  const id = idParam(rawId, 'idea');
  return db.transaction(async (tx) => {
    const idea = await findIdea(tx, id, {forUpdate: true});
    if (!idea || idea.tenantId !== who.tenantId) throw new Problem('not-found', {detail: `There is no idea "${id}".`});
    const detail = await change(tx, idea);
    await tx.query('insert into moderation_audit (tenant_id, actor, action, idea_id, detail) values ($1, $2, $3, $4, $5)', [
      who.tenantId,
      who.label,
      action,
      idea.id,
      detail,
    ]);
    return moderationView((await findIdea(tx, id))!);
  });
}
