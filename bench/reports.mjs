#!/usr/bin/env node
/**
 * Reports at scale (issue 10, point 9): 1,000,000 votes and 1,000,000 rating answers over a year
 * (bench/seed-reports.mjs), on PGlite and on PostgreSQL. Measures the CSV export of each million rows
 * (time, and the server's resident memory sampled from /proc every 50 ms: flat means the peak stays
 * near the memory before the export), a patron's vote while the export streams, and p50/p99 of the main
 * report views over HTTP (reports/ratings/{id}, reports/polls/{id}, reports/summary; skipped when the
 * server has no such route yet). Goal: every report view under 200 ms p99 on PostgreSQL.
 *
 * `npm run bench` runs it; BENCH_ONLY=reports runs only this (`BENCH_ONLY=reports node bench/run.mjs`),
 * or `node bench/reports.mjs` after a build. SEED_VOTES / SEED_RATINGS (default 1,000,000 each),
 * BENCH_REPORT_RUNS (requests per report case, default 100), BENCH_REPORT_STORES (default `pglite,postgres`, in
 * that order), BENCH_REPORT_PGLITE_DIR (a PGlite folder kept between runs: seeded when new, reused after), DATABASE_URL (PostgreSQL server; a
 * database `kirjasto_bench_reports_<random>` of its own is made and dropped; BENCH_POSTGRES=0 skips it).
 */
import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {BENCH_BRANCHES, BENCH_POLL, BENCH_RATING, openAndSeed} from './seed-reports.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const VOTES = Number(process.env.SEED_VOTES) || 1_000_000;
const RATINGS = Number(process.env.SEED_RATINGS) || 1_000_000;
const RUNS = Number(process.env.BENCH_REPORT_RUNS) || 100;
const MODERATOR = 'moderator@demo.kirjasto.example';
const PASSWORD = 'kirjasto-demo';
const sleep = (t) => new Promise((r) => setTimeout(r, t));
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const mib = (kb) => `${(kb / 1024).toFixed(0)} MiB`;
const day = (at) => at.toISOString().slice(0, 10);

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const {port} = s.address();
      s.close(() => resolve(port));
    });
  });

