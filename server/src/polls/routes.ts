import {createRoute} from '@hono/zod-openapi';
import {etagOf, SHARED_READ, readHeaders} from '../http/cache.js';
import {apiApp, idempotencyHeaders, idParams, json, jsonBody, jsonRequest, problems, READ_PROBLEMS, stored, voterHeaders, voterOf, WRITE_PROBLEMS, writeHeaders} from '../http/contract.js';
import {Problem} from '../http/problem.js';
import type {AppDeps} from '../deps.js';
import {ownedResource, type ResourceEnv} from '../tenants/resource.js';
import {PollSchema, ResultsSchema, VoteReceiptSchema, VoteSchema} from './schema.js';
import {countsHeaders} from '../counting/counts.js';
import {hasVoted, pollResults, pollView, resultsVisible, type PollRecord} from './store.js';
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
  app.use('/:id', owner);
  app.use('/:id/*', owner);

  app.openapi(getPoll, async (c) => {
    const poll = requirePoll(c.get('resource'), c.req.param('id'));
    const counts = resultsVisible(poll, false) ? await counting.poll(poll.id) : undefined;
    const view = pollView(poll, counts);
    return c.json(view, 200, {...SHARED_READ, ...countsHeaders(counts), ETag: etagOf(view)});
  });

  app.openapi(vote, async (c) => {
    const poll = requirePoll(c.get('resource'), c.req.param('id'));
    const result = await castVote(deps, {poll, vote: c.req.valid('json'), idempotencyKey: c.req.valid('header')['Idempotency-Key']});
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
