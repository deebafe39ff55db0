// The kiosk page on a real server in real Chromium: it must come back after a reload with the
// server gone (its service worker), and keep the taps it takes meanwhile.
import {chromium, type Browser, type Page} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
// @ts-expect-error plain ESM helpers without type declarations
import {chromiumArgs, findChromium} from '../../scripts/chromium-path.mjs';
// @ts-expect-error plain ESM helpers without type declarations
import {TestServer} from '../support/servers.mjs';

const shownScores = (page: Page) =>
  page.waitForFunction(() => document.querySelector('kirjasto-rating')?.shadowRoot?.querySelectorAll('[part~="score"]').length === 5, null, {
    timeout: 15_000,
  });

describe('the kiosk page', () => {
  let server: {url: string; start(): Promise<void>; stop(): Promise<void>; dispose(): Promise<void>};
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

  it('shows the rating on a reload without network right after its first load', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const url = `${server.url.replace('127.0.0.1', 'localhost')}/kiosk/demo-rating?location=demo-central`;
    await page.goto(url);
    await shownScores(page);
    // Set up: the worker is installed (its precache filled) and active. No second online load.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await context.setOffline(true);
    await page.reload();
    await shownScores(page);
    const text = await page.evaluate(() => document.querySelector('kirjasto-rating')!.shadowRoot!.querySelector('[part=question]')?.textContent?.trim());
    expect(text).toBeTruthy();
    // The kiosk parts (a chunk of their own) came from the precache too: the staff corner is there.
    await page.waitForFunction(() => !!document.querySelector('kirjasto-rating')!.shadowRoot!.querySelector('.staff-corner'), null, {timeout: 15_000});
    await context.close();
  });

  it("starts in the library's language, not the browser's, and returns to it for the next patron", async () => {
    const context = await browser.newContext({locale: 'en', extraHTTPHeaders: {'Accept-Language': 'en'}});
    const page = await context.newPage();
    const question = () => page.evaluate(() => document.querySelector('kirjasto-rating')!.shadowRoot!.querySelector('[part=question]')?.textContent?.trim() ?? '');
    await page.goto(`${server.url}/kiosk/demo-rating?location=demo-central`);
    await shownScores(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fi');
    const finnish = await question();
    await page.click('button[data-lang="sv"]');
    await page.waitForFunction((fi) => document.querySelector('kirjasto-rating')!.shadowRoot!.querySelector('[part=question]')?.textContent?.trim() !== fi, finnish);
    expect(await page.evaluate(() => document.querySelector('button[data-lang="sv"]')!.getAttribute('aria-pressed'))).toBe('true');
    await page.evaluate(() => (document.querySelector('kirjasto-rating')!.shadowRoot!.querySelectorAll('[part~="score"]')[4] as HTMLElement).click());
    // reset-after is 8 s on the kiosk page: then the next patron meets Finnish again.
    await page.waitForFunction(() => document.documentElement.lang === 'fi', null, {timeout: 20_000});
    await shownScores(page);
    expect(await question()).toBe(finnish);
    expect(await page.evaluate(() => document.querySelector('button[data-lang="fi"]')!.getAttribute('aria-pressed'))).toBe('true');
    await context.close();
  }, 40_000);

  it('reloads without the server and keeps a tap for later', async () => {
    const page = await browser.newPage();
    // Service workers need a secure context; http://localhost is one.
    const url = `${server.url.replace('127.0.0.1', 'localhost')}/kiosk/demo-rating?location=demo-central&lang=fi`;
    await page.goto(url);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await shownScores(page);
    await page.reload();
    await shownScores(page);
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

    await server.stop();
    await page.reload();
    await shownScores(page);
    await page.evaluate(() => (document.querySelector('kirjasto-rating')!.shadowRoot!.querySelectorAll('[part~="score"]')[4] as HTMLElement).click());
    await page.waitForFunction(() => document.querySelector('kirjasto-rating')!.shadowRoot!.querySelector('[part=queue]')?.textContent === '1 odottaa lähetystä', null, {
      timeout: 15_000,
    });
    const root = (selector: string) => page.evaluate((s) => document.querySelector('kirjasto-rating')!.shadowRoot!.querySelector(s)?.textContent ?? null, selector);
    expect(await root('[part=status]')).toBe('Kiitos palautteestasi!');
    expect(await root('[role=alert]')).toBe(null);
  });
});
