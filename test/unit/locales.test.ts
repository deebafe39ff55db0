import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';

// The source strings (msg() in src/) are Finnish; every other UI language is a file in locales/.
const config = JSON.parse(readFileSync(new URL('../../lit-localize.json', import.meta.url), 'utf8')) as {sourceLocale: string; targetLocales: string[]};
/** Languages every string is translated into: a missing one would show Finnish on an English or Swedish page. */
const complete = ['en', 'sv'];
/** Languages partial on purpose (docs/languages.md): an untranslated string shows in Finnish, the source. */
const partial = ['se', 'fi-x-selko'];

const read = (locale: string): string => readFileSync(new URL(`../../locales/${locale}.xlf`, import.meta.url), 'utf8');
const units = (xliff: string) =>
  [...xliff.matchAll(/<trans-unit id="([^"]+)"[^>]*>([\s\S]*?)<\/trans-unit>/g)].map(([, id, body]) => ({
    id: id!,
    body: body!,
    source: /<source>([\s\S]*?)<\/source>/.exec(body!)![1]!,
    target: /<target\b[^>]*>([\s\S]*?)<\/target>/.exec(body!)?.[1],
  }));
const translated = (locale: string) => units(read(locale)).filter((unit) => unit.target !== undefined);

describe('UI languages', () => {
  it('has Finnish as the source and decides for every other language whether it is complete', () => {
    expect(config.sourceLocale).toBe('fi');
    expect([...config.targetLocales].sort()).toEqual([...complete, ...partial].sort());
  });

  it.each(complete)('%s.xlf translates every string', (locale) => {
    const missing = units(read(locale)).filter((unit) => unit.target === undefined || unit.target === '');
    expect(missing.map((unit) => `${unit.id} ${unit.source}`)).toEqual([]);
  });

  it.each(complete)('%s.xlf keeps every placeholder of the Finnish string', (locale) => {
    const placeholders = (text: string) => [...text.matchAll(/<x id="(\d+)"/g)].map(([, n]) => n).sort();
    for (const unit of units(read(locale))) expect(placeholders(unit.target!), unit.id).toEqual(placeholders(unit.source));
  });

  it.each(partial)('%s.xlf leaves an untranslated string without a target, so that the Finnish one shows and cannot go stale', (locale) => {
    const copies = translated(locale).filter((unit) => unit.target === unit.source);
    expect(copies.map((unit) => unit.id)).toEqual([]);
  });

  it.each(partial)('%s.xlf marks each of its own translations as awaiting review and names its source', (locale) => {
    const own = translated(locale);
    expect(own.length).toBeGreaterThan(0);
    for (const unit of own) {
      expect(unit.body, unit.id).toMatch(/<target state="(needs-review-translation|translated|final|signed-off)">/);
      expect(unit.body, unit.id).toMatch(/<note from="source">[^<]{20,}<\/note>/);
    }
  });

  it('takes every Northern Sami string from a public repository file named in its note', () => {
    for (const unit of translated('se')) {
      expect(unit.body, unit.id).toMatch(/<note from="source">Source: [\w.-]+\/[\w.-]+ [\w./-]+\.(json|xml|po|ftl)\b/);
    }
  });
});
