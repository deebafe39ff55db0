import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {LoadingCache} from '../src/cache/loading-cache.js';

/** A load whose promise the test settles: what a query in flight looks like to the cache. */
function loads() {
  const pending: ((value: number) => void)[] = [];
  const load = vi.fn(() => new Promise<number>((resolve) => pending.push(resolve)));
  return {load, settle: (value: number) => pending.shift()!(value)};
}
const flush = () => new Promise((r) => setImmediate(r));

/** A cache holding 1 for `k`, loaded `ageMs` ago (counts live 1 s and are read again after 500 ms). */
async function cacheAged(ageMs: number) {
  const cache = new LoadingCache<string, number>(1000, 100, 500);
  const {load, settle} = loads();
  const first = cache.get('k', load);
  settle(1);
  await first;
  vi.advanceTimersByTime(ageMs);
  return {cache, load, settle};
}

describe('LoadingCache with refresh ahead', () => {
  beforeEach(() => vi.useFakeTimers({toFake: ['Date']}));
  afterEach(() => vi.useRealTimers());

  it('keeps answering with the entry it has while it loads a newer one, never past its age', async () => {
    const cache = new LoadingCache<string, number>(1000, 100, 500);
    const {load, settle} = loads();
    const first = cache.get('k', load);
    settle(1);
    expect(await first).toBe(1);
    vi.advanceTimersByTime(400);
    expect(await cache.get('k', load)).toBe(1);
    expect(load).toHaveBeenCalledTimes(1); // young enough: no reload
    vi.advanceTimersByTime(200); // 600 ms old: served, and read again in the background
    expect(await cache.get('k', load)).toBe(1);
    expect(await cache.get('k', load)).toBe(1);
    expect(load).toHaveBeenCalledTimes(2); // one background load, however many callers
    settle(2);
    await flush();
    expect(await cache.get('k', load)).toBe(2);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('waits for a fresh load once the entry is past its age', async () => {
    const {cache, load, settle} = await cacheAged(1000);
    const second = cache.get('k', load);
    settle(2);
    expect(await second).toBe(2);
  });

  it('does not let a background load that began before a write count as seeing it', async () => {
    const {cache, load, settle} = await cacheAged(600);
    await cache.get('k', load); // starts the background load
    cache.invalidate('k'); // a write commits while it runs
    settle(2);
    await flush();
    expect(await cache.get('k', load, {anyAge: true})).toBe(2);
    const afterWrite = cache.get('k', load); // a read after the write loads again
    expect(load).toHaveBeenCalledTimes(3);
    settle(3);
    expect(await afterWrite).toBe(3);
  });

  it('keeps nothing that a background load found after a clear', async () => {
    const {cache, load, settle} = await cacheAged(600);
    await cache.get('k', load);
    cache.clear();
    settle(2);
    await flush();
    const next = cache.get('k', load);
    expect(load).toHaveBeenCalledTimes(3);
    settle(3);
    expect(await next).toBe(3);
  });
});
