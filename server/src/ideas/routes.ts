import type {Context, Hono} from 'hono';
import type {AppDeps} from '../app.js';
import {clientKey} from '../http/client-key.js';
import {requireIdempotencyKey} from '../http/idempotency.js';
import {methodNotAllowed, Problem, validationProblem} from '../http/problem.js';
import {ID_PATTERN, VOTER_PATTERN} from '../polls/schema.js';
import {readStrictJson} from './body.js';
import {issueFormToken} from './form-token.js';
import {
  IDEA_SORTS,
  NewIdeaSchema,
  PAGE_LIMIT_DEFAULT,
  PAGE_LIMIT_MAX,
  parseWith,
  SupportSchema,
  type IdeaBoxView,
  type IdeaPage,
  type IdeaSort,
} from './schema.js';
import {submitIdea, supportIdea, type IdeaLimiter} from './submit.js';
import {boxStatus, decodeCursor, findBox, findIdea, ideaView, isPublic, listIdeas, supportedBy, type IdeaBoxRecord} from './store.js';

const NO_STORE = {'Cache-Control': 'no-store'};

export function registerIdeaApi(app: Hono, deps: AppDeps, limiter: IdeaLimiter): void {
  const {db, secrets, config} = deps;

  app.get('/api/v1/idea-boxes/:id', async (c) => {
    const box = await requireBox(deps, c.req.param('id'));
    return c.json(await boxView(deps, box), 200, NO_STORE);
  });

  app.get('/api/v1/idea-boxes/:id/ideas', async (c) => {
    const box = await requireBox(deps, c.req.param('id'));
    const {sort, limit, cursor} = listQuery(c);
    const page = await listIdeas(db, {boxId: box.id, sort, limit, cursor: cursor === undefined ? undefined : decodeCursor(cursor, sort)});
    const voterHash = await voterHashOf(c, deps, box.tenantId);
    const supported = voterHash ? await supportedBy(db, page.ideas.map((i) => i.id), voterHash) : undefined;
    const body: IdeaPage = {
      ideas: page.ideas.map((idea) => ideaView(idea, supported?.has(idea.id))),
      nextCursor: page.nextCursor,
      total: box.ideaCount,
    };
    return c.json(body, 200, NO_STORE);
  });

  app.post('/api/v1/idea-boxes/:id/ideas', async (c) => {
    const boxId = idParam(c.req.param('id'), 'idea box');
    const idempotencyKey = requireIdempotencyKey(c.req.header('idempotency-key'));
    const body = await readStrictJson(c);
    rejectHoneypot(body);
    const idea = parseWith(NewIdeaSchema, body);
    const result = await submitIdea(
      {db, secrets, limiter, formMinAgeMs: config.formMinAgeMs},
      {boxId, idea, idempotencyKey, clientKey: await clientKey(c, secrets, config.trustProxy)},
    );
    return c.json(result.body, result.status as 201, replayHeaders(result.replayed));
  });

  app.get('/api/v1/ideas/:id', async (c) => {
    const id = idParam(c.req.param('id'), 'idea');
    const idea = await findIdea(db, id);
    if (!idea || !isPublic(idea)) throw new Problem('not-found', {detail: `There is no idea "${id}".`});
    const voterHash = await voterHashOf(c, deps, idea.tenantId);
    const supported = voterHash ? (await supportedBy(db, [idea.id], voterHash)).has(idea.id) : undefined;
    return c.json(ideaView(idea, supported), 200, NO_STORE);
  });

  app.post('/api/v1/ideas/:id/supports', async (c) => {
    const ideaId = idParam(c.req.param('id'), 'idea');
    const idempotencyKey = requireIdempotencyKey(c.req.header('idempotency-key'));
    const support = parseWith(SupportSchema, await readStrictJson(c));
    const result = await supportIdea({db, secrets}, {ideaId, support, idempotencyKey});
    return c.json(result.body, result.status as 200, replayHeaders(result.replayed));
  });

  app.all('/api/v1/idea-boxes/:id', methodNotAllowed('GET'));
  app.all('/api/v1/idea-boxes/:id/ideas', methodNotAllowed('GET, POST'));
  app.all('/api/v1/ideas/:id', methodNotAllowed('GET'));
  app.all('/api/v1/ideas/:id/supports', methodNotAllowed('POST'));
}

const replayHeaders = (replayed: boolean): Record<string, string> => (replayed ? {...NO_STORE, 'Idempotent-Replayed': 'true'} : NO_STORE);

/** A path id that cannot be an id is simply not found (and never reaches SQL). */
export function idParam(id: string, what: string): string {
  if (!ID_PATTERN.test(id)) throw new Problem('not-found', {detail: `There is no such ${what}.`});
  return id;
}

export async function requireBox(deps: Pick<AppDeps, 'db'>, rawId: string): Promise<IdeaBoxRecord> {
  const id = idParam(rawId, 'idea box');
  const box = await findBox(deps.db, id);
  if (!box) throw new Problem('not-found', {detail: `There is no idea box "${id}".`});
  return box;
}

export async function boxView(deps: Pick<AppDeps, 'secrets' | 'config'>, box: IdeaBoxRecord, now = new Date()): Promise<IdeaBoxView> {
  const view: IdeaBoxView = {
    id: box.id,
    topic: box.topic,
    categories: box.categories,
    moderation: box.moderation,
    maxLength: box.maxLength,
    allowContact: box.allowContact,
    status: boxStatus(box, now),
    opensAt: box.opensAt.toISOString(),
    formToken: await issueFormToken(deps.secrets, box.id, now.getTime()),
    formMinAgeMs: deps.config.formMinAgeMs,
  };
  if (box.description) view.description = box.description;
  if (box.closesAt) view.closesAt = box.closesAt.toISOString();
  return view;
}

/** The honeypot: a field people never see, so anything in it was filled in by a bot. */
export function rejectHoneypot(body: unknown): void {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return;
  const website = (body as Record<string, unknown>).website;
  if (website !== undefined && website !== null && website !== '') {
    throw new Problem('spam-suspected', {detail: 'Leave the field "website" empty.'});
  }
}

function listQuery(c: Context): {sort: IdeaSort; limit: number; cursor?: string} {
  const sort = c.req.query('sort') ?? 'support';
  const rawLimit = c.req.query('limit');
  const cursor = c.req.query('cursor');
  const errors = [];
  if (!(IDEA_SORTS as readonly string[]).includes(sort)) errors.push({path: 'sort', message: 'One of support, newest'});
  const limit = rawLimit === undefined ? PAGE_LIMIT_DEFAULT : /^\d{1,3}$/.test(rawLimit) ? Number(rawLimit) : NaN;
  if (!(limit >= 1 && limit <= PAGE_LIMIT_MAX)) errors.push({path: 'limit', message: `An integer 1–${PAGE_LIMIT_MAX}`});
  if (errors.length > 0) throw validationProblem(errors);
  return {sort: sort as IdeaSort, limit, cursor: cursor === '' ? undefined : cursor};
}

async function voterHashOf(c: Context, deps: Pick<AppDeps, 'secrets'>, tenantId: string): Promise<string | undefined> {
  const voter = c.req.header('kirjasto-voter');
  return voter && VOTER_PATTERN.test(voter) ? deps.secrets.voterHash(tenantId, voter) : undefined;
}
