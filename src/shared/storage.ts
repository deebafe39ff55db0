/**
 * localStorage that degrades to memory where storage is blocked (private modes, sandboxed iframes)
 * or full (the host site filled its quota), so a widget still works for the visit. A value that
 * could only be kept in memory is read from there first, or the older stored one would win.
 */
const memory = new Map<string, string>();

export function readStored(key: string): string | null {
  if (memory.has(key)) return memory.get(key)!;
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
    memory.delete(key);
  } catch {
    if (value === null) memory.delete(key);
    else memory.set(key, value);
  }
}

export function readStoredJson<T>(key: string, fallback: T): T {
  const raw = readStored(key);
  if (raw === null) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}
