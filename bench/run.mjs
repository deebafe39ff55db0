#!/usr/bin/env node
/**
 * Benchmarks against the budgets in DESIGN.md. Run with `npm run bench` (builds first), or
 * `node bench/run.mjs` after a build. Prints a table and writes bench/results.json.
 *
 * Environment: BENCH_ONLY=pages (bundle and page measurements only), BENCH_ONLY=delivery (bundle sizes
 * and the slow-4G loader / single-file comparison only, a few minutes), BENCH_RUNS (cold loads per case
 * of that comparison, default 7; BENCH_SCALE_RUNS, default 15, for the 50-poll pages), BENCH_DIST (another build's dist/ to compare, e.g. the code before a
 * change: `git worktree add /tmp/base <commit>`, build there, `BENCH_DIST=/tmp/base/dist`), BENCH_SECONDS
 * (autocannon duration per run, default 10), BENCH_LOADS (page loads per startup median, default 15),
 * DATABASE_URL (PostgreSQL server to also bench against; default postgres://postgres@127.0.0.1:5432/test
 * when something answers there; BENCH_POSTGRES=0 skips it). BENCH_ONLY=admin: sign-in and poll creation only.
 *
 * BENCH_ONLY=scale: the page side of scale only (bench/scale.mjs after bench/delivery.mjs: 50 of our polls against
 * 50 vanilla polls, a vote's results, one poll on slow 4G, all with the CPU 4x slower, and issue 9's goals), a few minutes.
 *
 * BENCH_ONLY=reports: reports at scale only (bench/reports.mjs: 1,000,000 votes and rating answers seeded, the CSV
 * export's time and memory, p50/p99 of the report views; SEED_VOTES / SEED_RATINGS make it smaller), tens of minutes.
 *
 * BENCH_ONLY=ideas: the idea listing over 10,000 ideas only. BENCH_ONLY=server: the server table of issue 9 only (votes, rating responses, GET of a poll, health,
 * a bare Hono hello-world, and the pgbench floor of a durable vote on the same PostgreSQL), a few
 * minutes. BENCH_ROUNDS (rounds of the server runs, medians reported, default 3), BENCH_SERVER_MAIN
 * (another build's server/dist/main.js to bench instead, e.g. the code before a change). The servers count
 * their rate limits in Redis when REDIS_URL is set or one answers on 127.0.0.1:6379 (REDIS_URL= turns it off).
 */
