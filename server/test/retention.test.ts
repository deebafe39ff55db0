import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readPollCounts, readRatingCounts} from '../src/counting/counts.js';
import {rollUp} from '../src/counting/rollup.js';
import type {Db} from '../src/db/db.js';
import {openPostgres} from '../src/db/postgres.js';
import {insertPoll} from '../src/polls/store.js';
import {insertRating} from '../src/ratings/store.js';
import {retentionIfDue} from '../src/retention/job.js';
import {runRetention} from '../src/retention/retention.js';
import {newVoter, postVote, setUp, STORES} from './helpers.js';
import {newIdea, postIdea, support} from './ideas-helpers.js';
import {newResponseId, postResponse} from './ratings-helpers.js';

const count = async (db: Db, sql: string, params: unknown[] = []) => (await db.query<{n: number}>(`select count(*)::int as n from (${sql}) x`, params))[0]!.n;

/** Rolls up until every committed row is counted (another test's open transaction may hold it back a moment). */
async function rollUpAll(db: Db) {
  for (const table of ['votes', 'rating_responses', 'idea_support_changes'] as const) {
    await expect
      .poll(async () => {
        await rollUp(db, table);
        const watermark = table === 'idea_support_changes' ? 'idea_support_changes' : table;
        return count(db, `select 1 from ${table} where xid >= (select watermark from count_watermarks where name = '${watermark}')`);
      })
      .toBe(0);
  }
}

const MONTH_25 = "now() - interval '25 months'";

