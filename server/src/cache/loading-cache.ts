/**
 * Values loaded once and shared by concurrent callers, kept for `ttlMs`. `clear()` drops everything;
 * `invalidate(key)` marks one entry as older than a write this instance made, so a `get` loads it again
 * while a `get(…, {anyAge: true})` may still use it. A load that started before a `clear()` is never
 * kept, so a change is not hidden by a read that raced it. Misses (`undefined`) and failures are not kept
 * either: a resource created a moment later is found.
 *
 * With `refreshAfterMs`, an entry used after that age is loaded again in the background while callers
 * still get the one they have (never older than `ttlMs`): under steady use nobody waits for a reload,
 * which would otherwise hold back every request arriving while it runs, once per `ttlMs`.
 */
export class LoadingCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly refreshAfterMs?: number,
  ) {}

  get(key: K, load: () => Promise<V>, options: {anyAge?: boolean} = {}): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs && (!hit.invalid || options.anyAge)) {
      if (this.refreshAfterMs !== undefined && now - hit.at >= this.refreshAfterMs && !hit.refreshing) this.refresh(key, hit, load, now);
      return hit.value;
    }
    const generation = this.generation;
    const entry: Entry<V> = {at: now, value: load(), invalid: false, writes: 0, refreshing: false};
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

  /** Loads `key` again while `hit` still serves; the new value replaces it unless it was cleared or replaced meanwhile. */
  private refresh(key: K, hit: Entry<V>, load: () => Promise<V>, now: number): void {
    hit.refreshing = true;
    const generation = this.generation;
    const writes = hit.writes;
    const value = load();
    value.then(
      (loaded) => {
        hit.refreshing = false;
        if (loaded === undefined || generation !== this.generation || this.entries.get(key) !== hit) return;
        // A write invalidated after this load began may be missing from it: the new entry stays invalid.
        this.entries.set(key, {at: now, value, invalid: hit.writes !== writes, writes: 0, refreshing: false});
      },
      () => (hit.refreshing = false),
    );
  }

  invalidate(key: K): void {
    const hit = this.entries.get(key);
    if (!hit) return;
    hit.invalid = true;
    hit.writes++;
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}

interface Entry<V> {
  at: number;
  value: Promise<V>;
  invalid: boolean;
  /** invalidate() calls, so that a background load knows whether a write came after it began. */
  writes: number;
  refreshing: boolean;
}