import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {connect} from 'node:net';
import {tmpdir} from 'node:os';
import {dirname, join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';
import autocannon from 'autocannon';
import {chromium} from 'playwright-core';
import {build} from 'vite';
import {chromiumArgs, findChromium} from '../scripts/chromium-path.mjs';
import {adminBench, consoleBytes} from './admin.mjs';
import {delivery} from './delivery.mjs';
import {reportsBench} from './reports.mjs';
import {scale} from './scale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = Number(process.env.BENCH_SECONDS) || 10;
const LOADS = Number(process.env.BENCH_LOADS) || 15;
const RUNS = Number(process.env.BENCH_RUNS) || 7;
// The 50-poll page without network throttling is CPU-bound on a machine it shares with the server:
// its loads spread 1.5–1.8x from fastest to slowest, so its medians take more loads to settle.
const SCALE_RUNS = Number(process.env.BENCH_SCALE_RUNS) || Math.max(RUNS, 15);
const DIST = process.env.BENCH_DIST || join(root, 'dist');
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3;
const SERVER_MAIN = process.env.BENCH_SERVER_MAIN || join(root, 'server/dist/main.js');
const STARTUP_BUDGET_MS = 50;
const LONG_TASK_BUDGET_MS = 50;

const results = {date: new Date().toISOString(), node: process.version, sizes: {}, pages: {}, delivery: {}, startup: {}, manyWidgets: {}, server: {}};
const cleanups = [];
const gz = (buf) => gzipSync(buf, {level: 9}).length;
const br = (buf) => brotliCompressSync(buf, {params: {[constants.BROTLI_PARAM_QUALITY]: 11}}).length;
const kib = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;
const ms = (x) => (x == null ? '-' : `${x.toFixed(1)} ms`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sleep = (t) => new Promise((r) => setTimeout(r, t));
function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const [n, r] of rows.entries()) {
    console.log(r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  '));
    if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log();
}

// --- 1. Sizes ---------------------------------------------------------------------------------

async function sizes() {
  const rows = [['file', 'raw', 'gzip -9', 'brotli 11', 'gzip as served']];
  if (!existsSync(join(DIST, 'kirjasto.js'))) throw new Error(`${DIST}/kirjasto.js is missing: run \`npm run build\` first`);
  const sized = new Map();
  const add = (name, file) => {
    const buf = readFileSync(file);
    // The build's precompressed sibling (Zopfli) is what the server sends and what size-limit checks;
    // a build without one is measured at gzip -9.
    const served = existsSync(`${file}.gz`) ? statSync(`${file}.gz`).size : undefined;
    const size = {raw: buf.length, gzip: gz(buf), brotli: br(buf), served};
    sized.set(name, size);
    results.sizes[name] = size;
    rows.push([name, kib(size.raw), kib(size.gzip), kib(size.brotli), served === undefined ? '-' : kib(served)]);
  };
  for (const f of ['kirjasto.js', 'kirjasto-all.js']) if (existsSync(join(DIST, f))) add(f, join(DIST, f));
  const chunkDir = join(DIST, 'kirjasto');
  const chunks = existsSync(chunkDir) ? readdirSync(chunkDir).filter((f) => f.endsWith('.js')).sort() : [];
  for (const f of chunks) add(`kirjasto/${f}`, join(chunkDir, f));
  console.log(`Script files (${relative(root, DIST) || '.'}; budgets are enforced by size-limit in npm test)`);
  table(rows);
  // What a Finnish page downloads before it works: the script, what it loads for the page's elements, the language.
  const chunk = (prefix) => {
    const found = chunks.find((f) => new RegExp(`^${prefix.replaceAll('.', '\\.')}-[\\w-]{8}\\.js$`).test(f));
    return found && `kirjasto/${found}`;
  };
  const pageRows = [['Finnish page', 'files', 'gzip -9', 'brotli 11', 'gzip as served', 'budget (gzip as served)']];
  const page = (name, files, budget) => {
    const sum = (k) => files.reduce((n, f) => n + (sized.get(f)[k] ?? sized.get(f).gzip), 0);
    const served = sum('served');
    results.pages[name] = {files, gzip: sum('gzip'), brotli: sum('brotli'), served, budget, ok: served <= budget};
    pageRows.push([name, files.length, kib(sum('gzip')), kib(sum('brotli')), kib(served), `${served <= budget ? 'ok' : 'OVER'} (${kib(budget)})`]);
  };
  // Finnish is the source language: a Finnish page loads no language file. Older builds (BENCH_DIST) had
  // one per element (`poll.fi-…`, `all.fi-…` for kirjasto-all.js), or before that one `fi-…` with every string.
  const perElement = Boolean(chunk('all.fi'));
  const oneLanguageFile = !perElement && Boolean(chunk('fi'));
  const fi = (element) => (perElement ? [chunk(`${element}.fi`)] : oneLanguageFile ? [chunk('fi')] : []);
  if (existsSync(join(DIST, 'kirjasto-all.js'))) {
    for (const element of ['poll', 'rating', 'idea-box']) page(`one ${element}, kirjasto.js`, ['kirjasto.js', chunk('core'), chunk(element), ...fi(element)], 18 * 1024);
    page(
      'all three, kirjasto.js',
      oneLanguageFile ? ['kirjasto.js', chunk('core'), chunk('poll'), chunk('rating'), chunk('idea-box'), ...fi()] : ['kirjasto.js', 'kirjasto-all.js', ...fi('all')],
      27 * 1024,
    );
    page('one element, kirjasto-all.js', ['kirjasto-all.js', ...fi('all')], 18 * 1024);
    page('all three, kirjasto-all.js', ['kirjasto-all.js', ...fi('all')], 27 * 1024);
  } else {
    page('one element, kirjasto.js (one file)', ['kirjasto.js', ...fi()], 18 * 1024);
    page('all three, kirjasto.js (one file)', ['kirjasto.js', ...fi()], 27 * 1024);
  }
  table(pageRows);
  if (process.env.BENCH_DIST) return; // another build: its sources are not here
  // Each element on its own, Lit included, as a bundler user's app would ship it.
  const entries = readdirSync(join(root, 'src'), {withFileTypes: true})
    .filter((d) => d.isDirectory() && existsSync(join(root, 'src', d.name, 'define.ts')))
    .map((d) => join(root, 'src', d.name, 'define.ts'));
  const bundlerRows = [['entry', 'raw', 'gzip -9', 'brotli 11']];
  for (const entry of entries) {
    const out = await build({
      configFile: false,
      root,
      logLevel: 'silent',
      build: {write: false, lib: {entry, formats: ['es']}, rolldownOptions: {output: {minify: true}}},
      define: {'process.env.NODE_ENV': '"production"'},
    });
    const output = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output).filter((o) => o.type === 'chunk');
    const byName = new Map(output.map((o) => [o.fileName, o]));
    const main = output.find((o) => o.isEntry);
    // The entry plus whatever it imports statically: what must arrive before the element works.
    const seen = new Set();
    const walk = (chunk) => {
      if (!chunk || seen.has(chunk.fileName)) return;
      seen.add(chunk.fileName);
      for (const i of chunk.imports) walk(byName.get(i));
    };
    walk(main);
    const code = Buffer.from([...seen].map((f) => byName.get(f).code).join('\n'));
    const size = {raw: code.length, gzip: gz(code), brotli: br(code)};
    results.sizes[`${relative(root, entry)} (self-contained, Lit incl.)`] = size;
    bundlerRows.push([relative(root, entry), kib(size.raw), kib(size.gzip), kib(size.brotli)]);
  }
  console.log('Each element on its own, Lit included, as a bundler would ship it');
  table(bundlerRows);
}

// --- Servers ----------------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const {port} = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Redis for the rate limits (as in production with several instances): REDIS_URL, or one on its default port here. */
async function redisUrl() {
  if (process.env.REDIS_URL !== undefined) return process.env.REDIS_URL || undefined;
  const up = await new Promise((resolve) => {
    const s = connect(6379, '127.0.0.1', () => (s.end(), resolve(true)));
    s.on('error', () => resolve(false));
    s.setTimeout(500, () => (s.destroy(), resolve(false)));
  });
  return up ? 'redis://127.0.0.1:6379' : undefined;
}
const REDIS = await redisUrl();

async function startApi(label, extraEnv = {}) {
  const mainJs = SERVER_MAIN;
  if (!existsSync(mainJs)) throw new Error('server/dist/main.js is missing: run `npx tsc -p server` (npm run build does)');
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'kirjasto-bench-'));
  cleanups.push(() => rmSync(dataDir, {recursive: true, force: true}));
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    KIRJASTO_DATA_DIR: dataDir,
    KIRJASTO_DEMO: '1',
    KIRJASTO_RATE_LIMIT_WRITES: '100000000',
    KIRJASTO_RATE_LIMIT_READS: '100000000',
    KIRJASTO_RATE_LIMIT_KIOSK: '100000000',
    ...(REDIS ? {REDIS_URL: REDIS} : {}),
    ...extraEnv,
  };
  if (!extraEnv.DATABASE_URL) delete env.DATABASE_URL;
  const child = spawn(process.execPath, [mainJs], {cwd: root, env, stdio: ['ignore', 'pipe', 'pipe']});
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  cleanups.push(stop);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000; // a loaded machine makes a first PGlite folder slow
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label} server exited (${child.exitCode}):\n${log}`);
    const ok = await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`${label} server did not answer /api/v1/health within 120 s:\n${log}`);
    await sleep(100);
  }
  return {base, stop, log: () => log};
}

/** The bench pages, on an origin of their own (the API is cross-origin, as on a library's site). */
async function startPages(api, script) {
  const detect = `<script>
  // Times the first poll (or all of them) becoming interactive: its form has an enabled input.
  window.__bench = {longTasks: []};
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__bench.longTasks.push(e.duration); })
      .observe({type: 'longtask', buffered: true});
  } catch {}
  (function () {
    const tag = document.currentScript.dataset.tag;
    const want = Number(document.currentScript.dataset.count);
    const observed = new WeakSet();
    function check() {
      if (window.__bench.ms !== undefined) return true;
      const els = document.querySelectorAll(tag);
      let ready = 0;
      for (const el of els) {
        const root = el.shadowRoot;
        if (!root) continue;
        if (!observed.has(root)) {
          observed.add(root);
          new MutationObserver(check).observe(root, {subtree: true, childList: true, attributes: true});
        }
        if (root.querySelector('form input:not([disabled])')) ready++;
      }
      if (ready >= want) {
        window.__bench.ms = performance.now() - window.__t0;
        return true;
      }
      return false;
    }
    (function frame() { if (!check()) requestAnimationFrame(frame); })();
    customElements.whenDefined(tag).then(check);
  })();
  </script>`;
  const page = (tag, count, script, polls) => `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>bench</title></head><body>
