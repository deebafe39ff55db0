import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {ApiError} from './api.js';
import {atom, type ReadableAtom, type WritableAtom} from './atom.js';
import {whenLocaleReady} from './i18n.js';
import {inSlice} from './render-slices.js';
import {voterToken} from './voter.js';

/** Where a load stands: `pending` until the server answered (and the page's UI language is loaded). */
export interface LoadState<T> {
  phase: 'pending' | 'ready' | 'error';
  data?: T;
  error?: ApiError;
}

/**
 * What an element shows from the server, shared by every element on the page that shows the same
 * content: loaded once, from the moment the first of them connects (not behind a render), and
 * aborted when the last one leaves before the answer came. It becomes ready only when the page's UI
 * language is loaded too (fetched in parallel), so the first text a patron sees is in their language.
 */
export class RemoteStore<T> {
  readonly state: WritableAtom<LoadState<T>> = atom<LoadState<T>>({phase: 'pending'});
  #users = 0;
  #loading?: Promise<void>;
  #request?: AbortController;
  readonly #fetchData: (signal: AbortSignal) => Promise<T>;

  constructor(fetchData: (signal: AbortSignal) => Promise<T>) {
    this.#fetchData = fetchData;
  }

  /** An element shows it: loads it, once. */
  connect(): void {
    this.#users++;
    void this.load();
  }

  /** An element no longer shows it; the last one to leave aborts a load still on its way. */
  disconnect(): void {
    if (--this.#users > 0 || !this.#request) return;
    this.#request.abort();
    this.#request = undefined;
    this.#loading = undefined;
  }

  /** Loads once for every element showing it; `reload` fetches again (the retry button, a refusal). */
  load(reload = false): Promise<void> {
    if (this.#loading && !reload) return this.#loading;
    this.#request?.abort();
    const request = (this.#request = new AbortController());
    this.#patch({phase: 'pending', error: undefined});
    // In the slice of time the element connects in when that has time left (fifty on a page take
    // turns), else in the next: the page's first fetch takes 5 to 30 ms on a slow phone.
    this.#loading = Promise.all([inSlice(() => this.#fetchData(request.signal)), whenLocaleReady()]).then(
      ([data]) => {
        if (request !== this.#request) return;
        this.#request = undefined;
        this.state.set({phase: 'ready', data});
      },
      (error: unknown) => {
        if (request !== this.#request) return;
        this.#request = undefined;
        if (!(error instanceof ApiError)) throw error;
        this.#patch({phase: 'error', error});
      },
    );
    return this.#loading;
  }

  /** Changes the loaded data in place (an answer the server sent back). */
  update(change: (data: T) => T): void {
    const {data} = this.state.get();
    if (data !== undefined) this.#patch({data: change(data)});
  }

  #patch(change: Partial<LoadState<T>>): void {
    this.state.set({...this.state.get(), ...change});
  }
}

const instances = new Map<string, unknown>();

/** The one model of some content on this page for this browser's voter (a new token is a new patron). */
export function sharedModel<M>(kind: string, api: string, id: string, make: () => M): M {
  const key = `${kind}|${api}|${id}|${voterToken()}`;
  if (!instances.has(key)) instances.set(key, make());
  return instances.get(key) as M;
}

/**
 * Re-renders its host whenever a store changes while the host is connected, and tells a
 * RemoteStore when its host starts and stops showing it.
 */
export class StoreController<T> implements ReactiveController {
  #unsubscribe?: () => void;
  #connected = false;
  readonly #host: ReactiveControllerHost;
  #store: ReadableAtom<T>;
  #remote?: RemoteStore<unknown>;

  constructor(host: ReactiveControllerHost, store: ReadableAtom<T>, remote?: RemoteStore<unknown>) {
    this.#host = host;
    this.#store = store;
    this.#remote = remote;
    host.addController(this);
  }

  get value(): T {
    return this.#store.get();
  }

  /** Follows another store (the element's id or API changed). */
  follow(store: ReadableAtom<T>, remote?: RemoteStore<unknown>): void {
    if (store === this.#store) return;
    const connected = this.#connected;
    if (connected) this.hostDisconnected();
    this.#store = store;
    this.#remote = remote;
    if (connected) this.hostConnected();
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#unsubscribe = this.#store.listen(() => this.#host.requestUpdate());
    this.#remote?.connect();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#remote?.disconnect();
  }
}
