import type {Context} from 'hono';

/** The languages of the standalone pages. */
export const PAGE_LANGS = ['fi', 'sv', 'en', 'se'] as const;
export type PageLang = (typeof PAGE_LANGS)[number];

const isPageLang = (value: string | null | undefined): value is PageLang => (PAGE_LANGS as readonly string[]).includes(value ?? '');

/** The form's `lang` field when a post has one, else what the language detector found for the request. */
export function pageLang(c: Context, formLang?: string | null): PageLang {
  if (isPageLang(formLang)) return formLang;
  const detected = c.get('language') as string | undefined;
  return isPageLang(detected) ? detected : 'fi';
}

/** A page's words in every page language; Northern Sami has no texts yet and gets the Finnish ones. */
export const inEveryPageLang = <T>(words: {fi: T; sv: T; en: T}): Record<PageLang, T> => ({...words, se: words.fi});

/** Form errors worded the same on every page. */
export const COMMON_FORM_ERRORS: Record<PageLang, {'idempotency-key-reused': string; 'form-token-invalid': string; default: string}> = inEveryPageLang({
  fi: {
    'idempotency-key-reused': 'Lomake lähetettiin jo. Lataa sivu uudelleen.',
    'form-token-invalid': 'Lomake on vanhentunut. Tarkista vastauksesi ja lähetä uudelleen.',
    default: 'Jokin meni vikaan. Yritä uudelleen.',
  },
  sv: {
    'idempotency-key-reused': 'Formuläret har redan skickats. Ladda om sidan.',
    'form-token-invalid': 'Formuläret har gått ut. Kontrollera ditt svar och skicka igen.',
    default: 'Något gick fel. Försök igen.',
  },
  en: {
    'idempotency-key-reused': 'The form was already sent. Please reload the page.',
    'form-token-invalid': 'The form has expired. Please check your answer and send it again.',
    default: 'Something went wrong. Please try again.',
  },
});
