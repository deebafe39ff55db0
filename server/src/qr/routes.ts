import {createRoute, z} from '@hono/zod-openapi';
import {Hono, type Context} from 'hono';
import type {AppDeps} from '../deps.js';
import type {AppEnv} from '../http/context.js';
import {apiApp, ID_PATTERN, idParams, problems, READ_PROBLEMS, type Text} from '../http/contract.js';
import {Problem, validationProblem} from '../http/problem.js';
import {escapeHtml, pickText} from '../pages/html.js';
import {headersWithLogo} from '../pages/layout.js';
import {tenantLook, type TenantLook} from '../pages/tenant-look.js';
import {DEFAULT_POSTER_LANGS, POSTER_LANGS, POSTER_TEXT, type PosterLang} from './poster-text.js';
import {branchName, findQrTarget, QR_KINDS, qrSvg, qrTargetUrl, type QrKind, type QrTarget} from './qr.js';
import {shortCode} from './short-link.js';

const WHAT: Record<QrKind, string> = {poll: 'poll', rating: 'rating', ideas: 'idea box'};
const OPERATION: Record<QrKind, string> = {poll: 'pollQr', rating: 'ratingQr', ideas: 'ideaBoxQr'};

/** The QR code (SVG) of one kind's standalone page, mounted under that kind's API path (/api/v1/polls …). */
export function qrApi(deps: AppDeps, kind: QrKind) {
  const app = apiApp();
  const route = createRoute({
    method: 'get',
    path: '/{id}/qr.svg',
    operationId: OPERATION[kind],
    summary: `A QR code (SVG, error correction M) of the ${WHAT[kind]}'s standalone page with channel=qr and the branch`,
    request: {
      params: idParams(),
      query: z.object({location: z.string().optional().openapi({description: "A branch id of the widget's library"})}),
    },
    responses: {
      200: {description: 'The QR code; its <title> is the encoded URL', content: {'image/svg+xml': {schema: z.string()}}},
      ...problems('validation', ...READ_PROBLEMS),
    },
  });
  app.openapi(route, async (c) => {
    const {target, location} = await resolve(deps, c, kind);
    const svg = await qrSvg(qrTargetUrl(deps.config.publicUrl, target, location?.id));
    return c.body(svg, 200, {'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=3600'});
  });
  return app;
}

/** Printable A4 posters around the QR codes, mounted at /w: /w/<kind>/<id>/poster. */
export function posterPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  for (const kind of QR_KINDS) {
    app.get(`/${kind}/:id/poster`, async (c) => {
      const {target, location} = await resolve(deps, c, kind);
      const url = qrTargetUrl(deps.config.publicUrl, target, location?.id);
      const langs = posterLangs(c.req.query('lang'), target.title);
      const code = await shortCode(deps.db, deps.secrets, {tenantId: target.tenantId, kind, id: target.id, channel: 'qr', branchId: location?.id});
      const shortUrl = `${deps.config.publicUrl.replace(/^https?:\/\//, '')}/q/${code}`;
      const look = await tenantLook(deps.db, target.tenantId);
      const html = poster({target, url, svg: await qrSvg(url), langs, branch: location?.name, shortUrl, look});
      return c.body(html, 200, headersWithLogo(look));
    });
  }
  return app;
}

async function resolve(deps: AppDeps, c: Context, kind: QrKind): Promise<{target: QrTarget; location?: {id: string; name: Text}}> {
  const id = c.req.param('id') ?? '';
  const target = ID_PATTERN.test(id) ? await findQrTarget(deps.db, kind, id) : undefined;
  if (!target) throw new Problem('not-found', {detail: `There is no ${WHAT[kind]} "${id}".`});
  const locationId = c.req.query('location');
  if (locationId === undefined || locationId === '') return {target};
  const name = ID_PATTERN.test(locationId) ? await branchName(deps.db, target.tenantId, locationId) : undefined;
  if (!name) throw validationProblem([{path: 'location', message: 'Not a known branch of this library'}]);
  return {target, location: {id: locationId, name}};
}

