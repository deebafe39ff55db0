import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {insertRating} from '../src/ratings/store.js';
import {setUp, STORES} from './helpers.js';
import {getSummary} from './ratings-helpers.js';

const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();

function hiddenFields(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
}

describe.each(STORES)('standalone rating page on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let url: string;
  const post = (ratingId: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/w/rating/${ratingId}`, {method: 'POST', redirect: 'manual', headers: {'Content-Type': 'application/x-www-form-urlencoded', ...headers}, body});

  beforeAll(async () => {
    env = await setUp(kind);
    url = env.url;
    await insertRating(env.store.db, {id: 'xss-rating', tenantId: 'demo', question: {fi: '<script>alert("q")</script> & "lainaus"'}, scale: 'thumbs', commentMode: 'always'});
  });
  afterAll(() => env?.tearDown());

  it('renders the element with channel and branch, and a no-JavaScript form with text labels', async () => {
    const response = await fetch(`${url}/w/rating/demo-rating?channel=qr&location=demo-village&lang=sv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="sv">/);
    expect(html).toContain('<title>Hur lyckades vi i dag?</title>');
    expect(html).toContain('<script type="module" src="/kirjasto-all.js"></script>');
    expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/);
    expect(html).toContain('<kirjasto-rating rating="demo-rating" channel="qr" location="demo-village">');
    expect(html).toContain('<form method="post" action="/w/rating/demo-rating">');
    expect(html.match(/type="radio" name="score"/g)).toHaveLength(5);
    expect(html).toContain('value="5" required> Mycket nöjd');
    expect(html).not.toContain('<textarea'); // the comment after a low score is asked on the next page
    const hidden = hiddenFields(html);
    expect(hidden).toMatchObject({channel: 'qr', location: 'demo-village', lang: 'sv'});
    expect(hidden).not.toHaveProperty('voter');
    expect(hidden.responseId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(hidden.key).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{24}$/);

    const nps = await (await fetch(`${url}/w/rating/demo-nps?lang=en&location=nowhere`)).text();
    expect(nps.match(/type="radio" name="score"/g)).toHaveLength(11);
    expect(nps).toContain('value="0" required> 0 – Not at all likely');
    expect(nps).toContain('<textarea name="comment" maxlength="500">');
    expect(nps).toContain('<kirjasto-rating rating="demo-nps" channel="web">');
    expect(nps).not.toContain('nowhere');
  });

  it('escapes every text', async () => {
    const html = await (await fetch(`${url}/w/rating/xss-rating?lang=fi`)).text();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&#60;script&#62;alert(&#34;q&#34;)&#60;/script&#62; &#38; &#34;lainaus&#34;');
  });

  it('stores a no-JavaScript response from a QR code under channel qr and the branch', async () => {
    const before = await getSummary(url, 'demo-stars');
    const page = await (await fetch(`${url}/w/rating/demo-stars?lang=fi&channel=qr&location=demo-central`)).text();
    const hidden = hiddenFields(page);
    const response = await post('demo-stars', form([...Object.entries(hidden), ['score', '2']]));
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location).toBe('/w/rating/demo-stars?rated=1&lang=fi&channel=qr&location=demo-central');
    const [row] = await env.store.db.query<{score: number; channel: string; branch_id: string; response_id: string}>(
      "select score, channel, branch_id, response_id from rating_responses where rating_id = 'demo-stars' order by id desc limit 1",
    );
    expect(row).toEqual({score: 2, channel: 'qr', branch_id: 'demo-central', response_id: hidden.responseId});
    const after = await getSummary(url, 'demo-stars');
    // byChannel and byLocation cells under the threshold are suppressed (issue 10): channel and branch are checked on the row above.
    expect(after.count).toBe(before.count + 1);
    expect(after.distribution['2']).toBe(before.distribution['2'] + 1);

    // sending the same form again is a replay, not a second response
    expect((await post('demo-stars', form([...Object.entries(hidden), ['score', '2']]))).status).toBe(303);
    expect((await getSummary(url, 'demo-stars')).count).toBe(after.count);
    const thanks = await (await fetch(`${url}${location}`)).text();
    expect(thanks).toContain('Kiitos palautteestasi!');
    expect(thanks).toContain('href="/w/rating/demo-stars?lang=fi&#38;channel=qr&#38;location=demo-central"');
  });

  it('re-renders the form with the error in plain words', async () => {
    const hidden = hiddenFields(await (await fetch(`${url}/w/rating/demo-nps?lang=fi`)).text());
    const none = await post('demo-nps', form([...Object.entries(hidden), ['comment', '<b>hei</b>']]));
    expect(none.status).toBe(400);
    const html = await none.text();
    expect(html).toContain('<p class="error" role="alert">Tarkista vastauksesi.</p>');
    expect(html).toContain('&#60;b&#62;hei&#60;/b&#62;</textarea>');
    expect(hiddenFields(html).responseId).toBe(hidden.responseId);

    const ok = await post('demo-nps', form([...Object.entries(hidden), ['score', '9'], ['comment', '  ']]));
    expect(ok.status).toBe(303);
    // Back, another score, the same form again: refused, not a second response
    const again = await post('demo-nps', form([...Object.entries(hidden), ['score', '8']]));
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('Lomake lähetettiin jo.');
    const foreign = hiddenFields(await (await fetch(`${url}/w/rating/demo-nps`)).text());
    expect((await post('demo-nps', form([...Object.entries(foreign), ['score', '9']]), {Origin: 'https://evil.example'})).status).toBe(403);
    const unknown = await fetch(`${url}/w/rating/no-such-rating`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Palautekyselyä ei löytynyt');
  });
});
