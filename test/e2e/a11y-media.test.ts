// Accessibility beyond axe, measured in real Chromium on the real server: forced colours (WCAG 1.4.11,
// 2.4.7), reflow at 320 CSS px (1.4.10), reduced motion (2.3.3), target size (2.5.8; 44 px on the
// kiosk, 2.5.5), text spacing (1.4.12) and the kiosk's adjustable timeout (2.2.1). Each check walks
// every element, shadow roots included, of the three widgets in their main states, the kiosk and the
// standalone pages without JavaScript, and lists what fails, so one run names every offender.
import type {Browser, BrowserContext, Page} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {focusedInside, launchChromium, newServer, widgetPage, type Server} from '../support/a11y.js';

/** The widgets in their main states on one page; the low-score rating then opens its comment form. */
const WIDGETS = `<main>
  <kirjasto-poll id="poll" poll="demo-poll"></kirjasto-poll>
  <kirjasto-poll id="multi" poll="demo-poll-multi"></kirjasto-poll>
  <kirjasto-poll id="results" poll="demo-poll-closed"></kirjasto-poll>
  <kirjasto-rating id="comment" rating="demo-rating"></kirjasto-rating>
  <kirjasto-rating id="stars" rating="demo-stars" show-labels></kirjasto-rating>
  <kirjasto-rating id="nps" rating="demo-nps"></kirjasto-rating>
  <kirjasto-idea-box id="ideas" box="demo-ideas"></kirjasto-idea-box>
</main>`;

/** Every element of the document and of every shadow root in it, in tree order (run in the page). */
const DEEP = `(() => {
  const all = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      all.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return all;
})()`;

/**
 * Hidden on purpose from the eye (the visually-hidden pattern: a box of 1 px or less that clips, or
 * placed far off screen, like the idea form's honeypot) or from everyone (inside aria-hidden).
 */
const CONCEALED = `(el) => {
  for (let node = el; node; node = node.parentElement || (node.getRootNode() && node.getRootNode().host)) {
    if (node.nodeType !== 1) break;
    const s = getComputedStyle(node);
    const r = node.getBoundingClientRect();
    // A control no one can reach (out of the tab order, hidden from screen readers): the honeypot.
    if (node.getAttribute('aria-hidden') === 'true' && el.matches('input, button, select, textarea, a') && el.tabIndex < 0) return true;
    if (/hidden|clip/.test(s.overflowX + s.overflowY) && r.width <= 1 && r.height <= 1) return true;
    if (s.clipPath === 'inset(50%)' || r.right < -1000) return true;
  }
  return false;
}`;

/** The controls a patron operates: visible, not hidden on purpose. */
const CONTROLS = `${DEEP}.filter((el) => el.matches('button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])') && el.getClientRects().length > 0 && !el.closest('[hidden]') && !(${CONCEALED})(el))`;

/** A short name for an element in a failure list: tag, part or class, and its text. */
const NAME = `(el) => el.localName + (el.getAttribute('part') ? '[part=' + el.getAttribute('part') + ']' : el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' "' + (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 30) + '"'`;

