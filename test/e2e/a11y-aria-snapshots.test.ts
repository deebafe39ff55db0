// What a screen reader hears, reviewed in diffs: the accessibility tree (Playwright's ARIA snapshot)
// of every element in every state, the kiosk and the standalone pages without JavaScript, against
// committed files in test/e2e/aria-snapshots/ (UPDATE_SNAPSHOTS=1 rewrites them; review the diff).
// One language (English, the source strings) for every state, then the main state in each language.
// Next to the snapshots, each flow asserts what its live region or focused status says.
import type {Browser, BrowserContext, Locator, Page} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {expectAriaSnapshot, focusedInside, LANGS, launchChromium, newServer, partText, widgetPage, type Server} from '../support/a11y.js';

describe('what a screen reader hears', () => {
  // Each server's content changes only as the tests below change it, in this order, so every
  // snapshot shows the same counts and lists in a full run and in a run of one test (-t).
  /** The elements and the kiosk; the languages test runs before the idea box test adds an idea. */
  let server: Server;
  /** One write per window: the second vote meets 429. */
  let limited: Server;
  /** The standalone pages without JavaScript. */
  let pages: Server;
  let browser: Browser;

  beforeAll(async () => {
    const env = {KIRJASTO_FORM_MIN_AGE_MS: '0', KIRJASTO_RATE_LIMIT_IDEAS: '1000'};
    server = newServer(env);
    pages = newServer(env);
    limited = newServer({KIRJASTO_RATE_LIMIT_WRITES: '1'});
    [browser] = await Promise.all([launchChromium(), server.start(), limited.start(), pages.start()]);
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([server?.dispose(), limited?.dispose(), pages?.dispose()]);
  });

  /** A fresh patron (own voter token and outbox) on a page of widgets. */
  async function patron(target: Server, lang: string, body: string): Promise<{context: BrowserContext; page: Page}> {
    const context = await browser.newContext({viewport: {width: 800, height: 900}});
    const page = await context.newPage();
    await widgetPage(page, target, lang, body);
    return {context, page};
  }

  /** Holds the first GET of `path` until `release()`, so the loading state can be seen. */
  async function holdFirst(page: Page, path: RegExp): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    await page.route(path, async (route) => {
      if (held || route.request().method() !== 'GET') return route.continue();
      held = true;
      await released;
      await route.continue();
    });
    return release;
  }

  const live = (el: Locator) => partText(el, '[part=status]');

  it('the main state of every element in every language', async () => {
    const context = await browser.newContext({viewport: {width: 800, height: 900}});
    const page = await context.newPage();
    for (const lang of LANGS) {
      await widgetPage(page, server, lang, `<main><kirjasto-poll poll="demo-poll"></kirjasto-poll>
        <kirjasto-rating rating="demo-rating"></kirjasto-rating><kirjasto-idea-box box="demo-ideas"></kirjasto-idea-box></main>`);
      await page.locator('kirjasto-poll').getByRole('radio').first().waitFor();
      await page.locator('kirjasto-rating').getByRole('group').waitFor();
      await page.locator('kirjasto-idea-box').getByRole('listitem').first().waitFor();
      await expectAriaSnapshot(page.locator('main'), `widgets-ready.${lang}`);
    }
    await context.close();
  });

  it('the poll: loading, ready, a choice missing, voted with results, closed, not open yet, results hidden, not found', async () => {
    const {context, page} = await patron(server, 'en', '<main></main>');
    const release = await holdFirst(page, /\/api\/v1\/polls\/demo-poll(\?|$)/);
    await page.evaluate(() => {
      document.querySelector('main')!.innerHTML = `<kirjasto-poll id="single" poll="demo-poll"></kirjasto-poll>
        <kirjasto-poll id="multi" poll="demo-poll-multi"></kirjasto-poll>
        <kirjasto-poll id="closed" poll="demo-poll-closed"></kirjasto-poll>
        <kirjasto-poll id="upcoming" poll="demo-poll-upcoming"></kirjasto-poll>
        <kirjasto-poll id="hidden" poll="demo-poll-hidden"></kirjasto-poll>
        <kirjasto-poll id="missing" poll="no-such-poll"></kirjasto-poll>`;
    });
    const poll = (id: string) => page.locator(`kirjasto-poll#${id}`);
    await expect.poll(() => poll('single').getByText('Loading…').count()).toBe(1);
    await expectAriaSnapshot(poll('single'), 'poll-loading.en');
    release();
    await poll('single').getByRole('button', {name: 'Vote'}).waitFor();
    await poll('missing').getByRole('alert').waitFor();
    await poll('closed').getByRole('list').waitFor();
    await poll('upcoming').getByText(/opens/).waitFor();
    await expectAriaSnapshot(poll('single'), 'poll-ready.en');
    await expectAriaSnapshot(poll('multi'), 'poll-multiple-ready.en');
    await expectAriaSnapshot(poll('closed'), 'poll-closed.en');
    await expectAriaSnapshot(poll('upcoming'), 'poll-scheduled.en');
    await expectAriaSnapshot(poll('missing'), 'poll-error-not-found.en');

    await poll('single').getByRole('button', {name: 'Vote'}).click();
    await expect.poll(() => poll('single').getByRole('alert').textContent()).toBe('Choose an option first.');
    await expectAriaSnapshot(poll('single'), 'poll-choice-missing.en');
    expect(await focusedInside(poll('single'))).toBe('input'); // focus goes to the first choice

    await poll('single').getByRole('radio', {name: 'Longer opening hours'}).check();
    await poll('single').getByRole('button', {name: 'Vote'}).click();
    await expect.poll(() => live(poll('single'))).toMatch(/^Thank you for your vote! /);
    // The live region says the outcome in one sentence; focus is on the question, which is not live.
    expect(await live(poll('single'))).toBe(
      'Thank you for your vote! Results: Longer opening hours 100%, More events for children 0%, Quiet study spaces 0%, More e-books 0%.',
    );
    expect(await focusedInside(poll('single'))).toBe('p[part=question]');
    await expectAriaSnapshot(poll('single'), 'poll-voted.en');

    await poll('hidden').getByRole('radio', {name: 'Yes'}).check();
    await poll('hidden').getByRole('button', {name: 'Vote'}).click();
    await expect.poll(() => live(poll('hidden'))).toBe('Thank you for your vote!');
    await expectAriaSnapshot(poll('hidden'), 'poll-voted-results-hidden.en');
    await context.close();
  });

  it('the poll offline and rate-limited: the vote waits on the device, and says so', async () => {
    const {context, page} = await patron(limited, 'en', `<main><kirjasto-poll id="a" poll="demo-poll"></kirjasto-poll>
      <kirjasto-poll id="b" poll="demo-poll-hidden"></kirjasto-poll><kirjasto-poll id="c" poll="demo-poll-multi"></kirjasto-poll></main>`);
    const poll = (id: string) => page.locator(`kirjasto-poll#${id}`);
    await poll('c').getByRole('button', {name: 'Vote'}).waitFor();
    // The limited server takes one write per window: the first vote passes, the second is refused with 429.
    await poll('a').getByRole('radio', {name: 'Longer opening hours'}).check();
    await poll('a').getByRole('button', {name: 'Vote'}).click();
    await expect.poll(() => live(poll('a'))).toMatch(/^Thank you for your vote!/);
    await poll('b').getByRole('radio', {name: 'No'}).check();
    await poll('b').getByRole('button', {name: 'Vote'}).click();
    await expect.poll(() => live(poll('b'))).toBe('Saved on this device. It will be sent in a moment.');
    await expectAriaSnapshot(poll('b'), 'poll-rate-limited.en');

    await context.setOffline(true);
    await poll('c').getByRole('checkbox').first().check();
    await poll('c').getByRole('button', {name: 'Vote'}).click();
    await expect.poll(() => live(poll('c'))).toBe('Saved on this device. It will be sent when the connection returns.');
    await expectAriaSnapshot(poll('c'), 'poll-offline-queued.en');
    await context.close();
  });

  it('the rating: loading, ready, the comment step after a low score, thanks; offline: the error with Try again, a tap kept', async () => {
    const {context, page} = await patron(server, 'en', '<main></main>');
    const release = await holdFirst(page, /\/api\/v1\/ratings\/demo-rating(\?|$)/);
    await page.evaluate(() => {
      document.querySelector('main')!.innerHTML = `<kirjasto-rating id="smileys" rating="demo-rating"></kirjasto-rating>
        <kirjasto-rating id="nps" rating="demo-nps"></kirjasto-rating>
        <kirjasto-rating id="stars" rating="demo-stars" show-labels></kirjasto-rating>
        <kirjasto-rating id="thumbs" rating="demo-thumbs"></kirjasto-rating>`;
    });
    const rating = (id: string) => page.locator(`kirjasto-rating#${id}`);
    await expect.poll(() => rating('smileys').getByText('Loading…').count()).toBe(1);
    await expectAriaSnapshot(rating('smileys'), 'rating-loading.en');
    release();
    await rating('smileys').getByRole('group').waitFor();
    await rating('nps').getByRole('group').waitFor();
    await rating('stars').getByRole('group').waitFor();
    await rating('thumbs').getByRole('group').waitFor();
    await expectAriaSnapshot(rating('smileys'), 'rating-ready.en');
    await expectAriaSnapshot(rating('nps'), 'rating-nps-ready.en');
    await expectAriaSnapshot(rating('stars'), 'rating-stars-ready.en');
    await expectAriaSnapshot(rating('thumbs'), 'rating-thumbs-ready.en');

    await rating('smileys').getByRole('button', {name: 'Very dissatisfied'}).click();
    await rating('smileys').getByRole('textbox').waitFor();
    expect(await focusedInside(rating('smileys'))).toBe('textarea');
    await expectAriaSnapshot(rating('smileys'), 'rating-comment.en');
    await rating('smileys').getByRole('textbox').fill('The reading room was cold.');
    await rating('smileys').getByRole('button', {name: 'Send'}).click();
    await expect.poll(() => live(rating('smileys'))).toBe('Thank you for your feedback!');
    expect(await rating('smileys').getByRole('status').textContent()).toBe('Thank you for your feedback!');
    await expectAriaSnapshot(rating('smileys'), 'rating-thanks.en');

    // A rating added while the network is down (an id not loaded on this page yet): the error in words and a way to try again.
    await context.setOffline(true);
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<kirjasto-rating id="offline" rating="demo-stars-2"></kirjasto-rating>'));
    await rating('offline').getByRole('alert').waitFor({timeout: 15_000});
    expect(await rating('offline').getByRole('alert').textContent()).toBe('No connection to the server. Try again.');
    await expectAriaSnapshot(rating('offline'), 'rating-error-offline.en');
    // A tap offline: thanks at once, and the wait said in the same live region.
    await rating('thumbs').getByRole('button').first().click();
    await expect.poll(() => live(rating('thumbs'))).toBe('Thank you for your feedback! Saved on this device. It will be sent when the connection returns.');
    await expectAriaSnapshot(rating('thumbs'), 'rating-offline-queued.en');
    await context.close();
  });

  it('the idea box: loading, ready, too short, sent (published and awaiting moderation), not found', async () => {
    const {context, page} = await patron(server, 'en', '<main></main>');
    const release = await holdFirst(page, /\/api\/v1\/idea-boxes\/demo-ideas(\?|$)/);
    await page.evaluate(() => {
      document.querySelector('main')!.innerHTML = `<kirjasto-idea-box id="box" box="demo-ideas"></kirjasto-idea-box>
        <kirjasto-idea-box id="village" box="demo-ideas-village"></kirjasto-idea-box>
        <kirjasto-idea-box id="missing" box="no-such-box"></kirjasto-idea-box>`;
    });
    const box = (id: string) => page.locator(`kirjasto-idea-box#${id}`);
    await expect.poll(() => box('box').getByText('Loading…').count()).toBe(1);
    await expectAriaSnapshot(box('box'), 'idea-box-loading.en');
    release();
    await box('box').getByRole('listitem').first().waitFor();
    await box('village').getByRole('button', {name: 'Send idea'}).waitFor();
    await box('missing').getByRole('alert').waitFor();
    await expectAriaSnapshot(box('box'), 'idea-box-ready.en');
    await expectAriaSnapshot(box('village'), 'idea-box-empty.en');
    await expectAriaSnapshot(box('missing'), 'idea-box-error-not-found.en');

    await box('box').getByRole('textbox', {name: 'Your idea'}).fill('Short');
    await box('box').getByRole('button', {name: 'Send idea'}).click();
    await box('box').getByRole('alert').waitFor();
    await expectAriaSnapshot(box('box').locator('form'), 'idea-box-too-short.en');

    await box('box').getByRole('textbox', {name: 'Your idea'}).fill('A repair café for bicycles in the library yard every spring.');
    await box('box').getByRole('button', {name: 'Send idea'}).click();
    // The confirmation is not a live region: it takes focus, so it is read once.
    await expect.poll(() => partText(box('box'), '[part=status]')).toBe('Thank you! Your idea is now on the list.');
    expect(await focusedInside(box('box'))).toBe('p[part=status]');
    await expectAriaSnapshot(box('box'), 'idea-box-sent.en');

    await box('village').getByRole('textbox', {name: 'Your idea'}).fill('Longer opening hours on Saturdays, please.');
    await box('village').getByRole('button', {name: 'Send idea'}).click();
    await expect.poll(() => partText(box('village'), '[part=status]')).toBe('Thank you! Your idea will be visible after moderation.');
    expect(await focusedInside(box('village'))).toBe('p[part=status]');
    await expectAriaSnapshot(box('village'), 'idea-box-sent-moderated.en');
    await context.close();
  });

  it('the kiosk: unregistered; registered: ready, the comment step with its time warning, thanks; and its main state in every language', async () => {
    const context = await browser.newContext({viewport: {width: 1280, height: 800}, serviceWorkers: 'block'});
    const page = await context.newPage();
    const kiosk = page.locator('kirjasto-rating');
    const unregistered = page.locator('#kiosk-unregistered');
    /** The kiosk page in `lang`, once it has asked the server whether it is registered. */
    const openKiosk = async (lang: string) => {
      const checked = page.waitForResponse((r) => r.url().includes('/api/v1/kiosk/device'));
      await page.goto(`${server.url}/kiosk/demo-rating?location=demo-central&lang=${lang}`);
      await kiosk.getByRole('group').waitFor();
      await kiosk.locator('.staff-corner').waitFor({state: 'attached'});
      expect((await checked).status()).toBe(200);
    };

    // Before staff register it: the alert asks them to, above the kiosk.
    await page.goto(`${server.url}/kiosk/demo-rating?location=demo-central&lang=en`);
    await kiosk.getByRole('group').waitFor();
    await kiosk.locator('.staff-corner').waitFor({state: 'attached'}); // the kiosk's chunk may come after the scale
    await unregistered.waitFor();
    await expectAriaSnapshot(page.locator('body'), 'kiosk-unregistered.en');
    // Staff register it the keyboard way: the corner, the PIN, back to the kiosk.
    await kiosk.getByRole('button', {name: 'Staff: press and hold'}).press('Enter');
    await kiosk.getByLabel('PIN').fill('2468');
    await kiosk.getByRole('button', {name: 'Unlock'}).click();
    await page.locator('#kiosk-staff[open] [data-action="back"]').click();
    await unregistered.waitFor({state: 'hidden'});

    // What patrons meet from then on.
    for (const lang of LANGS) {
      await openKiosk(lang);
      expect(await unregistered.isHidden()).toBe(true);
      await expectAriaSnapshot(page.locator('body'), `kiosk-ready.${lang}`);
    }
    await openKiosk('en');
    await kiosk.evaluate((el) => el.setAttribute('comment-time', '4'));
    await kiosk.getByRole('button', {name: 'Very dissatisfied'}).click();
    await kiosk.getByRole('textbox').waitFor();
    // The tap has reached the server (the staff's "1 waiting to be sent" is gone).
    await expect.poll(() => kiosk.locator('[part=queue]').count()).toBe(0);
    await expectAriaSnapshot(kiosk, 'kiosk-comment.en');
    await kiosk.getByRole('alert').waitFor();
    // The warning is an alert: announced when it appears, with the time left and the button.
    expect(await kiosk.getByRole('alert').textContent()).toMatch(/The screen will start over in 2 seconds\.\s*More time/);
    await expectAriaSnapshot(kiosk, 'kiosk-comment-time-warning.en');
    await kiosk.getByRole('button', {name: 'More time'}).click();
    await kiosk.getByRole('button', {name: 'Send'}).click();
    // The kiosk's thanks replaces everything and takes focus (no live region, so it is said once).
    await expect.poll(() => focusedInside(kiosk)).toBe('p[part=status]');
    await expect.poll(() => kiosk.locator('[part=queue]').count()).toBe(0);
    expect(await partText(kiosk, '[part=status]')).toBe('Thank you for your feedback!');
    expect(await kiosk.evaluate((el) => el.shadowRoot!.querySelector('[part=status]')!.getAttribute('role'))).toBe(null);
    await expectAriaSnapshot(kiosk, 'kiosk-thanks.en');
    await context.close();
  });

  it('the standalone pages without JavaScript: the poll in every language; a missing choice, thanks with results; rating with comment; idea sent', async () => {
    const context = await browser.newContext({javaScriptEnabled: false, viewport: {width: 390, height: 844}});
    const page = await context.newPage();
    for (const lang of LANGS) {
      await page.goto(`${pages.url}/w/poll/demo-poll?lang=${lang}`);
      await expectAriaSnapshot(page.locator('body'), `page-poll.${lang}`);
    }
    await page.goto(`${pages.url}/w/poll/demo-poll?lang=en`);
    await page.getByRole('button', {name: 'Vote'}).click();
    await page.getByRole('alert').waitFor();
    await expectAriaSnapshot(page.locator('body'), 'page-poll-choice-missing.en');
    await page.getByRole('radio', {name: 'Longer opening hours'}).check();
    await page.getByRole('button', {name: 'Vote'}).click();
    await page.waitForURL(/voted=1/);
    expect(await page.getByRole('status').textContent()).toBe('Thank you for your answer!');
    await expectAriaSnapshot(page.locator('body'), 'page-poll-thanks.en');

    await page.goto(`${pages.url}/w/rating/demo-rating?lang=en`);
    await expectAriaSnapshot(page.locator('body'), 'page-rating.en');
    await page.getByRole('radio', {name: 'Very dissatisfied'}).check();
    await page.getByRole('button', {name: 'Send'}).click();
    await page.getByRole('textbox').waitFor();
    await expectAriaSnapshot(page.locator('body'), 'page-rating-comment.en');
    await page.getByRole('button', {name: 'Send comment'}).click();
    await page.waitForURL(/rated=1/);
    expect(await page.getByRole('status').textContent()).toBe('Thank you for your feedback!');
    await expectAriaSnapshot(page.locator('body'), 'page-rating-thanks.en');

    await page.goto(`${pages.url}/w/ideas/demo-ideas?lang=en`);
    await expectAriaSnapshot(page.locator('body'), 'page-ideas.en');
    // Too short an idea is stopped by the browser's own validation (minlength, required) without JavaScript.
    expect(await page.getByRole('textbox', {name: /Your idea/}).evaluate((el: HTMLTextAreaElement) => [el.required, el.minLength])).toEqual([true, 10]);
    await page.getByRole('textbox', {name: /idea/i}).fill('A repair café for bicycles in the library yard every spring.');
    await page.getByRole('button', {name: /Send/}).click();
    await page.getByRole('status').waitFor();
    await expectAriaSnapshot(page.locator('body'), 'page-ideas-sent.en');
    await context.close();
  });
});
