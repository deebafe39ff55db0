import {ApiError, requestJson} from './api.js';
import {atom, type ReadableAtom} from './atom.js';
import {readStoredJson, writeStored} from './storage.js';
import type {Problem} from './types.js';

/** The content a write belongs to: its element shows what becomes of it. */
export interface Owner {
  kind: 'poll' | 'rating' | 'idea-box';
  /** The API base URL the content lives on. */
  api: string;
  id: string;
}

/** A write the patron made that has not been confirmed by the server yet. */
export interface OutboxEntry {
  /** The Idempotency-Key, made when the patron acted; every attempt sends it. */
  key: string;
  owner: Owner;
  /** What the write is to its owner: `vote`, `response`, `comment`, `idea`, `support`. */
  action: string;
  url: string;
  body: unknown;
  createdAt: number;
}

/** Why a write waits: the server could not be reached, or it asked us to slow down (429). */
export type QueueReason = 'unreachable' | 'rate-limited';

/** What became of a write: stored, kept in the browser for later, or refused for good. */
export type SendOutcome<T> = {status: 'sent'; data: T} | {status: 'queued'; reason: QueueReason} | {status: 'refused'; error: ApiError};

/** A queued write the server settled later, maybe in another tab, maybe while its content was not shown. */
export type Settled = {entry: OutboxEntry; data: unknown; error?: undefined} | {entry: OutboxEntry; error: ApiError};

interface StoredRefusal {
  entry: OutboxEntry;
  status: number;
  problem?: Problem;
}

const storageKey = 'kirjasto.outbox';
const refusedKey = 'kirjasto.outbox.refused';
const lockName = 'kirjasto-outbox';
/** Bound on kept writes: a kiosk offline for a whole day stays well under it. */
const maxEntries = 500;
const maxRefusals = 50;
const firstDelayMs = 2000;
const maxDelayMs = 5 * 60_000;

/**
 * A registered kiosk's header per API origin, `{"Kirjasto-Kiosk": token}`, kept by the staff unlock
 * (src/rating/staff-unlock.ts); every write to that API carries it, or a kiosk's answers count as web.
 */
const kioskHeaders = () => readStoredJson<Record<string, Record<string, string> | undefined>>('kirjasto.kiosk', {});
// Entries queued before owners were recorded have none; they are still delivered.
const sameOwner = (a: Owner | undefined, b: Owner) => !!a && a.kind === b.kind && a.api === b.api && a.id === b.id;
const origin = (entry: OutboxEntry) => new URL(entry.url).origin;

/**
 * The offline queue all elements share. A write is stored before its first attempt, so closing the
 * page mid-request loses nothing; it leaves the queue on a 2xx or a definite 4xx only, and is retried
 * with backoff and whenever the browser comes back online or the page becomes visible again. One tab
 * at a time delivers (a Web Lock), and tells the others what became of each write (a BroadcastChannel).
 * A refusal is kept until the element that shows its content takes it, so none goes unseen.
 *
 * Nothing starts when this module is imported: listeners and timers start on first use.
 */
class Outbox {
  readonly #count = atom(0);
  readonly #watchers = new Set<(settled: Settled) => void>();
  /** Keys a `send` in this tab waits for: it, not the owner's watcher, shows their outcome. */
  readonly #awaited = new Set<string>();
  #channel?: BroadcastChannel;
  #started = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #flushing: Promise<void> | undefined;
  #delayMs = firstDelayMs;
  #lastStatus?: number;
  #retryAfterMs = 0;

  /** How many writes wait for delivery (a kiosk shows it to staff). */
  get pending(): ReadableAtom<number> {
    this.start();
    return this.#count;
  }

