// Real server processes (node server/dist/main.js) for the hardening tests: build the server first.
import {spawn, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import postgres from 'postgres';
import type {Db} from '../src/db/db.js';
import {openPglite} from '../src/db/pglite.js';
import {openPostgres} from '../src/db/postgres.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address() as {port: number};
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** Everything printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** Resolves once /api/v1/health answers; rejects if the process ends first. */
  healthy(): Promise<void>;
}

/** Starts the server with `env` on top of a clean environment (no DATABASE_URL unless given). */
export async function startProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), KIRJASTO_DEMO: '1', ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (output += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (output += text));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const url = `http://127.0.0.1:${port}`;
  return {
    child,
    url,
    port,
    output: () => output,
    exited,
    async healthy() {
      let ended = false;
      void exited.then(() => (ended = true));
      for (let i = 0; i < 400 && !ended; i++) {
        try {
          if ((await fetch(`${url}/api/v1/health`)).ok) return;
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`server did not become healthy (${ended ? `exited with ${await exited}` : 'timed out'}):\n${output}`);
    },
  };
}

/** Stops a process if it still runs (SIGKILL: a test's cleanup, not a shutdown under test). */
export async function kill(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGKILL');
  await server.exited;
}

/** Where a spawned server keeps its data: a PGlite folder, or a PostgreSQL schema of its own. */
export interface ProcessStore {
  name: 'pglite' | 'postgres';
  /** Environment that points a server process at this store. */
  env: Record<string, string>;
  /** Opens the store in this test process (after the servers on it have stopped). */
  open(): Promise<Db>;
  cleanup(): Promise<void>;
}

export async function pgliteStore(): Promise<ProcessStore> {
  const dir = await mkdtemp(join(tmpdir(), 'kirjasto-harden-'));
  return {
    name: 'pglite',
    env: {KIRJASTO_DATA_DIR: dir},
    open: () => openPglite(dir),
    cleanup: () => rm(dir, {recursive: true, force: true}),
  };
}

export async function postgresStore(url: string): Promise<ProcessStore> {
  const schema = `kirjasto_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, {onnotice: () => {}, max: 1});
  await admin.unsafe(`create schema ${schema}`);
  // postgres.js passes unknown URL parameters on as startup parameters, so the server works in this schema
  const withSchema = new URL(url);
  withSchema.searchParams.set('search_path', schema);
  return {
    name: 'postgres',
    env: {DATABASE_URL: withSchema.href},
    open: async () => openPostgres(url, {searchPath: schema}),
    async cleanup() {
      await admin.unsafe(`drop schema if exists ${schema} cascade`);
      await admin.end();
    },
  };
}

/** PGlite always; PostgreSQL too when DATABASE_URL is set. */
export const PROCESS_STORES: {name: string; make(): Promise<ProcessStore>}[] = [
  {name: 'pglite', make: pgliteStore},
  ...(process.env.DATABASE_URL ? [{name: 'postgres', make: () => postgresStore(process.env.DATABASE_URL!)}] : []),
];

export const newVoter = () => `voter-${randomBytes(12).toString('hex')}`;
export const newKey = () => `key-${randomBytes(8).toString('hex')}`;

export interface VoteOutcome {
  key: string;
  /** The HTTP status, or the error's code when no answer came (ECONNREFUSED, UND_ERR_SOCKET…). */
  outcome: number | string;
}

/** One vote over HTTP by a new voter under a new Idempotency-Key. */
export async function vote(url: string, pollId: string, optionId: string): Promise<VoteOutcome> {
  const key = newKey();
  try {
    const response = await fetch(`${url}/api/v1/polls/${pollId}/votes`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'Idempotency-Key': key},
      body: JSON.stringify({optionIds: [optionId], voter: newVoter(), channel: 'web'}),
    });
    await response.arrayBuffer();
    return {key, outcome: response.status};
  } catch (error) {
    return {key, outcome: errorCode(error)};
  }
}

/** ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET…: the innermost code of a failed fetch. */
export function errorCode(error: unknown): string {
  let e = error as {code?: string; cause?: unknown; message?: string} | undefined;
  while (e?.cause && !e.code) e = e.cause as typeof e;
  return e?.code ?? e?.message ?? String(error);
}
