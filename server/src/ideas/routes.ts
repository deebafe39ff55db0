import {createHash} from 'node:crypto';
import {createRoute, z} from '@hono/zod-openapi';
import {readHeaders, SHARED_READ} from '../http/cache.js';
import {clientKey} from '../http/client-key.js';
import {apiApp, idempotencyHeaders, idParams, json, jsonBody, jsonRequest, problems, READ_PROBLEMS, stored, voterHeaders, voterOf, WRITE_PROBLEMS, writeHeaders} from '../http/contract.js';
import {Problem} from '../http/problem.js';
import type {AppDeps} from '../deps.js';
import {ownedResource, type ResourceEnv} from '../tenants/resource.js';
import {issueFormToken} from './form-token.js';
import {
  IDEA_SORTS,
  IdeaBoxSchema,
  IdeaPageSchema,
  IdeaReceiptSchema,
  IdeaSchema,
  NewIdeaSchema,
  PAGE_LIMIT_DEFAULT,
  PAGE_LIMIT_MAX,
  SupportSchema,
  SupportStateSchema,
  type IdeaBoxView,
} from './schema.js';
import {submitIdea, supportIdea, type IdeaLimiter} from './submit.js';
import {boxStatus, decodeCursor, findIdea, ideaView, isPublic, listIdeas, supportedBy, type IdeaBoxRecord, type IdeaRecord} from './store.js';

const supportedHeader = voterHeaders('The voter token: adds `supported` (whether this voter supports the idea) to each idea.');
const LIMIT_MESSAGE = `An integer 1–${PAGE_LIMIT_MAX}`;

const getBox = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getIdeaBox',
  summary: 'An idea box, with a fresh form token for one submission',
  request: {params: idParams()},
  responses: {200: {description: 'The box', content: json(IdeaBoxSchema)}, ...problems(...READ_PROBLEMS)},
});

const listRoute = createRoute({
  method: 'get',
  path: '/{id}/ideas',
  operationId: 'listIdeas',
  summary: 'Published ideas, by support or newest, a page at a time (keyset cursor)',
  request: {
    params: idParams(),
    query: z.object({
      sort: z.enum(IDEA_SORTS, {error: 'One of support, newest'}).default('support'),
      limit: z.coerce
        .number({error: LIMIT_MESSAGE})
        .int(LIMIT_MESSAGE)
        .min(1, LIMIT_MESSAGE)
        .max(PAGE_LIMIT_MAX, LIMIT_MESSAGE)
        .default(PAGE_LIMIT_DEFAULT),
      cursor: z.string().optional().openapi({description: "Opaque: the previous page's nextCursor"}),
    }),
    headers: supportedHeader,
  },
  responses: {200: {description: 'A page', content: json(IdeaPageSchema)}, ...problems('validation', ...READ_PROBLEMS)},
});

const submitRoute = createRoute({
  method: 'post',
  path: '/{id}/ideas',
  operationId: 'submitIdea',
  summary: 'Send an idea; published at once or after moderation, per box',
  middleware: [jsonBody(), async (c, next) => (rejectHoneypot(await c.req.json()), next())] as const,
  request: {params: idParams(), headers: idempotencyHeaders, body: jsonRequest(NewIdeaSchema)},
  responses: {
    201: stored(IdeaReceiptSchema),
    ...problems('too-fast', 'form-token-invalid', 'spam-suspected', 'box-closed', 'box-not-open', ...WRITE_PROBLEMS),
  },
});

const getIdea = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getIdea',
  summary: 'One published idea; a merged one carries mergedInto',
  request: {params: idParams(), headers: supportedHeader},
  responses: {200: {description: 'The idea', content: json(IdeaSchema)}, ...problems(...READ_PROBLEMS)},
});

const supportRoute = createRoute({
  method: 'post',
  path: '/{id}/supports',
  operationId: 'supportIdea',
  summary: "Set this voter's support (once per voter; supported:false withdraws)",
  middleware: [jsonBody()] as const,
  request: {params: idParams(), headers: idempotencyHeaders, body: jsonRequest(SupportSchema)},
  responses: {200: stored(SupportStateSchema, 'The support state'), ...problems('idea-merged', ...WRITE_PROBLEMS)},
});

