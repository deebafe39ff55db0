import type {Context, Hono} from 'hono';
import type {AppDeps} from '../app.js';
import {methodNotAllowed, Problem, validationProblem} from '../http/problem.js';
import {escapeHtml, pickText} from '../pages/html.js';
import {HTML_HEADERS} from '../pages/layout.js';
import {ID_PATTERN, type Text} from '../polls/schema.js';
import {POSTER_LANGS, POSTER_TEXT, type PosterLang} from './poster-text.js';
import {branchName, findQrTarget, qrSvg, qrTargetUrl, type QrKind, type QrTarget} from './qr.js';

const API_PATHS: Record<QrKind, string> = {poll: '/api/v1/polls', rating: '/api/v1/ratings', ideas: '/api/v1/idea-boxes'};

/** QR codes (SVG) for each widget's standalone page, and printable A4 posters around them. */
export function registerQr(app: Hono, deps: AppDeps): void {
  for (const kind of Object.keys(API_PATHS) as QrKind[]) {
    app.get(`${API_PATHS[kind]}/:id/qr.svg`, async (c) => {
      const {target, location} = await resolve(deps, c, kind);
      const svg = await qrSvg(qrTargetUrl(deps.config.publicUrl, target, location?.id));
      return c.body(svg, 200, {'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff'});
    });
    app.all(`${API_PATHS[kind]}/:id/qr.svg`, methodNotAllowed('GET'));

    app.get(`/w/${kind}/:id/poster`, async (c) => {
      const {target, location} = await resolve(deps, c, kind);
      const url = qrTargetUrl(deps.config.publicUrl, target, location?.id);
      const langs = posterLangs(c.req.query('lang'), target.title);
      const html = poster({target, url, svg: await qrSvg(url), langs, branch: location?.name, publicUrl: deps.config.publicUrl});
      return c.body(html, 200, HTML_HEADERS);
    });
    app.all(`/w/${kind}/:id/poster`, methodNotAllowed('GET'));
  }
}

async function resolve(deps: AppDeps, c: Context, kind: QrKind): Promise<{target: QrTarget; location?: {id: string; name: Text}}> {
  const id = c.req.param('id') ?? '';
  const target = ID_PATTERN.test(id) ? await findQrTarget(deps.db, kind, id) : undefined;
  if (!target) throw new Problem('not-found', {detail: `There is no ${kind === 'ideas' ? 'idea box' : kind} "${id}".`});
  const locationId = c.req.query('location');
  if (locationId === undefined || locationId === '') return {target};
  const name = ID_PATTERN.test(locationId) ? await branchName(deps.db, target.tenantId, locationId) : undefined;
  if (!name) throw validationProblem([{path: 'location', message: 'Not a known branch of this library'}]);
  return {target, location: {id: locationId, name}};
}

/** `?lang=fi,sv` in that order; by default fi, sv and en. Only languages the content has, unless it has none of them. */
export function posterLangs(param: string | undefined, title: Text): PosterLang[] {
  const isLang = (v: string): v is PosterLang => (POSTER_LANGS as readonly string[]).includes(v);
  const asked = param ? [...new Set(param.split(',').map((l) => l.trim().toLowerCase()).filter(isLang))] : [];
  const wanted = asked.length > 0 ? asked : [...POSTER_LANGS];
  const present = wanted.filter((l) => typeof title[l] === 'string');
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
  .url { font-size: 15pt; font-family: ui-monospace, Menlo, Consolas, monospace; word-break: break-all; margin: 0; }
  .anon { font-size: 13pt; }
  @media screen { body { background: #ddd; padding: 10mm 0; } main { background: #fff; padding: 15mm; width: 210mm; min-height: 297mm; box-shadow: 0 0 6mm #0003; } }`;

function poster(p: {target: QrTarget; url: string; svg: string; langs: PosterLang[]; branch?: Text; publicUrl: string}): string {
  const text = (t: Text, lang: PosterLang) => escapeHtml(pickText(t, lang));
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
  const shortUrl = `${p.publicUrl.replace(/^https?:\/\//, '')}/w/${p.target.kind}/${encodeURIComponent(p.target.id)}`;
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
<div class="texts">
${sections}
</div>
<figure>${p.svg}</figure>
<p class="url"><span class="or">${escapeHtml(orOpen)}</span><br>${escapeHtml(shortUrl)}</p>
</main>
</body>
</html>
`;
}
