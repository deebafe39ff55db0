import {escapeHtml, textIn, wordsLang} from '../pages/html.js';
import type {PageLang} from '../pages/lang.js';
import type {Text} from '../http/contract.js';
import type {Scale, SummaryFigures} from '../ratings/schema.js';
import {SCALE_RANGES} from '../ratings/schema.js';
import {isSuppressed, type MonthFigures} from './data.js';
import type {PublicPageText} from './page-text.js';

/** The locale of the page's words: a Sami page's are Finnish, so are its dates and numbers (docs/languages.md); plain Finnish is Finnish. */
const LOCALES: Record<PageLang, string[]> = {fi: ['fi-FI'], sv: ['sv-FI'], en: ['en-GB'], se: ['fi-FI'], 'fi-x-selko': ['fi-FI']};

export const formatDay = (iso: string, lang: PageLang, timeZone: string) =>
  new Intl.DateTimeFormat(LOCALES[lang], {dateStyle: 'long', timeZone}).format(new Date(iso));

/** "2026-11" as "marraskuu 2026" / "November 2026". */
export const formatMonth = (month: string, lang: PageLang) =>
  new Intl.DateTimeFormat(LOCALES[lang], {month: 'long', year: 'numeric', timeZone: 'UTC'}).format(new Date(`${month}-01T12:00:00Z`));

export const formatNumber = (n: number, lang: PageLang, digits = 0) =>
  new Intl.NumberFormat(LOCALES[lang], {maximumFractionDigits: digits, minimumFractionDigits: digits}).format(n);

export const formatPercent = (share: number, lang: PageLang) =>
  new Intl.NumberFormat(LOCALES[lang], {style: 'percent', maximumFractionDigits: 0}).format(share);

/** A content text as HTML in the reader's language (or the library's fallback), marked with its own language when it differs. */
export function textHtml(text: Text, lang: PageLang, order: readonly string[]): string {
  const picked = textIn(text, lang, order);
  const html = escapeHtml(picked.text);
  return picked.lang && picked.lang !== wordsLang(lang) ? `<span lang="${escapeHtml(picked.lang)}">${html}</span>` : html;
}

/** The columns a rating's month row shows: the average only where a scale has one worth reading, NPS only for NPS. */
export const ratingColumns = (scale: Scale): ('count' | 'mean' | 'csat' | 'nps')[] =>
  scale === 'thumbs' ? ['count', 'csat'] : scale === 'nps' ? ['count', 'mean', 'csat', 'nps'] : ['count', 'mean', 'csat'];

/** One figure of a month as text; a hidden cell says so, an empty one says "no answers". */
export function figureText(column: 'count' | 'mean' | 'csat' | 'nps', figures: SummaryFigures, scale: Scale, lang: PageLang): string {
  if (column === 'count') return formatNumber(figures.count, lang);
  if (figures.count === 0) return '–';
  if (column === 'mean') return `${formatNumber(figures.mean ?? 0, lang, 1)} / ${SCALE_RANGES[scale].max}`;
  if (column === 'csat') return formatPercent(figures.csat ?? 0, lang);
  return formatNumber(figures.nps ?? 0, lang);
}

export const columnName = (column: 'count' | 'mean' | 'csat' | 'nps', words: PublicPageText) =>
  ({count: words.answers, mean: words.mean, csat: words.satisfied, nps: words.nps})[column];

/** The month's figures as one line (the feed, the poster's small print). */
export function monthLine(figures: MonthFigures, scale: Scale, lang: PageLang, words: PublicPageText): string {
  if (isSuppressed(figures)) return words.tooFew;
  if (figures.count === 0) return words.noAnswers;
  return ratingColumns(scale)
    .map((column) => `${columnName(column, words)} ${figureText(column, figures, scale, lang)}`)
    .join(' · ');
}
