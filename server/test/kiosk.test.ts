import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {setKioskPin} from '../src/kiosk/pin.js';
import {expectProblem, setUp, STORES} from './helpers.js';

const CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

describe.each(STORES)('kiosk on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let url: string;
  const unlock = (body: unknown) =>
    fetch(`${url}/api/v1/kiosk/unlock`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    env = await setUp(kind);
    url = env.url;
  });
  afterAll(() => env?.tearDown());

  it('serves a full-screen kiosk page with the element, language buttons and no inline script', async () => {
    const response = await fetch(`${url}/kiosk/demo-rating?location=demo-central&lang=sv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="sv">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">');
    expect(html).toContain('<meta name="theme-color"');
    expect(html).toContain('overflow: hidden');
    expect(html).toContain('<script type="module" src="/kirjasto-all.js"></script>');
    expect(html).toContain('<script type="module" src="/kiosk/kiosk.js"></script>');
    expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/);
    expect(html).toContain('<kirjasto-rating kiosk rating="demo-rating" channel="kiosk" location="demo-central" reset-after="8"></kirjasto-rating>');
    expect([...html.matchAll(/<button type="button" data-lang="(\w+)"[^>]*>([^<]+)</g)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
      'fi Suomi',
      'sv Svenska',
      'en English',
    ]);
    expect(html).toContain('aria-pressed="true">Svenska');
    expect(html).toContain('<dialog id="kiosk-staff"');
    expect(html).toContain('Huvudbiblioteket');
    expect(html).toContain('data-action="reload"');

    const noBranch = await (await fetch(`${url}/kiosk/demo-nps?location=nowhere`)).text();
    expect(noBranch).toContain('<kirjasto-rating kiosk rating="demo-nps" channel="kiosk" reset-after="8">');
    await expectProblem(await fetch(`${url}/kiosk/no-such-rating`), 404, 'not-found');
  });

  it("starts in the language of the kiosk's address, Finnish without one, never the browser's", async () => {
    const page = async (query: string) => {
      const response = await fetch(`${url}/kiosk/demo-rating${query}`, {headers: {'Accept-Language': 'en'}});
      return /<html lang="(\w+)">/.exec(await response.text())?.[1];
    };
    expect(await page('')).toBe('fi');
    expect(await page('?lang=sv')).toBe('sv');
    expect(await page('?lang=xx')).toBe('fi');
  });

  it('serves kiosk.js and the service worker as uncached JavaScript', async () => {
    const script = await fetch(`${url}/kiosk/kiosk.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('no-cache');
    const js = await script.text();
    expect(js).toContain("'kirjasto-kiosk-reset'"); // the library's language again for the next patron
    expect(js).toContain('requestFullscreen');
    expect(js).toContain("register(`/kiosk-sw.js?page=${encodeURIComponent(page)}`, {scope: '/kiosk/'})");
    expect(js).toContain("'kirjasto-kiosk-exit'");
    expect(js).toContain("'kirjasto.outbox'");

    const worker = await fetch(`${url}/kiosk-sw.js?page=%2Fkiosk%2Fdemo-rating`);
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    const sw = await worker.text();
    // The build's chunks are precached (the kiosk parts, the languages), named by a hash of the list.
    const build = JSON.parse(/^const KIOSK_BUILD = (.*);$/m.exec(sw)![1]!) as {id: string; files: string[]};
    expect(build.id).toMatch(/^[0-9a-f]{12}$/);
    expect(build.files, 'no widgets are built for these tests (test/e2e/kiosk-offline.test.ts has them)').toEqual([]);
    expect(sw).toContain('const VERSION = `kirjasto-kiosk-v3-${KIOSK_BUILD.id}`');
    expect(sw).toContain('`/api/v1/ratings/${ratingId}`');
    expect(sw).toContain("if (request.method !== 'GET') return;");
    expect(sw).toContain("url.pathname.startsWith('/api/v1/ratings/')");
    expect(sw).toContain('caches.delete(key)');
  });

  it('unlocks with the right PIN and refuses a wrong one', async () => {
    expect((await unlock({rating: 'demo-rating', pin: '2468'})).status).toBe(200);
    await expectProblem(await unlock({rating: 'demo-rating', pin: '1111'}), 403, 'wrong-pin');
    await expectProblem(await unlock({rating: 'no-such-rating', pin: '2468'}), 404, 'not-found');
    const invalid = await expectProblem(await unlock({rating: 'demo-rating'}), 400, 'validation');
    expect(invalid.errors?.[0]?.path).toBe('/pin');
    await expectProblem(await fetch(`${url}/api/v1/kiosk/unlock`), 405, 'method-not-allowed');
    const [tenant] = await env.store.db.query<{kiosk_pin_hash: string}>("select kiosk_pin_hash from tenants where id = 'demo'");
    expect(tenant!.kiosk_pin_hash).toMatch(/^scrypt\$/);
    expect(tenant!.kiosk_pin_hash).not.toContain('2468');

    // a changed PIN takes effect; setting the same PIN again changes nothing
    expect(await setKioskPin(env.store.db, 'demo', '97531')).toBe(true);
    expect(await setKioskPin(env.store.db, 'demo', '97531')).toBe(false);
    await expectProblem(await unlock({rating: 'demo-rating', pin: '2468'}), 403, 'wrong-pin');
    expect((await unlock({rating: 'demo-rating', pin: '97531'})).status).toBe(200);
    await setKioskPin(env.store.db, 'demo', '2468');
  });

  it('locks a client out after five wrong PINs, even for the right one', async () => {
    // every test request comes from 127.0.0.1, one client key: a fresh server starts with no wrong PINs
    const {startServer, testConfig} = await import('./helpers.js');
    const server = await startServer(env.store.db, testConfig());
    try {
      const attempt = (pin: string) =>
        fetch(`${server.url}/api/v1/kiosk/unlock`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({rating: 'demo-rating', pin})});
      for (let i = 0; i < 5; i++) await expectProblem(await attempt(`000${i}`), 403, 'wrong-pin');
      const response = await attempt('2468');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(500);
      const locked = await expectProblem(response, 429, 'rate-limited');
      expect(locked.detail).toMatch(/Too many wrong PINs/);
    } finally {
      await server.close();
    }
  });
});