describe.each(STORES)('retention on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let db: Db;

  beforeAll(async () => {
    env = await setUp(kind);
    db = env.store.db;
    await insertPoll(db, {id: 'ret-poll', tenantId: 'demo', question: {en: 'Kept?'}, options: [{id: 'a', label: {en: 'A'}}, {id: 'b', label: {en: 'B'}}], allowOther: true, resultsVisibility: 'always'});
    await insertRating(db, {id: 'ret-rating', tenantId: 'demo', question: {en: 'How was it?'}, scale: 'smileys-5', commentMode: 'always'});
  });
  afterAll(() => env?.tearDown());

  it('deletes what the library set, only once counted, and keeps the reports’ totals', async () => {
    // Six votes (two with an "other" answer) and six rating answers with comments, through the API.
    for (let i = 0; i < 6; i++) {
      const vote = i < 2 ? {optionIds: [], otherText: `own words ${i}`} : {optionIds: [i % 2 ? 'a' : 'b']};
      expect((await postVote(env.url, 'ret-poll', {...vote, voter: newVoter(), channel: 'web'})).status).toBe(201);
      const answer = {responseId: newResponseId(), score: 1 + (i % 5), comment: `comment ${i}`, voter: newVoter(), channel: 'kiosk'};
      expect((await postResponse(env.url, 'ret-rating', answer)).status).toBe(201);
    }
    // An idea answered 100 days ago with a contact, one 13 months old with a contact, one 25 months old, one new.
    const ideaIds: string[] = [];
    for (let i = 0; i < 4; i++) {
      const posted = await postIdea(env.url, 'demo-ideas', await newIdea(db, 'demo-ideas', {contact: `patron${i}@example.fi`}));
      expect(posted.status).toBe(201);
      ideaIds.push(((await posted.json()) as {idea: {id: string}}).idea.id);
    }
    expect((await support(env.url, ideaIds[2]!, {voter: newVoter()})).status).toBeLessThan(300);
    await rollUpAll(db);

    // Back-dated: four of the votes and rating answers, the ideas, the support, an idempotency key.
    await db.query(`update votes set created_at = ${MONTH_25} where id in (select id from votes where poll_id = 'ret-poll' order by id limit 4)`);
    await db.query(`update rating_responses set created_at = ${MONTH_25} where id in (select id from rating_responses where rating_id = 'ret-rating' order by id limit 4)`);
    await db.query(`update ideas set status = 'done', answer = '{"fi":"Tehty"}', answered_at = now() - interval '100 days' where id = $1`, [ideaIds[0]]);
    await db.query(`update ideas set created_at = now() - interval '13 months' where id = $1`, [ideaIds[1]]);
    await db.query(`update ideas set created_at = ${MONTH_25} where id = $1`, [ideaIds[2]]);
    await db.query(`update idea_supports set created_at = ${MONTH_25} where idea_id = $1`, [ideaIds[2]]);
    await db.query(`update idempotency_keys set created_at = now() - interval '31 days' where scope = 'vote:ret-poll'`);
    // A vote of the tail (not rolled up yet), back-dated too: retention must not take what is not counted.
    await db.query(`insert into votes (poll_id, voter_hash, option_ids, channel, created_at) values ('ret-poll', 'tail-voter', '{a}', 'web', ${MONTH_25})`);

    const pollBefore = await readPollCounts(db, 'ret-poll');
    const ratingBefore = await readRatingCounts(db, 'ret-rating');
    const supportsBefore = (await db.query<{supports: number}>('select supports from ideas where id = $1', [ideaIds[2]]))[0]!.supports;
    const listedBefore = (await db.query<{idea_count: number}>(`select idea_count from idea_boxes where id = 'demo-ideas'`))[0]!.idea_count;

    const run = await runRetention(db);
    const demo = run.byTenant.get('demo')!;
    expect(demo).toMatchObject({votes: 4, ratingResponses: 4, ideaTexts: 1, supports: 1});
    // Both "other" answers were among the four old votes: their words went before the rows did.
    expect(demo.otherAnswers).toBe(2);
    expect(demo.ratingComments).toBe(4);
    // Answered 100 days ago, 13 months old, and the 25-month-old idea's contact went with its text.
    expect(demo.contacts).toBe(2);
    expect(run.housekeeping.idempotencyKeys).toBeGreaterThanOrEqual(6);

    expect(await count(db, `select 1 from votes where poll_id = 'ret-poll'`)).toBe(3); // two new ones and the tail
    expect(await count(db, `select 1 from votes where voter_hash = 'tail-voter'`)).toBe(1);
    expect(await count(db, `select 1 from rating_responses where rating_id = 'ret-rating' and comment is not null`)).toBe(2);
    const ideas = await db.query<{id: string; text: string; contact: string | null; text_removed_at: Date | null; state: string}>(
      'select id, text, contact, text_removed_at, state from ideas where id = any($1)',
      [ideaIds],
    );
    const byId = new Map(ideas.map((r) => [r.id, r]));
    expect(byId.get(ideaIds[0]!)!.contact).toBeNull();
    expect(byId.get(ideaIds[1]!)!.contact).toBeNull();
    expect(byId.get(ideaIds[2]!)).toMatchObject({text: '', contact: null, state: 'hidden'});
    expect(byId.get(ideaIds[3]!)!.contact).toBe('patron3@example.fi');
    expect(await count(db, 'select 1 from idea_supports where idea_id = $1', [ideaIds[2]])).toBe(0);

    // The counts the reports and the live results read did not move.
    expect({...(await readPollCounts(db, 'ret-poll')), countedAt: undefined}).toEqual({...pollBefore, countedAt: undefined});
    expect(await readRatingCounts(db, 'ret-rating')).toEqual(ratingBefore);
    expect((await db.query<{supports: number}>('select supports from ideas where id = $1', [ideaIds[2]]))[0]!.supports).toBe(supportsBefore);
    expect((await db.query<{idea_count: number}>(`select idea_count from idea_boxes where id = 'demo-ideas'`))[0]!.idea_count).toBe(listedBefore - 1);

    // What was deleted is logged as counts, never contents.
    const [logged] = await db.query<{counts: Record<string, unknown>}>(`select counts from retention_runs where tenant_id = 'demo' order by id desc limit 1`);
    expect(Object.values(logged!.counts).every((n) => typeof n === 'number')).toBe(true);
    expect(JSON.stringify(logged)).not.toMatch(/comment|own words|patron\d@/);
  });

  it('follows the retention the owner set in the console', async () => {
    await db.query(`update tenants set retention_raw_months = 36 where id = 'demo'`);
    await db.query(`insert into votes (poll_id, voter_hash, option_ids, channel, created_at, xid) values ('ret-poll', 'old-voter', '{b}', 'web', ${MONTH_25}, '1')`);
    const run = await runRetention(db);
    expect(run.byTenant.get('demo')!.votes).toBe(0);
    await db.query(`update tenants set retention_raw_months = 24 where id = 'demo'`);
  });

  it('runs once a day, once across instances sharing the database', async () => {
    await db.query(`update scheduled_jobs set last_run_at = null where name = 'retention'`);
    const second: Db = kind.name === 'postgres' ? openPostgres(process.env.DATABASE_URL!, {searchPath: (await db.query<{s: string}>('select current_schema() as s'))[0]!.s}) : db;
    try {
      const runs = await Promise.all([retentionIfDue(db), retentionIfDue(second), retentionIfDue(db)]);
      expect(runs.filter((run) => run !== undefined)).toHaveLength(1);
      // A restart the same day does not run it again: the claim is in the database.
      expect(await retentionIfDue(second)).toBeUndefined();
      expect(await retentionIfDue(db, new Date(Date.now() + 86_400_000 + 1000))).toBeDefined();
    } finally {
      if (second !== db) await second.close();
    }
  });
});
