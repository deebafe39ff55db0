import {configureLocalization} from '@lit/localize';
import {sourceLocale, targetLocales} from './generated/locale-codes.js';

/** The console's languages, in the order the language menu lists them. */
export const CONSOLE_LOCALES = ['fi', 'sv', 'en'] as const;
export type ConsoleLocale = (typeof CONSOLE_LOCALES)[number];
const STORAGE_KEY = 'kirjasto-console-locale';

const {getLocale, setLocale} = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => import(`./generated/locales/${locale}.js`),
});
export {getLocale};

/** The staff member's choice, else the browser's first console language, else Finnish. */
export function preferredLocale(): ConsoleLocale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (CONSOLE_LOCALES.includes(stored as ConsoleLocale)) return stored as ConsoleLocale;
  for (const tag of navigator.languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (CONSOLE_LOCALES.includes(base as ConsoleLocale)) return base as ConsoleLocale;
  }
  return 'fi';
}

/** Switches the whole console (and `<html lang>`) to `locale`, and remembers the choice in this browser. */
export async function useLocale(locale: ConsoleLocale): Promise<void> {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  await setLocale(locale);
}

/** Dates and numbers in the console's language. */
export const formatDateTime = (iso: string | null | undefined) =>
  iso ? new Intl.DateTimeFormat(getLocale(), {dateStyle: 'medium', timeStyle: 'short'}).format(new Date(iso)) : '';
export const formatNumber = (n: number) => new Intl.NumberFormat(getLocale()).format(n);
