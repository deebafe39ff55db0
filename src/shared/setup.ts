import {configureLocalization} from '@lit/localize';
import {sourceLocale, targetLocales} from '../generated/locale-codes.js';
import {useLocaleRuntime} from './i18n.js';

let done = false;

/**
 * What registering an element sets up for the page, once: our @lit/localize runtime. Called by the
 * define entry points only. A host app that configured @lit/localize itself keeps its setup
 * (`configureLocalization` throws when called twice); our strings then stay in English.
 */
export function setupPage(): void {
  if (done) return;
  done = true;
  try {
    useLocaleRuntime(
      configureLocalization({
        sourceLocale,
        targetLocales,
        loadLocale: (locale) => import(`../generated/locales/${locale}.js`),
      }),
    );
  } catch {
    // Configured by the host page: English source strings rather than a broken page.
  }
}
