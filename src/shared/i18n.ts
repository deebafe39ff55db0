import {configureLocalization} from '@lit/localize';
import {sourceLocale, targetLocales} from '../generated/locale-codes.js';
import {primarySubtag} from './config.js';

/** UI languages: English source strings plus every XLIFF file in `locales/`. */
export const uiLocales: readonly string[] = [sourceLocale, ...targetLocales];

// One locale per page: @lit/localize's runtime is page-wide and may be configured only once.
export const {getLocale, setLocale} = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => import(`../generated/locales/${locale}.js`),
});

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

let following: Promise<void> | undefined;

/**
 * Starts following `<html lang>` (once per page) and resolves when the first locale is loaded, so
 * that a widget's first text is already in the page's language.
 */
export function followPageLanguage(): Promise<void> {
  if (!following) {
    new MutationObserver(() => void setLocale(pageUiLocale())).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['lang'],
    });
    following = setLocale(pageUiLocale()).catch(() => undefined);
  }
  return following;
}
