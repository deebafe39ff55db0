import {fixture, waitUntil} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';

declare global {
  interface Window {
    KIRJASTO_TEST: {api: string; limited: string; restartable: string; offline: string};
  }
}

/** Base URLs of the real servers the test run started. */
export const servers = window.KIRJASTO_TEST;

/** An address where nothing listens: the server cannot be reached. */
export const unreachableApi = 'http://127.0.0.1:9';

export const controlServer = (name: keyof typeof servers, action: 'stop' | 'start') =>
  executeServerCommand('kirjasto-server', {name, action});

/** Runs `during` with the server stopped, and starts it again however `during` ends. */
export async function whileDown(name: keyof typeof servers, during: () => Promise<void>): Promise<void> {
  await controlServer(name, 'stop');
  try {
    await during();
  } finally {
    await controlServer(name, 'start');
  }
}

/** A moderation API call as the demo library's staff, made from the test runner (not the page). */
export const moderate = (method: string, path: string, body?: unknown, name: keyof typeof servers = 'api') =>
  executeServerCommand('kirjasto-moderate', {name, method, path, body}) as Promise<{status: number; body: unknown}>;

/** A new patron: a fresh voter token and no remembered votes or queued writes. */
export function newPatron(): void {
  localStorage.clear();
}

/** Mounts an element from markup and waits until it has left its loading state. */
export async function mount<T extends HTMLElement>(markup: string): Promise<T> {
  const template = document.createElement('template');
  template.innerHTML = markup;
  const el = (await fixture(template.content.firstElementChild!)) as T;
  await waitUntil(() => !el.shadowRoot?.querySelector('[aria-busy="true"]'), 'element stayed loading', {timeout: 15_000});
  return el;
}

// An element waiting for its turn to connect (shared/element.ts) has no shadow root yet, and shows nothing.
export const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot?.querySelector<E>(selector) ?? null;
export const $$ = <E extends Element = HTMLElement>(el: Element, selector: string) => [...(el.shadowRoot?.querySelectorAll<E>(selector) ?? [])];

/** The text a sighted patron reads, whitespace folded. */
export const visibleText = (el: Element) => (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ').trim();

export async function until(condition: () => unknown, message: string, timeout = 15_000): Promise<void> {
  await waitUntil(condition, message, {timeout});
}

/** Results straight from the server, to check what a widget stored. */
export async function serverResults(api: string, poll: string): Promise<{total: number; options: {id: string; count: number}[]}> {
  const response = await fetch(`${api}/api/v1/polls/${poll}`);
  const body = await response.json();
  return body.results;
}

/** What the outbox keeps: the writes waiting in this browser. */
export const queuedWrites = (): {key: string; body: Record<string, unknown>}[] => JSON.parse(localStorage.getItem('kirjasto.outbox') ?? '[]');

/** Changes the writes waiting in the outbox, as time would (a token expires, an option is removed). */
export function changeQueued(change: (body: Record<string, unknown>) => Record<string, unknown>): void {
  localStorage.setItem('kirjasto.outbox', JSON.stringify(queuedWrites().map((entry) => ({...entry, body: change(entry.body)}))));
}

/** The connection is back: the outbox delivers what waits. */
export const backOnline = (win: Window = window) => win.dispatchEvent(new Event('online'));

type Tab = Window & {load(path: string): Promise<unknown>};

/**
 * Another page of this browser, like a second tab: same origin and storage, its own copy of every
 * module (give their paths as served, `/src/poll/define.ts`).
 */
export async function openTab(...modules: string[]): Promise<Tab> {
  const tab = window.open('/test/browser/fixtures/tab.html', '_blank') as Tab | null;
  if (!tab) throw new Error('the browser blocked the second page');
  await until(() => typeof tab.load === 'function', 'second page loaded');
  for (const path of modules) await tab.load(path);
  return tab;
}

/** Counts the writes a page sends that the server answers with 2xx, by Idempotency-Key. */
export function countStoredWrites(win: Window, sent: string[]): void {
  const original = win.fetch.bind(win);
  win.fetch = async (input, init) => {
    const response = await original(input, init);
    const key = (init?.headers as Record<string, string> | undefined)?.['Idempotency-Key'];
    if (init?.method === 'POST' && key && response.ok) sent.push(key);
    return response;
  };
}
