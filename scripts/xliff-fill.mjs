#!/usr/bin/env node
/**
 * Fills translations into an XLIFF file that `lit-localize extract` wrote, from a JSON object that maps
 * a message's source (as it stands inside <source>, placeholders included) to its translation:
 *
 *   node scripts/xliff-fill.mjs console/locales/fi.xlf translations-fi.json
 *
 * A message that already has a <target> keeps it unless the JSON names it. Prints what is still missing.
 */
import {readFileSync, writeFileSync} from 'node:fs';

const [xlfPath, jsonPath] = process.argv.slice(2);
if (!xlfPath || !jsonPath) {
  console.error('usage: node scripts/xliff-fill.mjs <file.xlf> <translations.json>');
  process.exit(2);
}
const translations = JSON.parse(readFileSync(jsonPath, 'utf8'));
const escape = (text) => text.replace(/&(?!amp;|lt;|gt;|quot;|apos;)/g, '&amp;');
let missing = 0;
const xlf = readFileSync(xlfPath, 'utf8').replace(
  /(<trans-unit id="[^"]+">\s*<source>)([\s\S]*?)(<\/source>)(\s*<target>[\s\S]*?<\/target>)?/g,
  (whole, open, source, close, target) => {
    const translated = translations[source] ?? translations[source.replace(/&amp;/g, '&')];
    if (translated !== undefined) return `${open}${source}${close}\n  <target>${escape(translated)}</target>`;
    if (!target) {
      missing++;
      console.log(`missing: ${source}`);
    }
    return whole;
  },
);
writeFileSync(xlfPath, xlf);
console.log(`${xlfPath}: ${missing} missing`);
