// The standalone pages with JavaScript off in Chromium: what a patron gets from a QR code on a phone
// that blocks scripts, or from a plain link in a newsletter.
import {chromium, type Browser, type BrowserContext} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
// @ts-expect-error plain ESM helpers without type declarations
import {chromiumArgs, findChromium} from '../../scripts/chromium-path.mjs';
// @ts-expect-error plain ESM helpers without type declarations
import {TestServer} from '../support/servers.mjs';

describe('standalone pages with JavaScript disabled', () => {
  let server: {url: string; start(): Promise<void>; dispose(): Promise<void>};
  let browser: Browser;
  let context: BrowserContext;
  /** The total the thank-you page shows ("Tulokset · 12 vastausta"). */
  const shownTotal = async (page: import('playwright-core').Page) => Number(/(\d+) vastaus/.exec((await page.getByRole('heading', {level: 2}).textContent()) ?? '')?.[1]);

  beforeAll(async () => {
    server = new TestServer();
    await server.start();
    browser = await chromium.launch({executablePath: findChromium(), args: chromiumArgs});
    context = await browser.newContext({javaScriptEnabled: false, viewport: {width: 390, height: 844}});
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('counts a vote once when the patron goes Back and sends the form again', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/w/poll/demo-poll?lang=fi&channel=qr`);
    expect(await page.locator('h1').count()).toBe(1);
    await page.getByRole('radio', {name: 'Hiljaisia opiskelutiloja'}).check();
    await page.getByRole('button', {name: 'Äänestä'}).click();
    await page.waitForURL(/voted=1/);
    expect(page.url()).not.toMatch(/voter/);
    expect(await page.getByRole('status').textContent()).toBe('Kiitos vastauksestasi!');
    const total = await shownTotal(page);
    expect(total).toBeGreaterThan(0);

    await page.goBack();
    expect(await page.getByRole('radio', {name: 'Hiljaisia opiskelutiloja'}).isVisible()).toBe(true);
    await page.getByRole('radio', {name: 'Hiljaisia opiskelutiloja'}).check();
    await page.getByRole('button', {name: 'Äänestä'}).click();
    await page.waitForURL(/voted=1/);
    expect(await shownTotal(page)).toBe(total);
    await page.close();
  });

  it('shows result bars as the widget draws them, and switches language keeping the channel', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/w/poll/demo-poll?lang=en&channel=qr&location=demo-village`);
    await page.getByRole('radio', {name: 'Longer opening hours'}).check();
    await page.getByRole('button', {name: 'Vote'}).click();
    await page.waitForURL(/voted=1/);
    const bar = page.locator('progress.bar').first();
    const box = (await bar.boundingBox())!;
    expect(box.width).toBeGreaterThan(300); // the full width of the column, not a 5-em native meter
    expect(box.height).toBeGreaterThanOrEqual(11);
    expect(await bar.evaluate((el) => getComputedStyle(el).appearance)).toBe('none');

    await page.getByRole('link', {name: 'På svenska'}).click();
    expect(new URL(page.url()).searchParams.get('lang')).toBe('sv');
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    await page.goto(`${server.url}/w/poll/demo-poll?lang=en&channel=qr&location=demo-village`);
    await page.getByRole('link', {name: 'Suomeksi'}).click();
    const switched = new URL(page.url());
    expect([switched.searchParams.get('channel'), switched.searchParams.get('location')]).toEqual(['qr', 'demo-village']);
    expect(await page.getByRole('banner').textContent()).toBe('Demo-kirjasto');
    await page.close();
  });

  it('asks for a comment after a low score, and sends it', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/w/rating/demo-rating?lang=en`);
    await page.getByRole('radio', {name: 'Very dissatisfied'}).check();
    await page.getByRole('button', {name: 'Send'}).click();
    await page.getByRole('textbox').fill('The reading room was cold.');
    await page.getByRole('button', {name: 'Send comment'}).click();
    await page.waitForURL(/rated=1/);
    expect(await page.getByRole('status').textContent()).toBe('Thank you for your feedback!');
    await page.close();
  });
});
