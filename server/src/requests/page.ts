import {readFile} from 'node:fs/promises';
import {Hono} from 'hono';
import type {AppDeps} from '../deps.js';
import type {AppEnv} from '../http/context.js';
import {escapeHtml, wordsLang} from '../pages/html.js';
import {pageLang} from '../pages/lang.js';
import {pageStyle, renderPage} from '../pages/layout.js';
import {pageLanguage} from '../pages/widget-page.js';
import {MINE_PAGE_TEXT} from './page-text.js';

/** Read from src/requests/assets both when running from src and from dist (as the kiosk's files). */
const ASSETS = new URL('../../src/requests/assets/', import.meta.url);
const SCRIPT_HEADERS = {'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache'};
export const MINE_PAGE_PATH = '/my';

const STYLE = pageStyle({
  controls: '',
  extra: [
    '.mine-list { list-style: none; margin: 0; padding: 0; display: grid; gap: .75rem; }',
    '.mine-list li { border: 1px solid #bbb; border-radius: .5rem; padding: .75rem 1rem; }',
    '.mine-list p { margin: .25rem 0; overflow-wrap: anywhere; }',
    '.mine-list button { margin-top: .5rem; }',
  ],
});

/**
 * The patron's own page /my (issue 11, point 2): with JavaScript it reads this origin's voter token (the
 * standalone pages' widgets keep theirs here) and lists and deletes what it sent through /api/v1/mine.
 * The token never leaves the browser in a URL; there is no cookie. Without JavaScript the page says why
 * it cannot help and whom to ask.
 */
export function minePages(_deps: AppDeps) {
  const app = new Hono<AppEnv>();
  let script: Promise<string> | undefined;
  app.get(`${MINE_PAGE_PATH}/mine.js`, async (c) => c.body(await (script ??= readFile(new URL('mine.js', ASSETS), 'utf8')), 200, SCRIPT_HEADERS));
  app.use(MINE_PAGE_PATH, pageLanguage());
  app.get(MINE_PAGE_PATH, (c) => {
    const lang = pageLang(c);
    const words = MINE_PAGE_TEXT[lang];
    const body = `<h1>${escapeHtml(words.title)}</h1>
<p>${escapeHtml(words.intro)}</p>
<p class="note">${escapeHtml(words.where)}</p>
<noscript><p class="error">${escapeHtml(words.noScript)}</p></noscript>
<p id="mine-status" role="status"></p>
<div id="mine" data-lang="${escapeHtml(wordsLang(lang))}" data-words="${escapeHtml(JSON.stringify(words))}"></div>`;
    return renderPage(c, {
      status: 200,
      lang,
      title: words.title,
      style: STYLE,
      body,
      noWidgets: true,
      langs: ['fi', 'sv', 'en'],
      head: `<script type="module" src="${MINE_PAGE_PATH}/mine.js"></script>\n`,
    });
  });
  return app;
}
