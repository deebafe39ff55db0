#!/usr/bin/env node
/**
 * `lit-localize build`, once per element: where `lit-localize build` writes one
 * `src/generated/locales/<locale>.js` with every string, this writes `src/generated/locales/<folder>/<locale>.ts`
 * for each element folder of `src/` (one with a `define.ts`: `poll`, `rating`, …) with the strings of
 * that folder's files and of the files they import (src/shared), so that a page loads one language
 * file per element it shows and no other element's strings; and `src/generated/locales/all/<locale>.ts`
 * with every element's, for kirjasto-all.js. Next to each set, `setup.ts` hands those modules to
 * src/shared/setup.ts; the define entry points (and kirjasto-all.js) call it. It also writes the
 * module of locale codes. Locales, translations and the rest come from lit-localize.json.
 */
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {readConfigFileAndWriteSchema} from '@lit/localize-tools/lib/config.js';
import {RuntimeLitLocalizer} from '@lit/localize-tools/lib/modes/runtime.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const config = readConfigFileAndWriteSchema(join(root, 'lit-localize.json'));

/** Reads only the translations of the messages its files use, so that it neither writes nor warns about others. */
class ElementLocalizer extends RuntimeLitLocalizer {
  readTranslationsSync() {
    const result = super.readTranslationsSync();
    const names = new Set(this.extractSourceMessages().messages.map(({name}) => name));
    for (const [locale, messages] of result.translations) result.translations.set(locale, messages.filter(({name}) => names.has(name)));
    return result;
  }
}

const folders = readdirSync(join(root, 'src'), {withFileTypes: true})
  .filter((entry) => entry.isDirectory() && existsSync(join(root, 'src', entry.name, 'define.ts')))
  .map((entry) => entry.name);
if (!folders.length || folders.includes('all')) throw new Error(`element folders (src/*/define.ts): ${folders.join(', ') || 'none'}`);

/**
 * Runs a build with @lit/localize-tools' warning for each string a locale has no translation for summed
 * up in one line per locale: Northern Sami and plain Finnish lack most strings on purpose
 * (docs/languages.md). test/unit/locales.test.ts fails when English or Swedish lacks one. The tools write
 * the Finnish source text of each such string into the locale's module; this takes it out again, since
 * @lit/localize shows the source text of a string its locale's module lacks anyway. So a Sami or
 * plain-Finnish page loads only the strings it has, and the module's strings are its translations, which
 * is how a Sami page tells its Sami strings from the Finnish ones around them (src/shared/setup.ts).
 */
async function buildTranslationsOnly(name, outputDir, build) {
  const missing = new Map();
  const warn = console.warn;
  console.warn = (message, ...rest) => {
    const [, locale, id] = /^(\S+) message (\S+) is missing, using canonical text as fallback$/.exec(String(message)) ?? [];
    if (locale) missing.set(locale, [...(missing.get(locale) ?? []), id]);
    else warn(message, ...rest);
  };
  try {
    await build();
  } finally {
    console.warn = warn;
  }
  for (const [locale, ids] of missing) {
    dropEntries(join(outputDir, `${locale}.ts`), new Set(ids));
    console.log(`${name}/${locale}: ${ids.length} strings untranslated, shown in Finnish`);
  }
}

/** Takes the entries of `ids` out of a generated module's `templates`, where each entry starts a line with its quoted id. */
function dropEntries(file, ids) {
  const [head, entries, tail] = /^([^]*export const templates = \{\n)([^]*?)(\n\s*\};\s*)$/.exec(readFileSync(file, 'utf8'))?.slice(1) ?? [];
  if (entries === undefined) throw new Error(`${file}: no templates object where @lit/localize-tools writes one`);
  const all = entries.split(/\n(?=\s*'[^']+': )/);
  const kept = all.filter((entry) => !ids.has(/^\s*'([^']+)'/.exec(entry)?.[1]));
  if (all.length - kept.length !== ids.size) throw new Error(`${file}: not every untranslated string was found`);
  // The tools import the tags of every source string; keep only those the module still uses.
  const imports = head
    .replace(/^\s*import \{str\} from '@lit\/localize';$/m, (line) => (kept.some((entry) => entry.includes(': str`')) ? line : ''))
    .replace(/^\s*import \{html\} from 'lit';$/m, (line) => (kept.some((entry) => entry.includes(': html`')) ? line : ''));
  writeFileSync(file, imports + kept.join('\n') + tail);
}

/**
 * Writes `src/generated/locales/<name>/<locale>.ts` from `inputFiles`, and `setup.ts` beside them,
 * which tells src/shared/setup.ts which elements' strings those modules hold and how to load them.
 */
async function write(name, inputFiles, elements, localeCodes) {
  const localizer = new ElementLocalizer({
    ...config,
    // The TypeScript program of these files holds the files they import, and their messages.
    inputFiles,
    output: {
      ...config.output,
      outputDir: `${config.output.outputDir}/${name}`,
      language: 'ts',
      localeCodesModule: localeCodes ? config.output.localeCodesModule : undefined,
    },
  });
  await buildTranslationsOnly(name, join(config.resolve(config.output.outputDir), name), () => localizer.build());
  const modules = config.targetLocales.map((locale) => `    ${JSON.stringify(locale)}: () => import(${JSON.stringify(`./${locale}.js`)}),`);
  writeFileSync(
    join(config.resolve(config.output.outputDir), name, 'setup.ts'),
    `// Written by scripts/localize-build.mjs from lit-localize.json: do not edit.
import {setupPage as setup} from '../../../shared/setup.js';

/** Sets up the page's localization (once) and the loading of the strings of ${elements.map((element) => `src/${element}/`).join(', ')}. */
export const setupPage = (): void =>
  setup(${JSON.stringify(elements)}, {
${modules.join('\n')}
  });
`,
  );
}

for (const [index, folder] of folders.entries()) await write(folder, [`src/${folder}/**/*.ts`], [folder], index === 0);
// Every element in one module per language, for kirjasto-all.js, which registers them all at once.
await write('all', folders.map((folder) => `src/${folder}/**/*.ts`), folders, false);
