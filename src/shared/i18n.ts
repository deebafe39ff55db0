import {sourceLocale, targetLocales} from '../generated/locale-codes.js';
import {primarySubtag} from './config.js';

/** UI languages: English source strings plus every XLIFF file in `locales/`. */
export const uiLocales: readonly string[] = [sourceLocale, ...targetLocales];

interface LocaleRuntime {
  getLocale(): string;
  setLocale(locale: string): Promise<void>;
}

// Set by `setupLocalization` (the define entry points); importing the classes configures nothing.
let runtime: LocaleRuntime | undefined;
let following: Promise<void> | undefined;

/** Our @lit/localize runtime, once `setupLocalization` configured it. */
export function useLocaleRuntime(configured: LocaleRuntime): void {
  runtime = configured;
}

/** The UI locale strings are shown in now: English (the source strings) until another is loaded. */
export const uiLocale = (): string => runtime?.getLocale() ?? sourceLocale;

/** The UI locale for a language tag: its primary subtag when we have it, else English. */
export function uiLocaleFor(lang: string | null | undefined): string {
  const primary = primarySubtag(lang ?? '');
  return uiLocales.includes(primary) ? primary : sourceLocale;
}

/** The UI language the page asks for: `<html lang>`, else the browser's first supported language. */
export function pageUiLocale(): string {
  const htmlLang = document.documentElement.lang;
  if (htmlLang) return uiLocaleFor(htmlLang);
  const supported = navigator.languages.map(primarySubtag).find((lang) => uiLocales.includes(lang));
  return supported ?? sourceLocale;
}

/**
 * Resolves when the page's UI language is loaded, and from the first call on follows `<html lang>`.
 * Without our runtime (a host app configured @lit/localize itself) strings stay in English.
 */
export function whenLocaleReady(): Promise<void> {
  if (!runtime) return Promise.resolve();
  if (!following) {
    const {setLocale} = runtime;
    const follow = () => {
      const locale = pageUiLocale();
      return setLocale(locale).catch((error: unknown) => warnMissingLanguage(locale, error));
    };
    new MutationObserver(() => void follow()).observe(document.documentElement, {attributes: true, attributeFilter: ['lang']});
    following = follow();
  }
  return following;
}

const warned = new Set<string>();

/** A self-hosted copy of the script without its language files shows English, and says what is missing. */
function warnMissingLanguage(locale: string, error: unknown): void {
  if (warned.has(locale)) return;
  warned.add(locale);
  const why = error instanceof Error ? error.message : String(error);
  console.warn(
    `kirjasto: the "${locale}" language file could not be loaded (${why}), so the widgets show English. ` +
      `Serve the kirjasto/ folder of the package's dist/ (its ${locale}-*.js files) next to the script.`,
  );
}
