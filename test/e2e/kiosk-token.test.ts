// A registered kiosk on a real server in real Chromium: unlocking with the staff PIN registers it,
// its answers carry the kiosk token, and an answer held back by the kiosk's limit is told to the
// patron and delivered once the limit allows.
import {chromium, type Browser, type Page} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
// @ts-expect-error plain ESM helpers without type declarations
import {chromiumArgs, findChromium} from '../../scripts/chromium-path.mjs';
// @ts-expect-error plain ESM helpers without type declarations
import {TestServer} from '../support/servers.mjs';

const inRating = (page: Page, selector: string) =>
  page.evaluate((s) => document.querySelector('kirjasto-rating')!.shadowRoot!.querySelector(s)?.textContent?.trim() ?? null, selector);
const shownScores = (page: Page) =>
  page.waitForFunction(() => document.querySelector('kirjasto-rating')?.shadowRoot?.querySelectorAll('[part~="score"]').length === 5, null, {timeout: 15_000});
const tap = (page: Page, index: number) =>
  page.evaluate((i) => (document.querySelector('kirjasto-rating')!.shadowRoot!.querySelectorAll('[part~="score"]')[i] as HTMLElement).click(), index);

describe('a registered kiosk', () => {
  let server: {url: string; start(): Promise<void>; dispose(): Promise<void>};
  let browser: Browser;

  beforeAll(async () => {
    // One answer per kiosk per 10 s: small enough to reach in a test.
    server = new TestServer({KIRJASTO_RATE_LIMIT_KIOSK: '1'});
    await server.start();
    browser = await chromium.launch({executablePath: findChromium(), args: chromiumArgs});
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('is registered by the staff unlock, sends its token, and tells a patron held back by its limit', async () => {
    const context = await browser.newContext({serviceWorkers: 'block'});
    const page = await context.newPage();
    const answers: {kiosk: string | undefined; status: Promise<number>}[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/ratings/demo-rating/responses')) {
        answers.push({kiosk: request.headers()['kirjasto-kiosk'], status: request.response().then((r) => r?.status() ?? 0)});
      }
    });
    await page.goto(`${server.url}/kiosk/demo-rating?location=demo-central&lang=en`);
    await shownScores(page);

    // Not registered yet: staff are asked to register it.
    await page.waitForSelector('#kiosk-unregistered:not([hidden])');
    expect(await page.textContent('#kiosk-unregistered')).toContain('This kiosk is not registered');

    // Staff unlock it with the PIN (the corner, from a keyboard) and go back to the kiosk.
    await page.evaluate(() => (document.querySelector('kirjasto-rating')!.shadowRoot!.querySelector('.staff-corner') as HTMLElement).click());
    await page.locator('kirjasto-rating input[name=pin]').fill('2468');
    await page.locator('kirjasto-rating button[type=submit]').click();
    await page.waitForSelector('#kiosk-staff[open]');
    await page.click('#kiosk-staff [data-action="back"]');
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('kirjasto.kiosk') ?? '{}')[location.origin]?.['Kirjasto-Kiosk'] as string | undefined);
    expect(token).toMatch(/^kk_[A-Za-z0-9_-]{43}$/);
    await page.waitForSelector('#kiosk-unregistered[hidden]', {state: 'attached'});

    // The first patron's answer goes at once, with the token; the screen resets quickly for the next.
    await page.evaluate(() => document.querySelector('kirjasto-rating')!.setAttribute('reset-after', '1'));
    await tap(page, 4);
    await page.waitForFunction(() => localStorage.getItem('kirjasto.outbox') === null && document.querySelector('kirjasto-rating')!.shadowRoot!.querySelectorAll('[part~="score"]').length === 5, null, {timeout: 15_000});
    expect(answers).toHaveLength(1);
    expect(await answers[0]!.status).toBe(201);

    // The next patron, within the kiosk's limit window (after the kiosk's 2 s cool-down): held back, and told so plainly.
    await page.waitForTimeout(2000);
    await page.evaluate(() => document.querySelector('kirjasto-rating')!.setAttribute('reset-after', '30'));
    await tap(page, 3);
    await page.waitForFunction(
      () => document.querySelector('kirjasto-rating')!.shadowRoot!.querySelector('[part=status]')?.textContent?.includes('It will be sent in a moment'),
      null,
      {timeout: 15_000},
    );
    expect(await inRating(page, '[part=status]')).toBe('Thank you for your feedback! Saved on this device. It will be sent in a moment.');
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('kirjasto.outbox') ?? '[]').length)).toBe(1);
    expect(await answers[1]!.status).toBe(429);

    // Delivered by itself once Retry-After allows, with the token again.
    await page.waitForFunction(() => localStorage.getItem('kirjasto.outbox') === null, null, {timeout: 30_000});
    const statuses = await Promise.all(answers.map((a) => a.status));
    expect(statuses[0]).toBe(201);
    expect(statuses.at(-1)).toBe(201);
    expect(statuses.slice(1, -1).every((s) => s === 429)).toBe(true);
    expect(answers.every((a) => a.kiosk === token)).toBe(true);
    await context.close();
  }, 90_000);
});