  /** Starts delivering what earlier visits left in the queue; each element's content model starts it (`watch`) when the element first connects. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#count.set(this.entries().length);
    addEventListener('online', () => void this.flush());
    // Another tab of the same site may queue or deliver writes too.
    addEventListener('storage', (event) => {
      if (event.key === storageKey) this.#count.set(this.entries().length);
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void this.flush();
    });
    if (typeof BroadcastChannel === 'function') {
      this.#channel = new BroadcastChannel(lockName);
      this.#channel.onmessage = (event: MessageEvent<{entry: OutboxEntry; data?: unknown; status?: number; problem?: Problem}>) => {
        const {entry, data, status, problem} = event.data;
        this.#notify(status ? {entry, error: new ApiError(status, problem)} : {entry, data});
      };
    }
    if (this.#count.get()) this.#schedule(500);
  }

  /**
   * Queues the write behind any older ones and delivers the queue in order, so a follow-up (a
   * comment on a rating) never overtakes what it follows.
   */
  async send<T>(owner: Owner, action: string, url: string, body: unknown, key: string): Promise<SendOutcome<T>> {
    this.start();
    this.#save([...this.entries().filter((entry) => entry.key !== key), {key, owner, action, url, body, createdAt: Date.now()}]);
    let settled: Settled | undefined;
    let heard: () => void = () => undefined;
    const listener = (done: Settled) => {
      if (done.entry.key !== key) return;
      settled = done;
      heard();
    };
    this.#watchers.add(listener);
    this.#awaited.add(key);
    try {
      await this.flush();
      // Another tab delivered it while this one waited for the lock: its answer comes by broadcast.
      if (!settled && !this.entries().some((entry) => entry.key === key)) {
        await new Promise<void>((resolve) => {
          heard = resolve;
          setTimeout(resolve, 3000);
        });
      }
    } finally {
      this.#watchers.delete(listener);
      this.#awaited.delete(key);
    }
    if (!settled) return {status: 'queued', reason: this.#lastStatus === 429 ? 'rate-limited' : 'unreachable'};
    if (!settled.error) return {status: 'sent', data: settled.data as T};
    this.forget(key);
    return {status: 'refused', error: settled.error};
  }

  /**
   * Calls `listener` for each write of `owner` the server settles later (not those a `send` still
   * waits for). A listener that shows a refusal takes it with `forget`.
   */
  watch(owner: Owner, listener: (settled: Settled) => void): () => void {
    this.start();
    const filtered = (settled: Settled) => {
      if (!this.#awaited.has(settled.entry.key) && sameOwner(settled.entry.owner, owner)) listener(settled);
    };
    this.#watchers.add(filtered);
    return () => this.#watchers.delete(filtered);
  }

  /** Refusals of `owner`'s writes that no element has shown yet; they are forgotten once taken. */
  takeRefusals(owner: Owner): {entry: OutboxEntry; error: ApiError}[] {
    const all = this.#refusals();
    const mine = all.filter((refusal) => sameOwner(refusal.entry.owner, owner));
    if (mine.length) writeStored(refusedKey, JSON.stringify(all.filter((refusal) => !mine.includes(refusal))));
    return mine.map(({entry, status, problem}) => ({entry, error: new ApiError(status, problem)}));
  }

  /** The refusal of this write was shown. */
  forget(key: string): void {
    const all = this.#refusals();
    const kept = all.filter((refusal) => refusal.entry.key !== key);
    if (kept.length !== all.length) writeStored(refusedKey, kept.length ? JSON.stringify(kept) : null);
  }

  /** Whether the write is still waiting. */
  has(key: string): boolean {
    return this.entries().some((entry) => entry.key === key);
  }

  /** Tries every waiting write once, oldest first; a server that fails keeps its later writes waiting. */
  flush(): Promise<void> {
    this.start();
    const locks = typeof navigator.locks?.request === 'function' ? navigator.locks : undefined;
    // One tab delivers at a time, so a write queued in two open tabs is sent once.
    if (!this.#flushing) {
      const delivered = locks ? locks.request(lockName, () => this.#deliverAll()).then(() => undefined) : this.#deliverAll();
      this.#flushing = delivered.finally(() => (this.#flushing = undefined));
    }
    return this.#flushing;
  }

  entries(): OutboxEntry[] {
    const entries = readStoredJson<unknown>(storageKey, []);
    return Array.isArray(entries) ? (entries as OutboxEntry[]) : [];
  }

  #refusals(): StoredRefusal[] {
    const refusals = readStoredJson<unknown>(refusedKey, []);
    return Array.isArray(refusals) ? (refusals as StoredRefusal[]) : [];
  }

  async #deliverAll(): Promise<void> {
    clearTimeout(this.#timer);
    // A server that fails holds back only its own later writes (keeping their order), not another's.
    const failed = new Set<string>();
    const next = () => this.entries().find((entry) => !failed.has(origin(entry)));
    // Read the queue afresh each time: writes made during a flush, or in another tab, join this round.
    for (let entry = next(); entry; entry = next()) {
      try {
        const data = await requestJson(entry.url, {method: 'POST', body: entry.body, headers: {'Idempotency-Key': entry.key, ...kioskHeaders()[origin(entry)]}, retries: 1});
        this.#remove(entry.key);
        this.#settle({entry, data});
      } catch (error) {
        if (error instanceof ApiError && isDefinite(error)) {
          this.#remove(entry.key);
          this.#keepRefusal({entry, status: error.status, problem: error.problem});
          this.#settle({entry, error});
          continue;
        }
        failed.add(origin(entry));
        this.#lastStatus = error instanceof ApiError ? error.status : 0;
        this.#retryAfterMs = Math.max(this.#retryAfterMs, error instanceof ApiError ? (error.retryAfterSeconds ?? 0) * 1000 : 0);
      }
    }
    if (failed.size) {
      this.#schedule(Math.max(this.#delayMs, this.#retryAfterMs));
      this.#delayMs = Math.min(this.#delayMs * 2, maxDelayMs);
    } else {
      this.#delayMs = firstDelayMs;
      this.#lastStatus = undefined;
    }
    this.#retryAfterMs = 0;
  }

  /** Tells this tab's elements, and the other tabs', what became of a write. */
  #settle(settled: Settled): void {
    const {entry, error} = settled;
    this.#channel?.postMessage(error ? {entry, status: error.status, problem: error.problem} : {entry, data: settled.data});
    this.#notify(settled);
  }

  #notify(settled: Settled): void {
    for (const watcher of [...this.#watchers]) watcher(settled);
  }

  #keepRefusal(refusal: StoredRefusal): void {
    writeStored(refusedKey, JSON.stringify([...this.#refusals(), refusal].slice(-maxRefusals)));
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), ms);
  }

  #remove(key: string): void {
    this.#save(this.entries().filter((entry) => entry.key !== key));
  }

  #save(entries: OutboxEntry[]): void {
    const kept = entries.slice(-maxEntries);
    writeStored(storageKey, kept.length ? JSON.stringify(kept) : null);
    this.#count.set(kept.length);
  }
}

/** A 4xx other than 408/429 will not change on retry: the write is settled. */
const isDefinite = (error: ApiError) => error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;

export const outbox = new Outbox();
