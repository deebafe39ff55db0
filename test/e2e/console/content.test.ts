import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import jsQR from 'jsqr';
import type {Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {axeLightAndDark, consoleSuite, type ConsoleServer, signedInPage} from '../../support/console.js';

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
  const suite = consoleSuite();

  it('the editor creates a poll in three languages, embeds it on another allowed origin, and sees the vote counted', async () => {
    const {context, page} = await signedInPage(suite.browser, suite.server, 'editor');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: suite.server.url});
    await page.goto(`${suite.server.url}/admin/t/demo/polls/new`);
    // A missing translation is marked in words while typing.
    await group(page, 'Question').getByLabel('Finnish').fill('Testi');
    // Sv and en: the demo library has not turned Northern Sami on.
    expect(await group(page, 'Question').getByText('Translation missing').count()).toBe(2);
    expect(await axeLightAndDark(page)).toEqual([]);

    await createPoll(page, suite.server, 'opening-hours');
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
    expect(await frames.evaluateAll((list) => list.every((f) => f.hasAttribute('inert') && (f as HTMLIFrameElement).title.length > 0))).toBe(true);
    const sv = page.frameLocator('iframe[src*="lang=sv"]');
    await expect.poll(() => sv.getByText('Vilka öppettider passar dig?').count(), {timeout: 15_000}).toBe(1);
    expect(await axeLightAndDark(page)).toEqual([]);

    // Copy the script and the element, as an editor would paste them into a CMS.
    await page.getByRole('button', {name: 'Copy the script tag'}).click();
    await expect.poll(() => page.locator('.content-snippet').first().getByRole('status').textContent()).toBe('Copied');
    const script = await page.evaluate(() => navigator.clipboard.readText());
    await page.getByRole('button', {name: 'Copy the widget code'}).click();
    const element = await page.evaluate(() => navigator.clipboard.readText());
    expect(script).toBe(`<script type="module" src="${suite.server.url}/kirjasto.js"></script>`);
    expect(element).toBe('<kirjasto-poll poll="opening-hours"></kirjasto-poll>');

    const site = await otherOrigin(() => script + element);
    try {
      const patron = await suite.browser.newContext({locale: 'en'});
      const news = await patron.newPage();
      await news.goto(site.url);
      await news.getByRole('radio', {name: 'In the evening'}).check();
      await news.getByRole('button', {name: 'Vote'}).click();
      await news.getByText('Thank you for your vote!').waitFor();
      await patron.close();
    } finally {
      site.server.close();
    }

    await page.goto(`${suite.server.url}/admin/t/demo/polls/`);
    const row = page.locator('tr[data-id="opening-hours"]');
    await expect.poll(() => row.locator('td.number').textContent()).toBe('1');
    expect(await row.locator('.badge').first().textContent()).toBe('Open');
    expect(await axeLightAndDark(page)).toEqual([]);

    // The start page counts it too: the poll is live with its answer this week, on the web channel.
    await page.getByRole('navigation', {name: 'Library menu'}).getByRole('link', {name: 'Start'}).click();
    const live = page.getByRole('region', {name: 'Live now'}).getByRole('listitem').filter({hasText: 'Which opening hours suit you?'});
    await expect.poll(() => live.textContent()).toContain('1 answer this week');
    const webRow = page.getByRole('region', {name: 'This week by channel'}).getByRole('row', {name: /^Web page/});
    await expect.poll(() => webRow.getByRole('cell').first().textContent()).not.toBe('0');
    await context.close();
  }, 120_000);

  it('refuses to re-word an option that has votes, with the explanation, and offers a duplicate with the typed text', async () => {
    const {context, page} = await signedInPage(suite.browser, suite.server, 'editor');
    await page.goto(`${suite.server.url}/admin/t/demo/polls/demo-poll-closed`);
    await page.getByText(/This poll has \d+ votes/).waitFor();
    const option = group(page, 'Option 1');
    await option.getByLabel('English').fill('The reading challenge');
    await page.getByRole('button', {name: 'Save', exact: true}).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('This already has answers, so this change would falsify them.');
    expect(await alert.textContent()).toContain('would falsify them. Duplicate the poll and change the copy');
    // What was typed stays in the form.
    expect(await option.getByLabel('English').inputValue()).toBe('The reading challenge');
    expect(await axeLightAndDark(page)).toEqual([]);
    await page.getByRole('button', {name: 'Duplicate as a new poll'}).click();
    await page.waitForURL(/\/polls\/new\?from=draft$/);
    expect(await page.getByRole('heading', {level: 1}).textContent()).toBe('Duplicate poll');
    expect(await group(page, 'Option 1').getByLabel('English').inputValue()).toBe('The reading challenge');
    // In the library's time zone (Helsinki, summer time UTC+3): 9:00 there is 6:00 UTC.
    await page.getByLabel('Opens').fill('2030-06-01T09:00');
    expect(await page.getByText("In the library's time zone: Europe/Helsinki").count()).toBe(2);
    await page.getByLabel('Address (id), optional').fill('demo-poll');
    await page.getByRole('button', {name: 'Save', exact: true}).click();
    // The id is taken: said at the field, the form kept.
    await expect.poll(() => page.locator('.field-error').first().textContent()).toContain('is taken on this server');
    expect(await page.getByLabel('Address (id), optional').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Address (id), optional').fill('more-hours');
    await page.getByRole('button', {name: 'Save', exact: true}).click();
    await page.waitForURL(/\/polls\/more-hours\/embed$/);
    const stored = await page.evaluate(async () => (await fetch('/api/v1/admin/tenants/demo/polls/more-hours')).json());
    expect(stored.opensAt).toBe('2030-06-01T06:00:00.000Z');
    expect(stored.status).toBe('scheduled');
    expect(stored.answers).toBe(0);
    await context.close();
  }, 90_000);

  it('tells the second of two editors of one idea box about the conflict, keeps their text and loads the other version', async () => {
    const first = await signedInPage(suite.browser, suite.server, 'editor');
    const second = await signedInPage(suite.browser, suite.server, 'owner');
    for (const {page} of [first, second]) await page.goto(`${suite.server.url}/admin/t/demo/idea-boxes/demo-ideas`);
    for (const {page} of [first, second]) await group(page, 'Topic').getByLabel('English').waitFor();
    await group(first.page, 'Topic').getByLabel('English').fill('Ideas for the new library');
    await first.page.getByRole('button', {name: 'Save', exact: true}).click();
    await first.page.getByRole('status').filter({hasText: 'Saved.'}).waitFor();
    await group(second.page, 'Topic').getByLabel('English').fill('Your ideas, please');
    await second.page.getByRole('button', {name: 'Save', exact: true}).click();
    const conflict = second.page.getByRole('region', {name: 'Someone else saved this while you were editing'});
    await conflict.waitFor();
    expect(await conflict.locator('pre').textContent()).toContain('Topic (English): Your ideas, please');
    expect(await axeLightAndDark(second.page)).toEqual([]);
    await second.page.getByRole('button', {name: 'Reload their version'}).click();
    await expect.poll(() => group(second.page, 'Topic').getByLabel('English').inputValue()).toBe('Ideas for the new library');
    expect(await conflict.locator('pre').textContent()).toContain('Your ideas, please');
    await first.context.close();
    await second.context.close();
  }, 90_000);

  it('closes now after a confirmation, archives, unarchives and deletes a poll without answers', async () => {
    const {context, page} = await signedInPage(suite.browser, suite.server, 'editor');
    await createPoll(page, suite.server, 'short-lived');
    await page.goto(`${suite.server.url}/admin/t/demo/polls/`);
    const row = page.locator('tr[data-id="short-lived"]');
    await row.getByRole('button', {name: /^Close now/}).click();
    const dialog = page.getByRole('dialog', {name: 'Close "Which opening hours suit you?" now?'});
    expect(await axeLightAndDark(page)).toEqual([]);
    await dialog.getByRole('button', {name: 'Close now'}).click();
    await expect.poll(() => row.locator('.badge').first().textContent()).toBe('Closed');
    await row.getByRole('button', {name: /^Archive/}).click();
    await expect.poll(() => row.count()).toBe(0);
    await page.getByLabel('Show').selectOption('archived');
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole('button', {name: /^Unarchive/}).click();
    await expect.poll(() => row.count()).toBe(0);
    await page.getByLabel('Show').selectOption('current');
    await row.getByRole('button', {name: /^Delete/}).click();
    await page.getByRole('dialog').getByRole('button', {name: 'Delete'}).click();
    await expect.poll(() => row.count()).toBe(0);
    // A poll with votes has no delete button: archive keeps its answers.
    expect(await page.locator('tr[data-id="demo-poll-closed"]').getByRole('button', {name: /^Delete/}).count()).toBe(0);
    // Duplicate: the same texts under a new id, without the votes.
    await page.locator('tr[data-id="demo-poll-closed"]').getByRole('link', {name: /^Duplicate/}).click();
    await page.getByRole('heading', {level: 1, name: 'Duplicate poll'}).waitFor();
    await expect.poll(() => group(page, 'Question').getByLabel('Swedish').inputValue()).toBe('Vilket var sommarens bästa evenemang?');
    await page.getByRole('button', {name: 'Save', exact: true}).click();
    await page.waitForURL(/\/polls\/poll-[0-9a-f]+\/embed$/);
    await expect.poll(() => page.getByText('Answers so far: 0').count()).toBe(1);
    await context.close();
  }, 90_000);

  it('shows the viewer the lists read-only, and not the editor', async () => {
    const {context, page} = await signedInPage(suite.browser, suite.server, 'viewer');
    for (const path of ['polls', 'ratings', 'idea-boxes']) {
      await page.goto(`${suite.server.url}/admin/t/demo/${path}/`);
      await page.locator('table.content-list').waitFor();
      expect(await page.getByRole('link', {name: /^New /}).count()).toBe(0);
      expect(await page.locator('table.content-list button').count()).toBe(0);
      expect(await page.getByText('Your role can read these but not change them.').count()).toBe(1);
      expect(await axeLightAndDark(page)).toEqual([]);
    }
    await page.goto(`${suite.server.url}/admin/t/demo/polls/demo-poll`);
    await page.getByRole('heading', {level: 1, name: 'Not allowed for your role'}).waitFor();
    await page.goto(`${suite.server.url}/admin/t/demo/ratings/demo-rating/embed`);
    await page.getByRole('heading', {level: 1, name: /^Embed and preview: /}).waitFor();
    expect(await page.getByRole('link', {name: 'Edit', exact: true}).count()).toBe(0);
    await expect.poll(() => page.title()).toBe('Embed and preview: How did we do today? – Kirjasto console');
    await context.close();
  }, 90_000);

  it('passes axe on the rating prompt and idea box editors and embeds, light and dark', async () => {
    const {context, page} = await signedInPage(suite.browser, suite.server, 'editor');
    for (const path of ['ratings/new', 'ratings/demo-rating', 'ratings/demo-rating/embed', 'idea-boxes/new', 'idea-boxes/demo-ideas/embed', 'polls/demo-poll/embed', 'ratings/', 'idea-boxes/']) {
      await page.goto(`${suite.server.url}/admin/t/demo/${path}`);
      await page.locator('main h1').waitFor();
      await page.waitForFunction(() => !document.querySelector('main [role=status]')?.textContent?.includes('Loading'));
      expect([path, ...(await axeLightAndDark(page))]).toEqual([path]);
    }
    await context.close();
  }, 120_000);

  it('creates a poll with the keyboard only: Tab, Enter, Space and typing', async () => {
    const {context, page} = await signedInPage(suite.browser, suite.server, 'editor');
    await page.goto(`${suite.server.url}/admin/t/demo/polls/`);
    await page.locator('table.content-list').waitFor();
    /** Presses Tab until the focused control's "legend / label or text" matches. */
    const tabTo = async (wanted: RegExp) => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        const here = await page.evaluate(() => {
          const el = document.activeElement as HTMLInputElement | null;
          if (!el) return '';
          const label = el.labels?.[0]?.textContent?.trim() ?? el.textContent?.trim() ?? '';
          const legend = el.closest('fieldset')?.querySelector('legend')?.textContent?.trim();
          return `${legend ? `${legend} / ` : ''}${label}`.replace(/\s+/g, ' ');
        });
        if (wanted.test(here)) return here;
      }
      throw new Error(`Tab never reached ${wanted}`);
    };
    await tabTo(/^New poll$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', {level: 1, name: 'New poll'}).waitFor();
    await tabTo(/^Address \(id\), optional$/);
    await page.keyboard.type('by-keyboard');
    await tabTo(/^Question \(required\) \/ Finnish$/);
    await page.keyboard.type('Luetko e-kirjoja?');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Läser du e-böcker?');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Do you read e-books?');
    for (const [n, [fi, en]] of [['1', ['Kyllä', 'Yes']], ['2', ['En', 'No']]] as const) {
      await tabTo(new RegExp(`^Option ${n} \\(required\\) / Finnish$`));
      await page.keyboard.type(fi);
      await tabTo(new RegExp(`^Option ${n} \\(required\\) / English$`));
      await page.keyboard.type(en);
    }
    await tabTo(/(^|\/ )Add an option$/);
    await page.keyboard.press('Enter');
    await page.keyboard.type('Joskus');
    await tabTo(/^Option 3 \(required\) \/ English$/);
    await page.keyboard.type('Sometimes');
    // Move "Sometimes" up above "No"; focus stays on the moved option's button.
    await tabTo(/(^|\/ )Move up: Option 3$/);
    await page.keyboard.press('Space');
    await expect.poll(() => group(page, 'Option 2').getByLabel('English').inputValue()).toBe('Sometimes');
    expect(await page.evaluate(() => document.activeElement?.textContent?.replace(/\s+/g, ' ').trim())).toBe('Move up: Option 2');
    await tabTo(/^Save$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/polls\/by-keyboard\/embed$/);
    const stored = await page.evaluate(async () => (await fetch('/api/v1/admin/tenants/demo/polls/by-keyboard')).json());
    expect(stored.question).toEqual({fi: 'Luetko e-kirjoja?', sv: 'Läser du e-böcker?', en: 'Do you read e-books?'});
    expect(stored.options.map((o: {label: {en: string}}) => o.label.en)).toEqual(['Yes', 'Sometimes', 'No']);
    await context.close();
  }, 90_000);

  it('asks before leaving an editor with unsaved changes, in the console and when the page unloads', async () => {
    const {context, page} = await signedInPage(suite.browser, suite.server, 'editor');
    await page.goto(`${suite.server.url}/admin/t/demo/ratings/demo-rating`);
    const english = group(page, 'Question').getByLabel('English');
    await english.fill('How was your visit today?');
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.dismiss();
    });
    await page.getByRole('link', {name: 'Back to Rating prompts'}).click();
    await expect.poll(() => asked).toEqual(['confirm']);
    expect(new URL(page.url()).pathname).toBe('/admin/t/demo/ratings/demo-rating');
    expect(await english.inputValue()).toBe('How was your visit today?');
    // Unloading the page asks too (the browser's own question).
    page.once('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.dismiss();
    });
    await page.reload({timeout: 3000}).catch(() => undefined);
    await expect.poll(() => asked).toEqual(['confirm', 'beforeunload']);
    expect(await english.inputValue()).toBe('How was your visit today?');
    // Leaving on purpose works.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('link', {name: 'Back to Rating prompts'}).click();
    await page.waitForURL(/\/admin\/t\/demo\/ratings\/$/);
    await context.close();
  }, 60_000);

  it('serves the preview page for frames of the console only, and the console itself for no frame', async () => {
    const preview = await fetch(`${suite.server.url}/admin/preview?kind=poll&id=demo-poll&lang=sv&theme=dark`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(await preview.text()).toContain('/admin/assets/preview-');
    const consolePage = await fetch(`${suite.server.url}/admin/t/demo/polls/`);
    expect(consolePage.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it("creates a rating prompt (the server's field message at the field) and an idea box with categories", async () => {
    const {context, page} = await signedInPage(suite.browser, suite.server, 'editor');
    await page.goto(`${suite.server.url}/admin/t/demo/ratings/new`);
    await group(page, 'Question').getByLabel('Finnish').fill('Löysitkö etsimäsi?');
    await group(page, 'Question').getByLabel('English').fill('Did you find what you looked for?');
    await page.getByLabel('Thumbs up or thumbs down (scores 1 and 0)').check();
    await page.getByLabel('Comment box').selectOption('after-low');
    const low = page.getByLabel('A low score is this or below');
    await low.fill('5');
    await page.getByRole('button', {name: 'Save', exact: true}).click();
    await expect.poll(() => low.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field-error').textContent()).toContain('a score from 0 to 0');
    expect(await group(page, 'Question').getByLabel('English').inputValue()).toBe('Did you find what you looked for?');
    await low.fill('0');
    await page.getByRole('button', {name: 'Save', exact: true}).click();
    await page.waitForURL(/\/ratings\/rating-[0-9a-f]+\/embed$/);
    expect(await page.locator('pre').nth(1).textContent()).toMatch(/^<kirjasto-rating rating="rating-[0-9a-f]+"><\/kirjasto-rating>$/);

    await page.goto(`${suite.server.url}/admin/t/demo/idea-boxes/new`);
    await page.getByLabel('Address (id), optional').fill('new-building');
    await group(page, 'Topic').getByLabel('Finnish').fill('Millainen uusi kirjasto?');
    await page.getByRole('button', {name: 'Add a category'}).click();
    await group(page, 'Category 1').getByLabel('Finnish').fill('Tilat');
    await page.getByRole('button', {name: 'Add a category'}).click();
    await group(page, 'Category 2').getByLabel('Finnish').fill('Palvelut');
    await page.getByLabel('After: ideas show at once, and a moderator can hide them').check();
    await page.getByLabel('Patrons may leave a contact detail').check();
    expect(await axeLightAndDark(page)).toEqual([]);
    await page.getByRole('button', {name: 'Save', exact: true}).click();
    await page.waitForURL(/\/idea-boxes\/new-building\/embed$/);
    const box = await page.evaluate(async () => (await fetch('/api/v1/admin/tenants/demo/idea-boxes/new-building')).json());
    expect(box.categories.map((c: {label: {fi: string}}) => c.label.fi)).toEqual(['Tilat', 'Palvelut']);
    expect([box.moderation, box.allowContact, box.description]).toEqual(['post', true, null]);
    expect(await page.locator('[data-branch="demo-central"] img').getAttribute('src')).toBe('/api/v1/idea-boxes/new-building/qr.svg?location=demo-central');
    await context.close();
  }, 90_000);
});