/** The public idea box API, mounted at /api/v1/idea-boxes. */
export function ideaBoxApi(deps: AppDeps, limiter: IdeaLimiter) {
  const {db, secrets, config} = deps;
  const app = apiApp<ResourceEnv<IdeaBoxRecord>>();
  const owner = ownedResource(deps, (d, id) => d.content.box(id));
  app.use('/:id/*', owner); // also matches `/:id` itself: the resource is read once per request

  app.openapi(getBox, async (c) => {
    const now = new Date();
    const view = await boxView(deps, requireBox(c.get('resource'), c.req.param('id')), now);
    // Weak: equal but for the form token. A revalidated copy keeps its token for at most the hour, far
    // inside the token's 14 days, so a 304 never hands back an expired one.
    const hour = Math.floor(now.getTime() / 3_600_000);
    const etag = `W/"${createHash('sha1').update(JSON.stringify({...view, formToken: hour})).digest('base64url')}"`;
    return c.json(view, 200, {...SHARED_READ, ETag: etag});
  });

  app.openapi(listRoute, async (c) => {
    const box = requireBox(c.get('resource'), c.req.param('id'));
    const {sort, limit, cursor} = c.req.valid('query');
    // The list sorts by the rolled-up supports: rolling up first (once a second) keeps that order the shown one.
    await deps.counting.rollups.ifDue('idea_support_changes');
    const page = await listIdeas(db, {boxId: box.id, sort, limit, cursor: cursor ? decodeCursor(cursor, sort) : undefined});
    const voter = voterOf(c.req.valid('header'));
    const supported = voter ? await supportedBy(db, page.ideas.map((i) => i.id), await secrets.voterHash(box.tenantId, voter)) : undefined;
    const body = {ideas: page.ideas.map((idea) => ideaView(idea, supported?.has(idea.id))), nextCursor: page.nextCursor, total: box.ideaCount};
    return c.json(body, 200, readHeaders(voter !== undefined));
  });

  app.openapi(submitRoute, async (c) => {
    const box = requireBox(c.get('resource'), c.req.param('id'));
    const result = await submitIdea(
      {db, secrets, limiter, formMinAgeMs: config.formMinAgeMs},
      {box, idea: c.req.valid('json'), idempotencyKey: c.req.valid('header')['Idempotency-Key'], clientKey: await clientKey(c, secrets, config.trustProxy), kiosk: c.get('kioskDevice')},
    );
    return c.json(result.body, 201, writeHeaders(result.replayed));
  });
  return app;
}

/** Single ideas and their supports, mounted at /api/v1/ideas. */
export function ideaApi(deps: AppDeps) {
  const {db, secrets} = deps;
  const app = apiApp<ResourceEnv<IdeaRecord>>();
  const owner = ownedResource(deps, (d, id) => findIdea(d.db, id));
  app.use('/:id/*', owner); // also matches `/:id` itself: the resource is read once per request

  app.openapi(getIdea, async (c) => {
    const idea = c.get('resource');
    if (!idea || !isPublic(idea)) throw new Problem('not-found', {detail: `There is no idea "${c.req.param('id')}".`});
    const voter = voterOf(c.req.valid('header'));
    const supported = voter ? (await supportedBy(db, [idea.id], await secrets.voterHash(idea.tenantId, voter))).has(idea.id) : undefined;
    return c.json(ideaView(idea, supported), 200, readHeaders(voter !== undefined));
  });

  app.openapi(supportRoute, async (c) => {
    const ideaId = c.req.param('id');
    if (!c.get('resource')) throw new Problem('not-found', {detail: `There is no idea "${ideaId}".`});
    const result = await supportIdea({db, secrets, counting: deps.counting}, {ideaId, support: c.req.valid('json'), idempotencyKey: c.req.valid('header')['Idempotency-Key']});
    return c.json(result.body, 200, writeHeaders(result.replayed));
  });
  return app;
}

export function requireBox(box: IdeaBoxRecord | undefined, id: string): IdeaBoxRecord {
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
