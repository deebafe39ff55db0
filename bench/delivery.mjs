/**
 * Delivery: the loader (`kirjasto.js`) against the single file (`kirjasto-all.js`) on a page with one
 * poll and on a page with all three elements, next to a vanilla custom element doing the same fetch,
 * on slow 4G (150 ms, 1.6 Mbit/s down, 675 kbit/s up; Chromium's network emulation) with 4x CPU
 * throttling, every file compressed as served. Cold cache and a new browser context for every load.
 *
 * Time to interactive: from navigation start until every element on the page is interactive (its
 * content loaded, `[part~=base]` no longer `aria-busy`, and a form control in it enabled: the poll's
 * options, the rating's scores, the idea box's text field; the vanilla poll's radio buttons).
 * Bytes on the wire: what Chromium received for the page's scripts (headers included), and for all
 * requests of the page. BENCH_TRACE=1 prints every request's timing of every load.
 */
import {existsSync, readFileSync, statSync} from 'node:fs';
import {createServer, request as httpRequest} from 'node:http';
import {extname, join, normalize, sep} from 'node:path';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';
import {chromium} from 'playwright-core';
import {chromiumArgs, findChromium} from '../scripts/chromium-path.mjs';

export const SLOW_4G = {offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8};
export const CPU_SLOWDOWN = 4;

const READY = {
  'kirjasto-poll': '[part~=base]:not([aria-busy=true]) form input:enabled',
  'kirjasto-rating': '[part~=base]:not([aria-busy=true]) :is(button, input):enabled',
  'kirjasto-idea-box': '[part~=base]:not([aria-busy=true]) form textarea:enabled',
  'vanilla-poll': 'form input:enabled',
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const TYPES = {'.js': 'text/javascript; charset=utf-8', '.map': 'application/json; charset=utf-8'};

/**
 * The widgets' origin as a CDN would serve it: dist/ files with their precompressed siblings chosen
 * by Accept-Encoding (brotli, else gzip, else as is), the vanilla element compressed the same way,
 * and everything else passed to the API server behind it, so that scripts and API share one origin.
 * With `widgetFiles: false` the widget files too come from the API server (which compresses them).
 */
export async function startWidgetOrigin(api, dist, vanillaFile, {widgetFiles = true} = {}) {
  const apiUrl = new URL(api);
  const vanilla = readFileSync(vanillaFile);
  const vanillaEncoded = {br: brotliCompressSync(vanilla, {params: {[constants.BROTLI_PARAM_QUALITY]: 11}}), gzip: gzipSync(vanilla, {level: 9})};
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : undefined;
    const headers = {'Access-Control-Allow-Origin': '*', Vary: 'Accept-Encoding'};
    if (path === '/vanilla-poll.js') {
      const body = encoding ? vanillaEncoded[encoding] : vanilla;
      return res.writeHead(200, {...headers, 'Content-Type': TYPES['.js'], 'Cache-Control': 'public, max-age=300', ...(encoding ? {'Content-Encoding': encoding} : {})}).end(body);
    }
    const file = normalize(join(dist, path));
    const script = widgetFiles && (path === '/kirjasto.js' || path === '/kirjasto-all.js' || path.startsWith('/kirjasto/')) && file.startsWith(normalize(dist + sep)) && TYPES[extname(file)];
    if (script && existsSync(file)) {
      const suffix = {br: '.br', gzip: '.gz'}[encoding];
      const encoded = suffix && existsSync(file + suffix);
      const cache = path.startsWith('/kirjasto/') ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
      return res
        .writeHead(200, {...headers, 'Content-Type': TYPES[extname(file)], 'Cache-Control': cache, ...(encoded ? {'Content-Encoding': encoding} : {})})
        .end(readFileSync(encoded ? file + suffix : file));
    }
    const upstream = httpRequest({host: apiUrl.hostname, port: apiUrl.port, path: req.url, method: req.method, headers: {...req.headers, host: apiUrl.host}}, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {base: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r))};
}

/** Whether the API server itself negotiates precompressed widget files (issue 7, point 3). */
export async function serverCompresses(api) {
  const response = await fetch(`${api}/kirjasto-all.js`, {headers: {'Accept-Encoding': 'br'}}).catch(() => undefined);
  return Boolean(response?.ok && response.headers.get('content-encoding') === 'br');
}

function detector(tags) {
  return `<script>
  window.__bench = {};
  (function () {
    const ready = ${JSON.stringify(Object.fromEntries(tags.map((t) => [t, READY[t]])))};
    const observed = new WeakSet();
    function check() {
      if (window.__bench.ms !== undefined) return true;
      let all = true;
      for (const [tag, selector] of Object.entries(ready)) {
        const el = document.querySelector(tag);
        const root = el && el.shadowRoot;
        if (root && !observed.has(root)) {
          observed.add(root);
          new MutationObserver(check).observe(root, {subtree: true, childList: true, attributes: true});
        }
        if (!root || !root.querySelector(selector)) all = false;
      }
      if (all) window.__bench.ms = performance.now();
      return all;
    }
    (function frame() { if (!check()) requestAnimationFrame(frame); })();
  })();
  </script>`;
}

