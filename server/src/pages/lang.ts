import type {Context} from 'hono';
import type {Queryable} from '../db/db.js';
import {PATRON_LANGUAGES} from '../languages.js';
import {tenantLook} from './tenant-look.js';

/**
 * The languages of the standalone pages: Finnish, Swedish, English, Northern Sami and plain Finnish
 * (selkokieli, `fi-x-selko`). Sami and plain Finnish show Finnish wherever they have no text of their own.
 */
export const PAGE_LANGS = PATRON_LANGUAGES;
export type PageLang = (typeof PAGE_LANGS)[number];

const isPageLang = (value: string | null | undefined): value is PageLang => (PAGE_LANGS as readonly string[]).includes(value ?? '');

/** The form's `lang` field when a post has one, else what the language detector found for the request. */
export function pageLang(c: Context, formLang?: string | null): PageLang {
  if (isPageLang(formLang)) return formLang;
  const detected = c.get('language') as string | undefined;
  return isPageLang(detected) ? detected : 'fi';
}

/** A page's words: complete in fi, sv and en; Sami and plain Finnish only where they have their own. */
export interface PageWords<T> {
  fi: T;
  sv: T;
  en: T;
  /** Northern Sami, only strings with a vetted source (named next to each, see docs/languages.md); never a sentence made from parts. */
  se?: SamiOverrides<T>;
  /** Plain Finnish (selkokieli). */
  'fi-x-selko'?: Overrides<T>;
}
type Overrides<T> = {[K in keyof T]?: T[K] extends Record<string, string> ? Partial<T[K]> : T[K]};
// Sami words are quoted whole: a word made by a function would be a sentence composed by us, and could not be labelled.
type SamiOverrides<T> = {[K in keyof T]?: T[K] extends (...args: never[]) => unknown ? never : T[K] extends Record<string, string> ? Partial<T[K]> : T[K]};

/**
 * Every Northern Sami word a page may show. A Sami page's other words are Finnish, and so is the page
 * (`<html lang="fi">`): each of these is labelled `lang="se"` where it is shown (wordHtml in html.ts).
 */
const SAMI_WORDS = new Set<string>();
export const isSamiWord = (word: string): boolean => SAMI_WORDS.has(word);

function remember(words: object | undefined): void {
  for (const value of Object.values(words ?? {})) {
    if (typeof value === 'string') SAMI_WORDS.add(value);
    else if (isWordMap(value)) remember(value);
  }
}

const isWordMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Finnish words with a variant's own words over them, word maps (errors, statuses) merged key by key. */
function overFinnish<T>(fi: T, own: Overrides<T> | undefined): T {
  const merged = {...fi} as Record<string, unknown>;
  for (const [key, value] of Object.entries(own ?? {})) {
    const base = merged[key];
    merged[key] = isWordMap(base) && isWordMap(value) ? {...base, ...value} : value;
  }
  return merged as T;
}

/** A page's words in every page language; Northern Sami and plain Finnish fall back to Finnish word by word. */
export function inEveryPageLang<T>(words: PageWords<T>): Record<PageLang, T> {
  remember(words.se);
  return {
    fi: words.fi,
    sv: words.sv,
    en: words.en,
    se: overFinnish(words.fi, words.se as Overrides<T> | undefined),
    'fi-x-selko': overFinnish(words.fi, words['fi-x-selko']),
  };
}

/** The UI languages a library offers (the kiosk's language buttons): its languages that pages speak, in its order. */
export async function libraryLanguages(db: Queryable, tenantId: string): Promise<PageLang[]> {
  return (await tenantLook(db, tenantId)).contentLanguages.filter(isPageLang);
}

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
  'fi-x-selko': {
    'idempotency-key-reused': 'Lähetit tämän jo. Lataa sivu uudestaan.',
    'form-token-invalid': 'Lomake on liian vanha. Katso vastauksesi ja lähetä se uudestaan.',
    default: 'Tapahtui virhe. Yritä uudestaan.',
  },
});

/** What a standalone page or kiosk says for a poll, rating or idea box its library has archived. */
export const ARCHIVED_TEXT: Record<PageLang, string> = inEveryPageLang({
  fi: 'Tämä on päättynyt, eikä se ole enää saatavilla.',
  sv: 'Det här har avslutats och finns inte längre tillgängligt.',
  en: 'This has ended and is no longer available.',
});
