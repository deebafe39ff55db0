import {createRoute} from '@hono/zod-openapi';
import type {TypedResponse} from 'hono';
import {etagOf, etagOfJson, SHARED_READ, readHeaders} from '../http/cache.js';
import {apiApp, idempotencyHeaders, idParams, json, jsonBody, jsonRequest, problems, READ_PROBLEMS, stored, voterHeaders, voterOf, WRITE_PROBLEMS, writeHeaders} from '../http/contract.js';
import {Problem} from '../http/problem.js';
import type {AppDeps} from '../deps.js';
import {ownedResource, type ResourceEnv} from '../tenants/resource.js';
import {PollSchema, ResultsSchema, VoteReceiptSchema, VoteSchema, type PollView} from './schema.js';
import {countsHeaders} from '../counting/counts.js';
import type {PollCounts} from '../counting/types.js';
import {hasVoted, pollResults, pollStatus, pollView, resultsVisible, type PollRecord} from './store.js';
import {castVote} from './vote.js';

const getPoll = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getPoll',
  summary: 'A poll, with results when they are visible to everyone',
  request: {params: idParams()},
  responses: {200: {description: 'The poll', content: json(PollSchema)}, ...problems(...READ_PROBLEMS)},
});

const vote = createRoute({
  method: 'post',
  path: '/{id}/votes',
  operationId: 'vote',
  summary: 'Vote once per voter; stored durably before 201',
  middleware: [jsonBody()] as const,
  request: {params: idParams(), headers: idempotencyHeaders, body: jsonRequest(VoteSchema)},
  responses: {201: stored(VoteReceiptSchema), ...problems('already-voted', 'poll-closed', 'poll-not-open', ...WRITE_PROBLEMS)},
});

const getResults = createRoute({
  method: 'get',
  path: '/{id}/results',
  operationId: 'getResults',
  summary: 'Results, when visible to this voter',
  request: {params: idParams(), headers: voterHeaders('The voter token: makes `after-vote` results visible to a voter who has voted.')},
  responses: {200: {description: 'The counts', content: json(ResultsSchema)}, ...problems('results-hidden', ...READ_PROBLEMS)},
});

/** The public poll API, mounted at /api/v1/polls. */
export function pollApi(deps: AppDeps) {
  const {db, secrets, counting} = deps;
  const app = apiApp<ResourceEnv<PollRecord>>();
  const owner = ownedResource(deps, (d, id) => d.content.poll(id));
  app.use('/:id/*', owner); // also matches `/:id` itself: the resource is read once per request

  app.openapi(getPoll, async (c) => {
    const poll = requirePoll(c.get('resource'), c.req.param('id'));
    const counts = resultsVisible(poll, false) ? await counting.poll(poll.id) : undefined;
    const {json, etag} = rendered(poll, counts);
    // Already serialized: the very bytes c.json would send for this view.
    const response = c.body(json, 200, {'Content-Type': 'application/json', ...SHARED_READ, ...countsHeaders(counts), ETag: etag});
    return response as unknown as TypedResponse<PollView, 200, 'json'>;
  });

  app.openapi(vote, async (c) => {
    const poll = requirePoll(c.get('resource'), c.req.param('id'));
    const result = await castVote(deps, {poll, vote: c.req.valid('json'), idempotencyKey: c.req.valid('header')['Idempotency-Key'], kiosk: c.get('kioskDevice')});
    return c.json(result.body, 201, writeHeaders(result.replayed));
  });

  app.openapi(getResults, async (c) => {
    const poll = requirePoll(c.get('resource'), c.req.param('id'));
    const voter = voterOf(c.req.valid('header'));
    const dependsOnVoter = !resultsVisible(poll, false);
    const voted = dependsOnVoter && poll.resultsVisibility === 'after-vote' && !!voter && (await hasVoted(db, poll.id, await secrets.voterHash(poll.tenantId, voter)));
    if (!resultsVisible(poll, voted)) throw new Problem('results-hidden', {detail: resultsHiddenDetail(poll)});
    const counts = await counting.poll(poll.id);
    const results = pollResults(poll, counts);
    return c.json(results, 200, {...readHeaders(dependsOnVoter), ...countsHeaders(counts), ETag: etagOf(results)});
  });
  return app;
}

/**
 * The poll's answer serialized once, with its ETag, and reused while the same cached poll and counts
 * (content and counts caches hand out the same objects until they change) and the same status hold:
 * a read of a busy poll does no JSON or hashing of its own.
 */
const renderings = new WeakMap<object, {poll: PollRecord; status: string; json: string; etag: string}>();
function rendered(poll: PollRecord, counts: PollCounts | undefined, now = new Date()): {json: string; etag: string} {
  const key = counts ?? poll;
  const status = pollStatus(poll, now);
  let hit = renderings.get(key);
  if (!hit || hit.poll !== poll || hit.status !== status) {
    const json = JSON.stringify(pollView(poll, counts, now));
    hit = {poll, status, json, etag: etagOfJson(json)};
    renderings.set(key, hit);
  }
  return hit;
}

function resultsHiddenDetail(poll: PollRecord): string {
  switch (poll.resultsVisibility) {
    case 'never':
      return 'The results of this poll are not published.';
    case 'after-close':
      return 'The results are shown when the poll closes.';
    default:
      return 'The results are shown after voting.';
  }
}

export function requirePoll(poll: PollRecord | undefined, id: string): PollRecord {
  if (!poll) throw new Problem('not-found', {detail: `There is no poll "${id}".`});
  return poll;
}
