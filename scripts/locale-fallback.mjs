// Fills the strings a variant locale has no vetted translation for with the Finnish ones, so that a
// Northern Sami (se) or plain-Finnish (fi-x-selko) page shows Finnish, never the English source strings.
//
// @lit/localize falls back to the source locale (English) for any message without a <target>, and has
// no fallback chain; so the fallback is written into the XLIFF itself, marked as such:
//   <target state="needs-translation">Finnish text</target> <note from="fallback">…</note>
// A translated unit has any other state (needs-review-translation until a native speaker has checked it)
// and is never touched. Run after `lit-localize extract` (npm run localize:extract does both), and again
// whenever fi.xlf changes: a unit test fails while any fallback differs from fi.xlf.
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

/** Each variant locale and the locale its untranslated strings come from. */
export const FALLBACKS = {se: 'fi', 'fi-x-selko': 'fi'};

export const FALLBACK_STATE = 'needs-translation';
const FALLBACK_NOTE = (from) => `<note from="fallback">No vetted translation yet: the ${from} text is shown. Replace this target, set state="needs-review-translation" and record the source in a note.</note>`;

const UNIT = /<trans-unit id="([^"]+)"[^>]*>([\s\S]*?)<\/trans-unit>/g;
const TARGET = /\s*<target\b([^>]*)>([\s\S]*?)<\/target>/;
const FALLBACK_NOTE_ELEMENT = /\s*<note from="fallback">[\s\S]*?<\/note>/;

/** The target text of every translated unit in an XLIFF file, by message id. */
export function targetsById(xliff) {
  const targets = new Map();
  for (const [, id, body] of xliff.matchAll(UNIT)) {
    const target = TARGET.exec(body);
    if (target) targets.set(id, target[2]);
  }
  return targets;
}

/** True when a unit's target is a fallback copy (or missing), false when it is a translation of its own. */
export function isFallback(unitBody) {
  const target = TARGET.exec(unitBody);
  return !target || new RegExp(`state="${FALLBACK_STATE}"`).test(target[1]);
}

/** The variant's XLIFF with every untranslated unit's target set to the fallback locale's text. */
export function fillFallbacks(variantXliff, fallbackXliff, fallbackLocale) {
  const fallback = targetsById(fallbackXliff);
  return variantXliff.replace(UNIT, (unit, id, body) => {
    if (!isFallback(body)) return unit;
    const text = fallback.get(id);
    let rest = body.replace(TARGET, '').replace(FALLBACK_NOTE_ELEMENT, '');
    if (text !== undefined) {
      const target = `\n  <target state="${FALLBACK_STATE}">${text}</target>\n  ${FALLBACK_NOTE(fallbackLocale)}`;
      rest = rest.replace('</source>', () => `</source>${target}`);
    }
    return unit.replace(body, () => rest);
  });
}

const localesDir = new URL('../locales/', import.meta.url);
const read = (locale) => readFileSync(new URL(`${locale}.xlf`, localesDir), 'utf8');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [locale, from] of Object.entries(FALLBACKS)) {
    const before = read(locale);
    const after = fillFallbacks(before, read(from), from);
    if (after !== before) writeFileSync(new URL(`${locale}.xlf`, localesDir), after);
    console.log(`${locale}.xlf: ${after === before ? 'up to date' : 'fallbacks refreshed'} (fallback ${from})`);
  }
}
