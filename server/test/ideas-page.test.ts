import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {insertBox, insertIdea} from '../src/ideas/store.js';
import {setUp, STORES} from './helpers.js';
import {formToken, ideaConfig} from './ideas-helpers.js';

function hiddenFields(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
}

describe.each(STORES)('standalone idea page on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let url: string;
  const post = (boxId: string, fields: [string, string][], headers: Record<string, string> = {}) =>
    fetch(`${url}/w/ideas/${boxId}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {'Content-Type': 'application/x-www-form-urlencoded', ...headers},
      body: new URLSearchParams(fields).toString(),
    });

  beforeAll(async () => {
    env = await setUp(kind, ideaConfig());
    url = env.url;
    await insertBox(env.store.db, {id: 'page-pre', tenantId: 'demo', topic: {fi: '<script>alert("t")</script> & aihe'}, moderation: 'pre'});
    await insertIdea(env.store.db, {boxId: 'demo-ideas', text: '<img src=x onerror=alert(1)></textarea>"\'', state: 'published', channel: 'web'});
    await insertBox(env.store.db, {id: 'page-lang', tenantId: 'demo', topic: {fi: 'Kielet'}, moderation: 'post'});
    await insertIdea(env.store.db, {boxId: 'page-lang', text: 'Fler böcker på svenska, tack!', state: 'published', channel: 'web', lang: 'sv'});
    await insertIdea(env.store.db, {boxId: 'page-lang', text: 'Lisää kirjoja suomeksi, kiitos', state: 'published', channel: 'web', lang: 'fi'});
    await insertIdea(env.store.db, {boxId: 'page-lang', text: 'Kieli ei ole tiedossa tässä', state: 'published', channel: 'web'});
  });
  afterAll(() => env?.tearDown());

  it('renders the element with a no-JavaScript fallback: topic, ideas by support, statuses, answers and a form', async () => {
    const response = await fetch(`${url}/w/ideas/demo-ideas?channel=qr&location=demo-village&lang=en`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<kirjasto-idea-box box="demo-ideas" channel="qr" location="demo-village">');
    expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/);
    expect(html).toContain('<h1>What would your dream library be like?</h1>');
    expect(html.indexOf('sunnuntaisin')).toBeLessThan(html.indexOf('Hiljainen lukusali'));
    expect(html).toContain('Planned · 42 supporters');
    expect(html).toContain('From the autumn the main library will try opening on Sundays');
    expect(html).not.toContain('säkkituoleja'); // pending
    expect(html).not.toContain('Sunnuntaiaukiolo olisi'); // merged
    expect(html).toContain('<form method="post" action="/w/ideas/demo-ideas">');
    expect(html).toContain('<textarea name="text"');
    expect(html).toContain('<option value="spaces">Spaces</option>');
    expect(html).toContain('name="contact"');
    expect(html).toMatch(/<div class="hp" aria-hidden="true"><label>Leave this field empty <input type="text" name="website" value="" tabindex="-1"/);
    const hidden = hiddenFields(html);
    expect(hidden).toMatchObject({channel: 'qr', location: 'demo-village', lang: 'en'});
    expect(hidden.formToken).toMatch(/^[0-9a-z]+\./);
    expect(hidden).not.toHaveProperty('voter');
    expect(hidden.key).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{24}$/);
  });

  it('marks each idea with the language it was sent in, when known, even the page\'s own', async () => {
    const html = await (await fetch(`${url}/w/ideas/page-lang?lang=fi`)).text();
    expect(html).toContain('<p class="idea" lang="sv">Fler böcker på svenska, tack!</p>');
    expect(html).toContain('<p class="idea" lang="fi">Lisää kirjoja suomeksi, kiitos</p>');
    expect(html).toContain('<p class="idea">Kieli ei ole tiedossa tässä</p>');
  });

  it('escapes every text', async () => {
    const html = await (await fetch(`${url}/w/ideas/demo-ideas?lang=fi`)).text();
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;&#60;/textarea&#62;&#34;&#39;');
    const pre = await (await fetch(`${url}/w/ideas/page-pre?lang=fi`)).text();
    expect(pre).not.toContain('<script>alert');
    expect(pre).toContain('<title>&#60;script&#62;alert(&#34;t&#34;)&#60;/script&#62; &#38; aihe</title>');
  });

  it('stores a no-JavaScript idea and redirects to a thank-you page', async () => {
    const hidden = hiddenFields(await (await fetch(`${url}/w/ideas/page-pre?lang=en`)).text());
    const early = await post('page-pre', [...Object.entries(hidden), ['text', 'Kirjastoon lisää kasveja'], ['website', '']]);
    expect(early.status).toBe(400); // the form token is younger than the minimum time to submit
    expect(await early.text()).toContain('The form was sent very quickly');
    const fields: [string, string][] = [...Object.entries({...hidden, formToken: await formToken(env.store.db, 'page-pre')}), ['text', 'Kirjastoon\r\nlisää kasveja'], ['website', '']];
    const response = await post('page-pre', fields);
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location).toBe('/w/ideas/page-pre?sent=1&lang=en&published=0');
    const [row] = await env.store.db.query<{text: string; state: string}>("select text, state from ideas where box_id = 'page-pre'");
    expect(row).toEqual({text: 'Kirjastoon\nlisää kasveja', state: 'pending'});
    expect((await post('page-pre', fields)).status).toBe(303); // a resubmission is a replay
    expect((await env.store.db.query("select 1 from ideas where box_id = 'page-pre'")).length).toBe(1);
    const thanks = await (await fetch(`${url}${location}`)).text();
    expect(thanks).toContain('Thank you for your idea!');
    expect(thanks).toContain('Your idea will be visible after moderation.');
  });

  it('re-renders the form with the error and the text kept, for a filled honeypot or a short text', async () => {
    const hidden = hiddenFields(await (await fetch(`${url}/w/ideas/demo-ideas?lang=fi`)).text());
    const token = await formToken(env.store.db, 'demo-ideas');
    const spam = await post('demo-ideas', [...Object.entries({...hidden, formToken: token}), ['text', 'Osta halpoja <b>kelloja</b>'], ['website', 'http://spam.example']]);
    expect(spam.status).toBe(400);
    const html = await spam.text();
    expect(html).toContain('<p class="error" role="alert">Lomakkeen piilokenttä oli täytetty.</p>');
    expect(html).toContain('Osta halpoja &#60;b&#62;kelloja&#60;/b&#62;</textarea>');
    const short = await post('demo-ideas', [...Object.entries({...hidden, formToken: token}), ['text', 'lyhyt']]);
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('Tarkista ideasi');
    const foreign = await post('demo-ideas', [...Object.entries({...hidden, formToken: token}), ['text', 'Vieraalta sivustolta tuleva idea']], {Origin: 'https://evil.example'});
    expect(foreign.status).toBe(403);
    expect((await fetch(`${url}/w/ideas/no-such-box`)).status).toBe(404);
  });
});
