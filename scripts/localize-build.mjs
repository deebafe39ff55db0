#!/usr/bin/env node
/**
 * `lit-localize build`, split by source folder: where `lit-localize build` writes one
 * `src/generated/locales/<locale>.js` with every string, this writes `src/generated/locales/<folder>/<locale>.js`
 * (and the module of locale codes) for each folder of `src/` (`shared`, `poll`, …) with the strings of that folder's files, so that a page
 * loads the translations of the elements it shows and no others (see src/shared/setup.ts). A string
 * found in two folders (the same English text, so the same id) goes to `shared`. Locales, source files
 * and translations all come from lit-localize.json.
 */
import {readdirSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {readConfigFileAndWriteSchema} from '@lit/localize-tools/lib/config.js';
import {RuntimeLitLocalizer} from '@lit/localize-tools/lib/modes/runtime.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const config = readConfigFileAndWriteSchema(join(root, 'lit-localize.json'));
const sharedFolder = 'shared';

/**
 * Writes the messages of one folder only (the TypeScript program of its files also holds the files they
 * import), and reads only their translations, so that it neither writes nor warns about the others.
 */
class FolderLocalizer extends RuntimeLitLocalizer {
  /** The messages this folder's module gets, once decided (some found in other folders' files). */
  assigned;

  constructor(folder) {
    super({
      ...config,
      inputFiles: [`src/${folder}/**/*.ts`],
      // The module of locale codes is written once, with the shared strings.
      output: {
        ...config.output,
        outputDir: `${config.output.outputDir}/${folder}`,
        localeCodesModule: folder === sharedFolder ? config.output.localeCodesModule : undefined,
      },
    });
    this.prefix = `${join(root, 'src', folder).replaceAll('\\', '/')}/`;
  }

  extractSourceMessages() {
    const extracted = super.extractSourceMessages();
    const own = extracted.messages.filter((message) => message.file.fileName.replaceAll('\\', '/').startsWith(this.prefix));
    return {...extracted, messages: this.assigned ?? own};
  }

  readTranslationsSync() {
    const result = super.readTranslationsSync();
    const names = new Set(this.extractSourceMessages().messages.map(({name}) => name));
    for (const [locale, messages] of result.translations) result.translations.set(locale, messages.filter(({name}) => names.has(name)));
    return result;
  }
}

const folders = readdirSync(join(root, 'src'), {withFileTypes: true})
  .filter((entry) => entry.isDirectory() && entry.name !== 'generated')
  .map((entry) => entry.name);
if (!folders.includes(sharedFolder)) throw new Error(`src/${sharedFolder} is missing`);

const localizers = new Map(folders.map((folder) => [folder, new FolderLocalizer(folder)]));
/** Per message name, the folders whose files use it and one of its extracted messages. */
const found = new Map();
for (const [folder, localizer] of localizers) {
  for (const message of localizer.extractSourceMessages().messages) {
    const seen = found.get(message.name) ?? {folders: new Set(), message};
    seen.folders.add(folder);
    found.set(message.name, seen);
  }
}
for (const localizer of localizers.values()) localizer.assigned = [];
for (const {folders: used, message} of found.values()) {
  localizers.get(used.size > 1 ? sharedFolder : [...used][0]).assigned.push(message);
}
for (const localizer of localizers.values()) await localizer.build();