describe('accessibility beyond axe', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    server = newServer({KIRJASTO_FORM_MIN_AGE_MS: '0'});
    [browser] = await Promise.all([launchChromium(), server.start()]);
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  async function open(options: Parameters<Browser['newContext']>[0] = {}): Promise<{context: BrowserContext; page: Page}> {
    const context = await browser.newContext({viewport: {width: 800, height: 900}, serviceWorkers: 'block', ...options});
    return {context, page: await context.newPage()};
  }

  /** The widgets page with every element loaded and the comment form open. */
  async function widgets(page: Page): Promise<void> {
    await widgetPage(page, server, 'en', WIDGETS);
    const host = (id: string) => page.locator(`#${id}`);
    await host('poll').getByRole('radio').first().waitFor();
    await host('multi').getByRole('checkbox').first().waitFor();
    await host('results').locator('progress').first().waitFor();
    await host('stars').getByRole('group').waitFor();
    await host('nps').getByRole('group').waitFor();
    await host('ideas').getByRole('listitem').first().waitFor();
    await host('comment').getByRole('button', {name: 'Very dissatisfied'}).click();
    await host('comment').getByRole('textbox').waitFor();
  }

  /** The kiosk with its parts (staff corner) loaded. */
  async function kiosk(page: Page, query = ''): Promise<void> {
    await page.goto(`${server.url}/kiosk/demo-rating?location=demo-central&lang=fi${query}`);
    await page.locator('kirjasto-rating').locator('.staff-corner').waitFor({state: 'attached'});
  }

  /** The standalone pages without JavaScript, each handed to `check`. */
  async function noScriptPages(options: Parameters<Browser['newContext']>[0], check: (page: Page, path: string) => Promise<void>): Promise<void> {
    const context = await browser.newContext({javaScriptEnabled: false, ...options});
    const page = await context.newPage();
    for (const path of ['/w/poll/demo-poll?lang=fi', '/w/poll/demo-poll-closed?lang=fi', '/w/rating/demo-nps?lang=fi', '/w/ideas/demo-ideas?lang=fi']) {
      await page.goto(`${server.url}${path}`);
      await check(page, path);
    }
    await context.close();
  }

  describe('forced colours (Windows High Contrast)', () => {
    /** Controls without a visible edge: a border, the system's own drawing (radio, checkbox, select) or an underline. */
    const edgeless = (page: Page) =>
      page.evaluate<string[]>(`(() => {
        const name = ${NAME};
        const visible = (color) => !/^rgba\\(.*, 0\\)$|^transparent$/.test(color);
        return ${CONTROLS}
          .filter((el) => !el.matches('.staff-corner')) // staff only, deliberately invisible until focused
          .filter((el) => {
            const s = getComputedStyle(el);
            if (s.appearance !== 'none' && (el.matches('input[type=radio], input[type=checkbox], select'))) return false;
            // A link shows as a link by its underline or its own colour (LinkText, in forced colours).
            if (el.localName === 'a' && (s.textDecorationLine.includes('underline') || s.color !== getComputedStyle(el.parentElement).color)) return false;
            const sides = ['Top', 'Right', 'Bottom', 'Left'].filter((side) => parseFloat(s['border' + side + 'Width']) >= 1 && s['border' + side + 'Style'] !== 'none' && s['border' + side + 'Style'] !== 'hidden' && visible(s['border' + side + 'Color']));
            return sides.length < 4;
          })
          .map(name);
      })()`);

    /** Tabs through the page; every stop must show a solid outline of at least 2 px in a visible colour. */
    async function focusRingsMissing(page: Page, stops = 60): Promise<string[]> {
      await page.locator('body').focus();
      const missing: string[] = [];
      const seen = new Set<string>();
      for (let i = 0; i < stops; i++) {
        await page.keyboard.press('Tab');
        const result = (await page.evaluate(`(() => {
          const name = ${NAME};
          let el = document.activeElement;
          while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
          if (!el || el === document.body) return null;
          const s = getComputedStyle(el);
          const ok = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && !/^rgba\\(.*, 0\\)$|^transparent$/.test(s.outlineColor);
          return {id: name(el) + '@' + Math.round(el.getBoundingClientRect().top), ok, name: name(el) + ' (outline ' + s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor + ')'};
        })()`)) as {id: string; ok: boolean; name: string} | null;
        if (!result) continue;
        if (seen.has(result.id)) break; // round the page once
        seen.add(result.id);
        if (!result.ok) missing.push(result.name);
      }
      expect(seen.size, 'the Tab key reached too few controls').toBeGreaterThanOrEqual(3);
      return missing;
    }

    /** Pressed and unpressed buttons of one group must differ in something forced colours keep. */
    const pressedLooksSame = (page: Page) =>
      page.evaluate<string[]>(`(() => {
        const name = ${NAME};
        // Forced colours replace the author's colours (getComputedStyle still reports them), unless forced-color-adjust is none.
        const look = (el) => { const s = getComputedStyle(el); const colors = s.forcedColorAdjust === 'none' ? [s.color, s.backgroundColor, s.borderColor] : []; return [...colors, s.borderWidth, s.borderStyle, s.outlineStyle, s.outlineWidth, s.textDecorationLine, s.fontWeight].join(' '); };
        const same = [];
        const groups = new Set(${DEEP}.filter((el) => el.matches('[aria-pressed]')).map((el) => el.parentElement));
        for (const group of groups) {
          const buttons = [...group.querySelectorAll(':scope > [aria-pressed]')];
          const on = buttons.filter((b) => b.getAttribute('aria-pressed') === 'true');
          const off = buttons.filter((b) => b.getAttribute('aria-pressed') === 'false');
          if (on.length && off.length && look(on[0]) === look(off[0])) same.push(name(on[0]) + ' looks like ' + name(off[0]));
        }
        return same;
      })()`);

    it('keeps an edge on every control, a focus ring on every stop and the pressed button distinct in the widgets', async () => {
      const {context, page} = await open({forcedColors: 'active'});
      await widgets(page);
      expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
      expect((await edgeless(page)).join('\n')).toBe('');
      expect((await pressedLooksSame(page)).join('\n')).toBe('');
      // The idea box's sort group is one of the pairs checked above.
      expect(await page.locator('#ideas').getByRole('button', {name: 'Most supported'}).getAttribute('aria-pressed')).toBe('true');
      expect((await focusRingsMissing(page, 80)).join('\n')).toBe('');
      await context.close();
    });

    it('draws the result bars so that the filled part can be told from the track', async () => {
      const {context, page} = await open({forcedColors: 'active'});
      await widgets(page);
      const bar = page.locator('#results').locator('progress').first();
      expect(await bar.evaluate((el: HTMLProgressElement) => el.value > 0.05 && el.value < 0.95)).toBe(true);
      const value = await bar.evaluate((el: HTMLProgressElement) => el.value / el.max);
      const png = (await bar.screenshot()).toString('base64');
      // Along the bar's middle row: the colour halfway into the filled part and halfway into the track.
      const [filled, track] = await page.evaluate(
        async ([data, share]) => {
          // From the bytes, not a data: URL, which the page's content security policy refuses.
          const image = await createImageBitmap(new Blob([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], {type: 'image/png'}));
          const canvas = new OffscreenCanvas(image.width, image.height);
          const ctx = canvas.getContext('2d')!;
          ctx.drawImage(image, 0, 0);
          const at = (x: number) => [...ctx.getImageData(Math.round(x), Math.floor(image.height / 2), 1, 1).data.slice(0, 3)].join(',');
          return [at((image.width * share) / 2), at(image.width * (share + (1 - share) / 2))];
        },
        [png, value] as const,
      );
      // WCAG 1.4.11: at least 3:1 between the filled part and the track.
      const luminance = (rgb: string) => {
        const [r, g, b] = rgb.split(',').map((c) => Number(c) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const [light, dark] = [luminance(filled), luminance(track)].sort((a, b) => b - a);
      expect((light + 0.05) / (dark + 0.05), `a result bar's filled part (${filled}) against its track (${track}) in forced colours`).toBeGreaterThanOrEqual(3);
      await context.close();
    });

    it('keeps the kiosk language buttons, its scores and focus rings visible, the chosen language distinct', async () => {
      const {context, page} = await open({forcedColors: 'active', viewport: {width: 1280, height: 800}});
      await kiosk(page);
      expect((await edgeless(page)).join('\n')).toBe('');
      expect((await pressedLooksSame(page)).join('\n')).toBe('');
      expect(await page.locator('nav button[aria-pressed=true]').count()).toBe(1);
      expect((await focusRingsMissing(page)).join('\n')).toBe('');
      await context.close();
    });

    it('keeps every control and focus ring visible on the pages without JavaScript', async () => {
      await noScriptPages({forcedColors: 'active', viewport: {width: 800, height: 900}}, async (page, path) => {
        expect((await edgeless(page)).join('\n'), path).toBe('');
        expect((await focusRingsMissing(page)).join('\n'), path).toBe('');
      });
    });
  });

  describe('reflow at 320 CSS px', () => {
    /** The page scrolls sideways, or an element sticks out past the viewport's right edge. */
    const overflowing = (page: Page) =>
      page.evaluate<string[]>(`(() => {
        const name = ${NAME};
        const concealed = ${CONCEALED};
        const width = document.documentElement.clientWidth;
        const out = [];
        if (document.scrollingElement.scrollWidth > width) out.push('page scrollWidth ' + document.scrollingElement.scrollWidth + ' > ' + width);
        for (const el of ${DEEP}) {
          if (!el.getClientRects().length || concealed(el)) continue;
          const r = el.getBoundingClientRect();
          if (r.width && r.right > width + 0.5) out.push(name(el) + ' right ' + Math.round(r.right));
          if (el.shadowRoot && el.scrollWidth > el.clientWidth + 1) out.push(name(el) + ' scrollWidth ' + el.scrollWidth + ' > ' + el.clientWidth);
        }
        return out;
      })()`);

    it('fits every widget state in 320 px without sideways scrolling', async () => {
      const {context, page} = await open({viewport: {width: 320, height: 640}});
      await widgets(page);
      expect((await overflowing(page)).join('\n')).toBe('');
      // Results after a vote, too.
      await page.locator('#poll').getByRole('radio').first().check();
      await page.locator('#poll').getByRole('button', {name: 'Vote'}).click();
      await page.locator('#poll').getByRole('list').waitFor();
      expect((await overflowing(page)).join('\n')).toBe('');
      await context.close();
    });

    it('fits the kiosk and the pages without JavaScript in 320 px', async () => {
      const {context, page} = await open({viewport: {width: 320, height: 640}});
      await kiosk(page);
      expect((await overflowing(page)).join('\n')).toBe('');
      await context.close();
      await noScriptPages({viewport: {width: 320, height: 640}}, async (p, path) => expect((await overflowing(p)).join('\n'), path).toBe(''));
    });
  });

  describe('reduced motion', () => {
    /** Running animations and non-zero transitions anywhere, shadow roots included. */
    const moving = (page: Page) =>
      page.evaluate<string[]>(`(() => {
        const name = ${NAME};
        const out = [];
        for (const el of ${DEEP}) {
          const s = getComputedStyle(el);
          if (el.getAnimations().length) out.push(name(el) + ' animation ' + s.animationName + ' ' + s.animationDuration);
          if (s.transitionDuration.split(',').some((d) => parseFloat(d) > 0)) out.push(name(el) + ' transition ' + s.transitionDuration);
        }
        return out;
      })()`);

    /** The widgets while they load (the skeletons pulse) and the kiosk inviting the next patron (it pulses). */
    async function motion(reducedMotion: 'reduce' | 'no-preference'): Promise<{loading: string[]; attract: string[]}> {
      const {context, page} = await open({reducedMotion});
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      await page.route(/\/api\/v1\/(polls|ratings|idea-boxes)\/[\w-]+(\?|$)/, async (route) => {
        if (route.request().method() === 'GET') await released;
        await route.continue();
      });
      await widgetPage(page, server, 'en', WIDGETS);
      await page.locator('#poll').getByText('Loading…').waitFor({state: 'attached'});
      const loading = await moving(page);
      release();
      await kiosk(page, '');
      // A touch re-arms the idle timer, now with a short wait.
      await page.locator('kirjasto-rating').evaluate((el) => {
        el.setAttribute('attract-after', '0.2');
        el.dispatchEvent(new Event('pointerdown'));
      });
      await page.locator('kirjasto-rating').locator('.attract').waitFor({state: 'attached'});
      const attract = await moving(page);
      await context.close();
      return {loading, attract};
    }

    it('stops every animation and transition when the patron asks for less motion', async () => {
      const [reduced, normal] = await Promise.all([motion('reduce'), motion('no-preference')]);
      expect(reduced).toEqual({loading: [], attract: []});
      // The same walk sees the motion when motion is welcome: the check above can fail.
      expect(normal.loading.length).toBeGreaterThan(0);
      expect(normal.attract.join('\n')).toMatch(/invite/);
    });
  });

  describe('target size', () => {
    /** Targets smaller than `min` px either way; a radio or checkbox counts with its label, which takes the click. */
    const small = (page: Page, min: number) =>
      page.evaluate<string[]>(`(() => {
        const name = ${NAME};
        const min = ${min};
        return ${CONTROLS}
          .map((el) => {
            const target = el.matches('input[type=radio], input[type=checkbox]') && el.closest('label') ? el.closest('label') : el;
            const r = target.getBoundingClientRect();
            return r.width + 0.5 < min || r.height + 0.5 < min ? name(el) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height) : null;
          })
          .filter(Boolean);
      })()`);

    it('gives every target in the widgets at least 24 by 24 px, also at 320 px', async () => {
      for (const width of [800, 320]) {
        const {context, page} = await open({viewport: {width, height: 900}});
        await widgets(page);
        expect((await small(page, 24)).join('\n'), `at ${width} px`).toBe('');
        await context.close();
      }
    });

    it('gives every target on the kiosk at least 44 by 44 px, landscape and portrait', async () => {
      for (const viewport of [{width: 1280, height: 800}, {width: 1080, height: 1920}, {width: 800, height: 1280}]) {
        const {context, page} = await open({viewport});
        await kiosk(page);
        expect((await small(page, 44)).join('\n'), `at ${viewport.width}x${viewport.height}`).toBe('');
        if (viewport.width !== 1280) {
          await context.close();
          continue;
        }
        // The comment form, its buttons and the "More time" button, too (landscape).
        await page.locator('kirjasto-rating').evaluate((el) => el.setAttribute('comment-time', '3'));
        await page.locator('kirjasto-rating').getByRole('button', {name: 'Erittäin tyytymätön'}).click();
        await page.locator('kirjasto-rating').getByRole('button', {name: 'Lisää aikaa'}).waitFor();
        expect((await small(page, 44)).join('\n'), `comment form at ${viewport.width}x${viewport.height}`).toBe('');
        await context.close();
      }
    });

    it('gives every target on the pages without JavaScript at least 24 by 24 px', async () => {
      await noScriptPages({viewport: {width: 390, height: 844}}, async (page, path) => expect((await small(page, 24)).join('\n'), path).toBe(''));
    });
  });

  describe('text spacing (WCAG 1.4.12)', () => {
    const SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-block-end: 2em !important; }`;

    /** Puts the spacing into the page and every shadow root, then lists what is cut off or spills out. */
    const clippedAfterSpacing = (page: Page) =>
      page.evaluate<string[]>(`(() => {
        const name = ${NAME};
        const concealed = ${CONCEALED};
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(${JSON.stringify(SPACING)});
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        for (const el of ${DEEP}) if (el.shadowRoot) el.shadowRoot.adoptedStyleSheets = [...el.shadowRoot.adoptedStyleSheets, sheet];
        // Reading the layout below lays the page out again with the new spacing (no frame needed: pages without JavaScript get none).
        const out = [];
        for (const el of ${DEEP}) {
          if (!el.getClientRects().length || el.matches('textarea, select, input, progress, html, body, dialog:not([open])') || concealed(el)) continue;
          const s = getComputedStyle(el);
          const clips = /hidden|clip/.test(s.overflowX + s.overflowY);
          const control = el.matches('button, label, a');
          if ((clips || control) && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1))
            out.push(name(el) + ' ' + el.scrollWidth + 'x' + el.scrollHeight + ' in ' + el.clientWidth + 'x' + el.clientHeight + (clips ? ' (overflow ' + s.overflowX + ' ' + s.overflowY + ')' : ''));
          if (s.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth) out.push(name(el) + ' ellipsis');
        }
        const root = document.scrollingElement;
        if (root.scrollWidth > root.clientWidth) out.push('page scrolls sideways: ' + root.scrollWidth + ' > ' + root.clientWidth);
        if (/hidden|clip/.test(getComputedStyle(document.body).overflowY + getComputedStyle(document.documentElement).overflowY) && root.scrollHeight > root.clientHeight + 1)
          out.push('page cut off at the bottom: ' + root.scrollHeight + ' > ' + root.clientHeight);
        return out;
      })()`);

    it('cuts no text off in the widgets with wider spacing, at 390 and 800 px', async () => {
      for (const width of [390, 800]) {
        const {context, page} = await open({viewport: {width, height: 900}});
        await widgets(page);
        expect((await clippedAfterSpacing(page)).join('\n'), `at ${width} px`).toBe('');
        await context.close();
      }
    });

    it('cuts no text off on the kiosk and the pages without JavaScript with wider spacing', async () => {
      for (const viewport of [{width: 1280, height: 800}, {width: 1080, height: 1920}]) {
        const {context, page} = await open({viewport});
        await kiosk(page);
        expect((await clippedAfterSpacing(page)).join('\n'), `kiosk at ${viewport.width}x${viewport.height}`).toBe('');
        await context.close();
      }
      await noScriptPages({viewport: {width: 390, height: 844}}, async (page, path) => expect((await clippedAfterSpacing(page)).join('\n'), path).toBe(''));
    });
  });

  describe("the kiosk's timeout (WCAG 2.2.1)", () => {
    it('warns before the comment form starts over, and "More time" gives the whole time again', async () => {
      const {context, page} = await open({viewport: {width: 1280, height: 800}});
      await kiosk(page, '');
      const rating = page.locator('kirjasto-rating');
      // A 4 s comment time: the warning comes 2 s before the end (half the time, at most 20 s).
      await rating.evaluate((el) => el.setAttribute('comment-time', '4'));
      await rating.getByRole('button', {name: 'Erittäin tyytymätön'}).click();
      const started = Date.now();
      await rating.getByRole('textbox').fill('Lukusalissa oli kylmä');
      const warning = rating.getByRole('alert');
      await warning.waitFor({timeout: 5000});
      expect(Date.now() - started).toBeGreaterThan(1500);
      expect(await warning.textContent()).toMatch(/2 sekunnin/);
      await rating.getByRole('button', {name: 'Lisää aikaa'}).click();
      const extended = Date.now();
      // Focus goes back to the comment, the warning goes, and the text is still there after the first deadline.
      expect(await focusedInside(rating)).toBe('textarea');
      expect(await warning.count()).toBe(0);
      await page.waitForTimeout(Math.max(0, started + 4500 - Date.now()));
      expect(await rating.getByRole('textbox').inputValue()).toBe('Lukusalissa oli kylmä');
      // The warning comes again at half the new time, and without another "More time" the screen starts over.
      await warning.waitFor({timeout: 5000});
      await rating.getByRole('group').waitFor({timeout: 5000});
      expect(Date.now() - extended).toBeGreaterThan(3500);
      expect(await rating.getByRole('textbox').count()).toBe(0);
      await context.close();
    });
  });
});