/** `?lang=fi,sv` in that order (also se and fi-x-selko); by default fi, sv and en. Only languages the content has, unless it has none of them. */
export function posterLangs(param: string | undefined, title: Text): PosterLang[] {
  const isLang = (v: string): v is PosterLang => (POSTER_LANGS as readonly string[]).includes(v);
  const asked = param ? [...new Set(param.split(',').map((l) => l.trim().toLowerCase()).filter(isLang))] : [];
  const wanted = asked.length > 0 ? asked : [...DEFAULT_POSTER_LANGS];
  // A plain-Finnish block may show the Finnish question: plain Finnish words around it are still worth printing.
  const present = wanted.filter((l) => typeof (title[l] ?? (l === 'fi-x-selko' ? title.fi : undefined)) === 'string');
  return present.length > 0 ? present : [wanted[0]!];
}

const POSTER_STYLE = `
  @page { size: A4; margin: 15mm; }
  * { box-sizing: border-box; }
  html, body { margin: 0; background: #fff; color: #000; }
  body { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { width: 180mm; min-height: 265mm; margin: 0 auto; display: flex; flex-direction: column; align-items: center; justify-content: space-between; text-align: center; gap: 6mm; padding: 4mm 0; }
  .texts { display: flex; flex-direction: column; gap: 5mm; width: 100%; }
  h1 { font-size: 26pt; line-height: 1.15; margin: 0; }
  .lang + .lang h1 { font-size: 20pt; font-weight: 600; }
  .lang p { margin: 1mm 0 0; font-size: 14pt; }
  .branch { font-size: 16pt; font-weight: 600; letter-spacing: .02em; }
  figure { margin: 0; }
  figure svg { width: 95mm; height: 95mm; display: block; }
  .library { display: flex; align-items: center; justify-content: center; gap: 5mm; font-size: 18pt; font-weight: 700; margin: 0; }
  .library img { max-height: 20mm; max-width: 60mm; }
  .url { font-size: 15pt; font-family: ui-monospace, Menlo, Consolas, monospace; word-break: break-all; margin: 0; }
  .anon { font-size: 13pt; }
  @media screen { body { background: #ddd; padding: 10mm 0; } main { background: #fff; padding: 15mm; width: 210mm; min-height: 297mm; box-shadow: 0 0 6mm #0003; } }`;

function poster(p: {target: QrTarget; url: string; svg: string; langs: PosterLang[]; branch?: Text; shortUrl: string; look: TenantLook}): string {
  const text = (t: Text, lang: PosterLang) => escapeHtml(pickText(t, lang, p.look.contentLanguages));
  const sections = p.langs
    .map((lang) => {
      const words = POSTER_TEXT[lang];
      const branch = p.branch ? `\n<p class="branch">${text(p.branch, lang)}</p>` : '';
      return `<section class="lang" lang="${lang}">
<h1>${text(p.target.title, lang)}</h1>${branch}
<p class="scan">${escapeHtml(words.scan)}</p>
<p class="anon">${escapeHtml(words.anonymous)}</p>
</section>`;
    })
    .join('\n');
  const first = p.langs[0]!;
  const orOpen = p.langs.map((l) => POSTER_TEXT[l].orOpen).join(' / ');
  return `<!doctype html>
<html lang="${first}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(p.target.title, first)}</title>
<style>${POSTER_STYLE}</style>
</head>
<body>
<main>
${libraryLine(p.look)}<div class="texts">
${sections}
</div>
<figure>${p.svg}</figure>
<p class="url"><span class="or">${escapeHtml(orOpen)}</span><br>${escapeHtml(p.shortUrl)}</p>
</main>
</body>
</html>
`;
}

/** The library's logo and name at the top: a patron should see whose poster it is before scanning. */
function libraryLine(look: TenantLook): string {
  if (!look.name) return '';
  const logo = look.logoUrl ? `<img src="${escapeHtml(look.logoUrl)}" alt="">` : '';
  return `<p class="library">${logo}<span>${escapeHtml(look.name)}</span></p>\n`;
}
