// Helpers for the console's end-to-end tests: a real server with the demo library, Debian's Chromium,
// signing in as a demo staff member, and axe-core run in the page (light and dark).
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {chromium, type Browser, type BrowserContext, type Page} from 'playwright-core';
import {afterAll, beforeAll} from 'vitest';
// @ts-expect-error plain ESM helpers without type declarations
import {chromiumArgs, findChromium} from '../../scripts/chromium-path.mjs';
// @ts-expect-error plain ESM helpers without type declarations
import {TestServer} from './servers.mjs';

export const DEMO_PASSWORD = 'kirjasto-demo';
export const DEMO_STAFF = {
  owner: 'owner@demo.kirjasto.example',
  editor: 'editor@demo.kirjasto.example',
  moderator: 'moderator@demo.kirjasto.example',
  viewer: 'viewer@demo.kirjasto.example',
  admin: 'admin@kirjasto.example',
} as const;
export type DemoStaff = keyof typeof DEMO_STAFF;

export interface ConsoleServer {
  url: string;
  port: number;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/** A server on its own copy of the seeded demo store, with the console built (npm run build). */
export async function startConsoleServer(env: Record<string, string> = {}): Promise<ConsoleServer> {
  const server = new TestServer(env);
  await server.start();
  return server;
}

export const launchChromium = (): Promise<Browser> => chromium.launch({executablePath: findChromium(), args: chromiumArgs});

/**
 * A server (see {@link startConsoleServer}) and Chromium for the tests of one describe block: started
 * before them, stopped after. Read `suite.server` and `suite.browser` inside the tests.
 */
export function consoleSuite(env: Record<string, string> = {}, started?: (suite: {server: ConsoleServer; browser: Browser}) => Promise<void>) {
  const suite = {} as {server: ConsoleServer; browser: Browser};
  beforeAll(async () => {
    suite.server = await startConsoleServer(env);
    suite.browser = await launchChromium();
    await started?.(suite);
  }, 150_000); // the server's own start wait is up to 120 s on a busy machine (test/support/servers.mjs)
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.dispose();
  });
  return suite;
}

/**
 * A new browser context (its own cookies) signed in as `who` through the console's sign-in form, on
 * the library's start page. The console's language is chosen before it loads (`locale`).
 */
export async function signedInPage(
  browser: Browser,
  server: ConsoleServer,
  who: DemoStaff,
  {locale = 'en', colorScheme = 'light' as 'light' | 'dark'} = {},
): Promise<{context: BrowserContext; page: Page}> {
  const context = await browser.newContext({locale, colorScheme, viewport: {width: 1200, height: 800}});
  await context.addInitScript((l) => localStorage.setItem('kirjasto-console-locale', l), locale.split('-')[0]);
  const page = await context.newPage();
  await page.goto(`${server.url}/admin/sign-in`);
  await signIn(page, who);
  return {context, page};
}

/** Fills and sends the sign-in form on the page (English labels) and waits until the form is gone. */
export async function signIn(page: Page, who: DemoStaff) {
  await page.getByLabel('Email address').fill(DEMO_STAFF[who]);
  await page.getByLabel('Password', {exact: true}).fill(DEMO_PASSWORD);
  await page.getByRole('button', {name: 'Sign in', exact: true}).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/admin/sign-in'));
}

// Evaluated through the DevTools protocol, which the console's CSP (no inline scripts) does not block.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.2 A/AA violations on the page as it is now (rule id and the first targets). */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as {axe: {run(context: unknown, options: unknown): Promise<{violations: {id: string; nodes: {target: unknown[]}[]}[]}>}}).axe;
    const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
    return result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
  return violations;
}

/** axe in light and then in dark (the page re-rendered with the other colour scheme). */
export async function axeLightAndDark(page: Page): Promise<string[]> {
  await page.emulateMedia({colorScheme: 'light'});
  const light = (await axeViolations(page)).map((v) => `light ${v}`);
  await page.emulateMedia({colorScheme: 'dark'});
  const dark = (await axeViolations(page)).map((v) => `dark ${v}`);
  await page.emulateMedia({colorScheme: 'light'});
  return [...light, ...dark];
}

/** The deep focused element's tag and text, through shadow roots, for focus assertions. */
export const focusedElement = (page: Page) =>
  page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element ? {tag: element.tagName.toLowerCase(), text: (element.textContent ?? '').trim().slice(0, 80)} : undefined;
  });
