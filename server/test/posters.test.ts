import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {setUp, STORES} from './helpers.js';

const shortUrl = (html: string) => /<br>localhost:8787(\/q\/[2-9a-z]+)<\/p>/.exec(html)?.[1];

describe.each(STORES)('posters on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let url: string;
  const poster = async (path: string) => (await fetch(`${url}${path}`)).text();

  beforeAll(async () => {
    env = await setUp(kind);
    url = env.url;
  });
  afterAll(() => env?.tearDown());

  it("carries the library's name, and its logo when it has one", async () => {
    expect(await poster('/w/poll/demo-poll/poster')).toContain('<p class="library"><span>Demo-kirjasto</span></p>');
    await env.store.db.query("update tenants set logo_url = 'https://cdn.kirjasto.example/logo.svg' where id = 'demo'");
    const response = await fetch(`${url}/w/poll/demo-poll/poster`);
    expect(await response.text()).toContain('<p class="library"><img src="https://cdn.kirjasto.example/logo.svg" alt=""><span>Demo-kirjasto</span></p>');
    expect(response.headers.get('content-security-policy')).toContain("img-src 'self' data: https://cdn.kirjasto.example");
    await env.store.db.query("update tenants set logo_url = null where id = 'demo'");
  });

  it('prints a short typed address that opens the page with the poster channel and branch', async () => {
    const central = shortUrl(await poster('/w/rating/demo-rating/poster?location=demo-central'))!;
    const village = shortUrl(await poster('/w/rating/demo-rating/poster?location=demo-village'))!;
    const none = shortUrl(await poster('/w/rating/demo-rating/poster'))!;
    expect(central).toMatch(/^\/q\/[2-9a-z]{6}$/);
    expect(new Set([central, village, none]).size).toBe(3);
    expect(shortUrl(await poster('/w/rating/demo-rating/poster?location=demo-central&lang=sv'))).toBe(central); // printed again: the same

    const redirect = await fetch(`${url}${central}`, {redirect: 'manual'});
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/w/rating/demo-rating?channel=qr&location=demo-central');
    const typed = await fetch(`${url}${none.toUpperCase().replace('/Q/', '/q/')}`, {redirect: 'manual'});
    expect(typed.headers.get('location')).toBe('/w/rating/demo-rating?channel=qr');

    const page = await fetch(`${url}${village}`);
    expect(page.url).toContain('/w/rating/demo-rating?channel=qr&location=demo-village');
    expect(await page.text()).toContain('channel="qr" location="demo-village"');
  });

  it('answers an unknown or mistyped code with a page that says so', async () => {
    const response = await fetch(`${url}/q/zzzzzz?lang=en`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('<h1>Address not found. Please check that you typed it as on the poster.</h1>');
    expect((await fetch(`${url}/q/%3Cscript%3E`)).status).toBe(404);
  });
});
