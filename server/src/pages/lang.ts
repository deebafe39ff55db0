import type {Context} from 'hono';

/** The languages of the standalone pages. */
export const PAGE_LANGS = ['fi', 'sv', 'en', 'se'] as const;
export type PageLang = (typeof PAGE_LANGS)[number];

const isPageLang = (value: string | null | undefined): value is PageLang => (PAGE_LANGS as readonly string[]).includes(value ?? '');

/** `?lang=` (or the form's `lang`), else the first supported language in Accept-Language, else Finnish. */
export function pageLang(c: Context, formLang?: string | null): PageLang {
  const explicit = formLang ?? c.req.query('lang');
  if (isPageLang(explicit)) return explicit;
  const accepted = (c.req.header('accept-language') ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return {lang: tag!.trim().toLowerCase().split('-')[0]!, q: q ? Number(q.trim().slice(2)) || 0 : 1};
    })
    .filter((a) => a.q > 0)
    .sort((a, b) => b.q - a.q);
  // Norwegian readers get English: closer to them than Finnish.
  return accepted.map((a) => (a.lang === 'nb' || a.lang === 'nn' || a.lang === 'no' ? 'en' : a.lang)).find(isPageLang) ?? 'fi';
}

/** A page's words in every page language; Northern Sami has no texts yet and gets the Finnish ones. */
export const inEveryPageLang = <T>(words: {fi: T; sv: T; en: T}): Record<PageLang, T> => ({...words, se: words.fi});

/** Form errors worded the same on every page. */
export const COMMON_FORM_ERRORS: Record<PageLang, {'idempotency-key-reused': string; default: string}> = inEveryPageLang({
  fi: {'idempotency-key-reused': 'Lomake lähetettiin jo. Lataa sivu uudelleen.', default: 'Jokin meni vikaan. Yritä uudelleen.'},
  sv: {'idempotency-key-reused': 'Formuläret har redan skickats. Ladda om sidan.', default: 'Något gick fel. Försök igen.'},
  en: {'idempotency-key-reused': 'The form was already sent. Please reload the page.', default: 'Something went wrong. Please try again.'},
});
