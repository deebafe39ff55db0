#!/usr/bin/env node
/**
 * Builds the script-tag files in dist/ (see vite.config.ts): the element and core chunks, the single
 * file, then the loader that is told their hashed names and which one a set of elements is lighter in. Each file gets a source map and
 * precompressed .br and .gz siblings.
 */
import {readdirSync} from 'node:fs';
import {dirname, join, posix} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'vite';
import {gzip} from './compress.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tags = {poll: 'kirjasto-poll', rating: 'kirjasto-rating', 'idea-box': 'kirjasto-idea-box'};

const outputs = (result) => (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);

const elements = outputs(await build({root, mode: 'elements', logLevel: 'warn'}));
const chunks = new Map(elements.filter((o) => o.type === 'chunk').map((o) => [o.fileName, o]));

/** An element's chunk and every chunk it imports statically, relative to dist/kirjasto.js. */
function filesOf(entry) {
  const files = [];
  const visit = (fileName) => {
    if (files.includes(fileName)) return;
    files.push(fileName);
    for (const imported of chunks.get(fileName).imports) visit(imported);
  };
  visit(entry.fileName);
  return files.map((f) => `./${posix.normalize(f)}`);
}
const chunkMap = {};
for (const chunk of chunks.values()) {
  if (chunk.isEntry) chunkMap[tags[chunk.name]] = filesOf(chunk);
}
if (Object.keys(chunkMap).length !== Object.keys(tags).length) throw new Error(`elements build: expected ${Object.keys(tags)} entries, got ${Object.keys(chunkMap)}`);

const all = outputs(await build({root, mode: 'all', logLevel: 'warn'})).find((o) => o.type === 'chunk' && o.isEntry);

// The loader fetches kirjasto-all.js for the sets of elements whose chunks weigh more (gzip, as
// served) than it does: measured here, not guessed. The language chunks are the same either way.
const gzipped = async (chunk) => (await gzip(Buffer.from(chunk.code), chunk.fileName)).length;
const allBytes = await gzipped(all);
const chunkBytesOf = new Map(await Promise.all([...chunks.values()].map(async (chunk) => [`./${posix.normalize(chunk.fileName)}`, await gzipped(chunk)])));
const chunkBytes = (set) => [...new Set(set.flatMap((tag) => chunkMap[tag]))].reduce((sum, file) => sum + chunkBytesOf.get(file), 0);
const sets = Object.keys(chunkMap).reduce((found, tag) => [...found, ...found.map((set) => [...set, tag])], [[]]).filter((set) => set.length);
const smallerFor = sets.filter((set) => chunkBytes(set) > allBytes).map((set) => set.sort().join());
await build({
  root,
  mode: 'loader',
  logLevel: 'warn',
  define: {KIRJASTO_CHUNKS: JSON.stringify(chunkMap), KIRJASTO_ALL: JSON.stringify({file: `./${all.fileName}`, smallerFor})},
});

// The language chunks import nothing, so the loader's core and kirjasto-all.js share them; a second
// copy of a language means that stopped being true.
// (`<folder>.<locale>-<hash>.js`, see vite.config.ts).
const languages = readdirSync(join(root, 'dist/kirjasto')).filter((f) => /^[\w-]+\.[A-Za-z0-9-]+-[\w-]{8}\.js$/.test(f));
const modules = languages.map((f) => f.replace(/-[\w-]{8}\.js$/, ''));
const doubled = languages.filter((_, i) => modules.indexOf(modules[i]) !== i);
if (doubled.length) throw new Error(`language chunks built twice: ${doubled.join(', ')}`);

for (const [tag, files] of Object.entries(chunkMap)) console.log(`${tag}: ${files.join(' + ')}`);
console.log(`${all.fileName} (${allBytes} B gzip) instead for: ${smallerFor.join(' / ') || 'none'}`);