${polls.map((p) => `<${tag} poll="${p}" api="${api}"></${tag}>`).join('\n')}
${detect.replace('<script>', `<script data-tag="${tag}" data-count="${count}">`)}
<script>window.__t0 = performance.now();</script>
<script type="module" src="${script}"></script>
</body></html>`;
  const many = Array.from({length: 50}, (_, i) => (i % 2 ? 'demo-poll-multi' : 'demo-poll'));
  const routes = {
    '/kirjasto.html': page('kirjasto-poll', 1, `${api}${script}`, ['demo-poll']),
    '/vanilla.html': page('vanilla-poll', 1, '/vanilla-poll.js', ['demo-poll']),
    '/many.html': page('kirjasto-poll', 50, `${api}${script}`, many),
  };
  const vanilla = readFileSync(join(root, 'bench/vanilla-poll.js'));
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (routes[path]) return res.writeHead(200, {'Content-Type': 'text/html; charset=utf-8'}).end(routes[path]);
    if (path === '/vanilla-poll.js') return res.writeHead(200, {'Content-Type': 'text/javascript'}).end(vanilla);
    res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => server.close(r)));
  return `http://127.0.0.1:${server.address().port}`;
}

// --- 2. Startup -------------------------------------------------------------------------------

async function startup(api) {
  // The single file, as the README recommends, where the server has it (it serves the loader otherwise).
  const script = (await fetch(`${api}/kirjasto-all.js`).then((r) => r.ok, () => false)) ? '/kirjasto-all.js' : '/kirjasto.js';
  const pages = await startPages(api, script);
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found (CHROME_PATH, or Debian `chromium` on PATH)');
  const browser = await chromium.launch({executablePath, args: chromiumArgs});
  cleanups.push(() => browser.close());
  const load = async (path) => {
    // A fresh context per load: cold HTTP cache and empty localStorage every time, for both pages.
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    try {
      await page.goto(`${pages}${path}`);
      await page.waitForFunction(() => window.__bench.ms !== undefined, null, {timeout: 15_000, polling: 50});
      await sleep(50); // let the last long task be reported
      return await page.evaluate(() => window.__bench);
    } catch (e) {
      throw new Error(`${path}: ${e.message}${errors.length ? `\npage errors: ${errors.join('\n')}` : ''}`);
    } finally {
      await context.close();
    }
  };
  await load('/kirjasto.html');
  await load('/vanilla.html');
  const lib = [];
  const plain = [];
  for (let i = 0; i < LOADS; i++) {
    lib.push((await load('/kirjasto.html')).ms);
    plain.push((await load('/vanilla.html')).ms);
  }
  const libMs = median(lib);
  const plainMs = median(plain);
  results.startup = {script, loads: LOADS, kirjastoMs: libMs, vanillaMs: plainMs, ratio: libMs / plainMs, budgetMs: STARTUP_BUDGET_MS, ok: libMs <= STARTUP_BUDGET_MS, samples: {kirjasto: lib, vanilla: plain}};

  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await load('/many.html'));
  const longest = runs.map((r) => Math.max(0, ...r.longTasks));
  const over = runs.map((r) => r.longTasks.filter((d) => d > LONG_TASK_BUDGET_MS).length);
  results.manyWidgets = {
    widgets: 50,
    runs: runs.length,
    allInteractiveMs: median(runs.map((r) => r.ms)),
    longestTaskMs: Math.max(...longest),
    longestTaskMedianMs: median(longest),
    longTasksOver50ms: Math.max(...over),
    ok: Math.max(...longest) <= LONG_TASK_BUDGET_MS,
    samples: runs.map((r) => ({ms: r.ms, longTasks: r.longTasks})),
  };
  console.log(`Startup (median of ${LOADS} cold page loads, script start -> first poll interactive)`);
  table([
    ['page', 'median', 'min', 'max', 'budget'],
    [`<kirjasto-poll> (dist${script} from the server)`, ms(libMs), ms(Math.min(...lib)), ms(Math.max(...lib)), `${libMs <= STARTUP_BUDGET_MS ? 'ok' : 'OVER'} (${STARTUP_BUDGET_MS} ms)`],
    ['vanilla element (fetch + innerHTML)', ms(plainMs), ms(Math.min(...plain)), ms(Math.max(...plain)), ''],
    ['ratio kirjasto / vanilla', `${(libMs / plainMs).toFixed(2)}x`, '', '', ''],
  ]);
  const m = results.manyWidgets;
  console.log(`50 widgets on one page (${runs.length} loads): all interactive after ${ms(m.allInteractiveMs)} (median); longest task ${ms(m.longestTaskMs)} (median ${ms(m.longestTaskMedianMs)}); tasks over 50 ms: ${m.longTasksOver50ms} (worst load) -> ${m.ok ? 'ok' : 'OVER'}\n`);
}

