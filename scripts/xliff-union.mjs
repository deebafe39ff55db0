#!/usr/bin/env node
/**
 * Copies translations into an XLIFF file from other XLIFF files of the same language, by message id
 * (lit-localize's ids are hashes of the source, so one message has one id everywhere). For merging
 * branches that each added messages: take either side's file, run `lit-localize extract`, then
 *
 *   node scripts/xliff-union.mjs locales/sv.xlf /tmp/ours-sv.xlf /tmp/theirs-sv.xlf
 *
 * A message keeps its own <target> when it has one; the first file that has one gives it otherwise.
 */
import {readFileSync, writeFileSync} from 'node:fs';

const [outPath, ...inputs] = process.argv.slice(2);
if (!outPath || !inputs.length) {
  console.error('usage: node scripts/xliff-union.mjs <file.xlf> <from.xlf>...');
  process.exit(2);
}
const UNIT = /<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g;
const targets = new Map();
for (const input of inputs) {
  for (const [, id, body] of readFileSync(input, 'utf8').matchAll(UNIT)) {
    const target = /\s*<target[\s>][\s\S]*?<\/target>/.exec(body)?.[0];
    const note = /\s*<note[\s>][\s\S]*?<\/note>/.exec(body)?.[0];
    if (target && !targets.has(id)) targets.set(id, {target, note});
  }
}
let filled = 0;
let missing = 0;
const xlf = readFileSync(outPath, 'utf8').replace(UNIT, (whole, id, body) => {
  if (/<target[\s>]/.test(body)) return whole;
  const found = targets.get(id);
  if (!found) {
    missing++;
    return whole;
  }
  filled++;
  return `<trans-unit id="${id}">${body.replace(/(<\/source>)/, `$1${found.target}${found.note ?? ''}`)}</trans-unit>`;
});
writeFileSync(outPath, xlf);
console.log(`${outPath}: ${filled} filled from ${inputs.length} file(s), ${missing} still missing`);
