import {configureLocalization, type LocaleModule, type TemplateMap} from '@lit/localize';
import {sourceLocale, targetLocales} from '../generated/locale-codes.js';
import {useLocaleRuntime} from './i18n.js';

/** An element's translations, one module per target language. */
export type LocaleModules = Readonly<Record<string, () => Promise<LocaleModule>>>;

/**
 * The translations come in one module per element and language, each with the strings of src/shared
 * too (`scripts/localize-build.mjs`). A page loads those of the elements it registers, in its
 * language only.
 */
const elements = new Map<string, LocaleModules>();
/** Per language, the one object @lit/localize reads (it keeps it by reference); each element's strings join it. */
const merged = new Map<string, TemplateMap>();
const loaded = new Map<string, Promise<void>>();

/** Loads the strings of every registered element into the language's object, each module once. */
function loadLocale(locale: string): Promise<LocaleModule> {
  let templates = merged.get(locale);
  if (!templates) merged.set(locale, (templates = {}));
  const into = templates;
  return Promise.all(
    [...elements].map(([element, modules]) => {
      const key = `${element}/${locale}`;
      let done = loaded.get(key);
      if (!done) {
        done = modules[locale]!().then((module) => void Object.assign(into, module.templates));
        // A failed fetch (offline) is tried again on the next call.
        done.catch(() => loaded.delete(key));
        loaded.set(key, done);
      }
      return done;
    }),
  ).then(() => ({templates: into}));
}

/**
 * What registering an element sets up for the page: our @lit/localize runtime (once), and the loading
 * of the element's strings. Called by the define entry points only, through the module generated next
 * to the element's translations. A host app that configured @lit/localize itself keeps its setup
 * (`configureLocalization` throws when called twice); our strings then stay in English.
 */
export function setupPage(element: string, modules: LocaleModules): void {
  if (elements.has(element)) return;
  const first = !elements.size;
  elements.set(element, modules);
  if (!first) return;
  try {
    const {getLocale, setLocale} = configureLocalization({sourceLocale, targetLocales, loadLocale});
    useLocaleRuntime({
      getLocale,
      setLocale,
      // An element registered after its language was loaded waits for its own strings.
      complete: () => (getLocale() === sourceLocale ? Promise.resolve() : loadLocale(getLocale()).then(() => undefined)),
    });
  } catch {
    // Configured by the host page: English source strings rather than a broken page.
  }
}
