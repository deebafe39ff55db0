import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readPollCounts, readRatingCounts} from '../src/counting/counts.js';
import {rollUp} from '../src/counting/rollup.js';
import type {Db} from '../src/db/db.js';
import {insertPoll} from '../src/polls/store.js';
import {insertRating} from '../src/ratings/store.js';
import {runRetention} from '../src/retention/retention.js';
import {Secrets} from '../src/secrets.js';
import {demoEmail, seedStaff, signIn} from './admin-helpers.js';
import {expectProblem, newVoter, postVote, setUp, STORES} from './helpers.js';
import {ideaConfig, newIdea, postIdea, support} from './ideas-helpers.js';
import {newResponseId, postComment, postResponse} from './ratings-helpers.js';

const count = async (db: Db, sql: string, params: unknown[] = []) => (await db.query<{n: number}>(`select count(*)::int as n from (${sql}) x`, params))[0]!.n;

/** Rolls up until every committed row is counted (another transaction may hold it back a moment). */
async function rollUpAll(db: Db) {
  for (const table of ['votes', 'rating_responses', 'idea_support_changes'] as const) {
    for (let attempt = 0; ; attempt++) {
      await rollUp(db, table);
      if ((await count(db, `select 1 from ${table} where xid >= (select watermark from count_watermarks where name = '${table}')`)) === 0) break;
      if (attempt > 100) throw new Error(`${table} did not roll up`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

interface Mine {
  libraries: {
    id: string;
    name: string;
    votes: {id: string; poll: {id: string}; options: Record<string, string>[]; otherText: string | null}[];
    ratings: {id: string; rating: {id: string}; score: number; comment: string | null}[];
    ideas: {id: string; text: string}[];
    supports: {id: string; text: string}[];
  }[];
}

const mine = (url: string, voter: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/v1/mine`, {method: 'POST', headers: {'Content-Type': 'application/json', ...headers}, body: JSON.stringify({voter})});
const deleteMine = (url: string, kind: string, id: string, voter: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/v1/mine/${kind}/${id}`, {method: 'DELETE', headers: {'Kirjasto-Voter': voter, ...headers}});

describe.each(STORES)('requests from people on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let db: Db;
  const voter = newVoter();
  const ids = {vote: '', tailVote: '', rating: '', idea: '', supported: ''};

  beforeAll(async () => {
    env = await setUp(kind, ideaConfig({demo: true, rateLimitSignIns: 100_000}));
    db = env.store.db;
    await seedStaff(db);
    await insertPoll(db, {id: 'dr-poll', tenantId: 'demo', question: {en: 'Which?'}, options: [{id: 'a', label: {en: 'A'}}, {id: 'b', label: {en: 'B'}}], maxChoices: 2, allowOther: true, resultsVisibility: 'always'});
    await insertPoll(db, {id: 'dr-poll-2', tenantId: 'demo', question: {en: 'And?'}, options: [{id: 'a', label: {en: 'A'}}], resultsVisibility: 'always'});
    await insertRating(db, {id: 'dr-rating', tenantId: 'demo', question: {en: 'How was it?'}, scale: 'smileys-5', commentMode: 'always'});
    // What this browser sent, and what others sent around it.
    expect((await postVote(env.url, 'dr-poll', {optionIds: ['a'], otherText: 'my own words about the poll', voter, channel: 'web'})).status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await postVote(env.url, 'dr-poll', {optionIds: ['a'], voter: newVoter(), channel: 'web'})).status).toBe(201);
    const responseId = newResponseId();
    expect((await postResponse(env.url, 'dr-rating', {responseId, score: 2, voter, channel: 'web'})).status).toBe(201);
    expect((await postComment(env.url, 'dr-rating', responseId, {comment: 'my comment about the toilets', voter})).status).toBeLessThan(300);
    expect((await postResponse(env.url, 'dr-rating', {responseId: newResponseId(), score: 2, voter: newVoter(), channel: 'web'})).status).toBe(201);
    // The same token on a kiosk is a shared device's: never listed.
    await db.query(`insert into rating_responses (rating_id, response_id, voter_hash, score, channel) values ('dr-rating', 'kiosk-answer', $1, 5, 'kiosk')`, [
      await new Secrets(db).voterHash('demo', voter),
    ]);
    const posted = await postIdea(env.url, 'demo-ideas', await newIdea(db, 'demo-ideas', {voter, text: 'A reading corner by the window, please', contact: 'patron.own@example.fi'}));
    expect(posted.status).toBe(201);
    ids.idea = ((await posted.json()) as {idea: {id: string}}).idea.id;
    const other = await postIdea(env.url, 'demo-ideas', await newIdea(db, 'demo-ideas', {text: 'Someone else wants longer opening hours', contact: '+358 40 123 4567'}));
    ids.supported = ((await other.json()) as {idea: {id: string}}).idea.id;
    expect((await support(env.url, ids.supported, {voter})).status).toBeLessThan(300);
    await rollUpAll(db);
    // One more vote of this browser stays in the tail (not rolled up).
    expect((await postVote(env.url, 'dr-poll-2', {optionIds: ['a'], voter, channel: 'web'})).status).toBe(201);
  });
  afterAll(() => env?.tearDown());

  it('lists what this browser sent, per library, and nothing of others or of a kiosk', async () => {
    const response = await mine(env.url, voter);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Mine;
    expect(body.libraries.map((l) => l.id)).toEqual(['demo']);
    const demo = body.libraries[0]!;
    expect(demo.votes.map((v) => v.poll.id).sort()).toEqual(['dr-poll', 'dr-poll-2']);
    const vote = demo.votes.find((v) => v.poll.id === 'dr-poll')!;
    expect(vote).toMatchObject({otherText: 'my own words about the poll', options: [{en: 'A'}]});
    ids.vote = vote.id;
    ids.tailVote = demo.votes.find((v) => v.poll.id === 'dr-poll-2')!.id;
    expect(demo.ratings).toHaveLength(1);
    expect(demo.ratings[0]).toMatchObject({score: 2, comment: 'my comment about the toilets'});
    ids.rating = demo.ratings[0]!.id;
    expect(demo.ideas.map((i) => i.id)).toEqual([ids.idea]);
    expect(demo.supports.map((s) => s.id)).toEqual([ids.supported]);

    expect(((await (await mine(env.url, newVoter())).json()) as Mine).libraries).toEqual([]);
  });

  it('answers only the server’s own pages, and never takes the token in a URL', async () => {
    await expectProblem(await mine(env.url, voter, {Origin: 'https://evil.example'}), 403, 'origin-not-allowed');
    await expectProblem(await deleteMine(env.url, 'votes', ids.vote, voter, {Origin: 'http://localhost:3000'}), 403, 'origin-not-allowed');
    expect((await mine(env.url, voter, {Origin: env.url})).status).toBe(200);
    await expectProblem(await fetch(`${env.url}/api/v1/mine`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{"voter":"short"}'}), 400, 'validation');
    expect((await fetch(`${env.url}/api/v1/mine?voter=${voter}`)).status).toBe(405);
  });

  it('deletes a rolled-up vote and takes it out of the counts', async () => {
    const before = await readPollCounts(db, 'dr-poll');
    expect(before.votes).toBe(4);
    await expectProblem(await deleteMine(env.url, 'votes', ids.vote, newVoter()), 404, 'not-found');
    expect((await deleteMine(env.url, 'votes', ids.vote, voter)).status).toBe(204);
    const after = await readPollCounts(db, 'dr-poll');
    expect(after.votes).toBe(3);
    expect(after.other).toBe(before.other - 1);
    expect(after.options.get('a')).toBe(before.options.get('a')! - 1);
    // The day counts equal a recount of the rows that are left.
    expect(await count(db, `select 1 from votes where poll_id = 'dr-poll'`)).toBe(3);
    await expectProblem(await deleteMine(env.url, 'votes', ids.vote, voter), 404, 'not-found');
    // The voter may vote again, counted once.
    expect((await postVote(env.url, 'dr-poll', {optionIds: ['b'], voter, channel: 'web'})).status).toBe(201);
    expect((await readPollCounts(db, 'dr-poll')).votes).toBe(4);
  });

  it('deletes a vote still in the tail, and the rollup never counts it', async () => {
    expect((await readPollCounts(db, 'dr-poll-2')).votes).toBe(1);
    expect((await deleteMine(env.url, 'votes', ids.tailVote, voter)).status).toBe(204);
    await rollUpAll(db);
    expect((await readPollCounts(db, 'dr-poll-2')).votes).toBe(0);
    expect(await count(db, `select 1 from poll_day_counts where poll_id = 'dr-poll-2'`)).toBe(0);
  });

  it('deletes a rating answer with its comment and takes it out of the counts and the hour table', async () => {
    const total = (rows: {count: number}[]) => rows.reduce((n, r) => n + r.count, 0);
    const before = total(await readRatingCounts(db, 'dr-rating'));
    const hourBefore = await count(db, `select 1 from rating_hour_counts h cross join generate_series(1, h.count::int) where rating_id = 'dr-rating'`);
    expect((await deleteMine(env.url, 'ratings', ids.rating, voter)).status).toBe(204);
    expect(total(await readRatingCounts(db, 'dr-rating'))).toBe(before - 1);
    expect(await count(db, `select 1 from rating_hour_counts h cross join generate_series(1, h.count::int) where rating_id = 'dr-rating'`)).toBe(hourBefore - 1);
    expect(await count(db, `select 1 from rating_responses where comment like '%toilets%'`)).toBe(0);
  });

  it("erases an idea's words and contact as retention does, and withdraws a support", async () => {
    const listed = async () => (await db.query<{idea_count: number}>(`select idea_count from idea_boxes where id = 'demo-ideas'`))[0]!.idea_count;
    const listedBefore = await listed();
    expect((await deleteMine(env.url, 'ideas', ids.idea, voter)).status).toBe(204);
    const [idea] = await db.query<{text: string; contact: string | null; voter_hash: string | null; text_removed_at: Date | null; state: string}>(
      'select text, contact, voter_hash, text_removed_at, state from ideas where id = $1',
      [ids.idea],
    );
    expect(idea).toMatchObject({text: '', contact: null, voter_hash: null, state: 'hidden'});
    expect(idea!.text_removed_at).not.toBeNull();
    expect(await listed()).toBe(listedBefore - 1);
    expect((await deleteMine(env.url, 'supports', ids.supported, voter)).status).toBe(204);
    expect(await count(db, 'select 1 from idea_supports where idea_id = $1', [ids.supported])).toBe(0);
    const body = (await (await mine(env.url, voter)).json()) as Mine;
    const demo = body.libraries[0]!;
    expect(demo.ideas).toEqual([]);
    expect(demo.supports).toEqual([]);
    expect(demo.ratings).toEqual([]);
  });

  it('lets a moderator find and erase by idea, by contact and by words, audited without the words', async () => {
    const moderator = await signIn(env.url, demoEmail('moderator'));
    const search = async (by: string, q: string) => {
      const response = await moderator.call('POST', 'tenants/demo/data-requests/search', {by, q});
      expect(response.status).toBe(200);
      return ((await response.json()) as {matches: {kind: string; id: string; value: string; where: {id: string}}[]}).matches;
    };
    // A phone number matches by its digits; an email exactly, ignoring case.
    const byPhone = await search('contact', '+35840 1234567');
    expect(byPhone.map((m) => [m.kind, m.id])).toEqual([['idea-contact', ids.supported]]);
    expect(await search('contact', 'PATRON.OWN@example.fi')).toEqual([]); // erased above
    const byIdea = await search('idea', ids.supported);
    expect(byIdea.map((m) => m.kind).sort()).toEqual(['idea-contact', 'idea-text']);

    const comment = newResponseId();
    const commenter = newVoter();
    expect((await postResponse(env.url, 'dr-rating', {responseId: comment, score: 1, voter: commenter, channel: 'web'})).status).toBe(201);
    expect((await postComment(env.url, 'dr-rating', comment, {comment: 'Staff member Liisa was rude', voter: commenter})).status).toBeLessThan(300);
    // A comment can come with the answer itself too (its receipt then holds it).
    expect((await postResponse(env.url, 'dr-rating', {responseId: newResponseId(), score: 1, comment: 'Also Liisa was rude', voter: newVoter(), channel: 'web'})).status).toBe(201);
    const byWords = await search('text', 'liisa');
    expect(byWords.map((m) => [m.kind, m.where.id])).toEqual([['rating-comment', 'dr-rating'], ['rating-comment', 'dr-rating']]);
    await expectProblem(await moderator.call('POST', 'tenants/demo/data-requests/search', {by: 'text', q: 'li'}), 400, 'validation');

    for (const match of [...byWords, byPhone[0]!]) {
      const response = await moderator.call('POST', 'tenants/demo/data-requests/erase', {kind: match.kind, id: match.id});
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({erased: true});
    }
    expect(await search('text', 'liisa')).toEqual([]);
    expect((await db.query<{contact: string | null}>('select contact from ideas where id = $1', [ids.supported]))[0]!.contact).toBeNull();
    // Again: nothing left to erase, and nothing audited for it.
    expect(await (await moderator.call('POST', 'tenants/demo/data-requests/erase', {kind: 'idea-contact', id: ids.supported})).json()).toEqual({erased: false});

    const log = await db.query<{action: string; subject_kind: string; before: unknown; after: unknown}>(`select action, subject_kind, before, after from audit_log where action = 'erase'`);
    expect(log.map((r) => r.subject_kind).sort()).toEqual(['idea', 'rating-response', 'rating-response']);
    expect(JSON.stringify(log)).not.toMatch(/Liisa|358|4567|rude/);

    // Another library's moderator finds nothing of this one; a viewer may not search.
    const other = await signIn(env.url, 'owner@other.example');
    const foreign = await other.call('POST', 'tenants/other/data-requests/search', {by: 'idea', q: ids.supported});
    expect(((await foreign.json()) as {matches: unknown[]}).matches).toEqual([]);
    const foreignErase = await other.call('POST', 'tenants/other/data-requests/erase', {kind: 'idea-text', id: ids.supported});
    expect(await foreignErase.json()).toEqual({erased: false});
    const viewer = await signIn(env.url, demoEmail('viewer'));
    await expectProblem(await viewer.call('POST', 'tenants/demo/data-requests/search', {by: 'text', q: 'abc'}), 403, 'forbidden');
  });

  it('leaves no trace of what was erased or deleted in any table', async () => {
    const tables = await db.query<{name: string}>(
      `select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`,
    );
    expect(tables.length).toBeGreaterThan(30);
    const erased = ['my own words about the poll', 'my comment about the toilets', 'A reading corner by the window', 'patron.own@example.fi', 'Liisa was rude', '123 4567'];
    const found: string[] = [];
    for (const {name} of tables) {
      const rows = await db.query<{row: string}>(`select t::text as row from "${name}" t`);
      for (const {row} of rows) for (const value of erased) if (row.includes(value)) found.push(`${name}: ${value}`);
    }
    expect(found).toEqual([]);
    // What was not asked to be erased is still there (the check can find things).
    expect(await count(db, `select 1 from ideas where text = 'Someone else wants longer opening hours'`)).toBe(1);
  });

  it('serves the patron page with no cookie and the token nowhere in it', async () => {
    const page = await fetch(`${env.url}/my?lang=sv`);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    const html = await page.text();
    expect(html).toContain('<html lang="sv"');
    expect(html).toContain('Vad den här webbläsaren har skickat');
    expect(html).toContain('<script type="module" src="/my/mine.js">');
    const script = await fetch(`${env.url}/my/mine.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(await script.text()).toContain('/api/v1/mine');
  });
});

describe.each(STORES)('retention and the patron page on $name', (kind) => {
  it("forgets an idea's sender with the other voter hashes", async () => {
    const env = await setUp(kind, ideaConfig());
    try {
      const voter = newVoter();
      const posted = await postIdea(env.url, 'demo-ideas', await newIdea(env.store.db, 'demo-ideas', {voter}));
      const id = ((await posted.json()) as {idea: {id: string}}).idea.id;
      expect(((await (await mine(env.url, voter)).json()) as Mine).libraries[0]!.ideas.map((i) => i.id)).toEqual([id]);
      await env.store.db.query(`update tenants set retention_free_text_months = 120 where id = 'demo'`);
      await env.store.db.query(`update ideas set created_at = now() - interval '25 months' where id = $1`, [id]);
      await runRetention(env.store.db);
      const [row] = await env.store.db.query<{text: string; voter_hash: string | null}>('select text, voter_hash from ideas where id = $1', [id]);
      expect(row!.text).not.toBe(''); // the words are kept 120 months here, the sender is not
      expect(row!.voter_hash).toBeNull();
      expect(((await (await mine(env.url, voter)).json()) as Mine).libraries).toEqual([]);
    } finally {
      await env.tearDown();
    }
  });
});
