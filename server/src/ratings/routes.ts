import {createRoute, z} from '@hono/zod-openapi';
import {etagOf, SHARED_READ} from '../http/cache.js';
import {apiApp, ID_PATTERN, idempotencyHeaders, idParams, json, jsonBody, jsonRequest, problems, READ_PROBLEMS, stored, WRITE_PROBLEMS, writeHeaders} from '../http/contract.js';
import {Problem} from '../http/problem.js';
import type {AppDeps} from '../deps.js';
import {ownedResource, type ResourceEnv} from '../tenants/resource.js';
import {addComment, submitResponse} from './respond.js';
import {CommentRequestSchema, RatingSchema, RESPONSE_ID_PATTERN, ResponseReceiptSchema, ResponseSchema, SummarySchema} from './schema.js';
import {countsHeaders} from '../counting/counts.js';
import {ratingView, type RatingRecord} from './store.js';
import {summarize} from './summary.js';
import {readThreshold} from '../reports/store.js';

const getRating = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getRating',
  summary: 'A rating: its question, scale, comment rules and the library time zone its days are counted in',
  request: {params: idParams()},
  responses: {200: {description: 'The rating', content: json(RatingSchema)}, ...problems(...READ_PROBLEMS)},
});

const respond = createRoute({
  method: 'post',
  path: '/{id}/responses',
  operationId: 'respond',
  summary: "One response; once a day (the library's day) per voter on web and qr, unlimited on kiosk; stored durably before 201",
  description:
    'Channel `kiosk` counts only with the `Kirjasto-Kiosk` header carrying a valid token of a registered kiosk of this library (`POST /api/v1/kiosk/unlock` gives one): such answers have no one-a-day rule and a write limit per kiosk. An answer that claims `kiosk` without a valid token (missing, revoked, another library\'s) is stored as `web`, with the web\'s limits.',
  middleware: [jsonBody()] as const,
  request: {params: idParams(), headers: idempotencyHeaders, body: jsonRequest(ResponseSchema)},
  responses: {
    201: stored(ResponseReceiptSchema),
    ...problems('already-rated', 'rating-closed', 'rating-not-open', 'response-exists', ...WRITE_PROBLEMS),
  },
});

const comment = createRoute({
  method: 'post',
  path: '/{id}/responses/{responseId}/comment',
  operationId: 'comment',
  summary: "A follow-up comment to the same voter's response, when the rating takes one for its score",
  middleware: [jsonBody()] as const,
  request: {
    params: z.object({id: z.string().openapi({pattern: ID_PATTERN.source}), responseId: z.string().openapi({pattern: RESPONSE_ID_PATTERN.source})}),
    headers: idempotencyHeaders,
    body: jsonRequest(CommentRequestSchema),
  },
  responses: {
    200: stored(ResponseReceiptSchema, 'The response with its comment'),
    ...problems('comment-exists', 'rating-closed', 'rating-not-open', ...WRITE_PROBLEMS),
  },
});

const getSummary = createRoute({
  method: 'get',
  path: '/{id}/summary',
  operationId: 'getSummary',
  summary: 'Counts, mean, CSAT and NPS, overall, by channel and by branch (read from counters)',
  request: {params: idParams()},
  responses: {200: {description: 'The summary', content: json(SummarySchema)}, ...problems(...READ_PROBLEMS)},
});

/** The public rating API, mounted at /api/v1/ratings. */
export function ratingApi(deps: AppDeps) {
  const {db, secrets} = deps;
  const app = apiApp<ResourceEnv<RatingRecord>>();
  const owner = ownedResource(deps, (d, id) => d.content.rating(id));
  app.use('/:id/*', owner); // also matches `/:id` itself: the resource is read once per request

  app.openapi(getRating, (c) => {
    const view = ratingView(requireRating(c.get('resource'), c.req.param('id')));
    return c.json(view, 200, {...SHARED_READ, ETag: etagOf(view)});
  });

  app.openapi(respond, async (c) => {
    const rating = requireRating(c.get('resource'), c.req.param('id'));
    const result = await submitResponse(deps, {rating, response: c.req.valid('json'), idempotencyKey: c.req.valid('header')['Idempotency-Key'], kiosk: c.get('kioskDevice')});
    return c.json(result.body, 201, writeHeaders(result.replayed));
  });

  app.openapi(comment, async (c) => {
    const rating = requireRating(c.get('resource'), c.req.param('id'));
    const {responseId} = c.req.valid('param');
    if (!RESPONSE_ID_PATTERN.test(responseId)) throw new Problem('not-found', {detail: 'There is no such response.'});
    const result = await addComment(
      {db, secrets},
      {rating, responseId, comment: c.req.valid('json'), idempotencyKey: c.req.valid('header')['Idempotency-Key']},
    );
    return c.json(result.body, 200, writeHeaders(result.replayed));
  });

  app.openapi(getSummary, async (c) => {
    const rating = requireRating(c.get('resource'), c.req.param('id'));
    const counts = await deps.counting.rating(rating.id);
    const summary = summarize(rating.scale, counts.rows, await readThreshold(deps.db, rating.tenantId));
    return c.json(summary, 200, {...SHARED_READ, ...countsHeaders(counts), ETag: etagOf(summary)});
  });
  return app;
}

export function requireRating(rating: RatingRecord | undefined, id: string): RatingRecord {
  if (!rating) throw new Problem('not-found', {detail: `There is no rating "${id}".`});
  return rating;
}
