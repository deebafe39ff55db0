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
});
