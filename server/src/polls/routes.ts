import type {Context, Hono} from 'hono';
import type {AppDeps} from '../app.js';
import {requireIdempotencyKey} from '../http/idempotency.js';
import {methodNotAllowed, Problem, validationProblem} from '../http/problem.js';
import {ID_PATTERN, parseVote, VOTER_PATTERN} from './schema.js';
import {findPoll, hasVoted, pollResults, pollView, resultsVisible, type PollRecord} from './store.js';
import {castVote} from './vote.js';

export function registerPollApi(app: Hono, deps: AppDeps): void {
  const {db, secrets} = deps;

  app.get('/api/v1/polls/:id', async (c) => {
    const poll = await requirePoll(deps, c.req.param('id'));
    return c.json(pollView(poll), 200, {'Cache-Control': 'no-store'});
  });

  app.post('/api/v1/polls/:id/votes', async (c) => {
    const pollId = pollIdParam(c.req.param('id'));
    const idempotencyKey = requireIdempotencyKey(c.req.header('idempotency-key'));
    const vote = parseVote(await readJson(c));
    const result = await castVote({db, secrets}, {pollId, vote, idempotencyKey});
    const headers: Record<string, string> = {'Cache-Control': 'no-store'};
    if (result.replayed) headers['Idempotent-Replayed'] = 'true';
    return c.json(result.body, result.status as 201, headers);
  });

  app.get('/api/v1/polls/:id/results', async (c) => {
    const poll = await requirePoll(deps, c.req.param('id'));
    const voter = c.req.header('kirjasto-voter');
    let voted = false;
    if (poll.resultsVisibility === 'after-vote' && voter && VOTER_PATTERN.test(voter)) {
      voted = await hasVoted(db, poll.id, await secrets.voterHash(poll.tenantId, voter));
    }
    if (!resultsVisible(poll, voted)) {
      throw new Problem('results-hidden', {detail: resultsHiddenDetail(poll)});
    }
    return c.json(pollResults(poll), 200, {'Cache-Control': 'no-store'});
  });

  app.all('/api/v1/polls/:id', methodNotAllowed('GET'));
  app.all('/api/v1/polls/:id/votes', methodNotAllowed('POST'));
  app.all('/api/v1/polls/:id/results', methodNotAllowed('GET'));
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

/** A path id that cannot be a poll id is simply not found (and never reaches SQL). */
export function pollIdParam(id: string): string {
  if (!ID_PATTERN.test(id)) throw new Problem('not-found', {detail: 'There is no such poll.'});
  return id;
}

export async function requirePoll(deps: Pick<AppDeps, 'db'>, rawId: string): Promise<PollRecord> {
  const id = pollIdParam(rawId);
  const poll = await findPoll(deps.db, id);
  if (!poll) throw new Problem('not-found', {detail: `There is no poll "${id}".`});
  return poll;
}

/** The body as JSON; 415 for another content type, 400 for malformed JSON. */
export async function readJson(c: Context): Promise<unknown> {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(mediaType)) {
    throw new Problem('unsupported-media-type', {detail: 'Send the body as application/json.'});
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw validationProblem([{path: '', message: 'The body is not valid JSON'}], 'The body is not valid JSON.');
  }
}
