import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
// @ts-expect-error: a plain ES module script without type declarations
import {FALLBACKS, fillFallbacks, isFallback, targetsById} from '../../scripts/locale-fallback.mjs';

const read = (locale: string): string => readFileSync(new URL(`../../locales/${locale}.xlf`, import.meta.url), 'utf8');
const units = (xliff: string) => [...xliff.matchAll(/<trans-unit id="([^"]+)"[^>]*>([\s\S]*?)<\/trans-unit>/g)].map(([, id, body]) => ({id: id!, body: body!}));
const sourceOf = (body: string) => /<source>([\s\S]*?)<\/source>/.exec(body)![1];

describe('variant locales (se, fi-x-selko)', () => {
  const variants = Object.entries(FALLBACKS as Record<string, string>);

  it.each(variants)('%s.xlf has every message, its untranslated ones in %s as in that file', (locale, from) => {
    const file = read(locale);
    // A stale or missing fallback (fi.xlf changed, or `lit-localize extract` added a message): run `npm run localize:extract`.
    expect(fillFallbacks(file, read(from), from)).toBe(file);
    expect([...targetsById(file).keys()].sort()).toEqual([...targetsById(read('fi')).keys()].sort());
  });

  it.each(variants)('%s.xlf marks each of its own translations as awaiting review and names its source', (locale) => {
    const own = units(read(locale)).filter((unit) => !isFallback(unit.body));
    expect(own.length).toBeGreaterThan(0);
    for (const unit of own) {
      expect(unit.body, unit.id).toMatch(/<target state="(needs-review-translation|translated|final|signed-off)">/);
      expect(unit.body, unit.id).toMatch(/<note from="source">[^<]{20,}<\/note>/);
    }
  });

  it('takes every Northern Sami string from a public repository file named in its note', () => {
    for (const unit of units(read('se')).filter((u) => !isFallback(u.body))) {
      expect(unit.body, unit.id).toMatch(/<note from="source">Source: [\w.-]+\/[\w.-]+ [\w./-]+\.(json|xml|po|ftl)\b/);
    }
  });

  it('never shows the English source string on a Sami or plain-Finnish page unless Finnish does too', () => {
    const fi = targetsById(read('fi'));
    for (const [locale] of variants) {
      for (const unit of units(read(locale))) {
        const target = targetsById(`<trans-unit id="${unit.id}">${unit.body}</trans-unit>`).get(unit.id);
        if (target === sourceOf(unit.body)) expect(fi.get(unit.id), `${locale} ${unit.id}`).toBe(target);
      }
    }
  });
});

describe('fillFallbacks', () => {
  const fi = `<trans-unit id="a">\n  <source>Send</source>\n  <target>Lähetä</target>\n</trans-unit>\n<trans-unit id="b">\n  <source>Vote</source>\n  <target>Äänestä</target>\n</trans-unit>`;

  it('copies the Finnish text into untranslated units and keeps translated ones', () => {
    const se = `<trans-unit id="a">\n  <source>Send</source>\n  <target state="needs-review-translation">Sádde</target>\n  <note from="source">Source: x/y z.json, key "emailsend".</note>\n</trans-unit>\n<trans-unit id="b">\n  <source>Vote</source>\n</trans-unit>`;
    const filled = fillFallbacks(se, fi, 'fi');
    expect(targetsById(filled)).toEqual(new Map([['a', 'Sádde'], ['b', 'Äänestä']]));
    expect(filled).toContain('<target state="needs-translation">Äänestä</target>');
    expect(fillFallbacks(filled, fi, 'fi')).toBe(filled);
  });

  it('refreshes a fallback when the Finnish text changes', () => {
    const stale = fillFallbacks(`<trans-unit id="b">\n  <source>Vote</source>\n</trans-unit>`, fi, 'fi');
    const refreshed = fillFallbacks(stale, fi.replace('Äänestä', 'Anna äänesi'), 'fi');
    expect(targetsById(refreshed).get('b')).toBe('Anna äänesi');
    expect(refreshed.match(/<note from="fallback">/g)).toHaveLength(1);
  });
});
