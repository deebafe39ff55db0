import {lookOf} from '../src/pages/tenant-look.js';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {insertPoll} from '../src/polls/store.js';
import {setUp, STORES} from './helpers.js';

const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();

function hiddenFields(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
}

const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0;

describe.each(STORES)('standalone pages as a patron sees them, on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let url: string;
  const page = async (path: string) => (await fetch(`${url}${path}`)).text();
  const post = (path: string, body: string) =>
    fetch(`${url}${path}`, {method: 'POST', redirect: 'manual', headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body});
  const votes = async (pollId: string) => (await env.store.db.query<{n: number}>('select count(*)::int as n from votes where poll_id = $1', [pollId]))[0]!.n;

  beforeAll(async () => {
    env = await setUp(kind);
    url = env.url;
    await insertPoll(env.store.db, {
      id: 'fi-only',
      tenantId: 'demo',
      question: {fi: 'Luetko e-kirjoja?'},
      options: [
        {id: 'yes', label: {fi: 'Kyllä', sv: 'Ja'}},
        {id: 'no', label: {fi: 'En'}},
      ],
      resultsVisibility: 'after-vote',
    });
  });
  afterAll(() => env?.tearDown());

  it('has one <h1> on every page: the form, the thank-you page, closed and unknown ones', async () => {
    for (const path of ['/w/poll/demo-poll', '/w/poll/demo-poll-closed', '/w/rating/demo-rating', '/w/rating/demo-nps', '/w/ideas/demo-ideas', '/w/poll/none']) {
      expect(count(await page(path), /<h1[ >]/g), path).toBe(1);
    }
    const hidden = hiddenFields(await page('/w/poll/demo-poll?lang=en'));
    const voted = await post('/w/poll/demo-poll', form([...Object.entries(hidden), ['optionIds', 'hours']]));
    expect(count(await page(voted.headers.get('location')!), /<h1[ >]/g)).toBe(1);
  });

  it("shows the library's name, its accent and its logo, and a language switch that keeps channel and branch", async () => {
    const plain = await page('/w/poll/demo-poll?channel=qr&location=demo-village&lang=sv');
    expect(plain).toContain('<header class="library"><span>Demo-kirjasto</span></header>');
    expect(plain).toContain('<nav class="langs" aria-label="Språk">');
    expect(plain).toContain('<a href="/w/poll/demo-poll?channel=qr&#38;location=demo-village&#38;lang=fi" lang="fi" hreflang="fi">Suomeksi</a>');
    expect(plain).toContain('lang="sv" hreflang="sv" aria-current="true">På svenska</a>');
    expect(plain).not.toContain('hreflang="se"'); // no Sami content in this library

    await env.store.db.query("update tenants set brand_color = '#ffcc00', logo_url = 'https://kirjasto.example/logo.svg' where id = 'demo'");
    const themed = await page('/w/rating/demo-rating');
    expect(themed).toContain('<header class="library"><img src="https://kirjasto.example/logo.svg" alt=""><span>Demo-kirjasto</span></header>');
    expect(themed).toContain(':root { --accent: #ffcc00; --on-accent: #000; }'); // black reads better on yellow

    // The database refuses such values (migration 008's checks); the page would not use them anyway.
    expect(lookOf({name: 'Demo', brand_color: 'red;}body{display:none', logo_url: 'javascript:alert(1)', languages: null})).toEqual({
      name: 'Demo',
      contentLanguages: ['fi', 'sv', 'en'],
    });
    await env.store.db.query("update tenants set brand_color = null, logo_url = null where id = 'demo'");
  });

  it('labels content with the language it really is, falling back through the library order; ?lang=se never calls Finnish Sami', async () => {
    const sv = await page('/w/poll/fi-only?lang=sv');
    expect(sv).toContain('<html lang="sv">');
    expect(sv).toContain('<legend><h1><span lang="fi">Luetko e-kirjoja?</span></h1></legend>');
    expect(sv).toContain('value="yes"> Ja</label>');
    expect(sv).toContain('value="no"> <span lang="fi">En</span></label>');

    const se = await page('/w/poll/fi-only?lang=se');
    expect(se).toContain('<html lang="fi">'); // the page's own words are Finnish
    expect(se).not.toContain('lang="se"');
    expect(se).toContain('<legend><h1>Luetko e-kirjoja?</h1></legend>');

    await env.store.db.query("update tenants set languages = '{sv,fi,en}' where id = 'demo'");
    const en = await page('/w/poll/fi-only?lang=en');
    expect(en).toContain('value="yes"> <span lang="sv">Ja</span></label>'); // the library's order: Swedish before Finnish
    await env.store.db.query("update tenants set languages = '{fi,sv,en,se}' where id = 'demo'");
    expect(await page('/w/poll/fi-only?lang=fi')).toContain('hreflang="se">Davvisámegiella</a>');
    await env.store.db.query("update tenants set languages = '{fi,sv,en}' where id = 'demo'");
  });

  it('counts a form sent twice once, and never puts a voter token in a URL', async () => {
    const html = await page('/w/poll/fi-only?lang=fi');
    const hidden = hiddenFields(html);
    expect(Object.keys(hidden).sort()).toEqual(['channel', 'key', 'lang']);
    const before = await votes('fi-only');
    const first = await post('/w/poll/fi-only', form([...Object.entries(hidden), ['optionIds', 'yes']]));
    const second = await post('/w/poll/fi-only', form([...Object.entries(hidden), ['optionIds', 'yes']]));
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(await votes('fi-only')).toBe(before + 1);
    const location = first.headers.get('location')!;
    expect(location).not.toMatch(/voter/);
    expect(location).toMatch(/[?&]receipt=[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{24}$/);
    // the receipt shows "after voting" results; a made-up one does not
    expect(await page(location)).toContain('<ul class="results">');
    expect(await page(location.replace(/receipt=[^&]+/, 'receipt=AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAA'))).not.toContain('<ul class="results">');
  });

  it('refuses a forged or foreign key with a fresh form, and a key of another page', async () => {
    const hidden = hiddenFields(await page('/w/poll/demo-poll?lang=en'));
    const forged = await post('/w/poll/demo-poll', form([...Object.entries({...hidden, key: hidden.key!.slice(0, -2) + 'AA'}), ['optionIds', 'hours']]));
    expect(forged.status).toBe(400);
    const again = await forged.text();
    expect(again).toContain('The form has expired. Please check your answer and send it again.');
    expect(again).toMatch(/value="hours" checked/);
    expect(hiddenFields(again).key).not.toBe(hidden.key);
    const other = await post('/w/poll/fi-only', form([...Object.entries(hidden), ['optionIds', 'yes']]));
    expect(other.status).toBe(400);
    const legacy = await post('/w/poll/demo-poll', form([['voter', 'v'.repeat(20)], ['idempotencyKey', 'k'.repeat(10)], ['optionIds', 'hours']]));
    expect(legacy.status).toBe(400);
  });

  it('asks for the comment right after a low score, and stores it with the response', async () => {
    const hidden = hiddenFields(await page('/w/rating/demo-rating?lang=en&channel=qr'));
    const low = await post('/w/rating/demo-rating', form([...Object.entries(hidden), ['score', '1']]));
    expect(low.status).toBe(200);
    const followUp = await low.text();
    expect(followUp).toContain('<p role="status">Thank you for your feedback!</p>');
    expect(followUp).toContain('<textarea name="comment"');
    const next = hiddenFields(followUp);
    expect(next).toMatchObject({key: hidden.key, responseId: hidden.responseId, followUp: '1', channel: 'qr'});
    const sent = await post('/w/rating/demo-rating', form([...Object.entries(next), ['comment', 'Liian kylmä lukusali']]));
    expect(sent.status).toBe(303);
    const [row] = await env.store.db.query<{comment: string | null; channel: string}>('select comment, channel from rating_responses where response_id = $1', [
      hidden.responseId,
    ]);
    expect(row).toEqual({comment: 'Liian kylmä lukusali', channel: 'qr'});

    const good = hiddenFields(await page('/w/rating/demo-rating?lang=en'));
    const high = await post('/w/rating/demo-rating', form([...Object.entries(good), ['score', '5']]));
    expect(high.status).toBe(303); // no comment asked after a good score
  });
});
