import type {Context} from 'hono';
import {escapeHtml, wordsLang} from './html.js';
import type {PageLang} from './lang.js';
import {LANGUAGE_NAMES, SHARED_PAGE_TEXT} from './page-text.js';
import {textOn, type TenantLook} from './tenant-look.js';

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

/** The headers of a page showing the library's logo: its image origin joins img-src, and nothing else does. */
export function headersWithLogo(look: TenantLook | undefined): Record<string, string> {
  if (!look?.logoUrl?.startsWith('https://')) return HTML_HEADERS;
  const csp = HTML_HEADERS['Content-Security-Policy'].replace("img-src 'self' data:", `img-src 'self' data: ${new URL(look.logoUrl).origin}`);
  return {...HTML_HEADERS, 'Content-Security-Policy': csp};
}

/** The rules of a page's form controls, and of what else it shows. */
export interface PageStyle {
  /** Whether the form groups its choices in a fieldset with a legend. */
  fieldset?: boolean;
  controls: string;
  extra?: string[];
}

/** The standalone pages' stylesheet: one look, with each page's own rules in place; the accent is the library's. */
export function pageStyle({fieldset = false, controls, extra = []}: PageStyle): string {
  const rules = [
    // Declared, so that the widgets on the page (which follow the page's colour scheme) turn dark with it.
    ':root { color-scheme: light dark; }',
    ':root { --accent: #0b5cad; --on-accent: #fff; --subtle: #e4e7ec; }',
    'body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; padding: 1rem; color: #1a1a1a; background: #fff; }',
    'main, .library, .langs { max-width: 40rem; margin: 0 auto; }',
    '.library { display: flex; align-items: center; gap: .75rem; font-weight: 600; padding-bottom: .5rem; border-bottom: .25rem solid var(--accent); }',
    '.library img { max-height: 3rem; max-width: 10rem; }',
    '.langs ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; margin: .5rem 0 1rem; }',
    '.langs a { display: inline-block; padding: .25rem 0; min-height: 24px; }',
    ".langs a[aria-current] { font-weight: 600; text-decoration: none; }",
    'h1 { font-size: 1.4rem; line-height: 1.25; margin: 0 0 .5rem; }',
    'h2 { font-size: 1.1rem; margin: 1.25rem 0 .5rem; }',
    ...(fieldset
      ? ['fieldset { border: 1px solid #bbb; border-radius: .5rem; padding: 1rem; }', 'legend { padding: 0 .25rem; }', 'legend h1 { margin: 0; }']
      : []),
    'label { display: block; padding: .35rem 0; }',
    controls,
    'button { font: inherit; margin-top: 1rem; padding: .6rem 1.4rem; border-radius: .4rem; border: 0; background: var(--accent); color: var(--on-accent); cursor: pointer; }',
    '.error { border-left: .3rem solid #b00020; padding: .5rem .75rem; background: #fdecee; }',
    '.note { color: #444; }',
    '.results { list-style: none; margin: 0; padding: 0; display: grid; gap: .75rem; }',
    '.result-text { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 1rem; }',
    '.result-figures { font-variant-numeric: tabular-nums; color: #444; }',
    '.bar { display: block; inline-size: 100%; block-size: .75rem; margin-block-start: .25rem; border: 0; border-radius: .5rem; overflow: hidden; appearance: none; background: var(--subtle); color: var(--accent); }',
    '.bar::-webkit-progress-bar { background: var(--subtle); }',
    '.bar::-webkit-progress-value { background: var(--accent); }',
    '.bar::-moz-progress-bar { background: var(--accent); }',
    '@media (forced-colors: active) { .bar { border: 1px solid CanvasText; forced-color-adjust: none; } .bar::-webkit-progress-value { background: Highlight; } }',
    ':focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }',
    // Without its background colour a borderless button would be bare text in forced colours.
    '@media (forced-colors: active) { button { border: 2px solid ButtonText; } :focus-visible { outline-color: Highlight; } }',
    ...extra,
    `@media (prefers-color-scheme: dark) {
    :root { --subtle: #333a44; } body { color: #eee; background: #111; } .error { background: #3a1016; } .note, .result-figures { color: #bbb; }
  }`,
  ];
  return rules.map((rule) => `\n  ${rule}`).join('');
}

