import {Hono, type Context} from 'hono';
import {languageDetector} from 'hono/language';
import type {AppDeps} from '../deps.js';
import type {AppEnv} from '../http/context.js';
import {ID_PATTERN} from '../http/contract.js';
import {requireIdempotencyKey} from '../http/idempotency.js';
import {Problem} from '../http/problem.js';
import {ARCHIVED_TEXT, PAGE_LANGS, pageLang, type PageLang} from './lang.js';
import {notFoundPage, renderPage} from './layout.js';
import {issuePageKey, readPageKey} from './page-key.js';
import {checkFormPost, pageFormState, pagePlacement, problemMessage, readPageForm, type PageFormState} from './request.js';
import {tenantLook, type TenantLook} from './tenant-look.js';

/** One standalone widget page: what differs between the poll, rating and idea pages. */
export interface WidgetPage<W extends {tenantId: string; id: string; archived: boolean}, S extends PageFormState> {
  /** The path segment: /w/<kind>/<id>. */
  kind: string;
  load(deps: AppDeps, id: string): Promise<W | undefined>;
  style: string;
  title(widget: W, lang: PageLang): string;
  words: Record<PageLang, {notFound: string; errors: Record<string, string>}>;
  /** The body of a GET: the thank-you page when the query says so, else the form. */
  page(c: Context, widget: W, state: PageFormState): Promise<string>;
  /** A post's own fields on top of the common ones. */
  state(form: URLSearchParams, common: PageFormState): S;
  /**
   * Stores the post; returns the query of the thank-you page it redirects to, or a next step to show at
   * once (the comment after a low score), whose form carries the same one-time key.
   */
  submit(c: Context, widget: W, state: S, form: URLSearchParams, idempotencyKey: string): Promise<URLSearchParams | {body: string}>;
  /** The form again, with what was posted and what went wrong. */
  form(widget: W, state: S): Promise<string> | string;
}

/** Finds the page language once per request: `?lang=`, else Accept-Language, else Finnish; never a cookie. */
/** The languages a library's pages switch between: fi, sv and en, and Northern Sami when its content has it. */
/** The language switch: fi, sv and en always; Northern Sami and plain Finnish when the library turned them on. */
const OPT_IN_LANGS: readonly PageLang[] = ['se', 'fi-x-selko'];
export const switchLangs = (look: TenantLook): PageLang[] => PAGE_LANGS.filter((l) => !OPT_IN_LANGS.includes(l) || look.contentLanguages.includes(l));

/**
 * A form page may be kept in the browser's history (private, revalidated otherwise): Back then shows the
 * same form with the same one-time key, whose second post replays the first answer. `no-store` made
 * Back fetch a fresh form with a fresh key, and the same patron counted twice.
 */
const FORM_PAGE_HEADERS = {'Cache-Control': 'private, no-cache'};

export const pageLanguage = () =>
  languageDetector({
    order: ['querystring', 'header'],
    caches: false,
    supportedLanguages: [...PAGE_LANGS],
    fallbackLanguage: 'fi',
    // Norwegian readers get English: closer to them than Finnish.
    convertDetectedLanguage: (lang) => (/^(nb|nn|no)(-|$)/i.test(lang) ? 'en' : lang),
  });

/**
 * The skeleton of every standalone widget page (the QR and no-JavaScript target), mounted at /w/<kind>:
 * the widget read once, the language, the not-found page, the plain form post with its origin and
 * idempotency checks, the redirect to the thank-you page, and the form again on a problem.
 */
export function widgetPages<W extends {tenantId: string; id: string; archived: boolean}, S extends PageFormState>(deps: AppDeps, page: WidgetPage<W, S>) {
  const app = new Hono<AppEnv>();
  app.use('*', pageLanguage());
  const load = (id: string) => (ID_PATTERN.test(id) ? page.load(deps, id) : Promise.resolve(undefined));

  app.get('/:id', async (c) => {
    const lang = pageLang(c);
    const widget = await load(c.req.param('id'));
    if (!widget) return notFoundPage(c, lang, page.words[lang].notFound, page.style);
    if (widget.archived) return notFoundPage(c, lang, ARCHIVED_TEXT[lang], page.style, 410);
    const look = await tenantLook(deps.db, widget.tenantId);
    const key = await issuePageKey(deps.secrets, `${page.kind}:${widget.id}`);
    const placement = await pagePlacement(deps, c, widget);
    const body = await page.page(c, widget, {lang, look, key, ...placement});
    const url = new URL(c.req.url);
    if (!placement.location) url.searchParams.delete('location');
    const frame = {look, langs: switchLangs(look), url, headers: FORM_PAGE_HEADERS};
    return renderPage(c, {status: 200, lang, title: page.title(widget, lang), style: page.style, body, ...frame});
  });

  app.post('/:id', async (c) => {
    const widget = await load(c.req.param('id'));
    const {form, formEncoded, lang} = await readPageForm(c);
    if (!widget) return notFoundPage(c, lang, page.words[lang].notFound, page.style);
    if (widget.archived) return notFoundPage(c, lang, ARCHIVED_TEXT[lang], page.style, 410);
    const look = await tenantLook(deps.db, widget.tenantId);
    const pageId = `${page.kind}:${widget.id}`;
    const state = page.state(form, {...(await pageFormState(deps, widget, form, lang)), look});
    try {
      await checkFormPost(c, deps, widget, formEncoded);
      Object.assign(state, await readPageKey(deps.secrets, pageId, state.key));
      const next = await page.submit(c, widget, state, form, requireIdempotencyKey(state.idempotencyKey));
      if (next instanceof URLSearchParams) return c.redirect(`/w/${page.kind}/${encodeURIComponent(widget.id)}?${next}`, 303);
      return renderPage(c, {status: 200, lang, title: page.title(widget, lang), style: page.style, body: next.body, look});
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      // A forged or expired key gets a fresh one; any other problem keeps it, so a retry is the same request.
      const key = error.slug === 'form-token-invalid' && error.errors?.[0]?.path === '/key' ? await issuePageKey(deps.secrets, pageId) : state.key;
      const body = await page.form(widget, {...state, key, error: problemMessage(error, page.words[lang].errors)});
      const url = new URL(`/w/${page.kind}/${encodeURIComponent(widget.id)}`, c.req.url);
      url.searchParams.set('channel', state.channel);
      if (state.location) url.searchParams.set('location', state.location);
      const frame = {look, langs: switchLangs(look), url};
      return renderPage(c, {status: error.status, lang, title: page.title(widget, lang), style: page.style, body, headers: error.headers, ...frame});
    }
  });
  return app;
}
