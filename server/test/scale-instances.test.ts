import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {readdirSync, statSync} from 'node:fs';
import {createServer, request, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import postgres from 'postgres';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {newKey, newVoter, postVote} from './helpers.js';
import {newResponseId, postResponse} from './ratings-helpers.js';
import {support} from './ideas-helpers.js';

const SERVER = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(SERVER, 'dist/main.js');
const url = process.env.DATABASE_URL;

/** server/dist, built again when any source is newer (these tests run the real server processes). */
function ensureBuilt(): void {
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, {withFileTypes: true}).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
  let built = 0;
  try {
    built = statSync(MAIN).mtimeMs;
  } catch {}
  if (built >= newest(join(SERVER, 'src'))) return;
  const tsc = spawnSync(process.execPath, [join(SERVER, '../node_modules/typescript/bin/tsc'), '-p', join(SERVER, 'tsconfig.json')], {encoding: 'utf8'});
  if (tsc.status !== 0) throw new Error(`building the server failed:\n${tsc.stdout}${tsc.stderr}`);
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const {port} = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

interface Instance {
  url: string;
  child: ChildProcess;
  log: () => string;
}

const WRITES_PER_MINUTE = 400;
const IDEAS_PER_PATRON = 3;

async function startInstance(databaseUrl: string, redisUrl: string | undefined): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      KIRJASTO_DEMO: '1',
      KIRJASTO_PUBLIC_URL: `http://127.0.0.1:${port}`,
      // The limits hold per client address (X-Forwarded-For here): each test below uses its own.
      KIRJASTO_TRUST_PROXY: '1',
      KIRJASTO_RATE_LIMIT_WRITES: String(WRITES_PER_MINUTE),
      KIRJASTO_RATE_LIMIT_READS: '100000',
      KIRJASTO_RATE_LIMIT_KIOSK: '100000',
      KIRJASTO_RATE_LIMIT_IDEAS: String(IDEAS_PER_PATRON),
      KIRJASTO_FORM_MIN_AGE_MS: '0',
      ...(redisUrl ? {REDIS_URL: redisUrl} : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log}`);
    if (await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`no answer within 30 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {url: base, child, log: () => log};
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** A round-robin proxy on loopback: request n goes to instance n mod 2. */
async function roundRobin(targets: string[]): Promise<{url: string; server: Server}> {
  let n = 0;
  const server = createServer((req, res) => {
    const target = new URL(targets[n++ % targets.length]!);
    const upstream = request({host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers}, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server};
}

/** Retries `check` until it passes or `ms` runs out: for what another instance shows within its cache's age. */
async function eventually(check: () => Promise<void>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({length: limit}, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]!();
      }
    }),
  );
  return results;
}

/** REDIS_URL, or Redis on its default port here when something answers there. */
async function redisUrl(): Promise<string | undefined> {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  const {connect} = await import('node:net');
  const up = await new Promise<boolean>((resolve) => {
    const s = connect(6379, '127.0.0.1', () => (s.end(), resolve(true)));
    s.on('error', () => resolve(false));
    s.setTimeout(500, () => (s.destroy(), resolve(false)));
  });
  return up ? 'redis://127.0.0.1:6379' : undefined;
}

const address = () => `203.0.113.${1 + Math.floor(Math.random() * 250)}, 10.0.0.${Math.floor(Math.random() * 250)}`;

