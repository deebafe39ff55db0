import {Hono} from 'hono';
import {bodyLimit} from 'hono/body-limit';
import {HTTPException} from 'hono/http-exception';
import type {Config} from './config.js';
import type {Db} from './db/db.js';
import {clientKey} from './http/client-key.js';
import {cors} from './http/cors.js';
import {methodNotAllowed, Problem, problemResponse} from './http/problem.js';
import {rateLimit} from './http/rate-limit.js';
import {openApiDocument} from './openapi.js';
import {registerPollPages} from './polls/page.js';
import {registerPollApi} from './polls/routes.js';
import {registerKiosk} from './kiosk/routes.js';
import {registerQr} from './qr/routes.js';
import {registerRatingPages} from './ratings/page.js';
import {registerRatingApi} from './ratings/routes.js';
import {ADMIN_PATH_PREFIX, adminCors} from './auth/admin-cors.js';
import {registerIdeas} from './ideas/register.js';
import {findIdeaTenant} from './ideas/store.js';
import {Secrets} from './secrets.js';
import {registerStatic} from './static.js';
import {resourceTenant, type ResourceOwner} from './tenants/resource.js';
import {TenantOrigins, widgetTenant} from './tenants/store.js';

export const BODY_LIMIT_BYTES = 16 * 1024;

export interface AppDeps {
  db: Db;
  config: Config;
  secrets: Secrets;
  origins: TenantOrigins;
  /** The server's own origin from KIRJASTO_PUBLIC_URL (or HOST:PORT). */
  publicOrigin: string;
}

export type App = Hono;

export function createApp({db, config}: {db: Db; config: Config}): App {
  const secrets = new Secrets(db);
  const origins = new TenantOrigins(db);
  const publicOrigin = new URL(config.publicUrl).origin;
  const deps: AppDeps = {db, config, secrets, origins, publicOrigin};
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof Problem) return problemResponse(c, error);
    if (error instanceof HTTPException && error.status === 413) return problemResponse(c, new Problem('payload-too-large'));
    console.error(`kirjasto: ${c.req.method} ${c.req.path} failed:`, error);
    return problemResponse(c, new Problem('internal'));
  });
  app.notFound((c) => problemResponse(c, new Problem('not-found', {detail: `Nothing at ${c.req.path}.`})));

  if (config.logRequests) {
    app.use('*', async (c, next) => {
      const start = performance.now();
      await next();
      // The path only: query strings may carry a voter token.
      console.log(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - start).toFixed(1)}ms`);
    });
  }

  // Before the public CORS: the admin API answers only the server's own origins (403 for others).
  app.use(`${ADMIN_PATH_PREFIX}*`, adminCors((c) => [publicOrigin, new URL(c.req.url).origin]));
  app.use(
    '/api/*',
    cors({
      resourceTenant: (c) => resourceTenant(resourceOwners, db, c),
      isAllowed: (origin, tenantId) => origins.isAllowed(origin, tenantId),
      ownOrigins: (c) => [publicOrigin, new URL(c.req.url).origin],
    }),
  );
  app.use(
    '*',
    bodyLimit({
      maxSize: BODY_LIMIT_BYTES,
      onError: (c) => problemResponse(c, new Problem('payload-too-large', {detail: `The limit is ${BODY_LIMIT_BYTES} bytes.`})),
    }),
  );
  const limit = rateLimit({
    writes: config.rateLimitWrites,
    reads: config.rateLimitReads,
    key: (c) => clientKey(c, secrets, config.trustProxy),
  });
  app.use('/api/*', limit);
  app.use('/w/*', limit);
  app.use('/kiosk/*', limit);

  app.get('/api/v1/health', (c) => c.json({status: 'ok'}));
  app.get('/api/v1/openapi.json', (c) => c.json(openApiDocument(config.publicUrl)));
  for (const path of ['/api/v1/health', '/api/v1/openapi.json']) app.all(path, methodNotAllowed('GET'));
  registerPollApi(app, deps);
  registerPollPages(app, deps);
  registerRatingApi(app, deps);
  registerRatingPages(app, deps);
  registerQr(app, deps);
  registerKiosk(app, deps);
  registerIdeas(app, deps);
  // Browsers ask for it on every standalone page; an empty answer keeps their consoles clean.
  app.get('/favicon.ico', (c) => c.body(null, 204));
  registerStatic(app, config.widgetsDir);
  return app;
}

/** The public API paths that name a tenant's resource; each domain adds its own. */
const resourceOwners: ResourceOwner[] = [
  {path: /^\/api\/v1\/polls\/([^/]+)(?:\/(?:votes|results|qr\.svg))?\/?$/, tenantOf: (q, id) => widgetTenant(q, 'polls', id)},
  {path: /^\/api\/v1\/idea-boxes\/([^/]+)(?:\/ideas)?\/?$/, tenantOf: (q, id) => widgetTenant(q, 'idea_boxes', id)},
  {path: /^\/api\/v1\/ideas\/([^/]+)(?:\/supports)?\/?$/, tenantOf: findIdeaTenant},
  {path: /^\/api\/v1\/ratings\/([^/]+)(?:\/(?:responses(?:\/[^/]+\/comment)?|summary|qr\.svg))?\/?$/, tenantOf: (q, id) => widgetTenant(q, 'ratings', id)},
];
