import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Db, Queryable} from '../src/db/db.js';
import {findRating} from '../src/ratings/store.js';
import {submitResponse} from '../src/ratings/respond.js';
import {createDeps} from '../src/deps.js';
import {newKey, newVoter, postVote, setUp, startServer, STORES, testConfig, type TestServer} from './helpers.js';
import {newResponseId} from './ratings-helpers.js';
import {postIdea} from './ideas-helpers.js';

/** Counts the statements that read a poll row, to see how often one request reads it. */
function countingPollReads(db: Db): {db: Db; reads: () => number} {
  let reads = 0;
  const count = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      if (/from polls\b/.test(sql)) reads++;
      return q.query(sql, params);
    },
    exec: (sql) => q.exec(sql),
  });
  return {db: {...db, ...count(db), transaction: (fn) => db.transaction((tx) => fn(count(tx)))}, reads: () => reads};
}

describe.each(STORES)('caching, validators and the library day on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let url: string;
  beforeAll(async () => {
    env = await setUp(kind);
    url = env.url;
  });
  afterAll(() => env?.tearDown());

  it('answers public reads with an ETag, a 304 to If-None-Match, and a cache a CDN may keep briefly', async () => {
    for (const path of ['/api/v1/polls/demo-poll', '/api/v1/polls/demo-poll-multi/results', '/api/v1/ratings/demo-rating', '/api/v1/ratings/demo-rating/summary', '/api/v1/idea-boxes/demo-ideas', '/api/v1/idea-boxes/demo-ideas/ideas']) {
      const first = await fetch(`${url}${path}`, {headers: {Origin: 'http://localhost:5173'}});
      expect(first.status, path).toBe(200);
      expect(first.headers.get('cache-control'), path).toBe('public, max-age=0, s-maxage=5');
      expect(first.headers.get('x-content-type-options'), path).toBe('nosniff');
      const etag = first.headers.get('etag');
      expect(etag, path).toMatch(/^(W\/)?".+"$/);
      const again = await fetch(`${url}${path}`, {headers: {'If-None-Match': etag!, Origin: 'http://localhost:5173'}});
      expect(again.status, path).toBe(304);
      expect(again.headers.get('access-control-allow-origin'), path).toBe('http://localhost:5173');
      expect(again.headers.get('cache-control'), path).toBe('public, max-age=0, s-maxage=5');
    }
  });

  it('keeps answers that depend on the voter out of shared caches, and writes and problems uncached', async () => {
    const voter = newVoter();
    expect((await postVote(url, 'demo-poll', {optionIds: ['hours'], voter, channel: 'web'})).headers.get('cache-control')).toBe('no-store');
    const results = await fetch(`${url}/api/v1/polls/demo-poll/results`, {headers: {'Kirjasto-Voter': voter}});
    expect(results.status).toBe(200);
    expect(results.headers.get('cache-control')).toBe('private, no-cache');
    expect(results.headers.get('vary')).toContain('Kirjasto-Voter');
    const shared = await fetch(`${url}/api/v1/polls/demo-poll-multi/results`);
    expect(shared.headers.get('vary')).toContain('Kirjasto-Voter');
    const hidden = await fetch(`${url}/api/v1/polls/demo-poll/results`);
    expect(hidden.status).toBe(403);
    expect(hidden.headers.get('cache-control')).toBe('no-store');
    const listed = await fetch(`${url}/api/v1/idea-boxes/demo-ideas/ideas`, {headers: {'Kirjasto-Voter': voter}});
    expect(listed.headers.get('cache-control')).toBe('private, no-cache');
  });

  it('reads the poll row once per instance for cross-origin votes (then from the content cache), and never in the vote transaction', async () => {
    const counting = countingPollReads(env.store.db);
    const server = await startServer(counting.db);
    try {
      const before = counting.reads();
      const vote = () => postVote(server.url, 'demo-poll-multi', {optionIds: ['loans'], voter: newVoter(), channel: 'web'}, {origin: 'http://localhost:5173'});
      const response = await vote();
      expect(response.status).toBe(201);
      expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(counting.reads() - before).toBe(1);
      expect((await vote()).status).toBe(201);
      expect(counting.reads() - before).toBe(1);
    } finally {
      await server.close();
    }
  });

  it("keeps its cached content when another schema of the same database changes, and drops it on its own schema's change", async (ctx) => {
    if (kind.name !== 'postgres') return ctx.skip(); // one PGlite folder is one database with one schema
    const other = await setUp(kind); // another deployment (or test file) in its own schema of the same database
    const counting = countingPollReads(env.store.db);
    const server = await startServer(counting.db);
    try {
      const read = async () => expect((await fetch(`${server.url}/api/v1/polls/demo-poll-multi`)).status).toBe(200);
      await read();
      const before = counting.reads();
      await other.store.db.query("update polls set question = question where id = 'demo-poll-multi'");
      await env.store.db.query("update polls set question = question where id = 'demo-poll'");
      // Its own change arrives after the other's, so once it has been seen the other's was ignored: one read.
      await expect.poll(async () => (await read(), counting.reads() - before)).toBe(1);
      await read();
      expect(counting.reads() - before).toBe(1);
    } finally {
      await server.close();
      await other.tearDown();
    }
  });

  it('takes one web rating per voter per library day (Europe/Helsinki), not per UTC day', async () => {
    const db = env.store.db;
    const deps = createDeps({db, config: testConfig()});
    const rating = (await findRating(db, 'demo-stars'))!;
    expect(rating.timeZone).toBe('Europe/Helsinki');
    const voter = newVoter();
    const winter = new Date().getUTCFullYear() + 1; // after the demo rating opened; January is UTC+2 in Helsinki
    const respond = (at: string) =>
      submitResponse(deps, {rating, response: {responseId: newResponseId(), score: 4, voter, channel: 'web'}, idempotencyKey: newKey()}, new Date(`${winter}-${at}`));
    // 23:59 and 00:01 in Helsinki: the same UTC day, two library days
    expect((await respond('01-15T21:59:00Z')).status).toBe(201);
    expect((await respond('01-15T22:01:00Z')).status).toBe(201);
    // 23:30 in Helsinki the same library day: another UTC day, but not another library day
    await expect(respond('01-16T21:30:00Z')).rejects.toMatchObject({slug: 'already-rated'});
  });

  it('issues idea form tokens usable at once when the minimum age is configured to 0', async () => {
    let quick: TestServer | undefined;
    try {
      quick = await startServer(env.store.db, testConfig({formMinAgeMs: 0}));
      const box = (await (await fetch(`${quick.url}/api/v1/idea-boxes/demo-ideas`)).json()) as {formToken: string; formMinAgeMs: number};
      expect(box.formMinAgeMs).toBe(0);
      const sent = await postIdea(quick.url, 'demo-ideas', {text: 'An idea sent right away', voter: newVoter(), channel: 'web', formToken: box.formToken});
      expect(sent.status).toBe(201);
    } finally {
      await quick?.close();
    }
  });
});
