import {fixture, waitUntil} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';

declare global {
  interface Window {
    KIRJASTO_TEST: {api: string; limited: string; restartable: string};
  }
}

/** Base URLs of the real servers the test run started. */
export const servers = window.KIRJASTO_TEST;

/** An address where nothing listens: the server cannot be reached. */
export const unreachableApi = 'http://127.0.0.1:9';

export const controlServer = (name: keyof typeof servers, action: 'stop' | 'start') =>
  executeServerCommand('kirjasto-server', {name, action});

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

export const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector);
export const $$ = <E extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<E>(selector)];

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
