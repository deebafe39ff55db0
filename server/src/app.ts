import {OpenAPIHono} from '@hono/zod-openapi';
import {bodyLimit} from 'hono/body-limit';
import {HTTPException} from 'hono/http-exception';
import {methodNotAllowed} from 'hono/method-not-allowed';
import {adminApi} from './admin/api.js';
import type {AlertWorker} from './alerts/worker.js';
import {ADMIN_PATH_PREFIX, adminCors} from './auth/admin-cors.js';
import type {Config} from './config.js';
import type {Db} from './db/db.js';
import {createDeps} from './deps.js';
import {clientKey} from './http/client-key.js';
import type {AppEnv} from './http/context.js';
import {etags} from './http/cache.js';
import {validationHook} from './http/contract.js';
import {cors} from './http/cors.js';
import {methodNotAllowedProblem, Problem, problemResponse} from './http/problem.js';
import {rateLimit} from './http/rate-limit.js';
import {ideaPages} from './ideas/page.js';
import {ideaApi, ideaBoxApi} from './ideas/routes.js';
import {IdeaLimiter} from './ideas/submit.js';
import {kioskOfRequest} from './kiosk/devices.js';
import {kioskApi, kioskPages} from './kiosk/routes.js';
import {metaApi, openApiDocument} from './openapi.js';
import {pollPages} from './polls/page.js';
import {pollApi} from './polls/routes.js';
import {publicApi, publicPages} from './public/routes.js';
import {posterPages, qrApi} from './qr/routes.js';
import {shortLinks} from './qr/short-link.js';
import {ratingPages} from './ratings/page.js';
import {ratingApi} from './ratings/routes.js';
import {loggableError} from './http/log.js';
import {mineApi} from './requests/mine.js';
import {MINE_PAGE_PATH, minePages} from './requests/page.js';
import {consoleFiles, widgetFiles} from './static.js';

export const BODY_LIMIT_BYTES = 16 * 1024;
const HEALTH_PATH = '/api/v1/health';

export type App = OpenAPIHono<AppEnv>;

/** The whole server: cross-cutting middleware here, each domain's routes in its own sub-app. */
export function createApp({db, config, alerts}: {db: Db; config: Config; alerts?: AlertWorker}): App {
  const deps = createDeps({db, config, alerts});
  const {secrets} = deps;
  const app = new OpenAPIHono<AppEnv>({defaultHook: validationHook});

  app.onError((error, c) => {
    if (error instanceof Problem) return problemResponse(c, error);
    if (error instanceof HTTPException && error.status === 413) return problemResponse(c, new Problem('payload-too-large'));
    if (error instanceof HTTPException && error.status === 415) {
      return problemResponse(c, new Problem('unsupported-media-type', {detail: 'Send the body as application/json.'}));
    }
    console.error(`kirjasto: ${c.req.method} ${c.req.path} failed: ${loggableError(error)}`);
    return problemResponse(c, new Problem('internal'));
  });
  app.notFound((c) => problemResponse(c, new Problem('not-found', {detail: `Nothing at ${c.req.path}.`})));

  app.use('*', async (c, next) => {
    const start = config.logRequests ? performance.now() : 0;
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    // The path only: query strings may carry a voter token.
    if (config.logRequests) console.log(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - start).toFixed(1)}ms`);
  });
  app.use('*', methodNotAllowed({app, onMethodNotAllowed: methodNotAllowedProblem}));
  // Before the public CORS: the admin API answers only the server's own origins (403 for others).
  app.use(`${ADMIN_PATH_PREFIX}*`, adminCors((c) => [deps.publicOrigin, new URL(c.req.url).origin]));
  app.use('/api/*', cors(deps));
  const limitBody = bodyLimit({
    maxSize: BODY_LIMIT_BYTES,
    onError: (c) => problemResponse(c, new Problem('payload-too-large', {detail: `The limit is ${BODY_LIMIT_BYTES} bytes.`})),
  });
  // Only where a body can be: looking for one makes @hono/node-server build a whole Request (streams,
  // an AbortSignal), a sizeable part of a vote's cost. Node's parser delivers exactly Content-Length bytes,
  // so a declared length within the limit needs no look; chunked bodies are counted as they arrive.
  app.use('*', (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && /^\d{1,9}$/.test(length) && Number(length) <= BODY_LIMIT_BYTES && c.req.header('transfer-encoding') === undefined) return next();
    return limitBody(c, next);
  });
  const limit = rateLimit({
    writes: config.rateLimitWrites,
    reads: config.rateLimitReads,
    store: deps.limits,
    key: (c) => clientKey(c, secrets, config.trustProxy),
    kiosk: {writes: config.rateLimitKiosk, device: kioskOfRequest(deps)},
  });
  // Not the liveness check: balancers poll it from one address, and it costs less than counting it
  // would (a Redis round trip). Everything else about it (CORS, nosniff, 405 problems) is as for any route.
  app.use('/api/*', (c, next) => (c.req.path === HEALTH_PATH ? next() : limit(c, next)));
  app.use('/w/*', limit);
  app.use('/kiosk/*', limit);
  app.use('/q/*', limit);
  app.use('/t/*', limit);
  app.use(MINE_PAGE_PATH, limit);
  app.use('/api/*', etags());

  const ideaLimiter = new IdeaLimiter(deps.limits, config.rateLimitIdeas);
  let document: object | undefined; // made on first request, once every route is mounted
  app.route('/api/v1', metaApi(() => (document ??= openApiDocument(app, config.publicUrl)), config.publicUrl));
  app.route('/api/v1/polls', pollApi(deps));
  app.route('/api/v1/polls', qrApi(deps, 'poll'));
  app.route('/api/v1/ratings', ratingApi(deps));
  app.route('/api/v1/ratings', qrApi(deps, 'rating'));
  app.route('/api/v1/idea-boxes', ideaBoxApi(deps, ideaLimiter));
  app.route('/api/v1/idea-boxes', qrApi(deps, 'ideas'));
  app.route('/api/v1/ideas', ideaApi(deps));
  app.route('/api/v1/kiosk', kioskApi(deps));
  app.route('/api/v1/admin', adminApi(deps));
  app.route('/api/v1/public', publicApi(deps));
  app.route('/api/v1/mine', mineApi(deps));
  app.route('/w/poll', pollPages(deps));
  app.route('/w/rating', ratingPages(deps));
  app.route('/w/ideas', ideaPages(deps, ideaLimiter));
  app.route('/w', posterPages(deps));
  app.route('/q', shortLinks(deps));
  app.route('/t', publicPages(deps));
  app.route('/', kioskPages(deps));
  app.route('/', minePages(deps));
  // Browsers ask for it on every standalone page; an empty answer keeps their consoles clean.
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.route('/', widgetFiles(config.widgetsDir));
  app.route('/admin', consoleFiles(config.consoleDir));
  return app;
}
