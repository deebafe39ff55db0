/**
 * Values loaded once and shared by concurrent callers, kept for `ttlMs`. `clear()` drops everything;
 * `invalidate(key)` marks one entry as older than a write this instance made, so a `get` loads it again
 * while a `get(…, {anyAge: true})` may still use it. A load that started before a `clear()` is never
 * kept, so a change is not hidden by a read that raced it. Misses (`undefined`) and failures are not kept
 * either: a resource created a moment later is found.
 */
export class LoadingCache<K, V> {
  private readonly entries = new Map<K, {at: number; value: Promise<V>; invalid: boolean}>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: K, load: () => Promise<V>, options: {anyAge?: boolean} = {}): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs && (!hit.invalid || options.anyAge)) return hit.value;
    const generation = this.generation;
    const entry = {at: now, value: load(), invalid: false};
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
    const drop = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    entry.value.then((value) => {
      if (value === undefined || generation !== this.generation) drop();
    }, drop);
    return entry.value;
  }

  invalidate(key: K): void {
    const hit = this.entries.get(key);
    if (hit) hit.invalid = true;
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