/** The built server on its own port, with its process id (for its memory). */
async function startServer(env) {
  const port = await freePort();
  const childEnv = {...process.env, PORT: String(port), HOST: '127.0.0.1', KIRJASTO_DEMO: '1', KIRJASTO_RATE_LIMIT_WRITES: '100000000', KIRJASTO_RATE_LIMIT_READS: '100000000', KIRJASTO_RATE_LIMIT_SIGN_INS: '100000000', ...env};
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [join(root, 'server/dist/main.js')], {cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe']});
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log}`);
    if (await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`server did not answer within 180 s:\n${log}`);
    await sleep(200);
  }
  return {base, pid: child.pid, stop, log: () => log};
}

const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

async function signIn(base) {
  const response = await fetch(`${base}/api/v1/admin/session`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({email: MODERATOR, password: PASSWORD})});
  if (response.status !== 201) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  return {Cookie: /kirjasto_session=[^;]+/.exec(response.headers.get('set-cookie'))[0]};
}

/** A patron's vote in the demo poll: its latency in ms. */
async function vote(base) {
  const started = performance.now();
  const r = await fetch(`${base}/api/v1/polls/demo-poll/votes`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', 'Idempotency-Key': `bench-${randomBytes(8).toString('hex')}`},
    body: JSON.stringify({optionIds: ['kids'], voter: `bench-voter-${randomBytes(10).toString('hex')}`, channel: 'web'}),
  });
  await r.arrayBuffer();
  if (r.status !== 201) throw new Error(`a vote answered ${r.status}`);
  return performance.now() - started;
}

/**
 * One export read as fast as the client can: seconds, bytes, rows, and the server's RSS before, at its
 * peak, and at 10% and 90% of the rows (flat: about the same). A patron votes every 200 ms meanwhile.
 */
async function exportRun(server, headers, path, expectedRows) {
  const before = rssKb(server.pid);
  const samples = [];
  const sampler = setInterval(() => samples.push(rssKb(server.pid)), 50);
  const votes = [];
  let streaming = true;
  const failures = [];
  const voter = (async () => {
    while (streaming) {
      await vote(server.base).then((t) => votes.push(t), (e) => failures.push(e.cause?.code ?? e.message));
      await sleep(200);
    }
  })();
  const started = performance.now();
  const response = await fetch(`${server.base}/api/v1/admin/tenants/demo/exports/${path}`, {headers}).catch((e) => {
    throw new Error(`export ${path} failed (${e.cause?.code ?? e.message}); the server said:\n${server.log().slice(-3000)}`);
  });
  if (response.status !== 200) throw new Error(`export ${path} answered ${response.status}: ${await response.text()}`);
  let bytes = 0;
  let lines = 0;
  let at10;
  let at90;
  const body = response.body[Symbol.asyncIterator]();
  for (;;) {
    const next = await body.next().catch((e) => {
      throw new Error(`export ${path} broke off after ${lines} lines (${e.cause?.code ?? e.message}); the server said:\n${server.log().slice(-3000)}`);
    });
    if (next.done) break;
    const chunk = next.value;
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    if (at10 === undefined && lines >= expectedRows * 0.1) at10 = rssKb(server.pid);
    if (at90 === undefined && lines >= expectedRows * 0.9) at90 = rssKb(server.pid);
  }
  const seconds = (performance.now() - started) / 1000;
  streaming = false;
  clearInterval(sampler);
  await voter;
  const rows = lines - 1;
  if (rows !== expectedRows) throw new Error(`export ${path} had ${rows} rows, expected ${expectedRows}`);
  return {
    path, rows, bytes, seconds, rowsPerSecond: rows / seconds,
    rssBeforeKb: before, rssPeakKb: Math.max(before, ...samples), rssAt10Kb: at10, rssAt90Kb: at90,
    votesDuring: {n: votes.length, failed: failures, p50Ms: percentile(votes, 50), p99Ms: percentile(votes, 99), maxMs: Math.max(...votes)},
  };
}

/** The main report views, each `RUNS` times one after another (after warming up): p50 and p99 in ms. */
async function reportRuns(base, headers) {
  const now = new Date();
  const yearAgo = day(new Date(now.getTime() - 364 * 86_400_000));
  const cases = [];
  for (const [name, path] of [['rating', `reports/ratings/${BENCH_RATING}`], ['poll', `reports/polls/${BENCH_POLL}`], ['summary', 'reports/summary']]) {
    cases.push([`${name}, last 30 days`, path]);
    cases.push([`${name}, the year by month`, `${path}?from=${yearAgo}&to=${day(now)}`]);
    cases.push([`${name}, the year, kiosk at one branch`, `${path}?from=${yearAgo}&to=${day(now)}&channel=kiosk&branch=${BENCH_BRANCHES[2]}`]);
  }
  const probe = await fetch(`${base}/api/v1/admin/tenants/demo/${cases[0][1]}`, {headers});
  await probe.arrayBuffer();
  if (probe.status === 404) return {skipped: 'the server has no reports/ routes (branch wt-reports-api not merged)'};
  const out = {};
  for (const [label, path] of cases) {
    const url = `${base}/api/v1/admin/tenants/demo/${path}`;
    const times = [];
    for (let i = 0; i < RUNS + 3; i++) {
      const started = performance.now();
      const r = await fetch(url, {headers});
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`${path} answered ${r.status}`);
      if (i >= 3) times.push(performance.now() - started);
    }
    out[label] = {n: times.length, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99)};
  }
  return out;
}

async function benchStore(label, store) {
  console.log(`${label}: seeding ${VOTES.toLocaleString('en')} votes and ${RATINGS.toLocaleString('en')} rating answers…`);
  const started = performance.now();
  const seed = store.seeded ? {reused: store.dataDir} : await openAndSeed({...store, votes: VOTES, ratings: RATINGS, log: () => {}});
  seed.total = (performance.now() - started) / 1000;
  console.log(store.seeded ? `${label}: reusing the seeded folder ${store.dataDir}` : `${label}: seeded in ${seed.total.toFixed(0)} s`);
  const server = await startServer(store.databaseUrl ? {DATABASE_URL: store.databaseUrl} : {KIRJASTO_DATA_DIR: store.dataDir});
  try {
    const headers = await signIn(server.base);
    for (let i = 0; i < 5; i++) await vote(server.base); // warm: the first votes load the poll and its statements
    const exports = {
      ratings: await exportRun(server, headers, `ratings.csv?rating=${BENCH_RATING}`, RATINGS),
      votes: await exportRun(server, headers, `votes.csv?poll=${BENCH_POLL}&separator=semicolon`, VOTES),
    };
    const reports = await reportRuns(server.base, headers);
    return {label, seed, exports, reports};
  } finally {
    await server.stop();
  }
}

async function postgresUrl() {
  if (process.env.BENCH_POSTGRES === '0') return undefined;
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const {default: postgres} = await import('postgres');
  const sql = postgres(url, {max: 1, onnotice: () => {}, connect_timeout: 2});
  const up = await sql`select 1`.then(() => true, () => false);
  await sql.end();
  return up ? url : undefined;
}

function print(rows, table) {
  console.log(`CSV export (${VOTES.toLocaleString('en')} votes, ${RATINGS.toLocaleString('en')} rating answers; server RSS sampled every 50 ms; a vote every 200 ms meanwhile)`);
  table([
    ['store / export', 'rows', 'MiB', 's', 'rows/s', 'RSS before', 'RSS at 10%', 'RSS at 90%', 'RSS peak', 'votes during: p50', 'p99', 'max', 'failed'],
    ...rows.flatMap((r) =>
      Object.entries(r.exports).map(([name, e]) => [
        `${r.label}: ${name}`, e.rows, (e.bytes / 1048576).toFixed(1), e.seconds.toFixed(1), e.rowsPerSecond.toFixed(0),
        mib(e.rssBeforeKb), mib(e.rssAt10Kb), mib(e.rssAt90Kb), mib(e.rssPeakKb),
        `${e.votesDuring.p50Ms.toFixed(1)} ms`, `${e.votesDuring.p99Ms.toFixed(1)} ms`, `${e.votesDuring.maxMs.toFixed(1)} ms`, e.votesDuring.failed.length,
      ]),
    ),
  ]);
  console.log(`Report views over HTTP (${RUNS} requests each, one at a time; goal: p99 under 200 ms on PostgreSQL)`);
  const reportRows = [['store / view', 'p50', 'p99']];
  for (const r of rows) {
    if (r.reports.skipped) reportRows.push([`${r.label}: skipped (${r.reports.skipped})`, '-', '-']);
    else for (const [name, x] of Object.entries(r.reports)) reportRows.push([`${r.label}: ${name}`, `${x.p50Ms.toFixed(1)} ms`, `${x.p99Ms.toFixed(1)} ms`]);
  }
  table(reportRows);
  const seeded = (s) => (s.reused ? 'reused' : `${s.total.toFixed(0)} s (votes ${s.votes.toFixed(0)} s, ratings ${s.ratings.toFixed(0)} s, rollups ${(s.rollupVotes + s.rollupRatings).toFixed(0)} s)`);
  console.log(`Seeding: ${rows.map((r) => `${r.label} ${seeded(r.seed)}`).join('; ')}\n`);
}

/** Both stores; returns what it measured (bench/run.mjs keeps it in results.json). */
export async function reportsBench({table}) {
  const rows = [];
  for (const store of (process.env.BENCH_REPORT_STORES || 'pglite,postgres').split(',')) {
    if (store === 'pglite') rows.push(await benchPglite());
    else if (store === 'postgres') rows.push(...(await benchPostgres()));
    else throw new Error(`BENCH_REPORT_STORES: unknown store ${store}`);
  }
  print(rows, table);
  return rows;
}

async function benchPglite() {
  const kept = process.env.BENCH_REPORT_PGLITE_DIR;
  const dataDir = kept || mkdtempSync(join(tmpdir(), 'kirjasto-bench-reports-'));
  try {
    return await benchStore('PGlite', {dataDir, seeded: Boolean(kept) && existsSync(join(kept, 'PG_VERSION'))});
  } finally {
    if (!kept) rmSync(dataDir, {recursive: true, force: true});
  }
}

async function benchPostgres() {
  const rows = [];
  const url = await postgresUrl();
  if (url) {
    const {default: postgres} = await import('postgres');
    const admin = postgres(url, {max: 1, onnotice: () => {}});
    const name = `kirjasto_bench_reports_${randomBytes(4).toString('hex')}`;
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    try {
      const u = new URL(url);
      u.pathname = `/${name}`;
      rows.push(await benchStore('PostgreSQL', {databaseUrl: u.href, dataDir: ''}));
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`).catch((e) => console.error(`could not drop ${name}: ${e.message}`));
      await admin.end();
    }
  } else {
    console.log('PostgreSQL: skipped (nothing answers at DATABASE_URL or 127.0.0.1:5432)\n');
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const table = (rows) => {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
    for (const [n, r] of rows.entries()) {
      console.log(r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  '));
      if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    }
    console.log();
  };
  console.log(JSON.stringify(await reportsBench({table}), null, 2));
}
