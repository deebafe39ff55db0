import type {Hono} from 'hono';
import type {AppDeps} from '../app.js';
import {requireIdempotencyKey} from '../http/idempotency.js';
import {methodNotAllowed, Problem} from '../http/problem.js';
import {ID_PATTERN} from '../polls/schema.js';
import {readJson} from '../polls/routes.js';
import {addComment, submitResponse, type RespondResult} from './respond.js';
import {parseCommentRequest, parseResponse, RESPONSE_ID_PATTERN} from './schema.js';
import {findRating, ratingCounts, ratingView, type RatingRecord} from './store.js';
import {summarize} from './summary.js';

export function registerRatingApi(app: Hono, deps: AppDeps): void {
  const {db, secrets} = deps;
  const noStore = (result: RespondResult) => {
    const headers: Record<string, string> = {'Cache-Control': 'no-store'};
    if (result.replayed) headers['Idempotent-Replayed'] = 'true';
    return headers;
  };

  app.get('/api/v1/ratings/:id', async (c) => {
    const rating = await requireRating(deps, c.req.param('id'));
    return c.json(ratingView(rating), 200, {'Cache-Control': 'no-store'});
  });

  app.post('/api/v1/ratings/:id/responses', async (c) => {
    const ratingId = ratingIdParam(c.req.param('id'));
    const idempotencyKey = requireIdempotencyKey(c.req.header('idempotency-key'));
    const response = parseResponse(await readJson(c));
    const result = await submitResponse({db, secrets}, {ratingId, response, idempotencyKey});
    return c.json(result.body, result.status as 201, noStore(result));
  });

  app.post('/api/v1/ratings/:id/responses/:responseId/comment', async (c) => {
    const ratingId = ratingIdParam(c.req.param('id'));
    const responseId = c.req.param('responseId');
    if (!RESPONSE_ID_PATTERN.test(responseId)) throw new Problem('not-found', {detail: 'There is no such response.'});
    const idempotencyKey = requireIdempotencyKey(c.req.header('idempotency-key'));
    const comment = parseCommentRequest(await readJson(c));
    const result = await addComment({db, secrets}, {ratingId, responseId, comment, idempotencyKey});
    return c.json(result.body, result.status as 200, noStore(result));
  });

  app.get('/api/v1/ratings/:id/summary', async (c) => {
    const rating = await requireRating(deps, c.req.param('id'));
    return c.json(summarize(rating.scale, await ratingCounts(db, rating.id)), 200, {'Cache-Control': 'no-store'});
  });

  app.all('/api/v1/ratings/:id', methodNotAllowed('GET'));
  app.all('/api/v1/ratings/:id/responses', methodNotAllowed('POST'));
  app.all('/api/v1/ratings/:id/responses/:responseId/comment', methodNotAllowed('POST'));
  app.all('/api/v1/ratings/:id/summary', methodNotAllowed('GET'));
}

/** A path id that cannot be a rating id is simply not found (and never reaches SQL). */
export function ratingIdParam(id: string): string {
  if (!ID_PATTERN.test(id)) throw new Problem('not-found', {detail: 'There is no such rating.'});
  return id;
}

export async function requireRating(deps: Pick<AppDeps, 'db'>, rawId: string): Promise<RatingRecord> {
  const id = ratingIdParam(rawId);
  const rating = await findRating(deps.db, id);
  if (!rating) throw new Problem('not-found', {detail: `There is no rating "${id}".`});
  return rating;
}
