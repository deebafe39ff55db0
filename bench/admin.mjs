/**
 * The librarians' side: sign-in (scrypt on purpose, so it is slow by design) and a poll's creation
 * through the admin API, p50/p99. Called by bench/run.mjs (BENCH_ONLY=admin runs only this).
 */
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import autocannon from 'autocannon';

const EMAIL = 'editor@demo.kirjasto.example';
const PASSWORD = 'kirjasto-demo';
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function signIn(base) {
  const response = await fetch(`${base}/api/v1/admin/session`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({email: EMAIL, password: PASSWORD})});
  if (response.status !== 201) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  const cookie = /kirjasto_session=[^;]+/.exec(response.headers.get('set-cookie'))[0];
  return {cookie, csrf: (await response.json()).csrfToken};
}

/** Sign-ins one after another, then `concurrency` at a time: latency per sign-in. */
async function signInLatency(base, {count, concurrency}) {
  const one = async () => {
    const start = performance.now();
    await signIn(base);
    return performance.now() - start;
  };
  const sequential = [];
  for (let i = 0; i < count; i++) sequential.push(await one());
  const parallel = [];
  const started = performance.now();
  await Promise.all(Array.from({length: concurrency}, async () => {
    for (let i = 0; i < count / concurrency; i++) parallel.push(await one());
  }));
  const seconds = (performance.now() - started) / 1000;
  return {
    sequential: {n: count, p50: percentile(sequential, 50), p99: percentile(sequential, 99)},
    concurrent: {n: parallel.length, concurrency, p50: percentile(parallel, 50), p99: percentile(parallel, 99), perSecond: parallel.length / seconds},
  };
}

export async function adminBench({base, label, seconds, table}) {
  const signIns = await signInLatency(base, {count: 40, concurrency: 4});
  const {cookie, csrf} = await signIn(base);
  const body = JSON.stringify({
    question: {fi: 'Mitkä aukioloajat sopivat?', sv: 'Vilka öppettider passar?', en: 'Which opening hours suit you?'},
    options: [{label: {fi: 'Aamut', sv: 'Morgnar', en: 'Mornings'}}, {label: {fi: 'Illat', sv: 'Kvällar', en: 'Evenings'}}, {label: {fi: 'Viikonloput'}}],
    resultsVisibility: 'after-vote',
  });
  const run = await autocannon({
    url: `${base}/api/v1/admin/tenants/demo/polls`,
    method: 'POST',
    connections: 10,
    duration: seconds,
    headers: {'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf},
    body,
  });
  const created = run['2xx'];
  const pollCreate = {connections: 10, requests: run.requests.total, created, non2xx: run.non2xx, perSecond: run.requests.average, p50: run.latency.p50, p99: run.latency.p99};
  table([
    [`${label}: admin`, 'n', 'p50', 'p99', 'per s'],
    ['sign-in, one at a time', signIns.sequential.n, `${signIns.sequential.p50.toFixed(1)} ms`, `${signIns.sequential.p99.toFixed(1)} ms`, '-'],
    [`sign-in, ${signIns.concurrent.concurrency} at a time`, signIns.concurrent.n, `${signIns.concurrent.p50.toFixed(1)} ms`, `${signIns.concurrent.p99.toFixed(1)} ms`, signIns.concurrent.perSecond.toFixed(1)],
    [`create poll, ${pollCreate.connections} connections`, created, `${pollCreate.p50} ms`, `${pollCreate.p99} ms`, pollCreate.perSecond.toFixed(0)],
  ]);
  if (pollCreate.non2xx > 0) throw new Error(`${label}: ${pollCreate.non2xx} poll creations failed`);
  return {signIn: signIns, pollCreate};
}

/**
 * The console's JavaScript as the server sends it (the precompressed siblings the build wrote): what
 * the first page loads (index.html's script and module preloads) and every chunk, in gzip and brotli.
 * Staff-only, so no budget; reported so that growth is seen.
 */
export function consoleBytes({consoleDir, table}) {
  const assets = join(consoleDir, 'assets');
  const html = readFileSync(join(consoleDir, 'index.html'), 'utf8');
  const first = [...html.matchAll(/(?:src|href)="\/admin\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
  const all = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const size = (files, suffix) => files.reduce((sum, f) => sum + statSync(join(assets, f + suffix)).size, 0);
  const figures = {
    firstLoad: {files: first.length, raw: size(first, ''), gzip: size(first, '.gz'), brotli: size(first, '.br')},
    everything: {files: all.length, raw: size(all, ''), gzip: size(all, '.gz'), brotli: size(all, '.br')},
  };
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  table([
    ["the console's JavaScript, as served", 'files', 'raw', 'gzip', 'brotli'],
    ...Object.entries({'first page (sign-in)': figures.firstLoad, 'every screen': figures.everything}).map(([name, f]) => [name, f.files, kib(f.raw), kib(f.gzip), kib(f.brotli)]),
  ]);
  return figures;
}
