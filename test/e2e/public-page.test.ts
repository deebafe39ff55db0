// The library's public "you said, we did" page in real Chromium: an editor shows an answered idea on it
// from the console, and a patron's browser then finds it there, next to the published poll results and
// rating summaries, with no axe violations at a phone's width and a desktop's, in light and dark.
import {mkdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {axeLightAndDark, axeViolations, consoleSuite, DEMO_PASSWORD, DEMO_STAFF, signedInPage} from '../support/console.js';

/** Where the screenshots go, to be looked at (KIRJASTO_SCREENSHOTS, or a folder in the temp dir). */
const shots = process.env.KIRJASTO_SCREENSHOTS ?? join(tmpdir(), 'kirjasto-public-page');

/** The admin API as the demo editor, from Node: a session cookie and its CSRF token. */
async function editorApi(url: string) {
  const signIn = await fetch(`${url}/api/v1/admin/session`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({email: DEMO_STAFF.editor, password: DEMO_PASSWORD}),
  });
  expect(signIn.status).toBe(201);
  const cookie = /kirjasto_session=[^;]*/.exec(signIn.headers.get('set-cookie') ?? '')![0];
  const {csrfToken} = (await signIn.json()) as {csrfToken: string};
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}/api/v1/admin/tenants/demo/${path}`, {
      method,
      headers: {Cookie: cookie, 'X-CSRF-Token': csrfToken, ...(body ? {'Content-Type': 'application/json'} : {}), ...headers},
      body: body ? JSON.stringify(body) : undefined,
    });
  /** Sets publishResults on a poll or rating, with the If-Match of its current version. */
  const publish = async (path: string) => {
    const etag = (await call('GET', path)).headers.get('etag')!;
    expect((await call('PATCH', path, {publishResults: true}, {'If-Match': etag})).status).toBe(200);
  };
  return {publish};
}

describe('the public results page in Chromium', () => {
  const suite = consoleSuite();
  mkdirSync(shots, {recursive: true});
  afterAll(() => console.log(`public page screenshots: ${shots}`));

  it('shows an idea the editor showcased in the console, hides an answered one that is not, and passes axe at 320 and 1280 px', async () => {
    const {server, browser} = suite;
    const api = await editorApi(server.url);
    await api.publish('polls/demo-poll-closed');
    await api.publish('ratings/demo-rating');

    // The editor, in the console's moderation screen: the answered idea goes on the public page.
    const {context: staff, page: console_} = await signedInPage(browser, server, 'editor');
    await console_.goto(`${server.url}/admin/t/demo/ideas`);
    const quiet = console_.getByRole('article', {name: /Hiljainen lukusali/});
    await quiet.getByRole('button', {name: 'Show on the public page'}).click();
    await expect.poll(() => quiet.getByText('Shown with its answer on the public page.').isVisible()).toBe(true);
    expect(await console_.getByRole('article', {name: /droneja/}).getByRole('button', {name: 'Show on the public page'}).isVisible()).toBe(true);
    await staff.close();

    for (const width of [320, 1280]) {
      const context = await browser.newContext({viewport: {width, height: 900}, locale: 'en-GB'});
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(`${server.url}/t/demo?lang=en`);
      await page.screenshot({path: join(shots, `public-page-${width}.png`), fullPage: true});
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.getByRole('heading', {level: 1}).textContent()).toBe('You said, we did');
      const ideas = page.getByRole('region', {name: 'Ideas the library answered'});
      expect(await ideas.getByText('the reading room on the second floor is now a quiet space').isVisible()).toBe(true);
      expect(await page.getByText('we cannot lend drones').count()).toBe(0);
      expect(await page.getByRole('region', {name: 'Poll results'}).locator('progress.bar').count()).toBeGreaterThan(0);
      expect(await page.getByRole('region', {name: 'Ratings by branch, month by month'}).getByRole('table').count()).toBeGreaterThan(0);
      // Nothing from elsewhere, and no cookie.
      expect(requests.filter((r) => !r.startsWith(server.url))).toEqual([]);
      expect(await context.cookies()).toEqual([]);
      // Nothing wider than the screen at 320 px (WCAG 1.4.10 reflow).
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await axeLightAndDark(page)).toEqual([]);
      await context.close();
    }

    // The poster of a branch prints on A4 with the same cells.
    const context = await browser.newContext();
    const poster = await context.newPage();
    await poster.goto(`${server.url}/t/demo/poster?branch=demo-central&lang=en`);
    expect(await poster.getByRole('heading', {level: 1}).textContent()).toBe('You said, we did');
    expect(await axeViolations(poster)).toEqual([]);
    await poster.screenshot({path: join(shots, 'poster-demo-central.png'), fullPage: true});
    const pdf = await poster.pdf({format: 'A4'});
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  }, 120_000);
});
