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
}

/** Why a write waits: the server could not be reached, or it asked us to slow down (429). */
export type QueueReason = 'unreachable' | 'rate-limited';

export type SendResult<T> = {queued: false; data: T} | {queued: true; reason: QueueReason};

const storageKey = 'kirjasto.outbox';
/** Bound on kept writes: a kiosk offline for a whole day stays well under it. */
const maxEntries = 500;
const firstDelayMs = 2000;
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
  private delayMs = firstDelayMs;
  private lastStatus?: number;
  private retryAfterMs = 0;

  constructor() {
    super();
    this.pending.set(this.entries().length);
    addEventListener('online', () => void this.flush());
    // Another tab of the same site may queue or deliver writes too.
    addEventListener('storage', (event) => {
      if (event.key === storageKey) this.pending.set(this.entries().length);
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void this.flush();
    });
    if (this.pending.get()) this.schedule(500);
  }

  /**
   * Queues the write behind any older ones and delivers the queue in order, so a follow-up (a
   * comment on a rating) never overtakes what it follows. Answers with the server's data once
   * delivered, `{queued: true}` when it must wait, and throws a definite refusal (4xx) as an ApiError.
   */
  async send<T>(url: string, body: unknown, key: string): Promise<SendResult<T>> {
    this.save([...this.entries().filter((entry) => entry.key !== key), {key, url, body, createdAt: Date.now()}]);
    let outcome: {data?: unknown; error?: ApiError} | undefined;
    const listener = (event: Event) => {
      const detail = (event as CustomEvent<{key: string; data?: unknown; error?: ApiError}>).detail;
      if (detail.key === key) outcome = detail;
    };
    this.addEventListener('delivered', listener);
    this.addEventListener('dropped', listener);
    try {
      await this.flush();
    } finally {
      this.removeEventListener('delivered', listener);
      this.removeEventListener('dropped', listener);
    }
    if (outcome?.error) throw outcome.error;
    if (outcome) return {queued: false, data: outcome.data as T};
    return {queued: true, reason: this.lastStatus === 429 ? 'rate-limited' : 'unreachable'};
  }

  /** Tries every waiting write once, oldest first; a server that fails keeps its later writes waiting. */
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
    // A server that fails holds back only its own later writes (keeping their order), not another's.
    const failed = new Set<string>();
    const next = () => this.entries().find((entry) => !failed.has(new URL(entry.url).origin));
    // Read the queue afresh each time: writes made during a flush join this round.
    for (let entry = next(); entry; entry = next()) {
      try {
        const data = await requestJson(entry.url, {method: 'POST', body: entry.body, headers: {'Idempotency-Key': entry.key}, retries: 1});
        this.remove(entry.key);
        this.dispatchEvent(new CustomEvent('delivered', {detail: {key: entry.key, url: entry.url, data}}));
      } catch (error) {
        if (error instanceof ApiError && isDefinite(error)) {
          this.remove(entry.key);
          this.dispatchEvent(new CustomEvent('dropped', {detail: {key: entry.key, url: entry.url, error}}));
          continue;
        }
        failed.add(new URL(entry.url).origin);
        this.lastStatus = error instanceof ApiError ? error.status : 0;
        this.retryAfterMs = Math.max(this.retryAfterMs, error instanceof ApiError ? (error.retryAfterSeconds ?? 0) * 1000 : 0);
      }
    }
    if (failed.size) {
      this.schedule(Math.max(this.delayMs, this.retryAfterMs));
      this.delayMs = Math.min(this.delayMs * 2, maxDelayMs);
    } else {
      this.delayMs = firstDelayMs;
      this.lastStatus = undefined;
    }
    this.retryAfterMs = 0;
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
