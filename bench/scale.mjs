/**
 * The page side of scale (issue 9, point 6): our poll side by side with a vanilla custom element that
 * does the same fetch and vote (bench/vanilla-poll.js), in one run, with Chromium's CPU 4x slower.
 *
 * - 50 polls on one Finnish page (50 different polls, seeded through the admin API, half of them
 *   multiple choice): until all 50 are interactive, the longest task and the tasks over 50 ms until
 *   then, DOM nodes (every node of the document and of every shadow root), and when the page sent its
 *   last API request; once with no network throttling (what the CPU costs) and once on slow 4G.
 * - A vote on that page: from the submit button's click until the results are in the DOM and the next
 *   frame has begun (`requestAnimationFrame` after the mutation), in the first poll.
 * - One poll on slow 4G: bench/delivery.mjs's comparison (run by the caller, passed in as `delivery`).
 *
 * A new browser context (cold cache, empty localStorage) for every load; rounds rather than blocks,
 * so a burst of load on the shared machine hits every case alike. Medians of `runs` loads.
 */
import {benchDone, CPU_SLOWDOWN, servePages, SLOW_4G, startBenchPages} from './delivery.mjs';

const WIDGETS = 50;
const LONG_TASK_MS = 50;
const GOALS = {manyRatio: 1.3, oneSlow4gRatio: 1.1};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** 50 open polls of the demo library, `scale-poll-01` … `-50`: even ones single choice, odd ones up to 2 of 4. */
export async function seedPolls(api) {
  const signIn = await fetch(`${api}/api/v1/admin/session`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({email: 'editor@demo.kirjasto.example', password: 'kirjasto-demo'}),
  });
  if (signIn.status !== 201) throw new Error(`sign-in answered ${signIn.status}: ${await signIn.text()}`);
  const cookie = /kirjasto_session=[^;]+/.exec(signIn.headers.get('set-cookie'))[0];
  const {csrfToken} = await signIn.json();
  const ids = Array.from({length: WIDGETS}, (_, i) => `scale-poll-${String(i + 1).padStart(2, '0')}`);
  for (const [i, id] of ids.entries()) {
    const created = await fetch(`${api}/api/v1/admin/tenants/demo/polls`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken, 'Idempotency-Key': `bench-scale-${id}`},
      body: JSON.stringify({
        id,
        question: {fi: `Kysymys ${i + 1}: mitä toivoisit kirjastoon lisää?`, sv: `Fråga ${i + 1}: vad önskar du mer av?`, en: `Question ${i + 1}: what would you like more of?`},
        options: [
          {label: {fi: 'Pidemmät aukioloajat', sv: 'Längre öppettider', en: 'Longer opening hours'}},
          {label: {fi: 'Enemmän tapahtumia lapsille', sv: 'Fler evenemang för barn', en: 'More events for children'}},
          {label: {fi: 'Hiljaisia opiskelutiloja', sv: 'Tysta studieplatser', en: 'Quiet study spaces'}},
          {label: {fi: 'Enemmän e-kirjoja', sv: 'Fler e-böcker', en: 'More e-books'}},
        ],
        maxChoices: i % 2 ? 2 : 1,
        resultsVisibility: 'after-vote',
      }),
    });
    if (created.status !== 201 && created.status !== 200) throw new Error(`creating ${id} answered ${created.status}: ${await created.text()}`);
  }
  return ids;
}

const READY = {
  'kirjasto-poll': '[part~=base]:not([aria-busy=true]) form input:enabled',
  'vanilla-poll': 'form input:enabled',
};
const RESULTS = {'kirjasto-poll': '[part~=results]', 'vanilla-poll': '.results'};

/** Records when every element of the page is interactive, and every long task; each root is checked when it changes. */
function detector(tag, count) {
  return `<script>
  window.__bench = {longTasks: []};
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__bench.longTasks.push({start: e.startTime, ms: e.duration}); })
    .observe({type: 'longtask', buffered: true});
  // Each element's shadow root is watched from the moment it is attached (an element may attach it
  // when it connects, or later, in a slice of time of its own).
  let ready = 0;
  const watch = (root) => {
    const check = () => {
      if (!root.querySelector(${JSON.stringify(READY[tag])})) return false;
      observer.disconnect();
      if (++ready === ${count}) window.__bench.ms = performance.now();
      return true;
    };
    const observer = new MutationObserver(check);
    if (!check()) observer.observe(root, {subtree: true, childList: true, attributes: true});
  };
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    if (this.localName === ${JSON.stringify(tag)}) watch(root);
    return root;
  };
  </script>`;
}

