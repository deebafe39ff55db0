#!/usr/bin/env node
/**
 * `lit-localize build`, once per element: where `lit-localize build` writes one
 * `src/generated/locales/<locale>.js` with every string, this writes `src/generated/locales/<folder>/<locale>.js`
 * for each element folder of `src/` (one with a `define.ts`: `poll`, `rating`, …) with the strings of
 * that folder's files and of the files they import (src/shared), so that a page loads one language
 * file per element it shows and no other element's strings. Next to them, `setup.ts` hands those
 * modules to src/shared/setup.ts; the element's define entry point calls it. It also writes the
 * module of locale codes. Locales, translations and the rest come from lit-localize.json.
 */
import {existsSync, readdirSync, writeFileSync} from 'node:fs';
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
if (!folders.length) throw new Error('no element folder (src/*/define.ts) found');

for (const [index, folder] of folders.entries()) {
  const localizer = new ElementLocalizer({
    ...config,
    // The TypeScript program of these files holds the files they import, and their messages.
    inputFiles: [`src/${folder}/**/*.ts`],
    output: {
      ...config.output,
      outputDir: `${config.output.outputDir}/${folder}`,
      language: 'ts',
      localeCodesModule: index === 0 ? config.output.localeCodesModule : undefined,
    },
  });
  await localizer.build();
  const modules = config.targetLocales.map((locale) => `    ${JSON.stringify(locale)}: () => import(${JSON.stringify(`./${locale}.js`)}),`);
  writeFileSync(
    join(config.resolve(config.output.outputDir), folder, 'setup.ts'),
    `// Written by scripts/localize-build.mjs from lit-localize.json: do not edit.
import {setupPage as setup} from '../../../shared/setup.js';

/** Sets up the page's localization (once) and the loading of src/${folder}/'s strings. */
export const setupPage = (): void =>
  setup(${JSON.stringify(folder)}, {
${modules.join('\n')}
  });
`,
  );
}
