// The embed on a site the library has not allowed, and a self-hosted script without its language files:
// the patron is told quietly, the webmaster's console loudly. Runs the built script on the real server.
import {chromium, type Browser, type Page} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
// @ts-expect-error plain ESM helpers without type declarations
import {chromiumArgsDisabling, findChromium} from '../../scripts/chromium-path.mjs';
// @ts-expect-error plain ESM helpers without type declarations
import {TestServer} from '../support/servers.mjs';

describe('the embed telling the webmaster what is wrong', () => {
  let server: {url: string; start(): Promise<void>; dispose(): Promise<void>};
  let browser: Browser;

  beforeAll(async () => {
    server = new TestServer();
    await server.start();
    // A made-up public origin embedding from 127.0.0.1: Chromium's local network access checks would block
    // that before our CORS answer is seen, as they would not between two public sites.
    const localNetworkChecks = ['LocalNetworkAccessChecks', 'PrivateNetworkAccessSendPreflights', 'BlockInsecurePrivateNetworkRequests'];
    browser = await chromium.launch({executablePath: findChromium(), args: chromiumArgsDisabling(...localNetworkChecks)});
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  /** A page of `origin` embedding a poll from the test server; its console messages are collected. */
  async function embed(origin: string, lang: string): Promise<{page: Page; console: {type: string; text: string}[]}> {
    const page = await browser.newPage();
    const console: {type: string; text: string}[] = [];
    page.on('console', (m) => console.push({type: m.type(), text: m.text()}));
    await page.route(`${origin}/**`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="${lang}"><head><script type="module" src="${server.url}/kirjasto-all.js"></script></head>
<body><main><h1>Kunnan uutiset</h1><kirjasto-poll poll="demo-poll" api="${server.url}"></kirjasto-poll>
<kirjasto-rating rating="demo-rating" api="${server.url}"></kirjasto-rating></main></body></html>`,
      }),
    );
    await page.goto(`${origin}/uutiset.html`);
    return {page, console};
  }

  it('shows "not available on this site" to the patron and names the origin and the setting in the console', async () => {
    const {page, console} = await embed('http://kunta.example', 'en');
    // The same words for every kind of element: a rating is not a survey.
    for (const element of ['kirjasto-poll', 'kirjasto-rating']) {
      const alert = page.locator(element).getByRole('alert');
      await expect.poll(() => alert.textContent(), {timeout: 15_000}).toBe('This is not available on this site.');
      expect(await page.locator(element).getByRole('button', {name: 'Try again'}).count()).toBe(0);
    }
    const errors = console.filter((m) => m.type === 'error' && m.text.startsWith('kirjasto:'));
    expect(errors.map((m) => m.text)).toContain(
      'kirjasto: This library has not allowed http://kunta.example to show its widgets; allow it in the console at /admin → library settings → allowed web origins.',
    );
    await page.close();
  });

  it('renders in Finnish, the source, and says which language file is missing when the script is hosted without them', async () => {
    const page = await browser.newPage();
    const console: {type: string; text: string}[] = [];
    page.on('console', (m) => console.push({type: m.type(), text: m.text()}));
    // a copy of kirjasto-all.js put on a site without the kirjasto/ folder next to it
    await page.route(/\/kirjasto\/(?:[\w-]+\.)?sv-[\w-]{8}\.js$/, (route) => route.fulfill({status: 404, body: 'Not found'}));
    await page.goto(`${server.url}/w/poll/demo-poll?lang=sv`);
    const poll = page.locator('kirjasto-poll');
    await expect.poll(() => poll.getByRole('button').first().textContent(), {timeout: 15_000}).toBe('Äänestä');
    const warning = console.find((m) => m.type === 'warning' && m.text.startsWith('kirjasto: the "sv" language file could not be loaded'));
    expect(warning?.text).toContain("Serve the kirjasto/ folder of the package's dist/ (its *.sv-*.js files) next to the script.");
    await page.close();
  });
});