/** The library's accent on top of the shared stylesheet (the default blue and its dark variant otherwise). */
function accentStyle(look: TenantLook | undefined): string {
  if (!look?.accent) return '\n  @media (prefers-color-scheme: dark) { :root { --accent: #8cc4ff; --on-accent: #08203a; } a { color: #8cc4ff; } }';
  return `\n  :root { --accent: ${look.accent}; --on-accent: ${textOn(look.accent)}; }`;
}

/** The library's name (and logo) above every page, so a patron who scanned a poster knows whose page it is. */
function libraryHeader(look: TenantLook | undefined): string {
  if (!look?.name) return '';
  const logo = look.logoUrl ? `<img src="${escapeHtml(look.logoUrl)}" alt="">` : '';
  return `<header class="library">${logo}<span>${escapeHtml(look.name)}</span></header>\n`;
}

/** Links to the same page in each language the page offers, keeping the rest of the address (channel, branch). */
function languageSwitch(lang: PageLang, langs: readonly PageLang[], url: URL): string {
  if (langs.length < 2) return '';
  const links = langs.map((l) => {
    const target = new URL(url);
    target.searchParams.set('lang', l);
    const current = l === lang ? ' aria-current="true"' : '';
    return `<li><a href="${escapeHtml(target.pathname + target.search)}" lang="${l}" hreflang="${l}"${current}>${escapeHtml(LANGUAGE_NAMES[l])}</a></li>`;
  });
  return `<nav class="langs" aria-label="${escapeHtml(SHARED_PAGE_TEXT[lang].language)}"><ul>\n${links.join('\n')}\n</ul></nav>\n`;
}

/** What the shared frame of a page shows around its <main>. */
export interface PageFrame {
  look?: TenantLook;
  /** The languages the language switch offers; none when omitted. */
  langs?: readonly PageLang[];
  /** The address the switch links to in each language; the request's by default. */
  url?: URL;
  /** More of <head> (a feed's autodiscovery link), already HTML. */
  head?: string;
  /** A page with no widget on it leaves the widgets script out. */
  noWidgets?: boolean;
}

/** A whole standalone page; `main` is the <main> element, `script` loads the widgets. */
function htmlDocument(c: Context, lang: PageLang, title: string, style: string, main: string, script: boolean, frame: PageFrame = {}): string {
  const top = libraryHeader(frame.look) + languageSwitch(lang, frame.langs ?? [], frame.url ?? new URL(c.req.url));
  return `<!doctype html>
<html lang="${wordsLang(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}${accentStyle(frame.look)}</style>
${frame.head ?? ''}${script ? `<script type="module" src="${PAGE_WIDGETS_SCRIPT}"></script>\n` : ''}</head>
<body>
${top}${main}
</body>
</html>
`;
}

/** A widget's page: its body (already HTML) in the shared document, with the widgets script. */
export function renderPage(
  c: Context,
  page: {status: number; lang: PageLang; title: string; style: string; body: string; headers?: Record<string, string>} & PageFrame,
) {
  const html = htmlDocument(c, page.lang, page.title, page.style, `<main>\n${page.body}\n</main>`, !page.noWidgets, page);
  return c.body(html, page.status as 200, {...headersWithLogo(page.look), ...page.headers});
}

/** The page for an unknown or malformed id (404), or an archived widget (410): just the message, no widget. */
export function notFoundPage(c: Context, lang: PageLang, message: string, style: string, status: 404 | 410 = 404) {
  const html = htmlDocument(c, lang, message, style, `<main><h1>${escapeHtml(message)}</h1></main>`, false);
  return c.body(html, status, HTML_HEADERS);
}
