/**
 * The languages patrons are served in: Finnish, Swedish, English, Northern Sami and plain Finnish
 * (selkokieli, `fi-x-selko`). The pages, the kiosk, the answers' `lang` and a library's languages all
 * take this list; Sami and plain Finnish are turned on per library (docs/languages.md).
 */
export const PATRON_LANGUAGES = ['fi', 'sv', 'en', 'se', 'fi-x-selko'] as const;
export type PatronLanguage = (typeof PATRON_LANGUAGES)[number];
