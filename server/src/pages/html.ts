import type {Text} from '../http/contract.js';
import {isSamiWord, type PageLang} from './lang.js';
import type {PageFormState} from './request.js';
import {DEFAULT_CONTENT_LANGUAGES} from './tenant-look.js';

export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The language the page's own words are in: Northern Sami has only a few words of its own and gets the Finnish ones. */
export const wordsLang = (lang: PageLang): string => (lang === 'se' ? 'fi' : lang);

/** One of the page's own words as HTML: a Northern Sami one labelled as such, as the page around it is Finnish. */
export const wordHtml = (word: string, lang: PageLang): string =>
  lang === 'se' && isSamiWord(word) ? `<span lang="se">${escapeHtml(word)}</span>` : escapeHtml(word);

/**
 * One of the page's own words on a page whose `<html lang>` is its UI language even in Northern Sami
 * (the kiosk: the widget on it follows that attribute): a Finnish word standing in for a Sami one is
 * labelled as Finnish.
 */
export const wordHtmlOnUiLangPage = (word: string, lang: PageLang): string =>
  lang === 'se' && !isSamiWord(word) ? `<span lang="fi">${escapeHtml(word)}</span>` : escapeHtml(word);

/** The text in the wanted language, else the first of `order` it has, else any; with the language it is in. */
export function textIn(text: Text, lang: string, order: readonly string[] = DEFAULT_CONTENT_LANGUAGES): {text: string; lang?: string} {
  for (const l of [lang, ...order]) if (text[l]) return {text: text[l], lang: l};
  const [l, value] = Object.entries(text).find(([, v]) => v) ?? [];
  return value ? {text: value, lang: l} : {text: ''};
}

/** The text in the wanted language, falling back through the library's order (fi, sv, en by default). */
export const pickText = (text: Text, lang: string, order?: readonly string[]): string => textIn(text, lang, order).text;

/**
 * Content as HTML, labelled with the language it really is when that is not the page's (a screen reader
 * then reads Finnish as Finnish on a Swedish or Sami page).
 */
export function contentHtml(text: Text, state: Pick<PageFormState, 'lang' | 'look'>): string {
  const picked = textIn(text, state.lang, state.look?.contentLanguages);
  const html = escapeHtml(picked.text);
  return picked.lang && picked.lang !== wordsLang(state.lang) ? `<span lang="${escapeHtml(picked.lang)}">${html}</span>` : html;
}

export function formatDate(date: Date, lang: PageLang): string {
  // A date stands in a sentence of the page's words: on a Sami page a Finnish one, so a Finnish date (not Sami month names read as Finnish).
  const locale = {fi: ['fi-FI'], sv: ['sv-FI'], en: ['en-GB'], se: ['fi-FI'], 'fi-x-selko': ['fi-FI']}[lang];
  return new Intl.DateTimeFormat(locale, {dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Helsinki'}).format(date);
}

/** The widget element's attributes: its id attribute, then the channel and branch the page was opened with. */
export function widgetAttributes(idAttribute: string, id: string, state: PageFormState): string {
  const attrs = [`${idAttribute}="${escapeHtml(id)}"`, `channel="${state.channel}"`];
  if (state.location) attrs.push(`location="${escapeHtml(state.location)}"`);
  return attrs.join(' ');
}

/** The form's error, if any, as an alert above it. */
export const errorAlert = (error: string | undefined, lang: PageLang): string => (error ? `<p class="error" role="alert">${wordHtml(error, lang)}</p>\n` : '');

/** The form's value when it is valid, else a new one. */
export const validOr = (value: string | undefined, pattern: RegExp, make: () => string): string =>
  value && pattern.test(value) ? value : make();

/**
 * The hidden fields every page form posts: the signed one-time key (pages/page-key.ts; kept from a failed
 * post so that a retry is the same request), the page-specific ones, then channel, language and branch.
 */
export function hiddenInputs(state: PageFormState, own: [string, string][] = []): string {
  return [
    ['key', state.key ?? ''],
    ...own,
    ['channel', state.channel],
    ['lang', state.lang],
    ...(state.location ? [['location', state.location]] : []),
  ]
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value!)}">`)
    .join('\n');
}

/** Results as the widget shows them: a label with its count and share, and a bar under it. */
export function resultBars(rows: {label: string; count: number; share: number}[], lang: PageLang, votes: (n: number) => string): string {
  // Sami where ICU has Sami data, else Finnish (docs/languages.md); plain Finnish is Finnish.
  const locales: Record<PageLang, string[]> = {fi: ['fi-FI'], sv: ['sv-FI'], en: ['en-GB'], se: ['se-FI', 'fi-FI'], 'fi-x-selko': ['fi-FI']};
  const percent = new Intl.NumberFormat(locales[lang], {style: 'percent', maximumFractionDigits: 0});
  const items = rows.map(
    (row) => `<li><span class="result-text"><span>${row.label}</span> <span class="result-figures">${percent.format(row.share)} · ${escapeHtml(votes(row.count))}</span></span>
<progress class="bar" max="1" value="${row.share}" aria-hidden="true"></progress></li>`,
  );
  return `<ul class="results">\n${items.join('\n')}\n</ul>`;
}
