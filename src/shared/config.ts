/** Where the API lives and which languages content should be shown in. */

/** The origin this module was loaded from: in the script-tag bundle, the server that served it. */
const scriptOrigin = new URL(import.meta.url).origin;

/**
 * The API base URL for an element: its `api` attribute, else `<meta name="kirjasto-api">`,
 * else the origin the script was loaded from. Never ends with a slash.
 */
export function resolveApiBase(attribute: string | undefined | null): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="kirjasto-api"]')?.content;
  const base = attribute?.trim() || meta?.trim() || scriptOrigin;
  // Worked out once per base and page address: fifty elements ask several times each.
  const key = `${base} ${location.href}`;
  let url = resolvedBases.get(key);
  if (!url) resolvedBases.set(key, (url = new URL(base, location.href).href.replace(/\/+$/, '')));
  return url;
}

const resolvedBases = new Map<string, string>();

/** The nearest `lang` attribute above an element, crossing shadow roots. */
export function nearestLang(el: Element): string | undefined {
  let node: Element | null = el;
  while (node) {
    const found: Element | null = node.closest('[lang]');
    const lang = found?.getAttribute('lang');
    if (lang) return lang;
    const root = (found ?? node).getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return undefined;
}

const fallbackOrder = ['fi', 'sv', 'en'];

/**
 * Primary language subtags in order of preference: nearest [lang], browser languages, then fi, sv, en.
 * Sami readers in Finland read Finnish: on a Sami page Finnish comes right after Sami (docs/languages.md).
 */
export function contentLanguages(el: Element): string[] {
  const near = nearestLang(el);
  const wanted = [near, ...(/^(se|sm[ens])\b/i.test(near ?? '') ? ['fi'] : []), ...navigator.languages, ...fallbackOrder];
  // A tag with a private-use variant (`fi-x-selko`, plain Finnish) is kept whole, before its primary subtag.
  const codes = wanted.filter((lang): lang is string => !!lang).flatMap((lang) => (lang.includes('-x-') ? [lang.toLowerCase(), primarySubtag(lang)] : primarySubtag(lang)));
  return [...new Set(codes)];
}

/** `sv-FI` → `sv`; Northern Sami is `se` (its ISO 639-3 code `sme` maps to it). */
export function primarySubtag(lang: string): string {
  const primary = lang.toLowerCase().split(/[-_]/)[0] ?? '';
  return primary === 'sme' ? 'se' : primary;
}
