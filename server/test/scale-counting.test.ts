import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readPollCounts, readRatingCounts} from '../src/counting/counts.js';
import {rollUp, type Counted} from '../src/counting/rollup.js';
import type {Db} from '../src/db/db.js';
import {newKey, newVoter, postVote, setUp, STORES} from './helpers.js';
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

describe.each(STORES)('counting at scale on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    env = await setUp(kind);
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
    await rollUp(db, 'votes');
    expect(await tail(db, 'votes')).toBe(0);
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
        (await postResponse(env.url, 'demo-rating', {responseId: newResponseId(), score, voter: 'scale-test-kiosk-0001', channel: 'kiosk', location: 'demo-central'}, {key: newKey()})).status,
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
    await rollUp(db, 'rating_responses');
    expect(await tail(db, 'rating_responses')).toBe(0);
    await check();
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
