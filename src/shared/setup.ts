import {configureLocalization, type LocaleModule, type TemplateMap} from '@lit/localize';
import {sourceLocale, targetLocales} from '../generated/locale-codes.js';
import {useLocaleRuntime} from './i18n.js';

/** An element's translations, one module per target language. */
export type LocaleModules = Readonly<Record<string, () => Promise<LocaleModule>>>;

/**
 * The translations come in one module per element and language, each with the strings of src/shared
 * too, and in one per language with every element's for kirjasto-all.js (`scripts/localize-build.mjs`).
 * A page loads, in its language only, those of the elements it registers.
 */
const sources: LocaleModules[] = [];
/** The elements whose strings a registered source holds. */
const covered = new Set<string>();
/** Per language, the one object @lit/localize reads (it keeps it by reference); each source's strings join it. */
const merged: Record<string, TemplateMap> = {};
const loaded = new Map<() => Promise<LocaleModule>, Promise<void>>();

/** Loads every registered source's strings into the language's object, each module once (none for Finnish, the source). */
function loadLocale(locale: string): Promise<LocaleModule> {
  const templates = (merged[locale] ??= {});
  return Promise.all(
    sources.map((modules) => {
      const load = modules[locale];
      let done = load && loaded.get(load);
      if (load && !done) {
        loaded.set(load, (done = load().then((module) => void Object.assign(templates, module.templates))));
        // A failed fetch (offline) is tried again on the next call.
        done.catch(() => loaded.delete(load));
      }
      return done;
    }),
  ).then(() => ({templates}));
}

/**
 * What registering elements sets up for the page: our @lit/localize runtime (once), and the loading of
 * their strings, unless a source registered earlier holds them. Called by the define entry points (and
 * kirjasto-all.js) only, through the module generated next to the translations. A host app that
 * configured @lit/localize itself keeps its setup (`configureLocalization` throws when called twice);
 * our strings then stay in Finnish, the source language.
 */
export function setupPage(elements: readonly string[], modules: LocaleModules): void {
  if (elements.every((element) => covered.has(element))) return;
  const first = !covered.size;
  for (const element of elements) covered.add(element);
  sources.push(modules);
  if (!first) return;
  try {
    const {getLocale, setLocale} = configureLocalization({sourceLocale, targetLocales, loadLocale});
    useLocaleRuntime({
      getLocale,
      setLocale,
      // An element registered after its language was loaded waits for its own strings.
      complete: () => loadLocale(getLocale()).then(() => undefined),
      // A module holds only its locale's translations (scripts/localize-build.mjs): the rest shows the Finnish source.
      translates: (text) => Object.values(merged[getLocale()] ?? {}).some((t) => typeof t === 'string' && (text === t || text.startsWith(`${t} `))),
    });
  } catch {
    // Configured by the host page: the Finnish source strings rather than a broken page.
  }
}
