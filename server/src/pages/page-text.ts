import {inEveryPageLang, type PageLang} from './lang.js';

/** The words every standalone page shares: the language switch. Northern Sami falls back to Finnish. */
export interface SharedPageText {
  language: string;
}

export const SHARED_PAGE_TEXT: Record<PageLang, SharedPageText> = inEveryPageLang({
  fi: {language: 'Kieli'},
  sv: {language: 'Språk'},
  en: {language: 'Language'},
});

/**
 * Each language's name in itself, as a language switch shows it. Northern Sami's is CLDR's (se.xml,
 * as the kiosk's button; docs/languages.md); plain Finnish is Selkokeskus' own word for it.
 */
export const LANGUAGE_NAMES: Record<PageLang, string> = {fi: 'Suomeksi', sv: 'På svenska', en: 'In English', se: 'Davvisámegiella', 'fi-x-selko': 'Selkosuomeksi'};
