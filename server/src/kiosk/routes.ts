import {createHash} from 'node:crypto';
import {readdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {createRoute, z} from '@hono/zod-openapi';
import {Hono, type Context} from 'hono';
import type {AppDeps} from '../deps.js';
import {clientKey} from '../http/client-key.js';
import type {AppEnv} from '../http/context.js';
import {apiApp, ID_PATTERN, json, jsonBody, jsonRequest, problems} from '../http/contract.js';
import {Problem} from '../http/problem.js';
import {limiter} from '../http/rate-limit.js';
import {escapeHtml, pickText, wordHtmlOnUiLangPage} from '../pages/html.js';
import {ARCHIVED_TEXT, libraryLanguages, pageLang} from '../pages/lang.js';
import {HTML_HEADERS, notFoundPage} from '../pages/layout.js';
import {branchName} from '../qr/qr.js';
import {findRating} from '../ratings/store.js';
import {KIOSK_LANGS, KIOSK_TEXT} from './page-text.js';
import {findKiosk, KIOSK_HEADER, kioskDevice, registerKiosk} from './devices.js';
import {verifyPin} from './pin.js';

/** Browser files of the kiosk; read from src/kiosk/assets both when running from src and from dist. */
const ASSETS = new URL('../../src/kiosk/assets/', import.meta.url);
const SCRIPT_HEADERS = {'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff'};

export const WRONG_PINS_ALLOWED = 5;
const LOCKOUT_SECONDS = 10 * 60;

/** The single file with every widget: the kiosk's service worker precaches it, so the kiosk works offline. */
export const KIOSK_WIDGETS_SCRIPT = '/kirjasto-all.js';

const UnlockSchema = z
  .object({
    rating: z.string().regex(ID_PATTERN, 'Not a rating id').openapi({description: 'The rating the kiosk shows'}),
    pin: z.string().min(1, 'Must not be empty').max(64, 'At most 64 characters'),
    location: z.string().regex(ID_PATTERN, 'Not a branch id').optional().openapi({description: 'The branch the kiosk stands in, kept with a newly registered kiosk'}),
  })
  .openapi('KioskUnlock');

const KioskDeviceSchema = z
  .strictObject({id: z.string(), label: z.string(), branchId: z.string().nullable()})
  .openapi('KioskDevice', {description: 'A registered kiosk of a library'});

const UnlockedSchema = z
  .strictObject({
    device: KioskDeviceSchema,
    kioskToken: z.string().optional().openapi({
      description: `Only when this unlock registered the device: the token it sends in the ${KIOSK_HEADER} header on every write from now on. Shown once; the server keeps only a keyed hash.`,
    }),
  })
  .openapi('KioskUnlocked');

const kioskHeaders = z.object({[KIOSK_HEADER]: z.string().optional().openapi({description: 'The kiosk token from an unlock, if the device has one'})});

const unlock = createRoute({
  method: 'post',
  path: '/unlock',
  operationId: 'unlockKiosk',
  summary: "Checks the staff PIN of the rating's library and registers the device as a kiosk; five wrong PINs lock a client out for ten minutes",
  description: `A device that sends no valid kiosk token of this library in ${KIOSK_HEADER} is registered as a new kiosk and gets its token (\`kioskToken\`); one that does stays the kiosk it is. Only answers with a valid kiosk token count as the \`kiosk\` channel (unlimited per voter, a write limit per kiosk); without one they count as \`web\`.`,
  middleware: [jsonBody()] as const,
  request: {headers: kioskHeaders, body: jsonRequest(UnlockSchema)},
  responses: {
    200: {description: 'The PIN is right: the kiosk, and its token if it was registered now', content: json(UnlockedSchema)},
    ...problems('validation', 'wrong-pin', 'not-found', 'payload-too-large', 'unsupported-media-type', 'rate-limited', 'method-not-allowed', 'internal'),
  },
});

const whoAmI = createRoute({
  method: 'get',
  path: '/device',
  operationId: 'getKioskDevice',
  summary: "The registered kiosk whose token the request carries, if it is one of the rating's library: a kiosk page without one asks staff to register it",
  request: {headers: kioskHeaders, query: z.object({rating: z.string().openapi({pattern: ID_PATTERN.source, description: 'The rating the kiosk shows'})})},
  responses: {
    200: {description: 'A registered kiosk of this library', content: json(z.strictObject({device: KioskDeviceSchema}).openapi('KioskDeviceAnswer'))},
    ...problems('validation', 'not-found', 'rate-limited', 'method-not-allowed', 'internal'),
  },
});

const deviceView = (d: {id: string; label: string; branchId: string | null}) => ({id: d.id, label: d.label, branchId: d.branchId});

/** The staff PIN that lets staff out of a kiosk, mounted at /api/v1/kiosk. */
export function kioskApi(deps: AppDeps) {
  const app = apiApp();
  // Wrong PINs per client key: in Redis for every instance when REDIS_URL is set, like the rate limits.
  const wrongPins = limiter(deps.limits, {keyPrefix: 'kiosk-pin', points: WRONG_PINS_ALLOWED, duration: LOCKOUT_SECONDS});
  // Before the body is validated: a locked-out client learns nothing more.
  const notLockedOut = async (c: Context, next: () => Promise<void>) => {
    const record = await wrongPins.get(await clientKey(c, deps.secrets, deps.config.trustProxy));
    if (record && record.consumedPoints >= WRONG_PINS_ALLOWED) {
      const seconds = Math.max(1, Math.ceil(record.msBeforeNext / 1000));
      throw new Problem('rate-limited', {detail: `Too many wrong PINs; try again in ${seconds} s.`, headers: {'Retry-After': String(seconds)}});
    }
    await next();
  };
  app.openapi({...unlock, middleware: [notLockedOut, ...unlock.middleware]}, async (c) => {
    const key = await clientKey(c, deps.secrets, deps.config.trustProxy);
    const {rating, pin, location} = c.req.valid('json');
    const [row] = await deps.db.query<{tenant_id: string; kiosk_pin_hash: string | null}>(
      'select t.id as tenant_id, t.kiosk_pin_hash from ratings r join tenants t on t.id = r.tenant_id where r.id = $1',
      [rating],
    );
    if (!row) throw new Problem('not-found', {detail: `There is no rating "${rating}".`});
    if (!(await verifyPin(pin, row.kiosk_pin_hash))) {
      await wrongPins.consume(key).catch(() => {});
      throw new Problem('wrong-pin');
    }
    await wrongPins.delete(key);
    // The rate limit checked the header already (a write); a token of another library registers anew.
    const known = c.get('kioskDevice');
    const current = known?.tenantId === row.tenant_id ? await kioskDevice(deps.db, row.tenant_id, known.id) : undefined;
    if (current) return c.json({device: deviceView(current)}, 200, {'Cache-Control': 'no-store'});
    const branchId = location && (await deps.content.isBranchOf(row.tenant_id, location)) ? location : undefined;
    const {device, token} = await registerKiosk(deps.db, deps.secrets, {tenantId: row.tenant_id, branchId});
    return c.json({device: deviceView(device), kioskToken: token}, 200, {'Cache-Control': 'no-store'});
  });
  app.openapi(whoAmI, async (c) => {
    const {rating} = c.req.valid('query');
    const token = c.req.valid('header')[KIOSK_HEADER];
    const found = await findKiosk(deps.db, deps.secrets, token);
    const owner = found && ID_PATTERN.test(rating) ? (await findRating(deps.db, rating))?.tenantId : undefined;
    const device = found && owner === found.tenantId ? await kioskDevice(deps.db, owner, found.id) : undefined;
    if (!device) throw new Problem('not-found', {detail: 'This device is not a registered kiosk of this library: staff unlock it with the PIN to register it.'});
    return c.json({device: deviceView(device)}, 200, {'Cache-Control': 'no-store'});
  });
  return app;
}

/**
 * What the kiosk's service worker precaches besides the page, the bundle and the rating: every widget
 * chunk the bundle may import later (the kiosk parts, each language), so that a reload without network
 * right after setup shows the rating. Its hash names the cache, so a new build replaces it.
 */
async function precacheList(widgetsDir: string): Promise<string> {
  const chunks = await readdir(join(widgetsDir, 'kirjasto')).catch(() => [] as string[]);
  const files = chunks.filter((name) => name.endsWith('.js')).sort().map((name) => `/kirjasto/${name}`);
  const build = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
  return `const KIOSK_BUILD = ${JSON.stringify({id: build, files})};`;
}

/** The on-site kiosk: its page, script and service worker (mounted at the root: the worker's scope is /kiosk/). */
export function kioskPages(deps: AppDeps) {
  const assets = new Map<string, Promise<string>>();
  const asset = (name: string) => {
    if (!assets.has(name)) assets.set(name, readFile(new URL(name, ASSETS), 'utf8'));
    return assets.get(name)!;
  };
  const app = new Hono<AppEnv>();
  app.get('/kiosk-sw.js', async (c) => c.body(`${await precacheList(deps.config.widgetsDir)}\n${await asset('kiosk-sw.js')}`, 200, SCRIPT_HEADERS));
  // The script and the pages share one route: a literal segment beside a parameter (`/kiosk/kiosk.js`
  // with `/kiosk/:ratingId`) is a route set Hono's RegExpRouter refuses, and every request of the server
  // would then be routed by the slower TrieRouter. The script's name is never taken for a rating id.
  app.get('/kiosk/:ratingId', async (c) =>
    c.req.param('ratingId') === 'kiosk.js' ? c.body(await asset('kiosk.js'), 200, SCRIPT_HEADERS) : kioskPage(deps, c),
  );
  return app;
}

const STYLE = `
  :root { color-scheme: light dark; }
  html, body { height: 100%; margin: 0; overflow: hidden; overscroll-behavior: none; }
  body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; font-size: clamp(1.25rem, 3vmin, 2.25rem);
    line-height: 1.4; color: #1a1a1a; background: #f7f5f0; touch-action: manipulation; user-select: none; -webkit-user-select: none; }
  main { flex: 1; display: flex; min-height: 0; }
  kirjasto-rating { flex: 1; display: block; min-height: 0; }
  nav { display: flex; flex-wrap: wrap; justify-content: center; gap: 1rem; padding: 1rem; }
  nav button, dialog button { font: inherit; min-height: 3.5rem; padding: .5rem 1.5rem; border-radius: 999px; border: 2px solid #0b5cad; background: #fff; color: #0b5cad; cursor: pointer; }
  nav button[aria-pressed="true"] { background: #0b5cad; color: #fff; }
  :focus-visible { outline: 3px solid #0b5cad; outline-offset: 3px; }
  dialog { font-size: 1.25rem; border: 0; border-radius: 1rem; padding: 1.5rem 2rem; max-width: 32rem; }
  dialog::backdrop { background: #0009; }
  dialog dl { display: grid; grid-template-columns: auto auto; gap: .25rem 1rem; }
  dialog dd { margin: 0; font-weight: 600; }
  dialog .actions { display: flex; flex-wrap: wrap; gap: .75rem; }
  #kiosk-unregistered { margin: 0; padding: .75rem 1.5rem .75rem 3.5rem; font-size: 1rem; color: #7a1f00; background: #fff3e0; }
  #kiosk-unregistered[hidden] { display: none; }
  @media (prefers-color-scheme: dark) {
    body { color: #eee; background: #111; } nav button, dialog button { background: #111; color: #8cc4ff; border-color: #8cc4ff; }
    nav button[aria-pressed="true"] { background: #8cc4ff; color: #000; } dialog { background: #222; color: #eee; }
    #kiosk-unregistered { color: #ffd0b0; background: #3a1a00; }
    :focus-visible { outline-color: #ffd35c; }
  }
  @media (forced-colors: active) {
    nav button[aria-pressed="true"] { forced-color-adjust: none; background: Highlight; color: HighlightText; border-color: Highlight; }
    :focus-visible { outline-color: Highlight; }
  }`;

async function kioskPage(deps: AppDeps, c: Context): Promise<Response> {
  // The library's language from the kiosk's address (`?lang=sv`), Finnish without it: never the
  // language of whatever browser the kiosk runs in.
  const lang = pageLang(c, c.req.query('lang'));
  const text = KIOSK_TEXT[lang];
  // The page is in its UI language, Sami too (the widget follows <html lang>); Finnish stand-ins say so.
  const word = (w: string) => wordHtmlOnUiLangPage(w, lang);
  const id = c.req.param('ratingId') ?? '';
  const rating = ID_PATTERN.test(id) ? await findRating(deps.db, id) : undefined;
  if (!rating) throw new Problem('not-found', {detail: `There is no rating "${id}".`});
  if (rating.archived) return notFoundPage(c, lang, ARCHIVED_TEXT[lang], STYLE, 410);
  const locationId = c.req.query('location');
  const branch = locationId && ID_PATTERN.test(locationId) ? await branchName(deps.db, rating.tenantId, locationId) : undefined;
  const attrs = ['kiosk', `rating="${escapeHtml(rating.id)}"`, 'channel="kiosk"'];
  if (branch) attrs.push(`location="${escapeHtml(locationId!)}"`);
  attrs.push('reset-after="8"');
  const offered = await libraryLanguages(deps.db, rating.tenantId);
  const buttons = KIOSK_LANGS.filter((l) => offered.includes(l.lang) || l.lang === lang).map(
    (l) => `<button type="button" data-lang="${l.lang}" lang="${l.lang}" aria-pressed="${l.lang === lang}">${escapeHtml(l.label)}</button>`,
  ).join('\n');
  const html = `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="theme-color" content="#0b5cad">
<meta name="mobile-web-app-capable" content="yes">
<title>${escapeHtml(pickText(rating.question, lang))}</title>
<style>${STYLE}</style>
<script type="module" src="${KIOSK_WIDGETS_SCRIPT}"></script>
<script type="module" src="/kiosk/kiosk.js"></script>
</head>
<body>
<p id="kiosk-unregistered" role="alert" hidden>${word(text.unregistered)}</p>
<main>
<kirjasto-rating ${attrs.join(' ')}></kirjasto-rating>
</main>
<nav aria-label="${escapeHtml(text.languages)}">
${buttons}
</nav>
<dialog id="kiosk-staff" aria-labelledby="kiosk-staff-title">
<h2 id="kiosk-staff-title">${word(text.staff)}</h2>
<dl>
<dt>${word(text.branch)}</dt><dd>${branch ? escapeHtml(pickText(branch, lang)) : word(text.noBranch)}</dd>
<dt>${word(text.pending)}</dt><dd data-pending>0</dd>
</dl>
<div class="actions">
<button type="button" data-action="reload">${word(text.reload)}</button>
<button type="button" data-action="leave-full-screen">${word(text.leaveFullScreen)}</button>
<button type="button" data-action="back">${word(text.back)}</button>
</div>
</dialog>
</body>
</html>
`;
  return c.body(html, 200, HTML_HEADERS);
}
