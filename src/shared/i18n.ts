import {html, type TemplateResult} from 'lit';
import {sourceLocale, targetLocales} from '../generated/locale-codes.js';
import {primarySubtag} from './config.js';
import type {AnswerLang} from './types.js';

/** UI languages: the Finnish source strings plus every XLIFF file in `locales/`. */
export const uiLocales: readonly string[] = [sourceLocale, ...targetLocales];

/** The UI locale of a page whose language is none of ours. */
const otherLanguagesLocale = 'en';

interface LocaleRuntime {
  getLocale(): string;
  setLocale(locale: string): Promise<void>;
  /** Loads the strings of elements registered since the current language was loaded. */
  complete(): Promise<void>;
  /** Whether a string is one the current language translates (not a Finnish source string shown for want of one). */
  translates(text: string): boolean;
}

// Set by `setupPage` (the define entry points); importing the classes configures nothing.
let runtime: LocaleRuntime | undefined;
/** The loading of the UI locale the page last asked for. */
let following: Promise<void> | undefined;

/** Our @lit/localize runtime, once `setupPage` configured it. */
export function useLocaleRuntime(configured: LocaleRuntime): void {
  runtime = configured;
}

/** The UI locale strings are shown in now: Finnish (the source strings) until another is loaded. */
export const uiLocale = (): string => runtime?.getLocale() ?? sourceLocale;

/**
 * The language of an element's own strings, for `lang` on its base, so that a screen reader speaks them
 * in it whatever the page says: the UI locale, except Finnish on a Northern Sami page, where most
 * strings have no Sami translation yet (docs/languages.md) and those that have say so (`uiText`).
 */
export const baseLang = (): string => (uiLocale() === 'se' ? sourceLocale : uiLocale());

/**
 * A UI string for a text position: as it is, but marked `lang="se"` where it is Sami inside a base that
 * says Finnish (`baseLang`). A message made of several strings takes the language of its first.
 */
export const uiText = (text: string): string | TemplateResult =>
  uiLocale() === 'se' && runtime?.translates(text) ? html`<span lang="se">${text}</span>` : text;

/** The language the patron answers in (every UI locale is one the server takes), kept with the answer for the reports. */
export const answerLang = (): AnswerLang => uiLocale() as AnswerLang;

/**
 * The UI locale for a language tag: the tag itself when we have it (`fi-x-selko`, plain Finnish), else its
 * primary subtag (`se-FI` and `sme` → `se`), Finnish for Inari and Skolt Sami, else English.
 */
export function uiLocaleFor(lang: string | null | undefined): string {
  return supportedUiLocale(lang) ?? otherLanguagesLocale;
}

function supportedUiLocale(lang: string | null | undefined): string | undefined {
  const exact = (lang ?? '').toLowerCase();
  const primary = primarySubtag(exact);
  if (uiLocales.includes(exact)) return exact;
  if (uiLocales.includes(primary)) return primary;
  // Inari and Skolt Sami readers in Finland read Finnish until their own locales exist (docs/languages.md).
  return /^sm[ns]$/.test(primary) ? 'fi' : undefined;
}

/**
 * The locales to hand `Intl` for the UI locale: Chromium's ICU has plural rules for Northern Sami but no
 * number or date formats (they would come out in American English), so Sami formats fall back to Finnish.
 */
export const intlLocales = (): string[] => (uiLocale() === 'se' ? ['se-FI', 'fi-FI'] : [uiLocale()]);

/** The UI language the page asks for: `<html lang>`, else the browser's first supported language. */
export function pageUiLocale(): string {
  const htmlLang = document.documentElement.lang;
  if (htmlLang) return uiLocaleFor(htmlLang);
  return navigator.languages.map(supportedUiLocale).find((lang) => lang) ?? otherLanguagesLocale;
}

/**
 * Resolves when the page's UI language is loaded, with the strings of every element registered so far,
 * and from the first call on follows `<html lang>`. A load that starts as the page turns to another
 * language (in the same task, before the change is observed) waits for that one.
 * Without our runtime (a host app configured @lit/localize itself) strings stay in Finnish, the source.
 */
export function whenLocaleReady(): Promise<void> {
  if (!runtime) return Promise.resolve();
  if (!following) new MutationObserver(followPage).observe(document.documentElement, {attributes: true, attributeFilter: ['lang']});
  followPage();
  return following!.then(runtime.complete).catch(() => undefined);
}

/** Loads the UI locale the page asks for (for the locale it is on or loading, @lit/localize hands back that load). */
function followPage(): void {
  const locale = pageUiLocale();
  following = runtime!.setLocale(locale).catch((error: unknown) => warnMissingLanguage(locale, error));
}

const warned = new Set<string>();

/** A self-hosted copy of the script without its language files shows Finnish, and says what is missing. */
function warnMissingLanguage(locale: string, error: unknown): void {
  if (warned.has(locale)) return;
  warned.add(locale);
  const why = error instanceof Error ? error.message : String(error);
  console.warn(
    `kirjasto: the "${locale}" language file could not be loaded (${why}), so the widgets show Finnish. ` +
      `Serve the kirjasto/ folder of the package's dist/ (its *.${locale}-*.js files) next to the script.`,
  );
}
