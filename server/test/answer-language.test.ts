import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {rollUp} from '../src/counting/rollup.js';
import {expectProblem, newVoter, postVote, setUp, STORES} from './helpers.js';
import {newIdea, postIdea} from './ideas-helpers.js';
import {newResponseId, postResponse} from './ratings-helpers.js';

// Every write may carry the UI language it was given in (issue 10): stored with the answer, and kept
// in the per-day counts the reports read, with the hour of the library's day for ratings.
describe.each(STORES)('the language of an answer on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;

  beforeAll(async () => {
    env = await setUp(kind);
  });
  afterAll(() => env?.tearDown());

  it('is stored with a vote, a rating response and an idea, and counted by language', async () => {
    const db = env.store.db;
    expect((await postVote(env.url, 'demo-poll', {optionIds: ['kids'], voter: newVoter(), channel: 'qr', lang: 'sv'})).status).toBe(201);
    const rated = await postResponse(env.url, 'demo-rating', {responseId: newResponseId(), score: 4, voter: newVoter(), channel: 'qr', lang: 'se'});
    expect(rated.status).toBe(201);
    const idea = await postIdea(env.url, 'demo-ideas', await newIdea(db, 'demo-ideas', {lang: 'fi-x-selko'}));
    expect(idea.status).toBe(201);
    const langs = await db.query<{lang: string}>(
      `(select lang from votes where poll_id = 'demo-poll' and lang is not null)
       union all (select lang from rating_responses where rating_id = 'demo-rating' and lang is not null)
       union all (select lang from ideas where box_id = 'demo-ideas' and lang is not null and id not like 'demo-idea-%')`, // not the demo's own ideas
    );
    expect(langs.map((r) => r.lang).sort()).toEqual(['fi-x-selko', 'se', 'sv']);

    // A rollup keeps the language in the day counts and the library's hour in the hour counts.
    await expect.poll(async () => (await rollUp(db, 'votes'), (await db.query(`select 1 from poll_day_counts where poll_id = 'demo-poll' and lang = 'sv' and channel = 'qr'`)).length)).toBe(1);
    await expect.poll(async () => (await rollUp(db, 'rating_responses'), (await db.query(`select 1 from rating_day_counts where rating_id = 'demo-rating' and lang = 'se' and channel = 'qr' and score = 4`)).length)).toBe(1);
    const [hour] = await db.query<{hour: number; count: number}>(
      `select hour, sum(count)::int as count from rating_hour_counts
        where rating_id = 'demo-rating' and channel = 'qr' and day = (now() at time zone 'Europe/Helsinki')::date
          and hour = extract(hour from now() at time zone 'Europe/Helsinki') group by hour`,
    );
    expect(hour?.count).toBeGreaterThanOrEqual(1);
  });

  it('answers a language the widgets do not speak with a validation problem naming /lang', async () => {
    const refused = await postVote(env.url, 'demo-poll', {optionIds: ['kids'], voter: newVoter(), channel: 'web', lang: 'de'});
    const problem = await expectProblem(refused, 400, 'validation');
    expect(problem.errors?.map((e) => e.path)).toContain('/lang');
  });
});