// --- 3. Server --------------------------------------------------------------------------------

function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({connections: 50, duration: SECONDS, ...opts}, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

const summary = (r) => ({
  reqPerSec: r.requests.average,
  p50Ms: r.latency.p50,
  p99Ms: r.latency.p99,
  requests: r.requests.total,
  ok2xx: r['2xx'],
  non2xx: r.non2xx + r.errors + r.timeouts,
  errors: r.errors,
  timeouts: r.timeouts,
});

async function pollTotal(base) {
  const r = await fetch(`${base}/api/v1/polls/demo-poll-multi`);
  const poll = await r.json();
  if (!r.ok) throw new Error(`GET demo-poll-multi: ${r.status} ${JSON.stringify(poll)}`);
  let total = poll.results?.total;
  if (total === undefined) {
    const res = await fetch(`${base}/api/v1/polls/demo-poll-multi/results`);
    total = (await res.json()).total;
  }
  return {poll, total};
}

async function serverBench(label, base, between = async () => {}) {
  await between();
  const {poll, total: before} = await pollTotal(base);
  const optionId = poll.options[0].id;
  const run = randomBytes(4).toString('hex');
  let n = 0;
  let answered = 0;
  let created = 0;
  const votes = await cannon({
    url: `${base}/api/v1/polls/demo-poll-multi/votes`,
    requests: [
      {
        method: 'POST',
        setupRequest(req) {
          const id = `${run}-${(++n).toString(36).padStart(8, '0')}`;
          return {
            ...req,
            method: 'POST',
            headers: {'content-type': 'application/json', 'idempotency-key': `bench-${id}`},
            body: JSON.stringify({optionIds: [optionId], voter: `bench-voter-${id}-xxxxxxxx`, channel: 'web'}),
          };
        },
        onResponse(status) {
          answered++;
          if (status === 201) created++;
        },
      },
    ],
  });
  // autocannon stops at the deadline with up to 50 requests in flight: the server may store those
  // after the client stopped listening. They are neither acknowledged nor lost.
  const inFlight = n - answered;
  await sleep(1500); // the results another instance shows may be a second old; this one's are fresh
  const {total: after} = await pollTotal(base);
  await between();
  const health = await cannon({url: `${base}/api/v1/health`});
  const read = await cannon({url: `${base}/api/v1/polls/demo-poll`});
  await between();
  const responses = await ratingBench(base, run);
  const v = summary(votes);
  const stored = after - before;
  const consistent = stored === created;
  const withinInFlight = stored >= created && stored <= created + inFlight;
  results.server[label] = {
    seconds: SECONDS,
    connections: 50,
    votes: {...v, created201: created, sent: n, inFlightAtStop: inFlight, storedVotes: stored, storedEqualsAcknowledged: consistent, noLoss: withinInFlight},
    health: summary(health),
    getPoll: summary(read),
    ratingResponses: responses,
  };
  return {v, h: summary(health), g: summary(read), r: responses, stored, created, inFlight, consistent, withinInFlight};
}

/** Kiosk answers to demo-rating: one registered device, many patrons, so no per-voter limit gets in the way. */
async function ratingBench(base, run) {
  const count = async () => (await (await fetch(`${base}/api/v1/ratings/demo-rating/summary`)).json()).count;
  const before = await count();
  const unlocked = await fetch(`${base}/api/v1/kiosk/unlock`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({rating: 'demo-rating', pin: process.env.KIRJASTO_DEMO_KIOSK_PIN ?? '2468'}),
  });
  if (unlocked.status !== 200) throw new Error(`kiosk unlock answered ${unlocked.status}: ${await unlocked.text()}`);
  const {kioskToken} = await unlocked.json();
  let n = 0;
  let created = 0;
  const result = await cannon({
    url: `${base}/api/v1/ratings/demo-rating/responses`,
    requests: [
      {
        method: 'POST',
        setupRequest(req) {
          const id = `${run}-${(++n).toString(36).padStart(8, '0')}`;
          return {
            ...req,
            method: 'POST',
            headers: {'content-type': 'application/json', 'idempotency-key': `bench-r-${id}`, 'kirjasto-kiosk': kioskToken},
            body: JSON.stringify({responseId: `r${id}`.replace(/[^A-Za-z0-9_-]/g, ''), score: 1 + (n % 5), voter: 'bench-kiosk-device-0001', channel: 'kiosk'}),
          };
        },
        onResponse(status) {
          if (status === 201) created++;
        },
      },
    ],
  });
  await sleep(1500);
  const stored = (await count()) - before;
  return {...summary(result), created201: created, stored, noLoss: stored >= created && stored <= created + 50};
}

