import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {registerKiosk} from '../src/kiosk/devices.js';
import {Secrets} from '../src/secrets.js';
import {Counting, readPollCounts, readRatingCounts} from '../src/counting/counts.js';
import {supportCount} from '../src/ideas/store.js';
import {rollUp, type Counted} from '../src/counting/rollup.js';
import type {Db} from '../src/db/db.js';
import {newKey, newVoter, postVote, setUp, STORES} from './helpers.js';
import {support} from './ideas-helpers.js';
import {newResponseId, postResponse} from './ratings-helpers.js';

const N = 240;
const CONCURRENCY = 40;

/** Runs `jobs` with at most `limit` at once. */
async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({length: limit}, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]!();
      }
    }),
  );
  return results;
}

/** Rolls up again and again until `done` settles: rollups race the writes they count. */
async function rollingUp<T>(db: Db, counted: Counted, done: Promise<T>): Promise<{result: T; rollups: number}> {
  let finished = false;
  let rollups = 0;
  const loop = (async () => {
    while (!finished) {
      if ((await rollUp(db, counted)) !== undefined) rollups++;
      await new Promise((r) => setImmediate(r));
    }
  })();
  try {
    return {result: await done, rollups};
  } finally {
    finished = true;
    await loop;
  }
}

const tail = async (db: Db, table: 'votes' | 'rating_responses') =>
  (await db.query<{n: number}>(`select count(*)::int as n from ${table} where xid >= (select watermark from count_watermarks where name = $1)`, [table]))[0]!.n;

/**
 * Rolls up until no committed row is left in the tail. On PostgreSQL a transaction still open
 * anywhere in the cluster (another test file's, at the same moment) holds the watermark back a
 * while, so one rollup may leave some rows for the next.
 */
const rollUpWholly = (db: Db, table: 'votes' | 'rating_responses') =>
  expect.poll(async () => (await rollUp(db, table), await tail(db, table)), {timeout: 20_000}).toBe(0);

