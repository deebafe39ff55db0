/**
 * A value that tells its listeners when it changes: what the elements' stores are made of. Our own
 * rather than a library's: the elements only get, set and listen (no batching, no lifecycle), and
 * this is the whole of that.
 */
export interface ReadableAtom<T> {
  get(): T;
  /** Calls `listener` with each new value from now on; the returned function stops it. */
  listen(listener: (value: T) => void): () => void;
}

export interface WritableAtom<T> extends ReadableAtom<T> {
  /** Listeners hear of a new value, not of the same one set again. */
  set(value: T): void;
}

export function atom<T>(value: T): WritableAtom<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      // A listener that stops others, or itself, while they are told does not skip any.
      for (const listener of [...listeners]) listener(value);
    },
    listen(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
