import {configureLocalization, type LocaleModule, type TemplateMap} from '@lit/localize';
import {sourceLocale, targetLocales} from '../generated/locale-codes.js';
import {useLocaleRuntime} from './i18n.js';

/**
 * The translations come in one module per source folder and language (`scripts/localize-build.mjs`):
 * `shared` (strings of src/shared and those two folders share), then one per element. A page loads
 * `shared` and the folders of the elements it registers, in its language only.
 */
const loadFolder = (folder: string, locale: string) =>
  import(`../generated/locales/${folder}/${locale}.js`) as Promise<LocaleModule>;

/** The folders whose strings this page needs: `shared`, then each registered element's. */
const folders = new Set<string>();
/** Per language, the one object @lit/localize reads (it keeps it by reference); folders join it as they load. */
const merged = new Map<string, TemplateMap>();
const loaded = new Map<string, Promise<void>>();

/** Loads the translations of every registered folder into the language's object, each folder once. */
function loadLocale(locale: string): Promise<LocaleModule> {
  let templates = merged.get(locale);
  if (!templates) merged.set(locale, (templates = {}));
  const into = templates;
  return Promise.all(
    [...folders].map((folder) => {
      const key = `${folder}/${locale}`;
      let done = loaded.get(key);
      if (!done) {
        done = loadFolder(folder, locale).then((module) => void Object.assign(into, module.templates));
        // A failed fetch (offline) is tried again on the next call.
        done.catch(() => loaded.delete(key));
        loaded.set(key, done);
      }
      return done;
    }),
  ).then(() => ({templates: into}));
}

/**
 * What registering an element sets up for the page, once: our @lit/localize runtime. Called by the
 * define entry points only, each for the folder of its element's strings. A host app that configured
 * @lit/localize itself keeps its setup (`configureLocalization` throws when called twice); our strings
 * then stay in English.
 */
function setupPage(folder: string): void {
  if (folders.has(folder)) return;
  const first = !folders.size;
  folders.add('shared').add(folder);
  if (!first) return;
  try {
    const {getLocale, setLocale} = configureLocalization({sourceLocale, targetLocales, loadLocale});
    useLocaleRuntime({
      getLocale,
      setLocale,
      // An element registered after its language was loaded waits for its own folder's strings.
      complete: () => (getLocale() === sourceLocale ? Promise.resolve() : loadLocale(getLocale()).then(() => undefined)),
    });
  } catch {
    // Configured by the host page: English source strings rather than a broken page.
  }
}

export const setupPoll = (): void => setupPage('poll');
export const setupRating = (): void => setupPage('rating');
export const setupIdeaBox = (): void => setupPage('idea-box');