function printServer(rows) {
  console.log(`Server (autocannon, 50 connections, ${SECONDS} s per run)`);
  table([
    ['store / endpoint', 'req/s', 'p50', 'p99', '2xx', 'non-2xx/err'],
    ...rows.flatMap(({label, v, h, g, r}) => [
      [`${label}: POST …/demo-poll-multi/votes`, v.reqPerSec.toFixed(0), `${v.p50Ms} ms`, `${v.p99Ms} ms`, v.ok2xx, v.non2xx],
      [`${label}: POST …/demo-rating/responses`, r.reqPerSec.toFixed(0), `${r.p50Ms} ms`, `${r.p99Ms} ms`, r.ok2xx, r.non2xx],
      [`${label}: GET /api/v1/health`, h.reqPerSec.toFixed(0), `${h.p50Ms} ms`, `${h.p99Ms} ms`, h.ok2xx, h.non2xx],
      [`${label}: GET /api/v1/polls/demo-poll`, g.reqPerSec.toFixed(0), `${g.p50Ms} ms`, `${g.p99Ms} ms`, g.ok2xx, g.non2xx],
    ]),
  ]);
  for (const {label, stored, created, inFlight, consistent, withinInFlight} of rows) {
    const line = consistent
      ? `stored = acknowledged (${stored})`
      : withinInFlight
        ? `stored = acknowledged + ${stored - created} of the ${inFlight} requests in flight when autocannon stopped (${stored} stored, ${created} acknowledged with 201): no loss`
        : `MISMATCH: ${stored} stored, ${created} acknowledged with 201, ${inFlight} in flight at the stop`;
    console.log(`${label}: ${line}`);
  }
  for (const {label, r} of rows) {
    console.log(`${label}: rating responses ${r.stored} stored, ${r.created201} acknowledged with 201: ${r.noLoss ? 'no loss' : 'MISMATCH'}`);
  }
  console.log();
}

async function postgresUrl() {
  if (process.env.BENCH_POSTGRES === '0') return undefined;
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  if (!process.env.DATABASE_URL) {
    const u = new URL(url);
    const up = await new Promise((resolve) => {
      const s = connect(Number(u.port || 5432), u.hostname, () => (s.end(), resolve(true)));
      s.on('error', () => resolve(false));
      s.setTimeout(1000, () => (s.destroy(), resolve(false)));
    });
    if (!up) return undefined;
  }
  return url;
}

/** A database of our own on the PostgreSQL server, dropped at the end. */
async function freshDatabase(url) {
  const {default: postgres} = await import('postgres');
  const name = `kirjasto_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(url, {max: 1, onnotice: () => {}});
  await admin.unsafe(`create database ${name}`);
  cleanups.push(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`).catch((e) => console.error(`could not drop ${name}: ${e.message}`));
    await admin.end();
  });
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {name, url: u.href};
}

// --- 3b. Issue 9's table: our server against its floors, in one run ------------------------------

async function vacuum(url) {
  if (!url) return;
  const {default: postgres} = await import('postgres');
  const sql = postgres(url, {max: 1, onnotice: () => {}});
  try {
    await sql.unsafe('vacuum');
  } finally {
    await sql.end();
  }
}

/** A bare Hono hello-world in a process of its own, like our server. */
async function helloWorld() {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'bench/hello.mjs')], {cwd: root, env: {...process.env, PORT: String(port)}, stdio: ['ignore', 'pipe', 'inherit']});
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  cleanups.push(stop);
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`hello-world exited (${code})`)));
  });
  return {base: `http://127.0.0.1:${port}`, stop};
}

