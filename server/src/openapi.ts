import {createRoute, type OpenAPIHono} from '@hono/zod-openapi';
import {z} from '@hono/zod-openapi';
import type {AppEnv} from './http/context.js';
import {apiApp, json, problems} from './http/contract.js';
import {CORS_ALLOW_HEADERS} from './http/cors.js';

const HealthSchema = z.strictObject({status: z.literal('ok')}).openapi('Health');

/** The OpenAPI 3.1 document of `app`, generated from the same zod schemas its routes validate with. */
export function openApiDocument(app: OpenAPIHono<AppEnv>, publicUrl: string) {
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'kirjasto-widgets public API',
      version: '1.0.0',
      description:
        'Polls, ratings and idea boxes for library widgets, and their moderation. Errors are RFC 9457 problems ' +
        '(application/problem+json) with a stable `type` `urn:kirjasto:problem:<slug>`. CORS is limited to each ' +
        `library's allowed origins; allowed request headers: ${CORS_ALLOW_HEADERS}. No cookies.`,
      license: {name: 'MIT', identifier: 'MIT'} as {name: string},
    },
    servers: [{url: publicUrl}],
  });
}

const IndexSchema = z
  .object({
    name: z.string(),
    links: z.record(z.string(), z.object({href: z.string(), title: z.string()})),
  })
  .openapi('ApiIndex');

/** Liveness, this document and an index of both (the API root `npm start` prints), mounted at /api/v1. */
export function metaApi(document: () => object, publicUrl = '') {
  const app = apiApp();
  const index = {
    name: 'kirjasto-widgets API',
    links: {
      openapi: {href: `${publicUrl}/api/v1/openapi.json`, title: 'The OpenAPI 3.1 document of every route'},
      health: {href: `${publicUrl}/api/v1/health`, title: 'Liveness'},
      polls: {href: `${publicUrl}/api/v1/polls/{id}`, title: 'A poll, and its votes and results under it'},
      ratings: {href: `${publicUrl}/api/v1/ratings/{id}`, title: 'A rating, and its responses under it'},
      ideaBoxes: {href: `${publicUrl}/api/v1/idea-boxes/{id}`, title: 'An idea box, and its ideas under it'},
      admin: {href: `${publicUrl}/api/v1/admin/session`, title: "The librarians' API (sign in first)"},
      widgets: {href: `${publicUrl}/kirjasto.js`, title: 'The widgets script for a web page'},
    },
  };
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'apiIndex',
      summary: 'Links to what this API has',
      responses: {200: {description: 'The index', content: json(IndexSchema)}, ...problems('rate-limited', 'internal')},
    }),
    (c) => c.json(index, 200, {'Cache-Control': 'public, max-age=3600'}),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      operationId: 'health',
      summary: 'Liveness; never rate-limited',
      responses: {200: {description: 'Up', content: json(HealthSchema)}, ...problems('method-not-allowed', 'internal')},
    }),
    (c) => c.json({status: 'ok' as const}, 200, {'Cache-Control': 'no-store'}),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/openapi.json',
      operationId: 'openApi',
      summary: 'This document',
      responses: {200: {description: 'OpenAPI 3.1', content: json(z.object({}).passthrough())}},
    }),
    (c) => c.json(document() as Record<string, never>, 200),
  );
  return app;
}
