// The browser tests run the sources; this one runs what patrons download (`dist/kirjasto-all.js`,
// minified, compressed and served by the real server), where a minifier could change what is shown.
import {chromium, type Browser} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
// @ts-expect-error plain ESM helpers without type declarations
import {chromiumArgs, findChromium} from '../../scripts/chromium-path.mjs';
// @ts-expect-error plain ESM helpers without type declarations
import {TestServer} from '../support/servers.mjs';

describe('the built script on a standalone page', () => {
  let server: {url: string; start(): Promise<void>; dispose(): Promise<void>};
  let browser: Browser;

  beforeAll(async () => {
    server = new TestServer();
    await server.start();
    browser = await chromium.launch({executablePath: findChromium(), args: chromiumArgs});
  }, 150_000); // the server's own start wait is up to 120 s on a busy machine (test/support/servers.mjs)

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('shows the results after a vote with the words spaced as written', async () => {
    const page = await browser.newPage();
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('.js')) scripts.push(`${new URL(response.url()).pathname} ${response.headers()['content-encoding'] ?? 'identity'}`);
    });
    await page.goto(`${server.url}/w/poll/demo-poll?lang=fi`);
    const poll = page.locator('kirjasto-poll');
    await poll.getByRole('radio', {name: 'Pidemmät aukioloajat'}).check();
    await poll.getByRole('button', {name: 'Äänestä'}).click();
    await expect.poll(() => poll.getByRole('status').textContent(), {timeout: 15_000}).toContain('Kiitos äänestäsi!');
    expect(await poll.getByRole('listitem').first().textContent()).toMatch(/^Pidemmät aukioloajat \(sinun valintasi\) 100\s%/u);
    expect(scripts).toContain('/kirjasto-all.js br');
  });

  it('shows an element added while the page turns to another language in that language from its first content on', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/w/poll/demo-poll?lang=fi`);
    await page.locator('kirjasto-poll').getByRole('button', {name: 'Äänestä'}).waitFor();
    // The Sami strings arrive only after the idea box's content: the slow way round for the element.
    let contentAnswered!: () => void;
    const answered = new Promise<void>((resolve) => (contentAnswered = resolve));
    page.on('requestfinished', (request) => {
      if (request.url().includes('/api/v1/idea-boxes/demo-ideas')) contentAnswered();
    });
    await page.route(/\.se-[\w-]+\.js$/, async (route) => {
      await answered;
      await route.continue();
    });
    await page.evaluate(() => {
      const w = window as unknown as {firstText?: string};
      document.documentElement.lang = 'se';
      const box = document.createElement('kirjasto-idea-box');
      box.setAttribute('box', 'demo-ideas');
      box.addEventListener('kirjasto-load', () => (w.firstText = box.shadowRoot!.textContent!), {once: true});
      document.body.append(box);
    });
    const firstText = await page.waitForFunction(() => (window as unknown as {firstText?: string}).firstText).then((text) => text.jsonValue());
    expect(firstText).toContain('Ođđaseamos'); // "Newest" in Northern Sami
    expect(firstText).not.toContain('Uusimmat');
  });

  /** A page of the server's origin with `body` and the script tag, and every API read it sends, in order. */
  async function pageWith(body: string) {
    const page = await browser.newPage();
    const reads: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'GET' && request.url().includes('/api/v1/')) reads.push(new URL(request.url()).pathname);
    });
    await page.route(`${server.url}/bundle-page.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Uutinen</title>
<script>customElements.whenDefined('kirjasto-poll').then(() => (window.definedAt = performance.now()));</script>
<script type="module" src="/kirjasto-all.js"></script></head><body>${body}</body></html>`,
      }),
    );
    await page.goto(`${server.url}/bundle-page.html`);
    return {page, reads};
  }

  it("asks for a poll's content before its element is defined, once, and shows it", async () => {
    const {page, reads} = await pageWith('<kirjasto-poll poll="demo-poll"></kirjasto-poll><kirjasto-rating rating="demo-rating"></kirjasto-rating>');
    await page.locator('kirjasto-poll').getByRole('button', {name: 'Äänestä'}).waitFor();
    await page.locator('kirjasto-rating').getByRole('button').first().waitFor();
    const timing = await page.evaluate(() => ({
      definedAt: (window as unknown as {definedAt: number}).definedAt,
      requestedAt: performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/api/v1/polls/demo-poll'))!.startTime,
    }));
    expect(timing.requestedAt).toBeLessThan(timing.definedAt);
    expect(reads.filter((path) => path === '/api/v1/polls/demo-poll')).toHaveLength(1);
    expect(reads.filter((path) => path === '/api/v1/ratings/demo-rating')).toHaveLength(1);
  });

  it('asks once for each of many polls, which load as their elements connect', async () => {
    const ids = ['demo-poll', ...Array.from({length: 6}, (_, i) => `no-such-poll-${i}`)];
    const {page, reads} = await pageWith(ids.map((id) => `<kirjasto-poll poll="${id}"></kirjasto-poll>`).join(''));
    await page.locator('kirjasto-poll').first().getByRole('button', {name: 'Äänestä'}).waitFor();
    await expect.poll(() => page.locator('kirjasto-poll').getByRole('alert').count()).toBe(6);
    expect([...reads].sort()).toEqual(ids.map((id) => `/api/v1/polls/${id}`).sort());
    // Seven are more than the bundle reads ahead: every read left once its element was defined.
    const timing = await page.evaluate(() => ({
      definedAt: (window as unknown as {definedAt: number}).definedAt,
      requestedAt: performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/api/v1/polls/')).map((entry) => entry.startTime),
    }));
    expect(timing.requestedAt).toHaveLength(7);
    for (const at of timing.requestedAt) expect(at).toBeGreaterThanOrEqual(timing.definedAt);
  });
});
