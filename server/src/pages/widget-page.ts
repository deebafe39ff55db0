import {Hono, type Context} from 'hono';
import {languageDetector} from 'hono/language';
import type {AppDeps} from '../deps.js';
import type {AppEnv} from '../http/context.js';
import {ID_PATTERN} from '../http/contract.js';
import {requireIdempotencyKey} from '../http/idempotency.js';
import {Problem} from '../http/problem.js';
import {ARCHIVED_TEXT, PAGE_LANGS, pageLang, type PageLang} from './lang.js';
import {notFoundPage, renderPage} from './layout.js';
import {checkFormPost, pageFormState, pagePlacement, problemMessage, readPageForm, type PageFormState} from './request.js';

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
  /** Stores the post; returns the query of the thank-you page it redirects to. */
  submit(c: Context, widget: W, state: S, form: URLSearchParams, idempotencyKey: string): Promise<URLSearchParams>;
  /** The form again, with what was posted and what went wrong. */
  form(widget: W, state: S): Promise<string> | string;
}

/** Finds the page language once per request: `?lang=`, else Accept-Language, else Finnish; never a cookie. */
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
    const body = await page.page(c, widget, {lang, ...(await pagePlacement(deps, c, widget))});
    return renderPage(c, {status: 200, lang, title: page.title(widget, lang), style: page.style, body});
  });

  app.post('/:id', async (c) => {
    const widget = await load(c.req.param('id'));
    const {form, formEncoded, lang} = await readPageForm(c);
    if (!widget) return notFoundPage(c, lang, page.words[lang].notFound, page.style);
    if (widget.archived) return notFoundPage(c, lang, ARCHIVED_TEXT[lang], page.style, 410);
    const state = page.state(form, await pageFormState(deps, widget, form, lang));
    try {
      await checkFormPost(c, deps, widget, formEncoded);
      const query = await page.submit(c, widget, state, form, requireIdempotencyKey(state.idempotencyKey));
      return c.redirect(`/w/${page.kind}/${encodeURIComponent(widget.id)}?${query}`, 303);
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      const body = await page.form(widget, {...state, error: problemMessage(error, page.words[lang].errors)});
      return renderPage(c, {status: error.status, lang, title: page.title(widget, lang), style: page.style, body, headers: error.headers});
    }
  });
  return app;
}
