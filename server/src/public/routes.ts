import {createRoute, z} from '@hono/zod-openapi';
import {Hono, type Context} from 'hono';
import type {AppDeps} from '../deps.js';
import {etagOf, etagOfJson, etags} from '../http/cache.js';
import type {AppEnv} from '../http/context.js';
import {apiApp, ID_PATTERN, json, problems, READ_PROBLEMS} from '../http/contract.js';
import {assertOriginMayUse} from '../http/cors.js';
import {Problem, validationProblem} from '../http/problem.js';
import {escapeHtml} from '../pages/html.js';
import {pageLang} from '../pages/lang.js';
import {headersWithLogo, notFoundPage, renderPage} from '../pages/layout.js';
import {pageLanguage, switchLangs} from '../pages/widget-page.js';
import {publicContent, type PublicContent} from './data.js';
import {atomFeed} from './feed.js';
import {publicBody, PUBLIC_STYLE} from './page.js';
import {PUBLIC_PAGE_TEXT} from './page-text.js';
import {resultsPoster} from './poster.js';
import {PublicContentSchema} from './schema.js';

/** Published content changes when an editor acts, not with every answer: a minute's staleness is fine for shared caches. */
const PUBLIC_CACHE = {'Cache-Control': 'public, max-age=60'};

const load = (deps: AppDeps, tenant: string) => (ID_PATTERN.test(tenant) ? publicContent(deps, tenant) : Promise.resolve(undefined));

/** The JSON as the API sends it: the look (colours, logo) stays with the pages. */
const publicJson = ({look: _look, branches: _branches, ...rest}: PublicContent) => rest;

/**
 * The library's "you said, we did" page at /t/{tenant}, its Atom feed and its printable poster per branch
 * (issue 10, point 5). No cookie is read or set, nothing is loaded from elsewhere, no script runs.
 */
export function publicPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', pageLanguage());
  app.use('/:tenant/feed.atom', etags());

  app.get('/:tenant', async (c) => {
    const lang = pageLang(c);
    const content = await load(deps, c.req.param('tenant'));
    if (!content) return notFoundPage(c, lang, PUBLIC_PAGE_TEXT[lang].notFound, PUBLIC_STYLE);
    const words = PUBLIC_PAGE_TEXT[lang];
    const feed = `/t/${encodeURIComponent(content.tenant.id)}/feed.atom?lang=${lang}`;
    return renderPage(c, {
      status: 200,
      lang,
      title: `${words.title} – ${content.tenant.name}`,
      style: PUBLIC_STYLE,
      body: publicBody(content, lang, ''),
      look: content.look,
      langs: switchLangs(content.look),
      head: `<link rel="alternate" type="application/atom+xml" href="${escapeHtml(feed)}" title="${escapeHtml(words.feed)}">\n`,
      noWidgets: true,
      headers: {Vary: 'Accept-Language'},
    });
  });

  app.get('/:tenant/feed.atom', async (c) => {
    const lang = pageLang(c);
    const content = await load(deps, c.req.param('tenant'));
    if (!content) throw new Problem('not-found', {detail: `There is no library "${c.req.param('tenant')}".`});
    const feed = atomFeed(content, lang, deps.config.publicUrl);
    return c.body(feed, 200, {
      'Content-Type': 'application/atom+xml; charset=utf-8',
      ...PUBLIC_CACHE,
      Vary: 'Accept-Language',
      ETag: etagOfJson(feed),
    });
  });

  app.get('/:tenant/poster', async (c) => {
    const lang = pageLang(c);
    const content = await load(deps, c.req.param('tenant'));
    if (!content) return notFoundPage(c, lang, PUBLIC_PAGE_TEXT[lang].notFound, PUBLIC_STYLE);
    const branch = content.branches.find((b) => b.id === c.req.query('branch'));
    if (!branch) throw validationProblem([{path: 'branch', message: 'Not a known branch of this library'}]);
    const pageUrl = `${deps.config.publicUrl}/t/${encodeURIComponent(content.tenant.id)}`;
    return c.body(resultsPoster(content, branch, lang, pageUrl), 200, headersWithLogo(content.look));
  });
  return app;
}

const getPublic = createRoute({
  method: 'get',
  path: '/{tenant}',
  operationId: 'getPublicContent',
  summary: "What the library published (\"you said, we did\"): answered ideas, closed polls' results, monthly rating summaries per branch",
  description:
    'The same content as the page /t/{tenant} and its Atom feed /t/{tenant}/feed.atom. Nothing is here until an editor publishes it; ' +
    "every cell with fewer answers than the library's threshold is {\"suppressed\": true}; no free text of polls or ratings is ever included.",
  request: {params: z.object({tenant: z.string().openapi({pattern: ID_PATTERN.source})})},
  responses: {200: {description: 'The published content', content: json(PublicContentSchema)}, ...problems(...READ_PROBLEMS)},
});

/** The public page's content as JSON, mounted at /api/v1/public: CORS per library, like every public read. */
export function publicApi(deps: AppDeps) {
  const app = apiApp();
  app.use('/:tenant', async (c: Context<AppEnv>, next) => {
    const tenant = c.req.param('tenant') ?? '';
    const known = ID_PATTERN.test(tenant) && (await deps.db.query('select 1 from tenants where id = $1', [tenant])).length > 0;
    c.set('tenantId', known ? tenant : undefined);
    if (c.req.method === 'OPTIONS') return c.body(null, 204);
    if (known) await assertOriginMayUse(c, deps, tenant);
    return next();
  });
  app.openapi(getPublic, async (c) => {
    const {tenant} = c.req.valid('param');
    const content = await load(deps, tenant);
    if (!content) throw new Problem('not-found', {detail: `There is no library "${tenant}".`});
    const body = publicJson(content);
    return c.json(body, 200, {...PUBLIC_CACHE, ETag: etagOf(body)});
  });
  return app;
}
