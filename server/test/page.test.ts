import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {issuePageKey} from '../src/pages/page-key.js';
import {insertPoll} from '../src/polls/store.js';
import {Secrets} from '../src/secrets.js';
import {setUp, STORES} from './helpers.js';

const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();

/** Hidden inputs of a rendered form. */
function hiddenFields(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
}

describe.each(STORES)('standalone poll page on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let url: string;
  const post = (pollId: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/w/poll/${pollId}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {'Content-Type': 'application/x-www-form-urlencoded', ...headers},
      body,
    });

  beforeAll(async () => {
    env = await setUp(kind);
    url = env.url;
    await insertPoll(env.store.db, {
      id: 'xss',
      tenantId: 'demo',
      question: {fi: '<script>alert("q")</script> & "lainaus"'},
      options: [{id: 'a', label: {fi: '<img src=x onerror=alert(1)>'}}],
      resultsVisibility: 'always',
    });
  });
  afterAll(() => env?.tearDown());

  it('renders a full page with the element and a no-JavaScript form', async () => {
    const response = await fetch(`${url}/w/poll/demo-poll?channel=qr&location=demo-village`, {headers: {'Accept-Language': 'sv-FI,sv;q=0.9,en;q=0.5'}});
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="sv">/);
    expect(html).toContain('<meta name="viewport"');
    expect(html).toContain('<title>Vad önskar du mer av på biblioteket?</title>');
    expect(html).toContain('<script type="module" src="/kirjasto-all.js"></script>');
    expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/); // no inline scripts
    expect(html).toContain('<kirjasto-poll poll="demo-poll" channel="qr" location="demo-village">');
    expect(html).toContain('<form method="post" action="/w/poll/demo-poll">');
    expect(html).toContain('<legend><h1>Vad önskar du mer av på biblioteket?</h1></legend>');
    expect(html.match(/type="radio" name="optionIds"/g)).toHaveLength(4);
    const hidden = hiddenFields(html);
    expect(hidden.key).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{24}$/);
    expect(hidden).not.toHaveProperty('voter');
    expect(hidden).toMatchObject({channel: 'qr', location: 'demo-village', lang: 'sv'});
    const other = hiddenFields(await (await fetch(`${url}/w/poll/demo-poll`)).text());
    expect(other.key).not.toBe(hidden.key);
  });

  it('follows ?lang=, uses checkboxes and an "other" field for multiple choice, and drops an unknown location', async () => {
    const html = await (await fetch(`${url}/w/poll/demo-poll-multi?lang=en&location=nowhere`)).text();
    expect(html).toContain('<html lang="en">');
    expect(html.match(/type="checkbox" name="optionIds"/g)).toHaveLength(4);
    expect(html).toContain('name="otherText"');
    expect(html).toContain('<kirjasto-poll poll="demo-poll-multi" channel="web">');
    expect(html).not.toContain('nowhere');
  });

  it('escapes every text', async () => {
    const html = await (await fetch(`${url}/w/poll/xss?lang=fi`)).text();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&#60;script&#62;alert(&#34;q&#34;)&#60;/script&#62; &#38; &#34;lainaus&#34;');
  });

  it('stores a no-JavaScript vote and redirects to a thank-you page with results', async () => {
    const page = await (await fetch(`${url}/w/poll/demo-poll?lang=en&channel=qr&location=demo-central`)).text();
    const hidden = hiddenFields(page);
    const before = (await env.store.db.query<{n: number}>("select count(*)::int as n from votes where poll_id = 'demo-poll'"))[0]!.n;
    const response = await post('demo-poll', form([...Object.entries(hidden), ['optionIds', 'kids']]));
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location).toMatch(/^\/w\/poll\/demo-poll\?voted=1&lang=en/);
    const [vote] = await env.store.db.query<{option_ids: string[]; channel: string; branch_id: string}>(
      "select option_ids, channel, branch_id from votes where poll_id = 'demo-poll' order by id desc limit 1",
    );
    expect(vote).toEqual({option_ids: ['kids'], channel: 'qr', branch_id: 'demo-central'});
    expect((await env.store.db.query<{n: number}>("select count(*)::int as n from votes where poll_id = 'demo-poll'"))[0]!.n).toBe(before + 1);

    // a resubmission of the same form is a replay, not a second vote
    const again = await post('demo-poll', form([...Object.entries(hidden), ['optionIds', 'kids']]));
    expect(again.status).toBe(303);
    expect((await env.store.db.query<{n: number}>("select count(*)::int as n from votes where poll_id = 'demo-poll'"))[0]!.n).toBe(before + 1);

    const thanks = await (await fetch(`${url}${location}`)).text();
    expect(thanks).toContain('Thank you for your answer!');
    expect(thanks).toContain('<ul class="results">');
    expect(thanks).toMatch(/<progress class="bar" max="1" value="[0-9.]+" aria-hidden="true"><\/progress>/);
    expect(thanks).toContain('More events for children');
  });

  it('re-renders the form with the error in plain words', async () => {
    const hidden = hiddenFields(await (await fetch(`${url}/w/poll/demo-poll-multi?lang=fi`)).text());
    const tooMany = await post('demo-poll-multi', form([...Object.entries(hidden), ['optionIds', 'loans'], ['optionIds', 'events'], ['otherText', '<b>kahvila</b>']]));
    expect(tooMany.status).toBe(400);
    const html = await tooMany.text();
    expect(html).toContain('<p class="error" role="alert">Tarkista valintasi.</p>');
    expect(html).toContain('value="&#60;b&#62;kahvila&#60;/b&#62;"');
    expect(html).toMatch(/value="loans" checked/);
    expect(hiddenFields(html).key).toBe(hidden.key);

    const nothing = await post('demo-poll-multi', form(Object.entries(hidden)));
    expect(nothing.status).toBe(400);

    const voted = hiddenFields(await (await fetch(`${url}/w/poll/demo-poll?lang=fi`)).text());
    expect((await post('demo-poll', form([...Object.entries(voted), ['optionIds', 'hours']]))).status).toBe(303);
    // Back, another choice, and the same form again: refused, not a second vote
    const twice = await post('demo-poll', form([...Object.entries(voted), ['optionIds', 'kids']]));
    expect(twice.status).toBe(422);
    expect(await twice.text()).toContain('Lomake lähetettiin jo.');
  });

  it('renders closed, scheduled and unknown polls clearly', async () => {
    const closed = await fetch(`${url}/w/poll/demo-poll-closed?lang=en`);
    const closedHtml = await closed.text();
    expect(closedHtml).toContain('This poll has closed.');
    expect(closedHtml).toContain('Reading challenge');
    expect(closedHtml).not.toContain('<form');
    const upcoming = await (await fetch(`${url}/w/poll/demo-poll-upcoming?lang=fi`)).text();
    expect(upcoming).toContain('Tämä kysely avautuu');
    expect(upcoming).not.toContain('<form');
    const unknown = await fetch(`${url}/w/poll/no-such-poll`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Kyselyä ei löytynyt');
    const key = await issuePageKey(new Secrets(env.store.db), 'poll:demo-poll-closed');
    const closedPost = await post('demo-poll-closed', form([['key', key], ['optionIds', 'reading']]));
    expect(closedPost.status).toBe(409);
  });

  it('refuses a form post from a foreign origin', async () => {
    const hidden = hiddenFields(await (await fetch(`${url}/w/poll/demo-poll`)).text());
    const response = await post('demo-poll', form([...Object.entries(hidden), ['optionIds', 'hours']]), {Origin: 'https://evil.example'});
    expect(response.status).toBe(403);
  });
});
