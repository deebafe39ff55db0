import {atom} from 'nanostores';
import {ApiError, requestJson} from './api.js';
import {readStoredJson, writeStored} from './storage.js';

/** A write the patron made that has not been confirmed by the server yet. */
export interface OutboxEntry {
  /** The Idempotency-Key, made when the patron acted; every attempt sends it. */
  key: string;
  url: string;
  body: unknown;
  createdAt: number;
  attempts: number;
}

/** Why a write waits: the server could not be reached, or it asked us to slow down (429). */
export type QueueReason = 'unreachable' | 'rate-limited';

export type SendResult<T> = {queued: false; data: T} | {queued: true; reason: QueueReason};

export interface OutboxEvents {
  delivered: CustomEvent<{key: string; url: string; data: unknown}>;
  dropped: CustomEvent<{key: string; url: string; error: ApiError}>;
}

const storageKey = 'kirjasto.outbox';
/** Bound on kept writes: a kiosk offline for a whole day stays well under it. */
const maxEntries = 500;
const maxDelayMs = 5 * 60_000;

/**
 * The offline queue all elements share. A write is stored before its first attempt, so closing the
 * page mid-request loses nothing; it leaves the queue on a 2xx or a definite 4xx only, and is retried
 * with backoff and whenever the browser comes back online or the page becomes visible again.
 */
class Outbox extends EventTarget {
  /** How many writes wait for delivery (a kiosk shows it to staff). */
  readonly pending = atom(0);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> | undefined;
  private delayMs = 2000;

  constructor() {
    super();
    this.pending.set(this.entries().length);
    addEventListener('online', () => void this.flush());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void this.flush();
    });
    if (this.pending.get()) this.schedule(500);
  }

  /**
   * Sends now; if the server cannot be reached or asks to slow down, keeps the write for a later
   * attempt and answers `{queued: true}`. A definite refusal (4xx) is thrown as an ApiError.
   */
  async send<T>(url: string, body: unknown, key: string): Promise<SendResult<T>> {
    this.save([...this.entries().filter((entry) => entry.key !== key), {key, url, body, createdAt: Date.now(), attempts: 0}]);
    try {
      const data = await requestJson<T>(url, {method: 'POST', body, headers: {'Idempotency-Key': key}});
      this.remove(key);
      return {queued: false, data};
    } catch (error) {
      if (error instanceof ApiError && isDefinite(error)) {
        this.remove(key);
        throw error;
      }
      const rateLimited = error instanceof ApiError && error.status === 429;
      this.schedule(rateLimited ? Math.max(this.delayMs, (error.retryAfterSeconds ?? 0) * 1000) : this.delayMs);
      return {queued: true, reason: rateLimited ? 'rate-limited' : 'unreachable'};
    }
  }

  /** Tries every waiting write once, oldest first. */
  flush(): Promise<void> {
    this.flushing ??= this.deliverAll().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  entries(): OutboxEntry[] {
    const entries = readStoredJson<unknown>(storageKey, []);
    return Array.isArray(entries) ? (entries as OutboxEntry[]) : [];
  }

  private async deliverAll(): Promise<void> {
    clearTimeout(this.timer);
    for (const entry of this.entries()) {
      try {
        const data = await requestJson(entry.url, {method: 'POST', body: entry.body, headers: {'Idempotency-Key': entry.key}, retries: 0});
        this.remove(entry.key);
        this.dispatchEvent(new CustomEvent('delivered', {detail: {key: entry.key, url: entry.url, data}}));
      } catch (error) {
        if (error instanceof ApiError && isDefinite(error)) {
          this.remove(entry.key);
          this.dispatchEvent(new CustomEvent('dropped', {detail: {key: entry.key, url: entry.url, error}}));
          continue;
        }
        this.save(this.entries().map((e) => (e.key === entry.key ? {...e, attempts: e.attempts + 1} : e)));
        this.delayMs = Math.min(this.delayMs * 2, maxDelayMs);
        this.schedule(this.delayMs);
        return;
      }
    }
    this.delayMs = 2000;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), ms);
  }

  private remove(key: string): void {
    this.save(this.entries().filter((entry) => entry.key !== key));
  }

  private save(entries: OutboxEntry[]): void {
    const kept = entries.slice(-maxEntries);
    writeStored(storageKey, kept.length ? JSON.stringify(kept) : null);
    this.pending.set(kept.length);
  }
}

/** A 4xx other than 408/429 will not change on retry: the write is settled. */
const isDefinite = (error: ApiError) => error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;

export const outbox = new Outbox();