/**
 * The floor of a durable vote on this PostgreSQL, on our own tables: a primary-key read of the poll,
 * the idempotency key, the vote row, the stored answer, one commit; 50 clients, prepared statements.
 */
async function pgbenchFloor(url) {
  const file = join(mkdtempSync(join(tmpdir(), 'kirjasto-pgbench-')), 'vote.sql');
  cleanups.push(() => rmSync(dirname(file), {recursive: true, force: true}));
  // pgbench reads ":name" as a variable even inside quotes: the scope here has no colon.
  const key = `'pgbench-' || :client_id::text || '-' || :k::text`;
  writeFileSync(
    file,
    `\\set k random(1, 9000000000000000)
BEGIN;
SELECT id, tenant_id, question, max_choices, allow_other, results_visibility, opens_at, closes_at FROM polls WHERE id = 'demo-poll-multi';
INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ('vote-demo-poll-multi', ${key}, 'h');
INSERT INTO votes (poll_id, voter_hash, option_ids, channel) VALUES ('demo-poll-multi', ${key}, '{loans}', 'web');
UPDATE idempotency_keys SET status = 201, response = '{"pollId":"demo-poll-multi","optionIds":["loans"]}' WHERE scope = 'vote-demo-poll-multi' AND key = ${key};
COMMIT;
`,
  );
  const out = await new Promise((resolve, reject) => {
    const child = spawn('pgbench', ['-n', '-c', '50', '-j', '2', '-T', String(SECONDS), '-M', 'prepared', '-f', file, url], {stdio: ['ignore', 'pipe', 'pipe']});
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`pgbench exited ${code}:\n${text}`))));
  });
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  const meanMs = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]);
  return {tps, meanMs};
}

const med = (rows, pick) => median(rows.map(pick));

function printIssueTable(rounds, stores) {
  const pg = stores.includes('PostgreSQL');
  const col = (label) => rounds.map((r) => r[label]).filter(Boolean);
  const pgRuns = col('PostgreSQL');
  const liteRuns = col('PGlite');
  const hello = rounds.map((r) => r.hello);
  const floor = rounds.map((r) => r.floor).filter(Boolean);
  const fig = (runs, pick) => (runs.length ? med(runs, pick) : undefined);
  const f = {
    votes: {pg: fig(pgRuns, (r) => r.v.reqPerSec), lite: fig(liteRuns, (r) => r.v.reqPerSec), p99: fig(pgRuns, (r) => r.v.p99Ms), liteP99: fig(liteRuns, (r) => r.v.p99Ms)},
    ratings: {pg: fig(pgRuns, (r) => r.r.reqPerSec), lite: fig(liteRuns, (r) => r.r.reqPerSec), p99: fig(pgRuns, (r) => r.r.p99Ms), liteP99: fig(liteRuns, (r) => r.r.p99Ms)},
    poll: {pg: fig(pgRuns, (r) => r.g.reqPerSec), lite: fig(liteRuns, (r) => r.g.reqPerSec), p99: fig(pgRuns, (r) => r.g.p99Ms), liteP99: fig(liteRuns, (r) => r.g.p99Ms)},
    health: {pg: fig(pgRuns, (r) => r.h.reqPerSec), lite: fig(liteRuns, (r) => r.h.reqPerSec), p99: fig(pgRuns, (r) => r.h.p99Ms), liteP99: fig(liteRuns, (r) => r.h.p99Ms)},
    hello: {rate: med(hello, (r) => r.reqPerSec), p99: med(hello, (r) => r.p99Ms)},
    floor: floor.length ? {tps: med(floor, (r) => r.tps), meanMs: med(floor, (r) => r.meanMs)} : undefined,
  };
  const n = (x) => (x === undefined ? '-' : x.toFixed(0));
  const l = (x, kind = 'p99') => (x === undefined ? '-' : `${kind} ${x.toFixed(kind === 'mean' ? 1 : 0)} ms`);
  console.log(`Issue 9's table (50 connections, ${SECONDS} s per run, medians of ${rounds.length} round(s); VACUUM before each PostgreSQL run; rate limits counted ${REDIS ? `in Redis (${REDIS})` : 'in each process (no Redis)'})`);
  table([
    ['what', 'PostgreSQL /s', 'latency', 'PGlite /s', 'latency'],
    ['our POST …/votes over HTTP', n(f.votes.pg), l(f.votes.p99), n(f.votes.lite), l(f.votes.liteP99)],
    ['pgbench floor of a durable vote (poll read, key, vote row, answer, commit)', n(f.floor?.tps), l(f.floor?.meanMs, 'mean'), '', ''],
    ['our POST …/responses (rating, kiosk) over HTTP', n(f.ratings.pg), l(f.ratings.p99), n(f.ratings.lite), l(f.ratings.liteP99)],
    ['our GET /api/v1/polls/demo-poll', n(f.poll.pg), l(f.poll.p99), n(f.poll.lite), l(f.poll.liteP99)],
    ['our GET /api/v1/health', n(f.health.pg), l(f.health.p99), n(f.health.lite), l(f.health.liteP99)],
    ['a bare Hono hello-world, same machine', n(f.hello.rate), l(f.hello.p99), '', ''],
  ]);
  const ratio = (a, b) => (a === undefined || b === undefined ? undefined : a / b);
  const goals = [
    ['votes / pgbench floor (PostgreSQL)', ratio(f.votes.pg, f.floor?.tps), 0.5],
    ['votes p99 (PostgreSQL), ms', f.votes.p99, 50, true],
    ['GET poll / health (PostgreSQL)', ratio(f.poll.pg, f.health.pg), 0.5],
    ['GET poll / health (PGlite)', ratio(f.poll.lite, f.health.lite), 0.5],
    ['health / hello-world (PostgreSQL)', ratio(f.health.pg, f.hello.rate), 0.5],
    ['health / hello-world (PGlite)', ratio(f.health.lite, f.hello.rate), 0.5],
    // The two goals above together: health is not rate-limited, a poll's read is (a Redis round trip).
    ['GET poll / hello-world (PostgreSQL; 0.5 x 0.5)', ratio(f.poll.pg, f.hello.rate), 0.25],
  ].filter(([, v]) => v !== undefined);
  table([
    ['goal', 'measured', 'target', ''],
    ...goals.map(([what, v, target, below]) => [what, below ? v.toFixed(0) : v.toFixed(2), below ? `< ${target}` : `>= ${target}`, (below ? v < target : v >= target) ? 'ok' : 'MISSED']),
  ]);
  results.issue9 = {rounds: rounds.length, seconds: SECONDS, figures: f, goals: goals.map(([what, v, target, below]) => ({what, value: v, target, ok: below ? v < target : v >= target}))};
  if (!pg) console.log('(no PostgreSQL: the floor and the PostgreSQL column are missing)\n');
}