/**
 * Waits until the page's detector has set `window.__bench.ms`, and returns it. Through CDP rather than
 * Playwright's `waitForFunction`, whose injected script costs the page's main thread about 90 ms at 4x
 * CPU (in the middle of the load it measures, for our element and the vanilla one alike).
 */
export async function benchDone(cdp, timeoutMs = 60_000) {
  const {result, exceptionDetails} = await cdp.send('Runtime.evaluate', {
    expression: `new Promise((resolve, reject) => {
      const end = Date.now() + ${timeoutMs};
      const check = () => (window.__bench?.ms !== undefined ? resolve(window.__bench.ms) : Date.now() > end ? reject(new Error('not interactive within ${timeoutMs} ms')) : setTimeout(check, 100));
      check();
    })`,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value;
}

/** The bench's own pages (`path` → HTML), uncached, from a port of their own. */
export async function servePages(routes) {
  const server = createServer((req, res) => {
    const html = routes[new URL(req.url, 'http://x').pathname];
    if (html) return res.writeHead(200, {'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store'}).end(html);
    res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {base: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r))};
}

async function startPages(widgets, scripts) {
  const bodies = {
    one: (api) => `<kirjasto-poll poll="demo-poll" api="${api}"></kirjasto-poll>`,
    three: (api) => `<kirjasto-poll poll="demo-poll" api="${api}"></kirjasto-poll>
<kirjasto-rating rating="demo-rating" api="${api}"></kirjasto-rating>
<kirjasto-idea-box box="demo-ideas" api="${api}"></kirjasto-idea-box>`,
  };
  const page = (tags, body, script) => `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>bench</title></head><body>
<h1>Uutinen</h1><p>Kirjaston uutinen, jonka keskellä on kysely.</p>
${body}
${detector(tags)}
<script type="module" src="${widgets}${script}"></script>
</body></html>`;
  const routes = {'/vanilla.html': page(['vanilla-poll'], `<vanilla-poll poll="demo-poll" api="${widgets}"></vanilla-poll>`, '/vanilla-poll.js')};
  for (const {key, script} of scripts) {
    routes[`/${key}-one.html`] = page(['kirjasto-poll'], bodies.one(widgets), script);
    routes[`/${key}-three.html`] = page(['kirjasto-poll', 'kirjasto-rating', 'kirjasto-idea-box'], bodies.three(widgets), script);
  }
  return servePages(routes);
}

/** One cold load on slow 4G and a 4x slower CPU: time to interactive and bytes received. */
async function load(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const cdp = await context.newCDPSession(page);
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', ({requestId, request, type, timestamp}) => requests.set(requestId, {url: request.url, type, done: false, bytes: 0, start: timestamp}));
  cdp.on('Network.loadingFinished', ({requestId, encodedDataLength, timestamp}) => Object.assign(requests.get(requestId) ?? {}, {done: true, bytes: encodedDataLength, end: timestamp}));
  cdp.on('Network.loadingFailed', ({requestId}) => Object.assign(requests.get(requestId) ?? {}, {done: true}));
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', {cacheDisabled: true});
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', {rate: CPU_SLOWDOWN});
  try {
    await page.goto(url);
    const ms = await benchDone(cdp);
    // Bytes: whatever the page fetched once it is interactive, including files still arriving.
    const deadline = Date.now() + 10_000;
    while ([...requests.values()].some((r) => !r.done) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const all = [...requests.values()];
    if (process.env.BENCH_TRACE) {
      const t0 = Math.min(...all.map((r) => r.start));
      console.log(`${url}: interactive ${ms.toFixed(0)} ms`);
      for (const r of all) console.log(`  ${((r.start - t0) * 1000).toFixed(0).padStart(5)} -> ${((r.end - t0) * 1000).toFixed(0).padStart(5)} ms  ${r.bytes} B  ${r.url.replace(/^http:\/\/127.0.0.1:\d+/, '')}`);
    }
    const scripts = all.filter((r) => r.type === 'Script');
    return {ms, scriptBytes: scripts.reduce((n, r) => n + r.bytes, 0), totalBytes: all.reduce((n, r) => n + r.bytes, 0), scripts: scripts.length, requests: all.length};
  } catch (e) {
    throw new Error(`${url}: ${e.message}${errors.length ? `\npage errors: ${errors.join('\n')}` : ''}`);
  } finally {
    await context.close();
  }
}

/**
 * Runs the comparison. `dist` is the folder of built widget files: with kirjasto-all.js the loader
 * and the single file are compared; without it (the code before issue 7), kirjasto.js is the single file.
 */
/**
 * What both page benches start: the widgets' origin (the API server itself when it compresses this
 * build's files, else a bench origin serving `dist`), the bench's pages from `startPages(widgetsBase)`,
 * and a Chromium; each is closed by `cleanups`.
 */
export async function startBenchPages({api, dist, root, cleanups}, startPages) {
  const direct = dist === join(root, 'dist') && (await serverCompresses(api));
  // The vanilla element's script is the bench's own; with `direct`, everything else is the API server's answer.
  const widgets = await startWidgetOrigin(api, dist, join(root, 'bench/vanilla-poll.js'), {widgetFiles: !direct});
  cleanups.push(widgets.close);
  const pages = await startPages(widgets.base);
  cleanups.push(pages.close);
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found (CHROME_PATH, or Debian `chromium` on PATH)');
  const browser = await chromium.launch({executablePath, args: chromiumArgs});
  cleanups.push(() => browser.close());
  return {pages, browser, direct};
}

export async function delivery({api, dist, root, runs, table, cleanups, label = 'this build'}) {
  const hasLoader = existsSync(join(dist, 'kirjasto-all.js'));
  const scripts = hasLoader
    ? [
        {key: 'loader', script: '/kirjasto.js', name: 'kirjasto.js (loader)'},
        {key: 'all', script: '/kirjasto-all.js', name: 'kirjasto-all.js (one file)'},
      ]
    : [{key: 'single', script: '/kirjasto.js', name: 'kirjasto.js (one file, before)'}];
  if (!existsSync(join(dist, 'kirjasto.js')) || !statSync(join(dist, 'kirjasto.js')).isFile()) throw new Error(`${dist}/kirjasto.js is missing: build first`);
  const {pages, browser, direct} = await startBenchPages({api, dist, root, cleanups}, (base) => startPages(base, scripts));

  const cases = [{key: 'vanilla', page: '/vanilla.html', name: 'vanilla poll (fetch + innerHTML)', elements: 'one poll'}];
  for (const s of scripts) {
    cases.push({key: `${s.key}-one`, page: `/${s.key}-one.html`, name: s.name, elements: 'one poll'});
    cases.push({key: `${s.key}-three`, page: `/${s.key}-three.html`, name: s.name, elements: 'all three'});
  }
  for (const c of cases) await load(browser, pages.base + c.page); // warm the servers, not the browser
  const samples = Object.fromEntries(cases.map((c) => [c.key, []]));
  // Rounds, not blocks: a burst of load on the shared machine then hits every case alike.
  for (let i = 0; i < runs; i++) for (const c of cases) samples[c.key].push(await load(browser, pages.base + c.page));

  const precompressed = existsSync(join(dist, 'kirjasto.js.br'));
  const served = direct ? 'by the API server' : `by the bench from ${precompressed ? 'dist/ with its .br/.gz files by Accept-Encoding' : 'a dist/ without .br/.gz files, so uncompressed, as the server sent them then'}`;
  const result = {label, served, network: SLOW_4G, cpuSlowdown: CPU_SLOWDOWN, runs, cases: {}};
  for (const c of cases) {
    const s = samples[c.key];
    result.cases[c.key] = {
      name: c.name,
      elements: c.elements,
      ttiMs: median(s.map((x) => x.ms)),
      minMs: Math.min(...s.map((x) => x.ms)),
      maxMs: Math.max(...s.map((x) => x.ms)),
      scriptBytes: median(s.map((x) => x.scriptBytes)),
      totalBytes: median(s.map((x) => x.totalBytes)),
      scripts: median(s.map((x) => x.scripts)),
      samplesMs: s.map((x) => Math.round(x.ms)),
    };
  }
  const vanillaMs = result.cases.vanilla.ttiMs;
  console.log(`Delivery, ${label} (slow 4G: 150 ms, 1.6 Mbit/s down, 675 kbit/s up; CPU ${CPU_SLOWDOWN}x slower; median of ${runs} cold loads; files served ${result.served})`);
  table([
    ['page', 'script', 'interactive', 'vs vanilla', 'min', 'max', 'script files', 'script bytes', 'all bytes'],
    ...cases.map((c) => {
      const r = result.cases[c.key];
      return [c.elements, r.name, `${r.ttiMs.toFixed(0)} ms`, `${(r.ttiMs / vanillaMs).toFixed(2)}x`, `${r.minMs.toFixed(0)} ms`, `${r.maxMs.toFixed(0)} ms`, r.scripts, `${(r.scriptBytes / 1024).toFixed(1)} KiB`, `${(r.totalBytes / 1024).toFixed(1)} KiB`];
    }),
  ]);
  if (hasLoader) {
    const pick = (n) => (result.cases[`loader-${n}`].ttiMs <= result.cases[`all-${n}`].ttiMs ? 'kirjasto.js' : 'kirjasto-all.js');
    result.faster = {one: pick('one'), three: pick('three')};
    console.log(`Faster: a page with one element: ${result.faster.one}; all three: ${result.faster.three}\n`);
  }
  await browser.close();
  return result;
}