describe.each(STORES)('counting at scale on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let kiosk: Record<string, string>; // a registered kiosk: its answers count as kiosk, not one a day
  beforeAll(async () => {
    env = await setUp(kind);
    kiosk = {'Kirjasto-Kiosk': (await registerKiosk(env.store.db, new Secrets(env.store.db), {tenantId: 'demo'})).token};
  }, 60_000);
  afterAll(() => env?.tearDown());

  it(`counts ${N} concurrent votes exactly while rollups run between them, before and after the last rollup`, async () => {
    const db = env.store.db;
    const options = ['loans', 'events', 'spaces', 'guidance'];
    const before = await readPollCounts(db, 'demo-poll-multi');
    const sent = Array.from({length: N}, (_, i) => ({
      optionIds: i % 5 === 0 ? [options[i % 4]!] : [options[i % 4]!, options[(i + 1 + (i % 3)) % 4]!].filter((v, j, a) => a.indexOf(v) === j),
      otherText: i % 7 === 0 ? `muu ${i}` : undefined,
    }));
    const voting = pool(
      sent.map((vote) => async () => {
        const body = {...vote, voter: newVoter(), channel: 'web'};
        const response = await postVote(env.url, 'demo-poll-multi', vote.optionIds.length + (vote.otherText ? 1 : 0) > 2 ? {...body, otherText: undefined} : body);
        const receipt = (await response.json()) as {optionIds: string[]; otherText?: string};
        return {status: response.status, receipt};
      }),
      CONCURRENCY,
    );
    const {result, rollups} = await rollingUp(db, 'votes', voting);
    expect(result.every((r) => r.status === 201)).toBe(true);
    expect(rollups).toBeGreaterThan(1);

    const truth = {votes: N, other: 0, options: new Map<string, number>()};
    for (const {receipt} of result) {
      if (receipt.otherText !== undefined) truth.other++;
      for (const id of receipt.optionIds) truth.options.set(id, (truth.options.get(id) ?? 0) + 1);
    }
    const expectCounts = async () => {
      const after = await readPollCounts(db, 'demo-poll-multi');
      expect(after.votes - before.votes).toBe(truth.votes);
      expect(after.other - before.other).toBe(truth.other);
      for (const id of options) expect((after.options.get(id) ?? 0) - (before.options.get(id) ?? 0), id).toBe(truth.options.get(id) ?? 0);
    };
    await expectCounts(); // tail and rollups together
    await rollUpWholly(db, 'votes');
    await expectCounts(); // all rolled up
    // and over HTTP, from the instance that took the votes
    const results = (await (await fetch(`${env.url}/api/v1/polls/demo-poll-multi/results`)).json()) as {total: number};
    expect(results.total - before.votes).toBe(N);
  });

  it(`counts ${N} concurrent rating responses exactly, by score, while rollups run`, async () => {
    const db = env.store.db;
    const sum = (rows: {score: number; count: number}[]) => {
      const byScore = new Map<number, number>();
      for (const r of rows) byScore.set(r.score, (byScore.get(r.score) ?? 0) + r.count);
      return byScore;
    };
    const before = sum(await readRatingCounts(db, 'demo-rating'));
    const scores = Array.from({length: N}, (_, i) => 1 + ((i * 7) % 5));
    const responding = pool(
      scores.map((score) => async () =>
        (await postResponse(env.url, 'demo-rating', {responseId: newResponseId(), score, voter: 'scale-test-kiosk-0001', channel: 'kiosk', location: 'demo-central'}, {key: newKey(), headers: kiosk})).status,
      ),
      CONCURRENCY,
    );
    const {result} = await rollingUp(db, 'rating_responses', responding);
    expect(result.every((s) => s === 201)).toBe(true);
    const check = async () => {
      const after = sum(await readRatingCounts(db, 'demo-rating'));
      for (let score = 1; score <= 5; score++) {
        expect((after.get(score) ?? 0) - (before.get(score) ?? 0), `score ${score}`).toBe(scores.filter((s) => s === score).length);
      }
    };
    await check();
    await rollUpWholly(db, 'rating_responses');
    await check();
  });

  it(`counts ${N} concurrent supports and withdrawals of one idea exactly while rollups run`, async () => {
    const db = env.store.db;
    const [idea] = await db.query<{id: string}>(`select id from ideas where state = 'published' and merged_into is null order by id limit 1`);
    const exact = async () => (await supportCount(db, idea!.id));
    const before = await exact();
    const voters = Array.from({length: N}, () => newVoter());
    const withdrawn = voters.filter((_, i) => i % 3 === 0);
    // Each voter supports; every third withdraws right after (its change may land in another rollup).
    const supporting = pool(
      voters.map((voter, i) => async () => {
        const first = (await support(env.url, idea!.id, {voter})).status;
        return i % 3 === 0 ? [first, (await support(env.url, idea!.id, {voter, supported: false})).status] : [first];
      }),
      CONCURRENCY,
    );
    const {result, rollups} = await rollingUp(db, 'idea_support_changes', supporting);
    expect(result.flat().every((s) => s === 200)).toBe(true);
    expect(rollups).toBeGreaterThan(1);
    const expected = before + N - withdrawn.length;
    expect(await exact()).toBe(expected); // tail and rollups together
    const shown = (await (await fetch(`${env.url}/api/v1/ideas/${idea!.id}`)).json()) as {supports: number};
    expect(shown.supports).toBe(expected);
    // all rolled up (as above, an open transaction elsewhere may hold some changes back a while)
    await expect
      .poll(async () => (await rollUp(db, 'idea_support_changes'), (await db.query<{supports: number}>('select supports from ideas where id = $1', [idea!.id]))[0]!.supports), {timeout: 20_000})
      .toBe(expected);
    expect(await exact()).toBe(expected);
  });

  it('stores each of several votes sent at once exactly as alone: a key twice, a voter twice, a replay', async () => {
    const counting = new Counting(env.store.db);
    const base = {pollId: 'demo-poll-multi', optionIds: ['loans'], channel: 'web' as const};
    const receipt = {pollId: 'demo-poll-multi', optionIds: ['loans']};
    const [k1, k2, k3] = [newKey(), newKey(), newKey()];
    const [v1, v2] = [newVoter(), newVoter()];
    const write = (key: string, voterHash: string, hash = 'h') => ({...base, scope: 'vote:demo-poll-multi', key, hash, response: receipt, voterHash});
    // Submitted in one turn of the event loop: one batch.
    const outcomes = await Promise.allSettled([
      counting.votes.submit(write(k1, v1)),
      counting.votes.submit(write(k1, v1)), // the same key again: a replay of the first
      counting.votes.submit(write(k2, v1)), // the same voter, another key: refused, its key not kept
      counting.votes.submit(write(k3, v2, 'other')),
    ]);
    const [a, b, c, d] = outcomes;
    expect(a).toMatchObject({status: 'fulfilled', value: {replayed: false, status: 201}});
    expect(b).toMatchObject({status: 'fulfilled', value: {replayed: true, status: 201, request_hash: 'h', response: receipt}});
    expect(c).toMatchObject({status: 'rejected', reason: {code: 'KV409'}});
    expect(d).toMatchObject({status: 'fulfilled', value: {replayed: false}});
    const keys = await env.store.db.query<{key: string}>('select key from idempotency_keys where key = any($1::text[])', [[k1, k2, k3]]);
    expect(new Set(keys.map((k) => k.key))).toEqual(new Set([k1, k3]));
    const votes = await env.store.db.query<{n: number}>('select count(*)::int as n from votes where voter_hash = any($1::text[])', [[v1, v2]]);
    expect(votes[0]!.n).toBe(2);
    // and all four were one transaction
    const xids = await env.store.db.query<{n: number}>('select count(distinct xid)::int as n from votes where voter_hash = any($1::text[])', [[v1, v2]]);
    expect(xids[0]!.n).toBe(1);
  });

  it('keeps the day counts by the library day, channel and branch, as the reports will read them', async () => {
    const db = env.store.db;
    await rollUp(db, 'votes');
    const rows = await db.query<{day: string; channel: string; branch_id: string; votes: number}>(
      `select day::text as day, channel, branch_id, votes::int as votes from poll_day_counts where poll_id = 'demo-poll-closed' order by channel`,
    );
    // the demo's 23 closed-poll votes, made in one transaction: one day, by channel
    expect(rows.reduce((n, r) => n + r.votes, 0)).toBe(23);
    expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(['qr', 'web']));
    const [today] = await db.query<{day: string}>(`select (now() at time zone 'Europe/Helsinki')::date::text as day`);
    expect(rows.every((r) => r.day === today!.day && r.branch_id === '')).toBe(true);
  });
});
