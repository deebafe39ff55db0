import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import jsQR from 'jsqr';
import type {Browser, Page} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {axeLightAndDark, launchChromium, signedInPage, startConsoleServer, type ConsoleServer} from '../../support/console.js';

// The content screens in Chromium against a real server with the demo library: polls made, embedded,
// answered and protected as a librarian would, in English (the console's source language).

/** A group (fieldset) by its legend's start, e.g. the question's or an option's languages. */
const group = (page: Page, name: string) => page.getByRole('group', {name: new RegExp(`^${name}( \\(required\\))?$`)});

/** Decodes the QR code of an <img> on the page: drawn on a canvas in the page, read with jsQR here. */
async function decodeQr(page: Page, src: string): Promise<string | undefined> {
  const {data, size} = await page.evaluate(async (url) => {
    const img = new Image();
    img.src = url;
    await img.decode();
    const size = 400;
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = size;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, size, size);
    ctx.drawImage(img, 0, 0, size, size);
    return {data: Array.from(ctx.getImageData(0, 0, size, size).data), size};
  }, src);
  return jsQR(Uint8ClampedArray.from(data), size, size)?.data;
}

/** A page on another origin the library allows (http://localhost:<port>) that serves `body`. */
async function otherOrigin(body: () => string): Promise<{url: string; server: Server}> {
  const server = createServer((_, res) => {
    res.writeHead(200, {'Content-Type': 'text/html; charset=utf-8'});
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Library news</title></head><body><main><h1>News</h1>${body()}</main></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {url: `http://localhost:${(server.address() as AddressInfo).port}/`, server};
}

async function createPoll(page: Page, server: ConsoleServer, slug: string) {
  await page.goto(`${server.url}/admin/t/demo/polls/new`);
  await page.getByLabel('Address (id), optional').fill(slug);
  const question = group(page, 'Question');
  await question.getByLabel('Finnish').fill('Mitkä aukioloajat sopivat sinulle?');
  await question.getByLabel('Swedish').fill('Vilka öppettider passar dig?');
  await question.getByLabel('English').fill('Which opening hours suit you?');
  const labels = [
    ['Aamulla', 'På morgonen', 'In the morning'],
    ['Illalla', 'På kvällen', 'In the evening'],
  ];
  for (const [i, [fi, sv, en]] of labels.entries()) {
    const option = group(page, `Option ${i + 1}`);
    await option.getByLabel('Finnish').fill(fi);
    await option.getByLabel('Swedish').fill(sv);
    await option.getByLabel('English').fill(en);
  }
  await page.getByRole('button', {name: 'Save', exact: true}).click();
  await page.waitForURL(new RegExp(`/admin/t/demo/polls/${slug}/embed$`));
  await page.getByRole('heading', {level: 1, name: 'Embed and preview: Which opening hours suit you?'}).waitFor();
}

describe('the content screens', () => {
  let server: ConsoleServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await launchChromium();
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('the editor creates a poll in three languages, embeds it on another allowed origin, and sees the vote counted', async () => {
    const {context, page} = await signedInPage(browser, server, 'editor');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: server.url});
    await page.goto(`${server.url}/admin/t/demo/polls/new`);
    // A missing translation is marked in words while typing.
    await group(page, 'Question').getByLabel('Finnish').fill('Testi');
    expect(await group(page, 'Question').getByText('Translation missing').count()).toBe(3);
    expect(await axeLightAndDark(page)).toEqual([]);

    await createPoll(page, server, 'opening-hours');
    // Two branches, each its QR code pointing at the poll's page with channel qr and the branch.
    const codes = page.locator('.content-qr img');
    expect(await codes.count()).toBe(2);
    const src = (await page.locator('[data-branch="demo-village"] img').getAttribute('src'))!;
    const decoded = new URL((await decodeQr(page, src))!);
    expect(decoded.pathname).toBe('/w/poll/opening-hours');
    expect(Object.fromEntries(decoded.searchParams)).toEqual({channel: 'qr', location: 'demo-village'});
    expect(await page.locator('[data-branch="demo-central"] a[download]').getAttribute('href')).toBe('/api/v1/polls/opening-hours/qr.svg?location=demo-central');
    expect(await page.locator('[data-branch="demo-central"] a[href*="/poster"]').getAttribute('href')).toBe('/w/poll/opening-hours/poster?location=demo-central');
    // The previews: the real element in each language, in frames that take no clicks.
    const frames = page.locator('.content-previews iframe');
    expect(await frames.count()).toBe(3);
    expect(await frames.evaluateAll((list) => list.every((f) => f.hasAttribute('inert') && f.title.length > 0))).toBe(true);
    const sv = page.frameLocator('iframe[src*="lang=sv"]');
    await expect.poll(() => sv.getByText('Vilka öppettider passar dig?').count(), {timeout: 15_000}).toBe(1);
    expect(await axeLightAndDark(page)).toEqual([]);

    // Copy the script and the element, as an editor would paste them into a CMS.
    await page.getByRole('button', {name: 'Copy the script tag'}).click();
    await expect.poll(() => page.locator('.content-snippet').first().getByRole('status').textContent()).toBe('Copied');
    const script = await page.evaluate(() => navigator.clipboard.readText());
    await page.getByRole('button', {name: 'Copy the widget code'}).click();
    const element = await page.evaluate(() => navigator.clipboard.readText());
    expect(script).toBe(`<script type="module" src="${server.url}/kirjasto.js"></script>`);
    expect(element).toBe('<kirjasto-poll poll="opening-hours"></kirjasto-poll>');

    const site = await otherOrigin(() => script + element);
    try {
      const patron = await browser.newContext({locale: 'en'});
      const news = await patron.newPage();
      await news.goto(site.url);
      await news.getByRole('radio', {name: 'In the evening'}).check();
      await news.getByRole('button', {name: 'Vote'}).click();
      await news.getByText('Thank you for your vote!').waitFor();
      await patron.close();
    } finally {
      site.server.close();
    }

    await page.goto(`${server.url}/admin/t/demo/polls/`);
    const row = page.locator('tr[data-id="opening-hours"]');
    await expect.poll(() => row.locator('td.number').textContent()).toBe('1');
    expect(await row.locator('.badge').first().textContent()).toBe('Open');
    expect(await axeLightAndDark(page)).toEqual([]);
    await context.close();
  }, 120_000);
});
