// Starts real reference servers (PGlite, demo content) for the browser and end-to-end tests.
//
// A fresh PGlite folder costs a few seconds to create, migrate and seed, and far more on a busy
// machine (33 s was seen at load 8-13 on 2 cores). So the demo content is made once per test run:
// one server starts on an empty folder with KIRJASTO_DEMO=1, migrates and seeds it, and stops; every
// TestServer then starts on its own copy of that folder, which only has to be reopened.
import {spawn} from 'node:child_process';
import {cpSync, mkdtempSync, rmSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/** How long a server may take to answer /api/v1/health; generous, as a busy CI machine needs. */
const startTimeoutMs = Number(process.env.KIRJASTO_TEST_START_TIMEOUT_MS) || 120_000;
const mainJs = 'server/dist/main.js';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The last `limit` characters a stream wrote, for an error message. */
function tailOf(stream, limit = 4000) {
  let tail = '';
  stream.setEncoding('utf8').on('data', (text) => {
    tail = (tail + text).slice(-limit);
  });
  return () => tail.trimEnd();
}

/**
 * Spawns the reference server on `dataDir` and resolves once /api/v1/health answers 200. Rejects
 * when the server exits first or does not answer within the timeout, saying why: the exit code or
 * signal, the last health-check error and the tail of the server's stderr.
 */
async function spawnServer({label, port, dataDir, env, onStdout}) {
  const started = performance.now();
  const child = spawn(process.execPath, [mainJs], {
    env: {...process.env, DATABASE_URL: '', PORT: String(port), KIRJASTO_DATA_DIR: dataDir, KIRJASTO_DEMO: '1', ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderrTail = tailOf(child.stderr);
  child.stderr.on('data', (text) => process.stderr.write(text));
  child.stdout.setEncoding('utf8').on('data', (text) => onStdout?.(text));
  const url = `http://127.0.0.1:${port}/api/v1/health`;
  const why = (headline, lastError) =>
    new Error(
      [
        `${label}: ${headline} (${mainJs}, port ${port}, data ${dataDir}, after ${Math.round(performance.now() - started)} ms)`,
        lastError ? `last health check: ${lastError}` : undefined,
        `server stderr (tail):\n${stderrTail() || '(empty)'}`,
      ]
        .filter(Boolean)
        .join('\n'),
    );
  let exit;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exit = {code, signal}))));
  let lastError;
  const deadline = started + startTimeoutMs;
  while (!exit) {
    try {
      const response = await fetch(url, {signal: AbortSignal.timeout(5000)});
      if (response.ok) return {child, exited, ms: performance.now() - started};
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error.cause?.code ?? error.cause?.message ?? error.message;
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      throw why(`the server did not answer ${url} within ${startTimeoutMs / 1000} s (KIRJASTO_TEST_START_TIMEOUT_MS)`, lastError);
    }
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 100)), exited]);
  }
  throw why(`the server exited ${exit.signal ? `on ${exit.signal}` : `with code ${exit.code}`} before it was healthy`, lastError);
}

async function stopChild(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await exited;
}

let seed;

/**
 * The folder with the migrated, seeded demo store, made once per process (see the top of this file),
 * or once per vitest run: test/support/seed-once.mjs seeds it before the test files' processes start
 * and names it in KIRJASTO_TEST_SEED_DIR, which those processes inherit.
 */
export function seededDataDir() {
  const shared = process.env.KIRJASTO_TEST_SEED_DIR;
  if (shared) return Promise.resolve({dataDir: shared, ms: 0});
  seed ??= (async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kirjasto-seed-'));
    const {child, exited, ms} = await spawnServer({label: 'seeding the shared demo store', port: await freePort(), dataDir, env: {}});
    await stopChild(child, exited);
    process.once('exit', () => rmSync(dataDir, {recursive: true, force: true}));
    return {dataDir, ms};
  })();
  return seed;
}

/**
 * A reference server process on its own copy of the seeded store; `stop()` and `start()` again keep
 * its data folder (a restart), `reset()` goes back to the freshly seeded content.
 */
export class TestServer {
  constructor(env = {}) {
    this.env = env;
    this.dataDir = mkdtempSync(join(tmpdir(), 'kirjasto-test-'));
    this.copied = false;
    this.port = undefined;
    this.child = undefined;
    /** Milliseconds the last start took until healthy (not counting the shared seeding). */
    this.startMs = undefined;
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    if (this.child) return;
    this.port ??= await freePort();
    if (!this.copied) {
      cpSync((await seededDataDir()).dataDir, this.dataDir, {recursive: true});
      this.copied = true;
    }
    const {child, exited, ms} = await spawnServer({
      label: `test server ${JSON.stringify(this.env)}`,
      port: this.port,
      dataDir: this.dataDir,
      env: this.env,
      // main.ts prints the demo tenant's moderation token; tests act as the librarian with it.
      onStdout: (text) => {
        this.moderationToken = /Moderation token \(demo tenant\): (\S+)/.exec(text)?.[1] ?? this.moderationToken;
      },
    });
    this.child = child;
    this.exited = exited;
    this.startMs = ms;
    // A server that dies under a test is no longer running: a later start() starts it again.
    exited.then(() => {
      if (this.child === child) this.child = undefined;
    });
  }

  /**
   * A moderation API call as the demo library's staff, with the demo's moderator API token. The
   * moderation endpoints live under /api/v1/admin/tenants/{tenant}/; a path without a tenant is the demo's.
   */
  async moderate(method, path, body) {
    const tenantPath = path.replace(/^\/api\/v1\/admin\/(?!tenants\/|session)/, '/api/v1/admin/tenants/demo/');
    const response = await fetch(`${this.url}${tenantPath}`, {
      method,
      headers: {Authorization: `Bearer ${this.moderationToken}`, 'Content-Type': 'application/json', 'Idempotency-Key': `test-${Date.now()}-${Math.random()}`},
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {status: response.status, body: await response.json().catch(() => null)};
  }

  async stop() {
    const child = this.child;
    if (!child) return;
    await stopChild(child, this.exited);
    this.child = undefined;
  }

  /** Stops the server, puts back the freshly seeded store and starts it again (same port). */
  async reset() {
    await this.stop();
    rmSync(this.dataDir, {recursive: true, force: true});
    this.copied = false;
    await this.start();
  }

  async dispose() {
    await this.stop();
    rmSync(this.dataDir, {recursive: true, force: true});
  }
}
