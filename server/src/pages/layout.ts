import type {Context} from 'hono';
import {escapeHtml} from './html.js';
import type {PageLang} from './lang.js';

/**
 * The script the standalone pages load the widgets with: the loader (`/kirjasto.js`) or the single file
 * with everything (`/kirjasto-all.js`), whichever measures faster for a page with one widget: on slow 4G the single file (README, Delivery).
 */
export const PAGE_WIDGETS_SCRIPT = '/kirjasto-all.js';

/** Headers of every server-rendered page: strict CSP (no inline scripts), never cached. */
export const HTML_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

/** The rules of a page's form controls, and of what else it shows. */
export interface PageStyle {
  /** Whether the form groups its choices in a fieldset with a legend. */
  fieldset?: boolean;
  controls: string;
  extra?: string[];
}

/** The standalone pages' stylesheet: one look, with each page's own rules in place. */
export function pageStyle({fieldset = false, controls, extra = []}: PageStyle): string {
  const rules = [
    // Declared, so that the widgets on the page (which follow the page's colour scheme) turn dark with it.
    ':root { color-scheme: light dark; }',
    'body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; padding: 1rem; color: #1a1a1a; background: #fff; }',
    'main { max-width: 40rem; margin: 0 auto; }',
    ...(fieldset
      ? ['fieldset { border: 1px solid #bbb; border-radius: .5rem; padding: 1rem; }', 'legend { font-weight: 600; font-size: 1.15rem; padding: 0 .25rem; }']
      : []),
    'label { display: block; padding: .35rem 0; }',
    controls,
    'button { font: inherit; margin-top: 1rem; padding: .6rem 1.4rem; border-radius: .4rem; border: 0; background: #0b5cad; color: #fff; cursor: pointer; }',
    '.error { border-left: .3rem solid #b00020; padding: .5rem .75rem; background: #fdecee; }',
    '.note { color: #444; }',
    ...extra,
    `@media (prefers-color-scheme: dark) {
    body { color: #eee; background: #111; } .error { background: #3a1016; } .note { color: #bbb; } button { background: #3d8ee6; color: #000; }
  }`,
  ];
  return rules.map((rule) => `\n  ${rule}`).join('');
}

/** A whole standalone page; `main` is the <main> element, `script` loads the widgets. */
function htmlDocument(lang: PageLang, title: string, style: string, main: string, script: boolean): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
${script ? `<script type="module" src="${PAGE_WIDGETS_SCRIPT}"></script>\n` : ''}</head>
<body>
${main}
</body>
</html>
`;
}

/** A widget's page: its body (already HTML) in the shared document, with the widgets script. */
export function renderPage(
  c: Context,
  page: {status: number; lang: PageLang; title: string; style: string; body: string; headers?: Record<string, string>},
) {
  const html = htmlDocument(page.lang, page.title, page.style, `<main>\n${page.body}\n</main>`, true);
  return c.body(html, page.status as 200, {...HTML_HEADERS, ...page.headers});
}

/** The page for an unknown or malformed id (404), or an archived widget (410): just the message, no widget. */
export function notFoundPage(c: Context, lang: PageLang, message: string, style: string, status: 404 | 410 = 404) {
  const html = htmlDocument(lang, message, style, `<main><h1>${escapeHtml(message)}</h1></main>`, false);
  return c.body(html, status, HTML_HEADERS);
}
