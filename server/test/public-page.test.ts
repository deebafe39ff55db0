import {DOMParser} from '@xmldom/xmldom';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {signIn, demoEmail, json, setUpAdmin, type Staff} from './admin-helpers.js';
import {expectProblem, newVoter, postVote, STORES} from './helpers.js';
import {newIdea, postIdea} from './ideas-helpers.js';
import {newResponseId, postResponse} from './ratings-helpers.js';

const ATOM = 'http://www.w3.org/2005/Atom';

/** Parses strictly: any XML error fails the test. */
function parseXml(text: string) {
  const fail = (message: string) => {
    throw new Error(`not well-formed XML: ${message}`);
  };
  return new DOMParser({errorHandler: {warning: () => {}, error: fail, fatalError: fail}}).parseFromString(text, 'application/xml');
}

describe.each(STORES)('the public "you said, we did" page on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUpAdmin>>;
  let url: string;
  let editor: Staff;
  let moderator: Staff;
  let viewer: Staff;
  const page = async (query = 'lang=en') => {
    const response = await fetch(`${url}/t/demo?${query}`);
    expect(response.status).toBe(200);
    return response.text();
  };
  const feed = async () => (await fetch(`${url}/t/demo/feed.atom?lang=en`)).text();
  const publicJson = async () => json<{ideas: {id: string}[]; polls: Record<string, unknown>[]; ratings: Record<string, unknown>[]}>(await fetch(`${url}/api/v1/public/demo`), 200);

  beforeAll(async () => {
    env = await setUpAdmin(kind);
    url = env.url;
    editor = await signIn(url, demoEmail('editor'));
    moderator = await signIn(url, demoEmail('moderator'));
    viewer = await signIn(url, demoEmail('viewer'));
  });
  afterAll(() => env?.tearDown());

  it('shows nothing a library has not published, in fi, sv and en, with no cookie and a strict CSP', async () => {
    const response = await fetch(`${url}/t/demo`);
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await response.text();
    expect(html).toContain('<html lang="fi">');
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).toContain('<h1>Te sanoitte, me teimme</h1>');
    expect(html).toContain('<header class="library"><span>Demo-kirjasto</span></header>');
    expect(html).not.toContain('<script');
    expect(await page('lang=sv')).toContain('<h1>Ni sa, vi gjorde</h1>');
    const en = await page();
    expect(en).toContain('The library has not published poll results yet.');
    // The demo's closed poll has results, but no editor published them.
    expect(en).not.toContain('demo-poll-closed');
    expect((await publicJson()).polls).toEqual([]);
    expect((await fetch(`${url}/t/nobody`)).status).toBe(404);
    await expectProblem(await fetch(`${url}/api/v1/public/nobody`), 404, 'not-found');
  });

  it("shows a closed poll's results once an editor publishes them, hiding a small option and the next smallest", async () => {
    const created = await editor.call('POST', 'tenants/demo/polls', {
      question: {en: 'Which opening hours?', fi: 'Mitkä aukioloajat?'},
      options: [{id: 'early', label: {en: 'Early'}}, {id: 'late', label: {en: 'Late'}}, {id: 'weekend', label: {en: 'Weekends'}}],
      opensAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    const poll = await json<{id: string}>(created, 201);
    for (const [option, n] of [['early', 7], ['late', 2], ['weekend', 5]] as const) {
      for (let i = 0; i < n; i++) expect((await postVote(url, poll.id, {optionIds: [option], voter: newVoter(), channel: 'web'})).status).toBe(201);
    }
    const path = `tenants/demo/polls/${poll.id}`;
    // Published while open: still not on the page (an open poll's count is running).
    await json(await editor.call('PATCH', path, {publishResults: true}, {'If-Match': '"v1"'}), 200);
    expect(await page()).not.toContain('Which opening hours?');
    await json(await editor.call('PATCH', path, {closesAt: new Date(Date.now() - 1000).toISOString()}, {'If-Match': '"v2"'}), 200);

    const html = await page();
    expect(html).toContain(`<article id="poll-${poll.id}"`);
    expect(html).toContain('Which opening hours?');
    expect(html).toContain('50% · 7 answers');
    expect(html).toContain('14 answers');
    // Late (2) is under 5, and Weekends (5) would give it away by subtraction: both hidden.
    expect(html).toMatch(/<span>Late<\/span> <span class="too-few">too few answers to show<\/span>/);
    expect(html).toMatch(/<span>Weekends<\/span> <span class="too-few">too few answers to show<\/span>/);
    expect(html).not.toContain('· 2 answers');

    const body = await publicJson();
    const published = body.polls.find((p) => p.id === poll.id)!;
    expect(published).toMatchObject({
      total: {count: 14},
      results: [{option: 'early', count: 7, share: 0.5}, {option: 'late', suppressed: true}, {option: 'weekend', suppressed: true}],
    });
    expect(JSON.stringify(published.results)).not.toContain('"count":2');
    expect(await feed()).toContain(`#poll-${poll.id}</id>`);

    // A viewer cannot publish; unpublishing takes it off the page, the feed and the JSON at once.
    await expectProblem(await viewer.call('PATCH', path, {publishResults: false}, {'If-Match': '"v3"'}), 403, 'forbidden');
    await json(await editor.call('PATCH', path, {publishResults: false}, {'If-Match': '"v3"'}), 200);
    expect(await page()).not.toContain('Which opening hours?');
    expect(await feed()).not.toContain(`#poll-${poll.id}`);
    expect((await publicJson()).polls.find((p) => p.id === poll.id)).toBeUndefined();
    await json(await editor.call('PATCH', path, {publishResults: true}, {'If-Match': '"v4"'}), 200);
  });

  it('hides every figure of a published poll whose total is under the threshold', async () => {
    const poll = await json<{id: string}>(
      await editor.call('POST', 'tenants/demo/polls', {
        question: {en: 'Is the café needed?'},
        options: [{id: 'yes', label: {en: 'Yes'}}, {id: 'no', label: {en: 'No'}}],
        opensAt: new Date(Date.now() - 3_600_000).toISOString(),
        publishResults: true,
      }),
      201,
    );
    for (const option of ['yes', 'yes', 'no']) expect((await postVote(url, poll.id, {optionIds: [option], voter: newVoter(), channel: 'qr'})).status).toBe(201);
    await json(await editor.call('PATCH', `tenants/demo/polls/${poll.id}`, {closesAt: new Date(Date.now() - 1000).toISOString()}, {'If-Match': '"v1"'}), 200);
    const published = (await publicJson()).polls.find((p) => p.id === poll.id);
    expect(published).toMatchObject({total: {suppressed: true}, results: [{option: 'yes', suppressed: true}, {option: 'no', suppressed: true}]});
    expect(JSON.stringify(published)).not.toMatch(/"count"|"share"/);
    const html = await page();
    expect(html).toMatch(/Is the café needed\?<\/h3>\n<p class="meta">Closed [^<]* · too few answers to show<\/p>/);
    // Plain Finnish says why in its own words.
    expect(await page('lang=fi-x-selko')).toContain('Emme näytä lukua, jos vastauksia on alle 5.');
  });

  it('shows an answered idea only once an editor showcases it, and takes it off when it is hidden', async () => {
    const post = async (text: string) => {
      const response = await postIdea(url, 'demo-ideas', await newIdea(env.store.db, 'demo-ideas', {text}));
      expect(response.status).toBe(201);
      const {idea} = (await response.json()) as {idea: {id: string}};
      await json(await moderator.call('POST', `tenants/demo/ideas/${idea.id}/publish`), 200);
      await json(await moderator.call('PATCH', `tenants/demo/ideas/${idea.id}`, {status: 'done', answer: {en: `Answer to: ${text}`}}), 200);
      return idea.id;
    };
    const shown = await post('Longer opening hours on Sundays please');
    const notShown = await post('A quiet reading room upstairs');
    expect(await page()).not.toContain('Answer to: Longer opening hours');

    // Moderators answer; editors publish. An unanswered idea cannot be showcased.
    await expectProblem(await moderator.call('POST', `tenants/demo/ideas/${shown}/showcase`), 403, 'forbidden');
    const unanswered = await json<{idea: {id: string}}>(await postIdea(url, 'demo-ideas', await newIdea(env.store.db, 'demo-ideas')), 201);
    await expectProblem(await editor.call('POST', `tenants/demo/ideas/${unanswered.idea.id}/showcase`), 400, 'validation');
    const showcased = await json<{showcasedAt?: string}>(await editor.call('POST', `tenants/demo/ideas/${shown}/showcase`), 200);
    expect(Date.parse(showcased.showcasedAt!)).toBeGreaterThan(Date.now() - 60_000);

    const html = await page();
    expect(html).toContain('Longer opening hours on Sundays please');
    expect(html).toContain('Answer to: Longer opening hours on Sundays please');
    expect(html).toContain('Status: <strong>Done</strong>');
    expect(html).not.toContain('A quiet reading room upstairs');
    expect(await feed()).toContain('Answer to: Longer opening hours on Sundays please');
    expect(await feed()).not.toContain('A quiet reading room');
    const body = await publicJson();
    expect(body.ideas.map((i) => i.id)).toEqual([shown]);
    expect(body.ideas.map((i) => i.id)).not.toContain(notShown);

    const audit = await json<{entries: {action: string; subject: string}[]}>(await editor.call('GET', 'tenants/demo/audit-log?limit=20'), 200);
    expect(audit.entries.some((e) => e.action === 'showcase' && e.subject === shown)).toBe(true);

    // Hidden by a moderator: off the page without a second step.
    await json(await moderator.call('POST', `tenants/demo/ideas/${shown}/hide`), 200);
    expect(await page()).not.toContain('Longer opening hours on Sundays please');
    await json(await moderator.call('POST', `tenants/demo/ideas/${shown}/publish`), 200);
    expect(await page()).toContain('Longer opening hours on Sundays please');
  });

  it('shows a published rating per branch month by month, a small cell as too few answers', async () => {
    const rating = await json<{id: string}>(
      await editor.call('POST', 'tenants/demo/ratings', {question: {en: 'How was your visit?'}, scale: 'stars-5'}),
      201,
    );
    const respond = async (score: number, location?: string) =>
      expect((await postResponse(url, rating.id, {responseId: newResponseId(), score, voter: newVoter(), channel: 'web', ...(location ? {location} : {})})).status).toBe(201);
    for (const score of [5, 5, 4, 4, 3, 5, 4, 5]) await respond(score, 'demo-central');
    for (const score of [1, 2]) await respond(score, 'demo-village');
    for (const score of [5, 4, 4, 5, 5, 4, 5, 4, 5, 5]) await respond(score);
    expect(await page()).not.toContain('How was your visit?');
    await json(await editor.call('PATCH', `tenants/demo/ratings/${rating.id}`, {publishResults: true}, {'If-Match': '"v1"'}), 200);

    const body = await publicJson();
    const summary = body.ratings.find((r) => r.id === rating.id) as {months: string[]; branches: {branch: string | null; months: Record<string, unknown>[]}[]};
    expect(summary.months).toHaveLength(1);
    const row = (branch: string | null) => summary.branches.find((b) => b.branch === branch)!.months[0];
    // Village (2) is too few; central (8) is then the next smallest of the month and goes too.
    expect(row('demo-village')).toEqual({month: summary.months[0], suppressed: true});
    expect(row('demo-central')).toEqual({month: summary.months[0], suppressed: true});
    expect(row(null)).toMatchObject({count: 10, mean: 4.6, csat: 1});

    const html = await page();
    expect(html).toContain('How was your visit?');
    expect(html).toContain('<td colspan="3" class="too-few">too few answers to show</td>');
    expect(html).toContain('<td>10</td><td>4.6 / 5</td><td>100%</td>');
    const poster = await fetch(`${url}/t/demo/poster?branch=demo-village&lang=en`);
    expect(poster.status).toBe(200);
    const posterHtml = await poster.text();
    expect(posterHtml).toContain('@page { size: A4');
    expect(posterHtml).toContain('How was your visit?');
    expect(posterHtml).toContain('too few answers to show');
    expect(posterHtml).not.toMatch(/<td>2<\/td>/);
    await expectProblem(await fetch(`${url}/t/demo/poster?branch=nowhere`), 400, 'validation');
  });

  it('serves a valid Atom feed and cacheable JSON with ETags, never a cookie', async () => {
    const response = await fetch(`${url}/t/demo/feed.atom?lang=en`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(response.headers.get('set-cookie')).toBeNull();
    const doc = parseXml(await response.text());
    const root = doc.documentElement!;
    expect(root.namespaceURI).toBe(ATOM);
    expect(root.localName).toBe('feed');
    const children = (el: Element, name: string) => Array.from(el.getElementsByTagNameNS(ATOM, name));
    expect(children(root, 'id')[0]!.textContent).toBe('http://localhost:8787/t/demo');
    expect(Date.parse(children(root, 'updated')[0]!.textContent!)).toBeGreaterThan(Date.now() - 600_000);
    const entries = children(root, 'entry');
    expect(entries.length).toBeGreaterThanOrEqual(3);
    for (const entry of entries) {
      expect(children(entry, 'id')[0]!.textContent).toMatch(/^http:\/\/localhost:8787\/t\/demo#(idea|poll|rating)-/);
      expect(Number.isNaN(Date.parse(children(entry, 'updated')[0]!.textContent!))).toBe(false);
      expect(children(entry, 'link')[0]!.getAttribute('href')).toMatch(/^http:\/\/localhost:8787\/t\/demo\?lang=en#/);
      expect(children(entry, 'title')[0]!.textContent).not.toBe('');
    }
    const etag = response.headers.get('etag')!;
    expect((await fetch(`${url}/t/demo/feed.atom?lang=en`, {headers: {'If-None-Match': etag}})).status).toBe(304);

    const api = await fetch(`${url}/api/v1/public/demo`, {headers: {Origin: url}});
    expect(api.headers.get('cache-control')).toBe('public, max-age=60');
    expect(api.headers.get('access-control-allow-origin')).toBe(url);
    expect(api.headers.get('set-cookie')).toBeNull();
    expect((await fetch(`${url}/api/v1/public/demo`, {headers: {'If-None-Match': api.headers.get('etag')!}})).status).toBe(304);
    const refused = await fetch(`${url}/api/v1/public/demo`, {headers: {Origin: 'https://elsewhere.example'}});
    await expectProblem(refused, 403, 'origin-not-allowed');
  });

  it('keeps no free text of polls or ratings anywhere', async () => {
    const all = [await page(), await feed(), JSON.stringify(await publicJson())].join('\n');
    const other = await env.store.db.query<{other_text: string}>('select other_text from votes where other_text is not null');
    const comments = await env.store.db.query<{comment: string}>('select comment from rating_responses where comment is not null');
    for (const text of [...other.map((r) => r.other_text), ...comments.map((r) => r.comment)]) expect(all).not.toContain(text);
  });
});
