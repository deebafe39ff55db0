import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {insertPoll} from '../src/polls/store.js';
import {readPollCounts} from '../src/counting/counts.js';
import {expectProblem, newKey, newVoter, postVote, setUp, STORES} from './helpers.js';

describe.each(STORES)('polls API on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let url: string;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${url}${path}`, {headers});
  const results = async (pollId: string, voter?: string) =>
    get(`/api/v1/polls/${pollId}/results`, voter ? {'Kirjasto-Voter': voter} : {});
  const voteCount = async (pollId: string) =>
    (await env.store.db.query<{n: number}>('select count(*)::int as n from votes where poll_id = $1', [pollId]))[0]!.n;

  beforeAll(async () => {
    env = await setUp(kind);
    url = env.url;
    // An after-vote poll that has closed: its results are then visible to everyone.
    await insertPoll(env.store.db, {
      id: 'test-after-vote-closed',
      tenantId: 'demo',
      question: {en: 'Closed after-vote'},
      options: [{id: 'a', label: {en: 'A'}}],
      resultsVisibility: 'after-vote',
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() - 1000),
    });
  });
  afterAll(() => env?.tearDown());

  it('answers health', async () => {
    const response = await get('/api/v1/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({status: 'ok'});
  });

  it('shows an open poll without results when they are shown after voting', async () => {
    const response = await get('/api/v1/polls/demo-poll');
    expect(response.status).toBe(200);
    const poll = await response.json();
    expect(poll).toMatchObject({
      id: 'demo-poll',
      maxChoices: 1,
      allowOther: false,
      resultsVisibility: 'after-vote',
      status: 'open',
    });
    expect(poll.question.fi).toBe('Mitä toivoisit kirjastoon lisää?');
    expect(poll.options.map((o: {id: string}) => o.id)).toEqual(['hours', 'kids', 'quiet', 'ebooks']);
    expect(poll.results).toBeUndefined();
    expect(poll.closesAt).toBeUndefined();
  });

  it('derives closed and scheduled status, and shows results of a closed after-close poll', async () => {
    const closed = await (await get('/api/v1/polls/demo-poll-closed')).json();
    expect(closed.status).toBe('closed');
    expect(new Date(closed.closesAt).getTime()).toBeLessThan(Date.now());
    expect(closed.results).toEqual({
      total: 23,
      options: [
        {id: 'reading', count: 12},
        {id: 'concert', count: 7},
        {id: 'author', count: 4},
      ],
      otherCount: 0,
    });
    const upcoming = await (await get('/api/v1/polls/demo-poll-upcoming')).json();
    expect(upcoming.status).toBe('scheduled');
    expect(new Date(upcoming.opensAt).getTime()).toBeGreaterThan(Date.now());
    expect(upcoming.results).toBeUndefined();
    const multi = await (await get('/api/v1/polls/demo-poll-multi')).json();
    expect(multi).toMatchObject({status: 'open', maxChoices: 2, allowOther: true, resultsVisibility: 'always'});
    expect(multi.results).toBeDefined();
  });

  it('answers 404 problem for an unknown poll', async () => {
    await expectProblem(await get('/api/v1/polls/no-such-poll'), 404, 'not-found');
    await expectProblem(await get('/api/v1/polls/no-such-poll/results'), 404, 'not-found');
    await expectProblem(await postVote(url, 'no-such-poll', {optionIds: ['a'], voter: newVoter(), channel: 'web'}), 404, 'not-found');
  });

  it('stores a vote, counts it and returns after-vote results in the receipt', async () => {
    const before = await voteCount('demo-poll');
    const voter = newVoter();
    const response = await postVote(url, 'demo-poll', {optionIds: ['quiet'], voter, channel: 'qr', location: 'demo-village'});
    expect(response.status).toBe(201);
    const receipt = await response.json();
    expect(receipt.pollId).toBe('demo-poll');
    expect(receipt.optionIds).toEqual(['quiet']);
    expect(receipt.results.total).toBe(before + 1);
    expect(await voteCount('demo-poll')).toBe(before + 1);
    const [row] = await env.store.db.query<{channel: string; branch_id: string}>(
      'select channel, branch_id from votes where poll_id = $1 order by id desc limit 1',
      ['demo-poll'],
    );
    expect(row).toEqual({channel: 'qr', branch_id: 'demo-village'});
    // the voter may now read the results; others may not
    const mine = await results('demo-poll', voter);
    expect(mine.status).toBe(200);
    expect(await mine.json()).toEqual(receipt.results);
    await expectProblem(await results('demo-poll'), 403, 'results-hidden');
    await expectProblem(await results('demo-poll', newVoter()), 403, 'results-hidden');
  });

  it('refuses a second vote by the same voter with 409 and the results', async () => {
    const voter = newVoter();
    expect((await postVote(url, 'demo-poll', {optionIds: ['hours'], voter, channel: 'web'})).status).toBe(201);
    const before = await voteCount('demo-poll');
    const problem = await expectProblem(
      await postVote(url, 'demo-poll', {optionIds: ['kids'], voter, channel: 'web'}),
      409,
      'already-voted',
    );
    expect((problem.results as {total: number}).total).toBe(before);
    expect(await voteCount('demo-poll')).toBe(before);
  });

  it('does not include results in already-voted when they are never shown', async () => {
    const voter = newVoter();
    const first = await postVote(url, 'demo-poll-hidden', {optionIds: ['yes'], voter, channel: 'kiosk'});
    expect(first.status).toBe(201);
    expect((await first.json()).results).toBeUndefined();
    const problem = await expectProblem(
      await postVote(url, 'demo-poll-hidden', {optionIds: ['no'], voter, channel: 'kiosk'}),
      409,
      'already-voted',
    );
    expect(problem.results).toBeUndefined();
    await expectProblem(await results('demo-poll-hidden', voter), 403, 'results-hidden');
  });

  it('keeps results of after-close polls hidden while open, and shows after-vote results once closed', async () => {
    const closed = await results('demo-poll-closed');
    expect(closed.status).toBe(200);
    expect((await closed.json()).total).toBe(23);
    expect((await results('test-after-vote-closed')).status).toBe(200);
    const always = await results('demo-poll-multi');
    expect(always.status).toBe(200);
    await expectProblem(await results('demo-poll-upcoming'), 403, 'results-hidden');
  });

  it('enforces maxChoices, with "other" counting as one choice', async () => {
    const tooMany = await expectProblem(
      await postVote(url, 'demo-poll', {optionIds: ['hours', 'kids'], voter: newVoter(), channel: 'web'}),
      400,
      'validation',
    );
    expect(tooMany.errors).toContainEqual({path: '/optionIds', message: 'Choose at most 1'});
    await expectProblem(
      await postVote(url, 'demo-poll-multi', {optionIds: ['loans', 'events'], otherText: 'Kahvila', voter: newVoter(), channel: 'web'}),
      400,
      'validation',
    );
    const ok = await postVote(url, 'demo-poll-multi', {optionIds: ['loans'], otherText: '  Kahvila  ', voter: newVoter(), channel: 'web'});
    expect(ok.status).toBe(201);
    const receipt = await ok.json();
    expect(receipt.otherText).toBe('Kahvila');
    expect(receipt.results.otherCount).toBeGreaterThanOrEqual(1);
    const none = await expectProblem(await postVote(url, 'demo-poll', {optionIds: [], voter: newVoter(), channel: 'web'}), 400, 'validation');
    expect(none.errors?.[0]?.path).toBe('/optionIds');
  });

  it('accepts "other" alone, and counts it in otherCount', async () => {
    const before = await (await results('demo-poll-multi')).json();
    const response = await postVote(url, 'demo-poll-multi', {optionIds: [], otherText: 'Kirjastoauto', voter: newVoter(), channel: 'web'});
    expect(response.status).toBe(201);
    const after = (await response.json()).results;
    expect(after.total).toBe(before.total + 1);
    expect(after.otherCount).toBe(before.otherCount + 1);
    expect(after.options).toEqual(before.options);
  });

  it('refuses otherText where it is not allowed, empty, or too long', async () => {
    const notAllowed = await expectProblem(
      await postVote(url, 'demo-poll', {optionIds: ['hours'], otherText: 'x', voter: newVoter(), channel: 'web'}),
      400,
      'validation',
    );
    expect(notAllowed.errors?.map((e) => e.path)).toEqual(['/otherText']);
    for (const otherText of ['   ', 'x'.repeat(501)]) {
      const problem = await expectProblem(
        await postVote(url, 'demo-poll-multi', {optionIds: [], otherText, voter: newVoter(), channel: 'web'}),
        400,
        'validation',
      );
      expect(problem.errors?.[0]?.path).toBe('/otherText');
    }
    expect((await postVote(url, 'demo-poll-multi', {optionIds: [], otherText: 'y'.repeat(500), voter: newVoter(), channel: 'web'})).status).toBe(201);
  });

  it('names unknown and duplicate options and an unknown location by JSON Pointer', async () => {
    const problem = await expectProblem(
      await postVote(url, 'demo-poll-multi', {optionIds: ['loans', 'nope'], voter: newVoter(), channel: 'web', location: 'elsewhere'}),
      400,
      'validation',
    );
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['/location', '/optionIds/1']);
    const duplicate = await expectProblem(
      await postVote(url, 'demo-poll-multi', {optionIds: ['loans', 'loans'], voter: newVoter(), channel: 'web'}),
      400,
      'validation',
    );
    expect(duplicate.errors?.map((e) => e.path)).toEqual(['/optionIds/1']);
    const shape = await expectProblem(await postVote(url, 'demo-poll', {optionIds: 'hours', voter: 'short', channel: 'fax'}), 400, 'validation');
    expect(shape.errors?.map((e) => e.path).sort()).toEqual(['/channel', '/optionIds', '/voter']);
  });

  it('refuses votes in closed and not-yet-open polls', async () => {
    await expectProblem(await postVote(url, 'demo-poll-closed', {optionIds: ['reading'], voter: newVoter(), channel: 'web'}), 409, 'poll-closed');
    const problem = await expectProblem(
      await postVote(url, 'demo-poll-upcoming', {optionIds: ['crime'], voter: newVoter(), channel: 'web'}),
      409,
      'poll-not-open',
    );
    expect(new Date(problem.opensAt as string).getTime()).toBeGreaterThan(Date.now());
  });

  it('requires a well-formed Idempotency-Key', async () => {
    const vote = {optionIds: ['hours'], voter: newVoter(), channel: 'web'};
    for (const key of [null, 'short', 'has space in it', 'x'.repeat(129), 'ääkkösiä-avain']) {
      const problem = await expectProblem(await postVote(url, 'demo-poll', vote, {key}), 400, 'validation');
      expect(problem.errors?.[0]?.path).toBe('Idempotency-Key');
    }
  });

  it('replays a retried vote with the same body and stores it once', async () => {
    const key = newKey();
    const vote = {optionIds: ['ebooks'], voter: newVoter(), channel: 'web'};
    const before = await voteCount('demo-poll');
    const first = await postVote(url, 'demo-poll', vote, {key});
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const firstBody = await first.json();
    // the same body with keys in another order and an unknown field is the same request
    const retry = await postVote(url, 'demo-poll', {channel: 'web', voter: vote.voter, optionIds: ['ebooks'], extra: 1}, {key});
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(firstBody);
    expect(await voteCount('demo-poll')).toBe(before + 1);
  });

  it('refuses the same key with a different body with 422', async () => {
    const key = newKey();
    const voter = newVoter();
    expect((await postVote(url, 'demo-poll', {optionIds: ['hours'], voter, channel: 'web'}, {key})).status).toBe(201);
    await expectProblem(await postVote(url, 'demo-poll', {optionIds: ['kids'], voter, channel: 'web'}, {key}), 422, 'idempotency-key-reused');
  });

  it('does not keep the key of a refused request', async () => {
    const key = newKey();
    const voter = newVoter();
    await expectProblem(await postVote(url, 'demo-poll', {optionIds: ['nope'], voter, channel: 'web'}, {key}), 400, 'validation');
    expect((await postVote(url, 'demo-poll', {optionIds: ['kids'], voter, channel: 'web'}, {key})).status).toBe(201);
  });

  it('stores one vote for concurrent requests with the same key', async () => {
    const key = newKey();
    const vote = {optionIds: ['kids'], voter: newVoter(), channel: 'web'};
    const before = await voteCount('demo-poll');
    const responses = await Promise.all(Array.from({length: 6}, () => postVote(url, 'demo-poll', vote, {key})));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(5);
    const bodies = await Promise.all(responses.map((r) => r.json()));
    for (const body of bodies) expect(body).toEqual(bodies.find((_, i) => responses[i]!.headers.get('idempotent-replayed') === null));
    expect(await voteCount('demo-poll')).toBe(before + 1);
  });

  it('stores one vote for concurrent requests by one voter with different keys', async () => {
    const vote = {optionIds: ['kids'], voter: newVoter(), channel: 'web'};
    const before = await voteCount('demo-poll');
    const responses = await Promise.all(Array.from({length: 6}, () => postVote(url, 'demo-poll', vote)));
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await voteCount('demo-poll')).toBe(before + 1);
  });

  it('keeps the counts equal to the stored votes', async () => {
    const rows = await env.store.db.query<{poll_id: string; id: string; n: number}>(
      `select o.poll_id, o.id, (select count(*)::int from votes v where v.poll_id = o.poll_id and o.id = any(v.option_ids)) as n
         from poll_options o where o.poll_id = any($1::text[])`,
      [['demo-poll', 'demo-poll-multi', 'demo-poll-closed']],
    );
    for (const row of rows) expect((await readPollCounts(env.store.db, row.poll_id)).options.get(row.id) ?? 0, row.id).toBe(row.n);
    const polls = await env.store.db.query<{id: string; n: number; o: number}>(
      `select p.id,
              (select count(*)::int from votes v where v.poll_id = p.id) as n,
              (select count(other_text)::int from votes v where v.poll_id = p.id) as o
         from polls p`,
    );
    for (const p of polls) {
      const counts = await readPollCounts(env.store.db, p.id);
      expect(counts.votes, p.id).toBe(p.n);
      expect(counts.other, p.id).toBe(p.o);
    }
  });
});