export async function startPages(widgets, ids) {
  const page = (lang, tag, script) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>bench</title></head><body>
<h1>Uutinen</h1><p>Kirjaston uutinen, jossa on ${ids.length} kyselyä.</p>
${ids.map((id) => `<${tag} poll="${id}" api="${widgets}"></${tag}>`).join('\n')}
${detector(tag, ids.length)}
<script type="module" src="${widgets}${script}"></script>
</body></html>`;
  const routes = {
    '/vanilla.html': page('fi', 'vanilla-poll', '/vanilla-poll.js'),
    '/ours.html': page('fi', 'kirjasto-poll', '/kirjasto-all.js'),
    '/ours-sv.html': page('sv', 'kirjasto-poll', '/kirjasto-all.js'),
  };
  return servePages(routes);
}

/** Every node of the page, shadow roots included; and how many of them are elements and comments. */
function countNodes() {
  const counts = {nodes: 0, elements: 0, comments: 0, styleElements: 0};
  const walk = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
    for (let node = walker.currentNode; node; node = walker.nextNode()) {
      if (node === root && root.nodeType !== Node.ELEMENT_NODE) continue; // the document or shadow root itself
      counts.nodes++;
      if (node.nodeType === Node.COMMENT_NODE) counts.comments++;
      if (node.nodeType === Node.ELEMENT_NODE) {
        counts.elements++;
        if (node.localName === 'style') counts.styleElements++;
        if (node.shadowRoot) walk(node.shadowRoot);
      }
    }
  };
  walk(document);
  return counts;
}

/** Votes in the first poll: the time from the submit button's click to the results in the DOM and the next frame. */
function vote({tag, results}) {
  const root = document.querySelector(tag).shadowRoot;
  root.querySelector('input').click();
  return new Promise((resolve) => {
    let start;
    new MutationObserver((_, observer) => {
      if (!root.querySelector(results)) return;
      observer.disconnect();
      const inDom = performance.now() - start;
      requestAnimationFrame(() => resolve({inDomMs: inDom, frameMs: performance.now() - start}));
    }).observe(root, {subtree: true, childList: true});
    // After the option's change has rendered: the click is then the only thing left to do.
    setTimeout(() => {
      start = performance.now();
      root.querySelector('button[part~=submit], form button').click();
    }, 200);
  });
}

async function load(browser, url, tag, {network}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const cdp = await context.newCDPSession(page);
  const requests = [];
  cdp.on('Network.requestWillBeSent', ({requestId, request, type, timestamp}) => requests.push({requestId, url: request.url, method: request.method, type, start: timestamp}));
  cdp.on('Network.loadingFinished', ({requestId, timestamp}) => {
    for (const r of requests) if (r.requestId === requestId) r.end = timestamp;
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', {cacheDisabled: true});
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  await cdp.send('Emulation.setCPUThrottlingRate', {rate: CPU_SLOWDOWN});
  try {
    await page.goto(url);
    await benchDone(cdp);
    const bench = await page.evaluate(() => window.__bench);
    const dom = await page.evaluate(countNodes);
    const voted = await page.evaluate(vote, {tag, results: RESULTS[tag]});
    const voteTasks = await page.evaluate((since) => window.__bench.longTasks.filter((t) => t.start >= since), bench.ms);
    const t0 = requests[0].start;
    const at = (r, key = 'start') => (r && r[key] !== undefined ? (r[key] - t0) * 1000 : undefined);
    const reads = requests.filter((r) => r.method === 'GET' && /\/api\/v1\/polls\/[^/]+$/.test(new URL(r.url).pathname));
    const script = requests.find((r) => /\/(kirjasto-all|vanilla-poll)\.js$/.test(r.url));
    const language = requests.find((r) => /\/kirjasto\/all\.[a-z-]+-[\w-]{8}\.js$/.test(r.url));
    const loadTasks = bench.longTasks.filter((t) => t.start < bench.ms);
    return {
      ms: bench.ms,
      longestTaskMs: Math.max(0, ...loadTasks.map((t) => t.ms)),
      tasksOver50: loadTasks.filter((t) => t.ms > LONG_TASK_MS).length,
      dom,
      apiReads: reads.length,
      firstReadMs: at(reads[0]),
      lastReadMs: Math.max(...reads.map((r) => at(r))),
      scriptSentMs: at(script),
      scriptDoneMs: at(script, 'end'),
      languageSentMs: at(language),
      languageDoneMs: at(language, 'end'),
      vote: voted,
      voteLongestTaskMs: Math.max(0, ...voteTasks.map((t) => t.ms)),
    };
  } catch (e) {
    throw new Error(`${url}: ${e.message}${errors.length ? `\npage errors: ${errors.join('\n')}` : ''}`);
  } finally {
    await context.close();
  }
}

const ms = (x) => (x === undefined || !Number.isFinite(x) ? '-' : `${x.toFixed(0)} ms`);

/**
 * Runs the 50-poll pages and the vote, prints them with the goal table (the one-poll slow-4G figure
 * comes from `delivery`, bench/delivery.mjs's result of the same run), and returns the figures.
 */
export async function scale({api, dist, root, runs, table, cleanups, delivery}) {
  const ids = await seedPolls(api);
  const {pages, browser} = await startBenchPages({api, dist, root, cleanups}, (base) => startPages(base, ids));

  const cases = [
    {key: 'vanilla', page: '/vanilla.html', tag: 'vanilla-poll', name: 'vanilla poll', network: undefined},
    {key: 'ours', page: '/ours.html', tag: 'kirjasto-poll', name: '<kirjasto-poll>, kirjasto-all.js', network: undefined},
    {key: 'ours-sv', page: '/ours-sv.html', tag: 'kirjasto-poll', name: '<kirjasto-poll>, Swedish page', network: undefined},
    {key: 'vanilla-4g', page: '/vanilla.html', tag: 'vanilla-poll', name: 'vanilla poll', network: SLOW_4G},
    {key: 'ours-4g', page: '/ours.html', tag: 'kirjasto-poll', name: '<kirjasto-poll>, kirjasto-all.js', network: SLOW_4G},
  ];
  for (const c of cases) await load(browser, pages.base + c.page, c.tag, c); // warm the servers, not the browser
  const samples = Object.fromEntries(cases.map((c) => [c.key, []]));
  for (let i = 0; i < runs; i++) for (const c of cases) samples[c.key].push(await load(browser, pages.base + c.page, c.tag, c));
  await browser.close();

  const figures = {};
  for (const c of cases) {
    const s = samples[c.key];
    const med = (pick) => median(s.map(pick));
    figures[c.key] = {
      name: c.name,
      network: c.network ? 'slow 4G' : 'none',
      allInteractiveMs: med((x) => x.ms),
      minMs: Math.min(...s.map((x) => x.ms)),
      maxMs: Math.max(...s.map((x) => x.ms)),
      longestTaskMs: Math.max(...s.map((x) => x.longestTaskMs)),
      longestTaskMedianMs: med((x) => x.longestTaskMs),
      tasksOver50ms: Math.max(...s.map((x) => x.tasksOver50)),
      domNodes: med((x) => x.dom.nodes),
      domElements: med((x) => x.dom.elements),
      domComments: med((x) => x.dom.comments),
      styleElements: med((x) => x.dom.styleElements),
      apiReads: med((x) => x.apiReads),
      scriptSentMs: med((x) => x.scriptSentMs),
      scriptDoneMs: med((x) => x.scriptDoneMs),
      languageSentMs: s[0].languageSentMs === undefined ? undefined : med((x) => x.languageSentMs),
      languageDoneMs: s[0].languageDoneMs === undefined ? undefined : med((x) => x.languageDoneMs),
      firstApiRequestMs: med((x) => x.firstReadMs),
      lastApiRequestMs: med((x) => x.lastReadMs),
      voteInDomMs: med((x) => x.vote.inDomMs),
      voteRenderedMs: med((x) => x.vote.frameMs),
      voteLongestTaskMs: Math.max(...s.map((x) => x.voteLongestTaskMs)),
      samplesMs: s.map((x) => Math.round(x.ms)),
      voteSamplesMs: s.map((x) => Math.round(x.vote.frameMs)),
    };
  }
  const f = figures;
  const ratio = (a, b) => f[a].allInteractiveMs / f[b].allInteractiveMs;
  console.log(`${WIDGETS} polls on one Finnish page (${WIDGETS} different polls; CPU ${CPU_SLOWDOWN}x slower; median of ${runs} cold loads; files served as in the delivery table)`);
  table([
    ['network', 'page', 'all interactive', 'vs vanilla', 'min', 'max', 'longest task', 'tasks > 50 ms', 'DOM nodes', 'elements', 'comments', 'script arrives', 'language arrives', 'first / last API request'],
    ...cases.map((c) => {
      const r = f[c.key];
      const vs = c.key.startsWith('ours') ? ratio(c.key, c.network ? 'vanilla-4g' : 'vanilla') : 1;
      return [r.network, r.name, ms(r.allInteractiveMs), `${vs.toFixed(2)}x`, ms(r.minMs), ms(r.maxMs), ms(r.longestTaskMs), r.tasksOver50ms, r.domNodes, r.domElements, r.domComments, ms(r.scriptDoneMs), ms(r.languageDoneMs), `${ms(r.firstApiRequestMs)} / ${ms(r.lastApiRequestMs)}`];
    }),
  ]);
  console.log(`A vote in the first of the ${WIDGETS} polls: submit click -> results in the DOM -> next frame (median of ${runs})`);
  table([
    ['network', 'page', 'results in the DOM', 'next frame', 'vs vanilla', 'longest task'],
    ...cases.map((c) => {
      const r = f[c.key];
      const floor = f[c.network ? 'vanilla-4g' : 'vanilla'].voteRenderedMs;
      return [r.network, r.name, ms(r.voteInDomMs), ms(r.voteRenderedMs), `${(r.voteRenderedMs / floor).toFixed(2)}x`, ms(r.voteLongestTaskMs)];
    }),
  ]);

  const one = delivery?.cases;
  const goals = [
    [`${WIDGETS} polls all interactive / vanilla (no network throttling)`, ratio('ours', 'vanilla'), GOALS.manyRatio, 'x'],
    [`${WIDGETS} polls all interactive / vanilla (slow 4G)`, ratio('ours-4g', 'vanilla-4g'), GOALS.manyRatio, 'x'],
    [`${WIDGETS} polls: longest task until interactive, ms (worst load, either network)`, Math.max(f.ours.longestTaskMs, f['ours-4g'].longestTaskMs), LONG_TASK_MS, ' ms'],
    ...(one ? [['one poll on slow 4G interactive / vanilla (kirjasto-all.js)', one['all-one'].ttiMs / one.vanilla.ttiMs, GOALS.oneSlow4gRatio, 'x']] : []),
  ];
  const info = [
    [`${WIDGETS} polls: DOM nodes / vanilla`, f.ours.domNodes / f.vanilla.domNodes],
    [`${WIDGETS} polls: last API request sent / vanilla (no network throttling)`, f.ours.lastApiRequestMs / f.vanilla.lastApiRequestMs],
    ['results rendered after a vote / vanilla (no network throttling)', f.ours.voteRenderedMs / f.vanilla.voteRenderedMs],
    ['results rendered after a vote / vanilla (slow 4G)', f['ours-4g'].voteRenderedMs / f['vanilla-4g'].voteRenderedMs],
    ...(one?.['loader-one'] ? [['one poll on slow 4G interactive / vanilla (kirjasto.js, the loader)', one['loader-one'].ttiMs / one.vanilla.ttiMs]] : []),
  ];
  console.log(`Issue 9, point 6: the page side of scale (CPU ${CPU_SLOWDOWN}x slower)`);
  table([
    ['goal', 'measured', 'target', ''],
    ...goals.map(([what, v, target, unit]) => [what, unit === 'x' ? `${v.toFixed(2)}x` : v.toFixed(0), `<= ${target}${unit === 'x' ? 'x' : unit}`, v <= target ? 'ok' : 'MISSED']),
    ...info.map(([what, v]) => [what, `${v.toFixed(2)}x`, '', '']),
  ]);
  return {
    widgets: WIDGETS,
    runs,
    cpuSlowdown: CPU_SLOWDOWN,
    figures,
    goals: goals.map(([what, value, target]) => ({what, value, target, ok: value <= target})),
    ratios: Object.fromEntries(info),
  };
}