// --- 4. Idea listing: keyset pages over 10,000 ideas ------------------------------------------

const IDEA_COUNT = 10_000;

/** A box of 10,000 published ideas written straight into a store, before the server opens it. */
async function seedIdeas(env) {
  const {openDb} = await import('../server/dist/db/db.js');
  const {migrate} = await import('../server/dist/db/migrate.js');
  const {insertBox, countListed} = await import('../server/dist/ideas/store.js');
  const db = await openDb({databaseUrl: env.DATABASE_URL, dataDir: env.KIRJASTO_DATA_DIR ?? ''});
  try {
    await migrate(db);
    await db.transaction(async (tx) => {
      await tx.query("insert into tenants (id, name) values ('bench', 'Bench') on conflict do nothing");
      await insertBox(tx, {id: 'bench-ideas', tenantId: 'bench', topic: {en: 'Bench'}, moderation: 'post'});
      // Skewed supports with many ties, like a real box; spread over a year for the newest sort.
      await tx.query(
        `insert into ideas (id, box_id, text, state, supports, channel, created_at)
         select 'bench-' || g, 'bench-ideas', 'Bench idea number ' || g || ': more opening hours, please.', 'published',
                floor(power(random(), 3) * 500)::int, 'web', now() - (random() * interval '365 days')
           from generate_series(1, $1::int) g`,
        [IDEA_COUNT],
      );
      await countListed(tx, 'bench-ideas', IDEA_COUNT);
    });
  } finally {
    await db.close();
  }
}

async function ideaBench(label, extraEnv) {
  const env = {...extraEnv};
  if (!env.DATABASE_URL) {
    env.KIRJASTO_DATA_DIR = mkdtempSync(join(tmpdir(), 'kirjasto-bench-ideas-'));
    cleanups.push(() => rmSync(env.KIRJASTO_DATA_DIR, {recursive: true, force: true}));
  }
  const seedStart = Date.now();
  await seedIdeas(env);
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const api = await startApi(`${label} (ideas)`, env);
  const list = `${api.base}/api/v1/idea-boxes/bench-ideas/ideas?sort=support`;
  // Walk the cursors once to a page about 9,000 ideas in.
  let cursor = null;
  let walked = 0;
  while (walked < 9_000) {
    const page = await (await fetch(`${list}&limit=50${cursor ? `&cursor=${cursor}` : ''}`)).json();
    if (!page.nextCursor) throw new Error(`${label}: the list ended after ${walked + page.ideas.length} ideas`);
    walked += page.ideas.length;
    cursor = page.nextCursor;
  }
  const first = summary(await cannon({url: `${list}&limit=20`}));
  const deep = summary(await cannon({url: `${list}&limit=20&cursor=${cursor}`}));
  await api.stop();
  results.server[`${label} ideas`] = {ideas: IDEA_COUNT, seedSeconds, deepOffset: walked, firstPage: first, deepPage: deep};
  return {label, walked, first, deep};
}

function printIdeas(rows) {
  console.log(`Idea listing (${IDEA_COUNT} published ideas, sort=support, limit=20, autocannon 50 connections, ${SECONDS} s per run)`);
  table([
    ['store / page', 'req/s', 'p50', 'p99', '2xx', 'non-2xx/err'],
    ...rows.flatMap(({label, walked, first, deep}) => [
      [`${label}: first page`, first.reqPerSec.toFixed(0), `${first.p50Ms} ms`, `${first.p99Ms} ms`, first.ok2xx, first.non2xx],
      [`${label}: page after ${walked} ideas`, deep.reqPerSec.toFixed(0), `${deep.p50Ms} ms`, `${deep.p99Ms} ms`, deep.ok2xx, deep.non2xx],
    ]),
  ]);
}

