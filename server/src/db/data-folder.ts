import {readFileSync} from 'node:fs';
import {mkdir, open, readFile, stat, unlink, utimes, writeFile} from 'node:fs/promises';
import {hostname} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {ConfigError} from '../config-error.js';

/** The file in PGlite's folder that says which server process has the folder open. */
export const LOCK_FILE = 'kirjasto.lock';

// A holder on another host (a container with a shared volume) is alive while it touches the file.
const HEARTBEAT_MS = 1_000;
const STALE_AFTER_MS = 10_000;

interface Holder {
  pid: number;
  host: string;
  /** Linux: the process's start time in clock ticks since boot, so a reused PID is not taken for the holder. */
  started: string | null;
  since: string;
}

export interface FolderLock {
  /** The folder, absolute. */
  readonly path: string;
  /** Writes the lock file again (loading a cluster copy into a new folder replaces the folder's files). */
  reassert(): Promise<void>;
  release(): Promise<void>;
}

const held = new Set<string>();

/**
 * Creates PGlite's folder if needed and locks it to this process; refuses, naming the folder,
 * when another live process holds it. A lock left by a process that died (SIGKILL, a crash) is taken over.
 */
export async function lockDataFolder(dataDir: string): Promise<FolderLock> {
  const path = resolve(dataDir);
  await createFolder(path);
  const file = join(path, LOCK_FILE);
  if (held.has(file)) throw new ConfigError('KIRJASTO_DATA_DIR', `names a folder already open in this process: ${path}`);
  const me: Holder = {pid: process.pid, host: hostname(), started: startTicks(process.pid), since: new Date().toISOString()};
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(JSON.stringify(me) + '\n');
      await handle.close();
      break;
    } catch (error) {
      if (code(error) !== 'EEXIST' || attempt >= 3) throw folderError(path, error);
    }
    const text = await readFile(file, 'utf8').catch(() => '');
    const holder = parseHolder(text);
    if (!holder && Date.now() - ((await mtime(file)) ?? 0) < 2_000) {
      await sleep(100); // just created by a process that is still writing it
      attempt--;
      continue;
    }
    if (holder && (await alive(holder, file))) {
      throw new ConfigError(
        'KIRJASTO_DATA_DIR',
        `names a folder already in use by process ${holder.pid} on ${holder.host} (since ${holder.since}): ${path}. ` +
          'One PGlite folder serves one server process: stop that one, give this one another KIRJASTO_DATA_DIR, ' +
          `or use PostgreSQL (DATABASE_URL) for several instances. If no such process runs, delete ${file}.`,
      );
    }
    // Stale (or half-written by a process that died at once): remove it unless it changed meanwhile.
    if ((await readFile(file, 'utf8').catch(() => '')) === text) await unlink(file).catch(() => {});
    if (holder) console.log(`kirjasto: took over ${file} from process ${holder.pid}, which no longer runs`);
  }
  held.add(file);
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(file, now, now).catch(() => {});
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    path,
    async reassert() {
      await writeFile(file, JSON.stringify(me) + '\n');
    },
    async release() {
      clearInterval(heartbeat);
      held.delete(file);
      const holder = parseHolder(await readFile(file, 'utf8').catch(() => ''));
      if (holder?.pid === me.pid && holder.host === me.host) await unlink(file).catch(() => {});
    },
  };
}

/** mkdir -p one level at a time: Node's recursive mkdir never returns on some paths (/proc/…). */
async function createFolder(path: string): Promise<void> {
  const missing: string[] = [];
  for (let dir = path; ; dir = dirname(dir)) {
    const found = await stat(dir).catch((error: unknown) => {
      if (code(error) === 'ENOENT') return undefined;
      throw folderError(path, error);
    });
    if (found) {
      if (!found.isDirectory()) throw new ConfigError('KIRJASTO_DATA_DIR', `must be a folder, and ${dir} is a file`);
      break;
    }
    if (dirname(dir) === dir) break;
    missing.unshift(dir);
  }
  for (const dir of missing) {
    await mkdir(dir).catch((error: unknown) => {
      if (code(error) !== 'EEXIST') throw folderError(path, error);
    });
  }
}

async function alive(holder: Holder, file: string): Promise<boolean> {
  if (holder.host !== hostname()) {
    // Its PID means nothing here: it is alive while it keeps touching the file.
    const touched = await mtime(file);
    while (touched !== undefined && Date.now() - touched < STALE_AFTER_MS) {
      await sleep(HEARTBEAT_MS);
      if ((await mtime(file)) !== touched) return true;
    }
    return false;
  }
  if (holder.pid === process.pid) return false; // a lock of an earlier life of this PID (a restarted container)
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if (code(error) === 'ESRCH') return false;
  }
  const started = startTicks(holder.pid);
  return !(started && holder.started && started !== holder.started);
}

const mtime = async (file: string) => (await stat(file).catch(() => undefined))?.mtimeMs;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Linux: field 22 of /proc/<pid>/stat, the start time in ticks since boot; null elsewhere. */
function startTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function parseHolder(text: string): Holder | undefined {
  try {
    const holder = JSON.parse(text) as Holder;
    return Number.isInteger(holder.pid) && typeof holder.host === 'string' ? holder : undefined;
  } catch {
    return undefined;
  }
}

const code = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

function folderError(path: string, error: unknown): ConfigError {
  const why = (error as NodeJS.ErrnoException).code ?? String(error);
  return new ConfigError('KIRJASTO_DATA_DIR', `names a folder that cannot be created or written: ${path} (${why})`);
}
