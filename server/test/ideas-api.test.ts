import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {rollUp} from '../src/counting/rollup.js';
import {insertBox, insertIdea, supportCount} from '../src/ideas/store.js';
import {expectProblem, newKey, newVoter, setUp, startServer, STORES} from './helpers.js';
import {formToken, ideaConfig, newIdea, postIdea, support} from './ideas-helpers.js';

const HOUR = 3_600_000;

describe.each(STORES)('idea box API on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let url: string;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${url}${path}`, {headers});
  const db = () => env.store.db;
  const listAll = async (boxId: string, sort: string, limit: number, headers: Record<string, string> = {}) => {
    const seen: {id: string; supports: number; createdAt: string}[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await get(`/api/v1/idea-boxes/${boxId}/ideas?sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, headers);
      expect(response.status).toBe(200);
      const page = await response.json();
      expect(page.ideas.length).toBeLessThanOrEqual(limit);
      seen.push(...page.ideas);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    return seen;
  };

  beforeAll(async () => {
    env = await setUp(kind, ideaConfig());
    url = env.url;
    const categories = [
      {id: 'a', label: {fi: 'A', en: 'A'}},
      {id: 'b', label: {fi: 'B', en: 'B'}},
    ];
    await insertBox(db(), {id: 'box-post', tenantId: 'demo', topic: {en: 'Post'}, categories, moderation: 'post', allowContact: true});
    await insertBox(db(), {id: 'box-pre', tenantId: 'demo', topic: {en: 'Pre'}, moderation: 'pre'});
    await insertBox(db(), {id: 'box-short', tenantId: 'demo', topic: {en: 'Short'}, moderation: 'post', maxLength: 20});
    await insertBox(db(), {id: 'box-closed', tenantId: 'demo', topic: {en: 'Closed'}, moderation: 'post', opensAt: new Date(Date.now() - 48 * HOUR), closesAt: new Date(Date.now() - HOUR)});
    await insertBox(db(), {id: 'box-later', tenantId: 'demo', topic: {en: 'Later'}, moderation: 'post', opensAt: new Date(Date.now() + 48 * HOUR)});
    await insertBox(db(), {id: 'box-pages', tenantId: 'demo', topic: {en: 'Pages'}, moderation: 'post'});
    await insertBox(db(), {id: 'box-lang', tenantId: 'demo', topic: {en: 'Languages'}, moderation: 'post'});
    await db().transaction(async (tx) => {
      for (let i = 0; i < 57; i++) {
        const id = await insertIdea(tx, {boxId: 'box-pages', text: `Paged idea number ${i}`, state: i % 10 === 9 ? 'hidden' : 'published', channel: 'web', createdAt: new Date(Date.now() - (i % 7) * HOUR)});
        await tx.query('update ideas set supports = $2 where id = $1', [id, (i * 7) % 5]); // many ties
      }
    });
  });
  afterAll(() => env?.tearDown());

  it('describes a box with categories, moderation, limits, status and a form token', async () => {
    const response = await get('/api/v1/idea-boxes/demo-ideas');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=5');
    const box = await response.json();
    expect(box).toMatchObject({id: 'demo-ideas', moderation: 'post', maxLength: 1000, allowContact: true, status: 'open', formMinAgeMs: 3000});
    // The form token changes with every answer; the weak ETag says the rest did not.
    const etag = response.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await get('/api/v1/idea-boxes/demo-ideas', {'If-None-Match': etag});
    expect(again.status).toBe(304);
    expect(box.topic.fi).toBe('Millainen olisi unelmiesi kirjasto?');
    expect(box.description.sv).toBeTruthy();
    expect(box.categories.map((c: {id: string}) => c.id)).toEqual(['spaces', 'events', 'collections', 'services']);
    expect(box.formToken).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{24}$/);
    expect((await (await get('/api/v1/idea-boxes/box-closed')).json()).status).toBe('closed');
    expect((await (await get('/api/v1/idea-boxes/box-later')).json()).status).toBe('scheduled');
    await expectProblem(await get('/api/v1/idea-boxes/nope'), 404, 'not-found');
    await expectProblem(await get('/api/v1/idea-boxes/%00'), 404, 'not-found');
  });

  const TAIL = "select count(*)::int as n from idea_support_changes where xid >= (select watermark from count_watermarks where name = 'idea_support_changes')";

  it('lists only published, unmerged ideas, by support and by newest, with the total from the counter', async () => {
    // The list sorts by the rolled-up count (a stable cursor key) and shows the exact one: the two
    // agree once every support change is rolled up (a change another test made may still be in the tail).
    await expect
      .poll(async () => (await rollUp(db(), 'idea_support_changes'), (await db().query<{n: number}>(TAIL))[0]!.n))
      .toBe(0);
    const page = await (await get('/api/v1/idea-boxes/demo-ideas/ideas')).json();
    const ids = page.ideas.map((i: {id: string}) => i.id);
    expect(page.total).toBe(8);
    expect(page.nextCursor).toBeNull();
    expect(ids).not.toContain('demo-idea-sunday-dup');
    expect(ids).not.toContain('demo-idea-pending');
    expect(ids).not.toContain('demo-idea-hidden');
    const supports = page.ideas.map((i: {supports: number}) => i.supports);
    expect(supports).toEqual([...supports].sort((a, b) => b - a));
    expect(new Set(page.ideas.map((i: {status: string}) => i.status))).toEqual(new Set(['new', 'under-consideration', 'planned', 'done', 'declined']));
    const sunday = page.ideas.find((i: {id: string}) => i.id === 'demo-idea-sunday');
    expect(sunday).toMatchObject({supports: 42, status: 'planned', category: 'services'});
    expect(sunday.answer.en).toContain('Sundays');
    expect(Date.parse(sunday.answeredAt)).not.toBeNaN();
    expect(sunday.supported).toBeUndefined();
    expect(page.ideas.every((i: Record<string, unknown>) => !('contact' in i) && !('state' in i))).toBe(true);
    // support rows and counters agree in the demo data
    const rows = await db().query<{id: string; supports: number; n: number}>(
      "select i.id, i.supports, (select count(*)::int from idea_supports s where s.idea_id = i.id) as n from ideas i where i.box_id = 'demo-ideas'",
    );
    for (const row of rows) expect(row.n, row.id).toBe(row.supports);
    const newest = await (await get('/api/v1/idea-boxes/demo-ideas/ideas?sort=newest&limit=3')).json();
    const times = newest.ideas.map((i: {createdAt: string}) => Date.parse(i.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(newest.nextCursor).toEqual(expect.any(String));
  });

  it('walks every page with cursors, both sorts, without duplicates or gaps', async () => {
    const listed = await db().query<{id: string}>("select id from ideas where box_id = 'box-pages' and state = 'published' and merged_into is null");
    for (const sort of ['support', 'newest']) {
      for (const limit of [1, 7, 50]) {
        const seen = await listAll('box-pages', sort, limit);
        const ids = seen.map((i) => i.id);
        expect(new Set(ids).size, `${sort} ${limit}`).toBe(ids.length);
        expect(new Set(ids)).toEqual(new Set(listed.map((r) => r.id)));
        const keys = seen.map((i) => (sort === 'support' ? i.supports : Date.parse(i.createdAt)));
        expect(keys).toEqual([...keys].sort((a, b) => b - a));
      }
    }
    const page = await (await get('/api/v1/idea-boxes/box-pages/ideas?limit=50')).json();
    expect(page.total).toBe(listed.length);
  });

  it('keeps a cursor walk whole while others support ideas already seen', async () => {
    const first = await (await get('/api/v1/idea-boxes/box-pages/ideas?sort=newest&limit=10')).json();
    await Promise.all(first.ideas.map((i: {id: string}) => support(url, i.id, {voter: newVoter()})));
    const rest: {id: string}[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await (await get(`/api/v1/idea-boxes/box-pages/ideas?sort=newest&limit=10&cursor=${cursor}`)).json();
      rest.push(...page.ideas);
      cursor = page.nextCursor;
    }
    const ids = [...first.ideas, ...rest].map((i: {id: string}) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(first.total);
  });

  it('refuses bad list parameters with 400', async () => {
    for (const query of ['sort=best', 'limit=0', 'limit=51', 'limit=abc', 'cursor=%%%', 'cursor=abc', `cursor=${Buffer.from('["n","1","x"]').toString('base64url')}`]) {
      const problem = await expectProblem(await get(`/api/v1/idea-boxes/demo-ideas/ideas?${query}`), 400, 'validation');
      expect(problem.errors!.length, query).toBeGreaterThan(0);
    }
  });

  it("answers with the language an idea was sent in, so its text can be marked with it, and with none when it was sent without", async () => {
    const sent = await postIdea(url, 'box-lang', await newIdea(db(), 'box-lang', {text: 'Fler böcker på svenska, tack!', lang: 'sv'}));
    expect(sent.status).toBe(201);
    const {idea} = await sent.json();
    expect(idea).toMatchObject({text: 'Fler böcker på svenska, tack!', lang: 'sv'});
    const plain = (await (await postIdea(url, 'box-lang', await newIdea(db(), 'box-lang'))).json()).idea;
    expect(plain).not.toHaveProperty('lang');
    const page = await (await get('/api/v1/idea-boxes/box-lang/ideas')).json();
    expect(page.ideas.find((i: {id: string}) => i.id === idea.id)).toMatchObject({lang: 'sv'});
    expect(page.ideas.find((i: {id: string}) => i.id === plain.id)).not.toHaveProperty('lang');
    expect((await (await get(`/api/v1/ideas/${idea.id}`)).json()).lang).toBe('sv');
  });

  it('stores a post-moderated idea at once and a pre-moderated one as pending', async () => {
    const before = (await (await get('/api/v1/idea-boxes/box-post/ideas')).json()).total;
    const response = await postIdea(url, 'box-post', await newIdea(db(), 'box-post', {text: '  Lisää penkkejä pihalle  ', category: 'a', contact: 'me@example.org', location: 'demo-central', channel: 'qr'}));
    expect(response.status).toBe(201);
    const receipt = await response.json();
    expect(receipt.published).toBe(true);
    expect(receipt.idea).toMatchObject({text: 'Lisää penkkejä pihalle', category: 'a', supports: 0, status: 'new'});
    expect(receipt.idea.contact).toBeUndefined();
    const after = await (await get('/api/v1/idea-boxes/box-post/ideas')).json();
    expect(after.total).toBe(before + 1);
    expect(after.ideas.map((i: {id: string}) => i.id)).toContain(receipt.idea.id);
    const single = await (await get(`/api/v1/ideas/${receipt.idea.id}`)).json();
    expect(single).toEqual(receipt.idea);
    const [row] = await db().query<{contact: string; channel: string; branch_id: string; state: string}>('select contact, channel, branch_id, state from ideas where id = $1', [receipt.idea.id]);
    expect(row).toEqual({contact: 'me@example.org', channel: 'qr', branch_id: 'demo-central', state: 'published'});

    const pending = await postIdea(url, 'box-pre', await newIdea(db(), 'box-pre'));
    expect(pending.status).toBe(201);
    const held = await pending.json();
    expect(held.published).toBe(false);
    await expectProblem(await get(`/api/v1/ideas/${held.idea.id}`), 404, 'not-found');
    const list = await (await get('/api/v1/idea-boxes/box-pre/ideas')).json();
    expect(list).toEqual({ideas: [], nextCursor: null, total: 0});
  });

  it('replays the same Idempotency-Key instead of storing twice', async () => {
    const key = newKey();
    const body = await newIdea(db(), 'box-post');
    const first = await postIdea(url, 'box-post', body, {key});
    const again = await postIdea(url, 'box-post', body, {key});
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await again.json()).idea.id).toBe((await first.json()).idea.id);
    const n = await db().query<{n: number}>('select count(*)::int as n from ideas where text = $1', [body.text]);
    expect(n[0]!.n).toBe(1);
    await expectProblem(await postIdea(url, 'box-post', {...body, text: 'Something else entirely'}, {key}), 422, 'idempotency-key-reused');
    await expectProblem(await postIdea(url, 'box-post', body, {key: null}), 400, 'validation');
  });

  it('enforces the form token: too young, forged, for another box, expired', async () => {
    const young = await expectProblem(await postIdea(url, 'box-post', await newIdea(db(), 'box-post', {formToken: await formToken(db(), 'box-post', 500)})), 400, 'too-fast');
    expect(young.detail).toMatch(/again in \d s/);
    const fromGet = (await (await get('/api/v1/idea-boxes/box-post')).json()).formToken;
    const tooFast = await postIdea(url, 'box-post', await newIdea(db(), 'box-post', {formToken: fromGet}));
    expect(tooFast.headers.get('retry-after')).toMatch(/^[1-3]$/);
    await expectProblem(tooFast, 400, 'too-fast');
    const good = await formToken(db(), 'box-post');
    const forged = good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA');
    for (const token of [forged, await formToken(db(), 'box-pre'), await formToken(db(), 'box-post', 15 * 24 * HOUR), 'nonsense', '', `${(Date.now() - 10_000).toString(36)}.${'A'.repeat(24)}`]) {
      const problem = await expectProblem(await postIdea(url, 'box-post', await newIdea(db(), 'box-post', {formToken: token})), 400, 'form-token-invalid');
      expect(problem.errors!.map((e) => e.path), token).toContain('/formToken');
    }
    // a too-fast refusal keeps no idempotency key: the same key works once the token has matured
    const key = newKey();
    const body = await newIdea(db(), 'box-post', {formToken: await formToken(db(), 'box-post', 0)});
    await expectProblem(await postIdea(url, 'box-post', body, {key}), 400, 'too-fast');
    expect((await postIdea(url, 'box-post', {...body, formToken: await formToken(db(), 'box-post')}, {key})).status).toBe(201);
  });

  it('refuses a filled honeypot as spam-suspected', async () => {
    for (const website of ['http://spam.example', ' ', 0, false, ['x']]) {
      await expectProblem(await postIdea(url, 'box-post', await newIdea(db(), 'box-post', {website})), 400, 'spam-suspected');
    }
    for (const website of ['', null]) {
      expect((await postIdea(url, 'box-post', await newIdea(db(), 'box-post', {website}))).status).toBe(201);
    }
  });

  it('checks lengths in code points, categories, contact and location against the box', async () => {
    const paths = async (body: Record<string, unknown>, boxId = 'box-post') =>
      (await expectProblem(await postIdea(url, boxId, await newIdea(db(), boxId, body)), 400, 'validation')).errors!.map((e) => e.path);
    expect(await paths({text: 'lyhyt'})).toContain('/text');
    expect(await paths({text: '   lyhyt        '})).toContain('/text');
    expect(await paths({text: 'x'.repeat(21)}, 'box-short')).toContain('/text');
    expect((await postIdea(url, 'box-short', await newIdea(db(), 'box-short', {text: '🙂'.repeat(20)}))).status).toBe(201);
    expect(await paths({category: 'c'})).toContain('/category');
    expect(await paths({category: 'a'}, 'box-short')).toContain('/category');
    expect(await paths({contact: 'me@example.org'}, 'box-short')).toContain('/contact');
    expect(await paths({contact: 'x'.repeat(201)})).toContain('/contact');
    expect(await paths({location: 'nowhere'})).toContain('/location');
    expect(await paths({channel: 'fax'})).toContain('/channel');
    expect(await paths({voter: 'short'})).toContain('/voter');
  });

  it('refuses ideas to a closed or not yet open box, which still lists', async () => {
    await expectProblem(await postIdea(url, 'box-closed', await newIdea(db(), 'box-closed')), 409, 'box-closed');
    const later = await expectProblem(await postIdea(url, 'box-later', await newIdea(db(), 'box-later')), 409, 'box-not-open');
    expect(Date.parse(later.opensAt as string)).toBeGreaterThan(Date.now());
    expect((await get('/api/v1/idea-boxes/box-closed/ideas')).status).toBe(200);
    await expectProblem(await postIdea(url, 'nope', await newIdea(db(), 'nope')), 404, 'not-found');
  });

  it('counts a voter’s support once, however often sent, and withdraws it', async () => {
    const {idea} = await (await postIdea(url, 'box-post', await newIdea(db(), 'box-post'))).json();
    const voter = newVoter();
    const key = newKey();
    const first = await support(url, idea.id, {voter}, {key});
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ideaId: idea.id, supports: 1, supported: true});
    const replay = await support(url, idea.id, {voter}, {key});
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await replay.json()).supports).toBe(1);
    // a flood from one voter with fresh keys, concurrently
    const flood = await Promise.all(Array.from({length: 20}, () => support(url, idea.id, {voter, supported: true})));
    expect(flood.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect((await (await get(`/api/v1/ideas/${idea.id}`)).json()).supports).toBe(1);
    // many voters concurrently
    const others = Array.from({length: 15}, () => newVoter());
    await Promise.all(others.map((v) => support(url, idea.id, {voter: v})));
    const mine = await (await get(`/api/v1/ideas/${idea.id}`, {'Kirjasto-Voter': voter})).json();
    expect(mine).toMatchObject({supports: 16, supported: true});
    expect((await (await get(`/api/v1/ideas/${idea.id}`, {'Kirjasto-Voter': newVoter()})).json()).supported).toBe(false);
    const listed = await (await get('/api/v1/idea-boxes/box-post/ideas?sort=newest&limit=50', {'Kirjasto-Voter': voter})).json();
    expect(listed.ideas.find((i: {id: string}) => i.id === idea.id).supported).toBe(true);
    expect(listed.ideas.filter((i: {supported: boolean}) => i.supported)).toHaveLength(1);

    const withdrawn = await (await support(url, idea.id, {voter, supported: false})).json();
    expect(withdrawn).toEqual({ideaId: idea.id, supports: 15, supported: false});
    expect((await (await support(url, idea.id, {voter, supported: false})).json()).supports).toBe(15);
    // Exact: the rolled-up supports plus the changes since (migration 008); the rows agree.
    const [row] = await db().query<{n: number}>('select count(*)::int as n from idea_supports where idea_id = $1', [idea.id]);
    expect({supports: await supportCount(db(), idea.id), n: row!.n}).toEqual({supports: 15, n: 15});
  });

  it('refuses supports of unknown, unpublished and merged ideas', async () => {
    await expectProblem(await support(url, 'nope', {voter: newVoter()}), 404, 'not-found');
    await expectProblem(await support(url, 'demo-idea-pending', {voter: newVoter()}), 404, 'not-found');
    await expectProblem(await support(url, 'demo-idea-hidden', {voter: newVoter()}), 404, 'not-found');
    const merged = await expectProblem(await support(url, 'demo-idea-sunday-dup', {voter: newVoter()}), 409, 'idea-merged');
    expect(merged.mergedInto).toBe('demo-idea-sunday');
    const pointer = await (await get('/api/v1/ideas/demo-idea-sunday-dup')).json();
    expect(pointer.mergedInto).toBe('demo-idea-sunday');
    await expectProblem(await get('/api/v1/ideas/demo-idea-hidden'), 404, 'not-found');
    await expectProblem(await support(url, 'demo-idea-sunday', {voter: 'short'}), 400, 'validation');
    await expectProblem(await support(url, 'demo-idea-sunday', {voter: newVoter(), supported: 'yes'}), 400, 'validation');
  });

  it('limits ideas per patron more strictly than other writes, with Retry-After', async () => {
    const limited = await startServer(db(), ideaConfig({rateLimitIdeas: 2}));
    try {
      const voter = newVoter();
      // refused ideas and replays do not use up the limit
      await expectProblem(await postIdea(limited.url, 'box-post', await newIdea(db(), 'box-post', {text: 'short', voter})), 400, 'validation');
      const key = newKey();
      const body = await newIdea(db(), 'box-post', {voter});
      expect((await postIdea(limited.url, 'box-post', body, {key})).status).toBe(201);
      expect((await postIdea(limited.url, 'box-post', body, {key})).status).toBe(201);
      expect((await postIdea(limited.url, 'box-post', await newIdea(db(), 'box-post', {voter}))).status).toBe(201);
      const refused = await postIdea(limited.url, 'box-post', await newIdea(db(), 'box-post', {voter}));
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      await expectProblem(refused, 429, 'rate-limited');
      expect((await support(limited.url, 'demo-idea-sunday', {voter: newVoter()})).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('answers CORS for a box and an idea with the tenant’s origins', async () => {
    const read = await get('/api/v1/idea-boxes/demo-ideas/ideas', {Origin: 'http://localhost:5173'});
    expect(read.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const write = await support(url, 'demo-idea-sunday', {voter: newVoter()}, {headers: {Origin: 'https://evil.example'}});
    await expectProblem(write, 403, 'origin-not-allowed');
    const post = await postIdea(url, 'box-post', await newIdea(db(), 'box-post'), {headers: {Origin: 'https://evil.example'}});
    await expectProblem(post, 403, 'origin-not-allowed');
  });
});