describe.skipIf(!url)('two server processes on one PostgreSQL behind a round-robin proxy', () => {
  let admin: postgres.Sql;
  let sql: postgres.Sql;
  let database: string;
  let instances: Instance[] = [];
  let proxy: {url: string; server: Server};
  let redis: string | undefined;

  beforeAll(async () => {
    ensureBuilt();
    database = `kirjasto_scale_${randomBytes(5).toString('hex')}`;
    admin = postgres(url!, {max: 1, onnotice: () => {}});
    await admin.unsafe(`create database ${database}`);
    const u = new URL(url!);
    u.pathname = `/${database}`;
    redis = await redisUrl();
    // One instance first: it migrates and seeds; the second finds it done.
    instances = [await startInstance(u.href, redis)];
    instances.push(await startInstance(u.href, redis));
    proxy = await roundRobin(instances.map((i) => i.url));
    sql = postgres(u.href, {max: 2, onnotice: () => {}});
  }, 120_000);

  afterAll(async () => {
    await new Promise((r) => proxy?.server.close(r));
    await Promise.all(instances.map((i) => stop(i.child)));
    await sql?.end();
    await admin?.unsafe(`drop database if exists ${database} with (force)`);
    await admin?.end();
  });

  it('counts votes, rating responses and supports sent through both once each', async () => {
    const before = (await (await fetch(`${proxy.url}/api/v1/polls/demo-poll-multi/results`)).json()) as {total: number};
    const votes = await pool(
      Array.from({length: 120}, (_, i) => () => postVote(proxy.url, 'demo-poll-multi', {optionIds: [i % 2 ? 'loans' : 'events'], voter: newVoter(), channel: 'web'}).then((r) => r.status)),
      30,
    );
    expect(votes.every((s) => s === 201)).toBe(true);
    // A registered kiosk: only with its token do the answers count as kiosk (no one-a-day rule).
    const unlocked = await fetch(`${proxy.url}/api/v1/kiosk/unlock`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({rating: 'demo-rating', pin: '2468'})});
    const kiosk = {'Kirjasto-Kiosk': ((await unlocked.json()) as {kioskToken: string}).kioskToken};
    const responses = await pool(
      Array.from({length: 60}, (_, i) => () =>
        postResponse(proxy.url, 'demo-rating', {responseId: newResponseId(), score: 1 + (i % 5), voter: 'scale-kiosk-device-01', channel: 'kiosk'}, {key: newKey(), headers: kiosk}).then((r) => r.status),
      ),
      30,
    );
    expect(responses.every((s) => s === 201)).toBe(true);
    const [idea] = await sql<{id: string}[]>`select id from ideas where state = 'published' and merged_into is null order by id limit 1`;
    const supportsOf = async (url: string) => ((await (await fetch(`${url}/api/v1/ideas/${idea!.id}`)).json()) as {supports: number}).supports;
    const supportsBefore = await supportsOf(proxy.url);
    const supporters = Array.from({length: 40}, () => newVoter());
    const supports = await pool(supporters.map((voter) => () => support(proxy.url, idea!.id, {voter}).then((r) => r.status)), 20);
    expect(supports.every((s) => s === 200)).toBe(true);
    // and ten of them withdraw, through both instances again
    const withdrawals = await pool(supporters.slice(0, 10).map((voter) => () => support(proxy.url, idea!.id, {voter, supported: false}).then((r) => r.status)), 10);
    expect(withdrawals.every((s) => s === 200)).toBe(true);

    const [stored] = await sql<{n: number}[]>`select count(*)::int as n from votes where poll_id = 'demo-poll-multi'`;
    expect(stored!.n).toBe(before.total + 120);
    // Each instance shows every vote, whichever took it, within its counts' age.
    for (const instance of instances) {
      await eventually(async () => {
        const results = (await (await fetch(`${instance.url}/api/v1/polls/demo-poll-multi/results`)).json()) as {total: number};
        expect(results.total).toBe(before.total + 120);
      });
    }
    const [rated] = await sql<{n: number}[]>`select count(*)::int as n from rating_responses where voter_hash is not null and channel = 'kiosk' and response_id like 'r-%'`;
    expect(rated!.n).toBe(60);
    // Exact on both at once: the rolled-up supports plus the changes since, whichever instance rolled up.
    for (const instance of instances) expect(await supportsOf(instance.url)).toBe(supportsBefore + 30);
    const [rows] = await sql<{n: number}[]>`select count(*)::int as n from idea_supports where idea_id = ${idea!.id}`;
    expect(rows!.n).toBe(supportsBefore + 30);
  });

  it('stores one vote for one Idempotency-Key sent to both instances at once, and answers both alike', async () => {
    const key = newKey();
    const vote = {optionIds: ['spaces'], voter: newVoter(), channel: 'web'};
    const answers = await Promise.all(instances.map((i) => postVote(i.url, 'demo-poll-multi', vote, {key})));
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    const bodies = await Promise.all(answers.map((a) => a.json()));
    expect(bodies[0]).toEqual(bodies[1]);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(1); // the other stored it
    const [row] = await sql<{n: number}[]>`select count(*)::int as n from idempotency_keys where key = ${key}`;
    expect(row!.n).toBe(1);
  });

  it('drops cached content on every instance when a poll changes, long before the cache would expire', async () => {
    const [a, b] = instances as [Instance, Instance];
    const question = async (instance: Instance) => ((await (await fetch(`${instance.url}/api/v1/polls/demo-poll`)).json()) as {question: {en: string}}).question.en;
    const original = await question(b); // cached on b now
    expect(await question(b)).toBe(original);
    const changed = `Changed ${newKey()}`;
    await sql`update polls set question = question || ${sql.json({en: changed})} where id = 'demo-poll'`;
    const started = Date.now();
    await eventually(async () => expect(await question(b)).toBe(changed), 3000);
    await eventually(async () => expect(await question(a)).toBe(changed), 3000);
    expect(Date.now() - started).toBeLessThan(3000); // the content cache keeps entries for 60 s otherwise
  });

  it('holds one write limit for a client across both instances (Redis)', async (ctx) => {
    if (!redis) return ctx.skip(); // without REDIS_URL each instance counts its own: see docs/scaling.md
    const from = {'X-Forwarded-For': address()};
    // Invalid votes still count against the limit, and write nothing.
    const send = (i: number) => fetch(`${instances[i % 2]!.url}/api/v1/polls/demo-poll/votes`, {method: 'POST', headers: {...from, 'Content-Type': 'application/json', 'Idempotency-Key': newKey()}, body: '{}'});
    const statuses = await pool(Array.from({length: WRITES_PER_MINUTE}, (_, i) => () => send(i).then((r) => r.status)), 20);
    expect([...new Set(statuses)]).toEqual([400]); // validation
    // Each instance took half: per instance, both would still let this client write.
    expect((await send(0)).status).toBe(429);
    expect((await send(1)).status).toBe(429);
  });

  it('holds one idea limit for a patron across both instances (Redis)', async (ctx) => {
    if (!redis) return ctx.skip();
    const from = {'X-Forwarded-For': address()};
    const voter = newVoter();
    const {formToken} = (await (await fetch(`${instances[0]!.url}/api/v1/idea-boxes/demo-ideas`)).json()) as {formToken: string};
    const send = (i: number) =>
      fetch(`${instances[i % 2]!.url}/api/v1/idea-boxes/demo-ideas/ideas`, {
        method: 'POST',
        headers: {...from, 'Content-Type': 'application/json', 'Idempotency-Key': newKey()},
        body: JSON.stringify({text: `Idea ${i} (${newKey()}) for the library`, voter, channel: 'web', formToken}),
      });
    for (let i = 0; i < IDEAS_PER_PATRON; i++) expect((await send(i)).status).toBe(201);
    // Per instance, each would still take this patron's next idea.
    expect((await send(0)).status).toBe(429);
    expect((await send(1)).status).toBe(429);
  });

  it('locks a client out after five wrong kiosk PINs spread over both instances (Redis)', async (ctx) => {
    if (!redis) return ctx.skip();
    const from = {'X-Forwarded-For': address()};
    const unlock = (i: number, pin: string) =>
      fetch(`${instances[i % 2]!.url}/api/v1/kiosk/unlock`, {method: 'POST', headers: {...from, 'Content-Type': 'application/json'}, body: JSON.stringify({rating: 'demo-rating', pin})});
    for (let i = 0; i < 5; i++) expect((await unlock(i, `wrong-${i}`)).status).toBe(403);
    expect((await unlock(0, '2468')).status).toBe(429);
    expect((await unlock(1, '2468')).status).toBe(429);
  });
});
