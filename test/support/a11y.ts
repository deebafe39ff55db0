// Shared by the accessibility end-to-end tests (test/e2e/a11y-*.test.ts): real servers, Debian's
// Chromium through playwright-core, a page of widgets on the server's own origin, and committed
// ARIA snapshots (test/e2e/aria-snapshots/*.yml) compared as text, rewritten with UPDATE_SNAPSHOTS=1.
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium, type Browser, type Locator, type Page} from 'playwright-core';
import {expect} from 'vitest';
// @ts-expect-error plain ESM helpers without type declarations
import {chromiumArgs, findChromium} from '../../scripts/chromium-path.mjs';
// @ts-expect-error plain ESM helpers without type declarations
import {TestServer} from './servers.mjs';

export interface Server {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

export const newServer = (env: Record<string, string> = {}): Server => new TestServer(env) as Server;

export const launchChromium = (): Promise<Browser> => chromium.launch({executablePath: findChromium(), args: chromiumArgs});

/** The UI languages every element, the kiosk and the standalone pages speak. */
export const LANGS = ['fi', 'sv', 'en', 'se', 'fi-x-selko'] as const;

const snapshotDir = join(dirname(fileURLToPath(import.meta.url)), '../e2e/aria-snapshots');
const updating = process.env.UPDATE_SNAPSHOTS === '1';

/** What changes from run to run and says nothing about what is heard: dates relative to the seeding day, signed receipts. */
function stable(snapshot: string): string {
  return snapshot
    .replace(/\b\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\b/g, '<date>')
    .replace(/\b\d{1,2}\.?\s\p{L}+\.?\s\d{4}\b/gu, '<date>')
    .replace(/\b\p{L}+\s\d{1,2},\s\d{4}\b/gu, '<date>')
    .replace(/\b\d{1,2}[.:]\d{2}(\s?[AP]M)?\b/g, '<time>')
    .replace(/([?&]receipt=)[\w.~-]+/g, '$1<receipt>');
}

/**
 * Compares `locator`'s ARIA snapshot with `aria-snapshots/<name>.yml`; with UPDATE_SNAPSHOTS=1 (or
 * when the file is new) writes it instead. A missing file fails on CI (`CI` set), so nothing passes unseen.
 */
export async function expectAriaSnapshot(locator: Locator, name: string): Promise<void> {
  const actual = `${stable(await locator.ariaSnapshot())}\n`;
  const file = join(snapshotDir, `${name}.yml`);
  if (updating || (!existsSync(file) && !process.env.CI)) {
    mkdirSync(snapshotDir, {recursive: true});
    writeFileSync(file, actual);
    return;
  }
  expect(existsSync(file), `missing ARIA snapshot ${file}: run with UPDATE_SNAPSHOTS=1 and review it`).toBe(true);
  expect(actual, `ARIA snapshot ${name} differs (UPDATE_SNAPSHOTS=1 rewrites it; review the diff)`).toBe(readFileSync(file, 'utf8'));
}

/**
 * Opens a page of the server's origin in `lang` and puts `body` in it: the elements (defined by the
 * standalone page's kirjasto-all.js) then talk to the server as on any allowed site.
 */
export async function widgetPage(page: Page, server: Server, lang: string, body: string): Promise<void> {
  await page.goto(`${server.url}/w/poll/demo-poll-hidden?lang=${encodeURIComponent(lang)}`);
  await page.waitForFunction(() => !!customElements.get('kirjasto-poll') && !!customElements.get('kirjasto-rating') && !!customElements.get('kirjasto-idea-box'));
  await page.evaluate(
    ([html, l]) => {
      document.documentElement.lang = l;
      document.body.innerHTML = html;
    },
    [body, lang] as const,
  );
}

/** The text of an element's shadow part, '' when absent. */
export const partText = (host: Locator, selector: string) =>
  host.evaluate((el, s) => el.shadowRoot?.querySelector(s)?.textContent?.trim() ?? '', selector);

/** The accessible focus inside a shadow root: the focused element's tag and part or class. */
export const focusedInside = (host: Locator) =>
  host.evaluate((el) => {
    const a = el.shadowRoot?.activeElement as HTMLElement | null;
    return a ? `${a.localName}${a.getAttribute('part') ? `[part=${a.getAttribute('part')}]` : ''}` : '';
  });
