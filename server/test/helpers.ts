import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {randomBytes} from 'node:crypto';
import type {AddressInfo} from 'node:net';
import {serve} from '@hono/node-server';
import postgres from 'postgres';
import {createApp} from '../src/app.js';
import {loadConfig, type Config} from '../src/config.js';
import type {Db} from '../src/db/db.js';
import {migrate} from '../src/db/migrate.js';
import {openPglite} from '../src/db/pglite.js';
import {openPostgres} from '../src/db/postgres.js';
import {seedDemo} from '../src/demo/seed.js';

export interface OpenedStore {
  db: Db;
  /** Closes this handle and opens the same storage again (durability checks). */
  reopen(): Promise<Db>;
  cleanup(): Promise<void>;
}

export interface StoreKind {
  name: 'pglite' | 'postgres';
  open(): Promise<OpenedStore>;
}

/** New test folders start from the cached copy of an empty cluster, as the server's do (no initdb in each). */
const pgliteTemplateDir = loadConfig({}).pgliteTemplateDir;

const pglite: StoreKind = {
  name: 'pglite',
  async open() {
    const dir = await mkdtemp(join(tmpdir(), 'kirjasto-test-'));
    const handle = {db: await openPglite(dir, {templateDir: pgliteTemplateDir})};
    return {
      get db() {
        return handle.db;
      },
      async reopen() {
        await handle.db.close();
        handle.db = await openPglite(dir);
        return handle.db;
      },
      async cleanup() {
        await handle.db.close().catch(() => {});
        await rm(dir, {recursive: true, force: true});
      },
    };
  },
};

const postgresStore = (url: string): StoreKind => ({
  name: 'postgres',
  async open() {
    const schema = `kirjasto_test_${randomBytes(6).toString('hex')}`;
    const admin = postgres(url, {onnotice: () => {}, max: 1});
    await admin.unsafe(`create schema ${schema}`);
    const handle = {db: openPostgres(url, {searchPath: schema})};
    return {
      get db() {
        return handle.db;
      },
      async reopen() {
        await handle.db.close();
        handle.db = openPostgres(url, {searchPath: schema});
        return handle.db;
      },
      async cleanup() {
        await handle.db.close().catch(() => {});
        await admin.unsafe(`drop schema if exists ${schema} cascade`);
        await admin.end();
      },
    };
  },
});

/** PGlite always; PostgreSQL too when DATABASE_URL is set. Use with describe.each. */
export const STORES: StoreKind[] = [pglite, ...(process.env.DATABASE_URL ? [postgresStore(process.env.DATABASE_URL)] : [])];

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({PORT: '8787'}),
    publicUrl: 'http://localhost:8787',
    widgetsDir: join(tmpdir(), 'kirjasto-no-widgets-here'),
    rateLimitWrites: 100_000,
    rateLimitReads: 100_000,
    rateLimitKiosk: 100_000,
    ...overrides,
  };
}

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** The app on a real listening socket (port 0). */
export async function startServer(db: Db, config: Config = testConfig()): Promise<TestServer> {
  const app = createApp({db, config});
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({fetch: app.fetch, port: 0, hostname: '127.0.0.1'}, () => resolve(s));
  });
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A store, migrated and seeded with the demo content, and a server on it. */
export async function setUp(kind: StoreKind, config?: Config) {
  const store = await kind.open();
  await migrate(store.db);
  await seedDemo(store.db);
  const server = await startServer(store.db, config);
  return {
    store,
    server,
    url: server.url,
    async tearDown() {
      await server.close();
      await store.cleanup();
    },
  };
}

export const newVoter = () => `voter-${randomBytes(12).toString('hex')}`;
export const newKey = () => `key-${randomBytes(8).toString('hex')}`;

export interface VoteOptions {
  key?: string | null;
  origin?: string;
  headers?: Record<string, string>;
}

export function postVote(url: string, pollId: string, body: unknown, options: VoteOptions = {}) {
  const headers: Record<string, string> = {'Content-Type': 'application/json', ...options.headers};
  const key = options.key === undefined ? newKey() : options.key;
  if (key !== null) headers['Idempotency-Key'] = key;
  if (options.origin) headers.Origin = options.origin;
  return fetch(`${url}/api/v1/polls/${pollId}/votes`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export async function expectProblem(response: Response, status: number, slug: string) {
  const body = (await response.json()) as Record<string, unknown>;
  if (response.status !== status || body.type !== `urn:kirjasto:problem:${slug}`) {
    throw new Error(`expected ${status} ${slug}, got ${response.status} ${JSON.stringify(body)}`);
  }
  if (!response.headers.get('content-type')?.startsWith('application/problem+json')) {
    throw new Error(`problem without application/problem+json: ${response.headers.get('content-type')}`);
  }
  if (body.status !== status || typeof body.title !== 'string') throw new Error(`bad problem body ${JSON.stringify(body)}`);
  return body as {type: string; title: string; status: number; detail?: string; errors?: {path: string; message: string}[]; [k: string]: unknown};
}