// --- Main ---------------------------------------------------------------------------------------

async function cleanup() {
  while (cleanups.length) {
    const c = cleanups.pop();
    try {
      await c();
    } catch (e) {
      console.error(`cleanup: ${e.message}`);
    }
  }
}
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

/** Sign-in and poll creation through the admin API, on PGlite and PostgreSQL. */
async function adminSection(pgUrl) {
  results.admin = {};
  const env = {KIRJASTO_RATE_LIMIT_SIGN_INS: '100000000'};
  const pglite = await startApi('PGlite admin', env);
  results.admin.console = consoleBytes({consoleDir: join(root, 'console/dist'), table});
  results.admin.PGlite = await adminBench({base: pglite.base, label: 'PGlite', seconds: SECONDS, table});
  await pglite.stop();
  if (pgUrl) {
    const db = await freshDatabase(pgUrl);
    const pg = await startApi('PostgreSQL admin', {...env, DATABASE_URL: db.url});
    results.admin.PostgreSQL = await adminBench({base: pg.base, label: 'PostgreSQL', seconds: SECONDS, table});
    await pg.stop();
  }
}

async function ideaTables() {
  const pgUrl = await postgresUrl();
  const ideaRows = [await ideaBench('PGlite', {})];
  if (pgUrl) {
    const db = await freshDatabase(pgUrl);
    ideaRows.push(await ideaBench('PostgreSQL', {DATABASE_URL: db.url}));
  }
  printIdeas(ideaRows);
}

/** Rounds of the server runs on both stores, with the hello-world and the pgbench floor in each round. */
async function serverTables(pglite) {
  const pgUrl = await postgresUrl();
  const stores = ['PGlite'];
  let pg;
  let pgDb;
  if (pgUrl) {
    pgDb = await freshDatabase(pgUrl);
    pg = await startApi('PostgreSQL', {DATABASE_URL: pgDb.url});
    stores.push('PostgreSQL');
  } else {
    console.log('PostgreSQL: skipped (no DATABASE_URL and nothing answers on 127.0.0.1:5432)\n');
  }
  const hello = await helloWorld();
  const rounds = [];
  let last = [];
  for (let round = 0; round < ROUNDS; round++) {
    const r = {};
    r.PGlite = {label: 'PGlite', ...(await serverBench('PGlite', pglite.base))};
    if (pg) {
      r.PostgreSQL = {label: 'PostgreSQL', ...(await serverBench('PostgreSQL', pg.base, () => vacuum(pgDb.url)))};
      await vacuum(pgDb.url);
      r.floor = await pgbenchFloor(pgDb.url).catch((e) => (console.error(`pgbench: ${e.message}`), undefined));
    }
    r.hello = summary(await cannon({url: hello.base}));
    rounds.push(r);
    last = [r.PGlite, r.PostgreSQL].filter(Boolean);
    console.log(`round ${round + 1}/${ROUNDS} done`);
  }
  await hello.stop();
  await pglite.stop();
  if (pg) {
    await pg.stop();
    results.server.PostgreSQL.database = pgDb.name;
  }
  results.server.rounds = rounds;
  console.log('The last round in detail:');
  printServer(last);
  printIssueTable(rounds, stores);
}

const started = Date.now();
try {
  if (process.env.BENCH_ONLY === 'admin') {
    await adminSection(await postgresUrl());
    throw Object.assign(new Error('admin only'), {stop: true});
  }
  if (process.env.BENCH_ONLY === 'server') {
    await serverTables(await startApi('PGlite'));
    throw Object.assign(new Error('server only'), {stop: true});
  }
  if (process.env.BENCH_ONLY === 'reports') {
    results.reports = await reportsBench({table});
    throw Object.assign(new Error('reports only'), {stop: true});
  }
  if (process.env.BENCH_ONLY === 'ideas') {
    await ideaTables();
    throw Object.assign(new Error('ideas only'), {stop: true});
  }
  if (process.env.BENCH_ONLY !== 'scale') await sizes();
  const pglite = await startApi('PGlite');
  results.delivery = await delivery({api: pglite.base, dist: DIST, root, runs: RUNS, table, cleanups, label: process.env.BENCH_DIST ? DIST : 'this build'});
  if (process.env.BENCH_ONLY === 'delivery') throw Object.assign(new Error('delivery only'), {stop: true});
  results.pageScale = await scale({api: pglite.base, dist: DIST, root, runs: SCALE_RUNS, table, cleanups, delivery: results.delivery});
  if (process.env.BENCH_ONLY === 'scale') throw Object.assign(new Error('scale only'), {stop: true});
  await startup(pglite.base);
  // BENCH_ONLY=pages stops after the bundle and the page measurements (a quick check while tuning).
  if (process.env.BENCH_ONLY === 'pages') throw Object.assign(new Error('pages only'), {stop: true});
  await serverTables(pglite);
  await ideaTables();
  await adminSection(await postgresUrl());
  results.reports = await reportsBench({table});
} catch (error) {
  if (!error.stop) {
    process.exitCode = 1;
    console.error(`bench failed: ${error.stack ?? error}`);
  }
} finally {
  await cleanup();
  results.seconds = (Date.now() - started) / 1000;
  writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Wrote bench/results.json (${results.seconds.toFixed(0)} s)`);
}
