import {msg, str} from '@lit/localize';
import {getLocale} from '../../i18n.js';
import {countDatum, type ChartData, type Datum} from '../../ui/chart.js';
import {formatDecimal, formatInteger, formatPoints, formatShare, noAnswersText, tooFewText} from '../../ui/chart-format.js';
import {languageName} from '../../ui/labels.js';
import {textIn, channelName} from '../library/shared.js';
import {formatDay} from './filters.js';
import {isSuppressed, type Bucket, type ByBranch, type ByChannel, type ByLanguage, type Cell, type RatingFigures, type RatingReport, type SeriesPoint} from './types.js';

/** What a report's figures mean, in the words of the definitions panel. */
export type Measure = 'count' | 'mean' | 'csat' | 'nps';

/** A measure's name inside a sentence: "mean score", but CSAT and NPS as they are. */
export const measureInSentence = (m: Measure): string => {
  const name = measureName(m);
  return name === name.toUpperCase() ? name : name.charAt(0).toLocaleLowerCase() + name.slice(1);
};

export const measureName = (m: Measure): string => ({count: msg('Answers'), mean: msg('Mean score'), csat: msg('CSAT'), nps: msg('NPS')})[m];

/** The measures a rating scale has: NPS only on the 0–10 scale; thumbs have no meaningful mean. */
export function measuresOf(scale: RatingReport['scale']): Measure[] {
  if (scale === 'nps') return ['count', 'mean', 'csat', 'nps'];
  if (scale === 'thumbs') return ['count', 'csat'];
  return ['count', 'mean', 'csat'];
}

/** The score measure a scale's charts lead with. */
export const mainMeasure = (scale: RatingReport['scale']): Measure => (scale === 'nps' ? 'nps' : scale === 'thumbs' ? 'csat' : 'mean');

export const countText = (n: number) => (n === 0 ? noAnswersText() : formatInteger(n));

/** One measure of a rating cell, as a chart datum. */
export function figureDatum(cell: Cell<RatingFigures> | undefined, m: Measure): Datum {
  if (!cell) return {value: null, text: noAnswersText()};
  if (isSuppressed(cell)) return {value: null, suppressed: true, text: tooFewText()};
  if (m === 'count') return countDatum(cell, formatInteger);
  const value = cell[m];
  if (cell.count === 0) return {value: null, text: noAnswersText()};
  // A figure that does not apply (NPS off the 0–10 scale, a mean across different scales).
  if (value === null || value === undefined) return {value: null, text: '–'};
  if (m === 'mean') return {value, text: formatDecimal(value)};
  if (m === 'csat') return {value: value * 100, text: formatShare(value)};
  return {value, text: formatPoints(value)};
}

/** The value axis of a measure: a mean on the scale's range, CSAT 0–100 %, NPS −100 to +100. */
export function measureAxis(m: Measure, report?: Pick<RatingReport, 'scores'>): Pick<ChartData, 'min' | 'max' | 'tick'> {
  if (m === 'mean' && report?.scores.length) return {min: Math.min(...report.scores), max: Math.max(...report.scores)};
  if (m === 'csat') return {min: 0, max: 100, tick: (n) => formatShare(n / 100)};
  if (m === 'nps') return {min: -100, max: 100, tick: formatPoints};
  return {};
}

/** A report period's label: a day, an ISO week ("Week 45"), or a month, in the console's language. */
export function bucketLabel(point: {start: string; end: string}, bucket: Bucket): {label: string; short: string} {
  const start = new Date(`${point.start}T12:00:00Z`);
  const locale = getLocale();
  if (bucket === 'month') {
    return {
      label: new Intl.DateTimeFormat(locale, {month: 'long', year: 'numeric', timeZone: 'UTC'}).format(start),
      short: new Intl.DateTimeFormat(locale, {month: 'short', timeZone: 'UTC'}).format(start),
    };
  }
  if (bucket === 'week') {
    const week = isoWeek(start);
    const range = new Intl.DateTimeFormat(locale, {day: 'numeric', month: 'numeric', timeZone: 'UTC'}).formatRange(start, new Date(`${point.end}T12:00:00Z`));
    return {label: msg(str`Week ${week} (${range})`), short: msg(str`wk ${week}`)};
  }
  return {
    label: formatDay(point.start, 'medium'),
    short: new Intl.DateTimeFormat(locale, {day: 'numeric', month: 'numeric', timeZone: 'UTC'}).format(start),
  };
}

function isoWeek(date: Date): number {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  return Math.ceil(((d.getTime() - yearStart.getTime()) / 86400000 + 1) / 7);
}

/** The name of a breakdown row: a channel, a branch (or "no branch"), a language (or "not known"). */
export const channelLabel = (row: ByChannel) => channelName(row.channel);
export const branchLabel = (row: ByBranch) => (row.branch === null ? msg('No branch') : textIn(row.name) || row.branch);
export const languageLabel = (row: ByLanguage) => (row.lang === null ? msg('Language not known') : languageName(row.lang));

/** A score's name on its scale: "5", or thumbs up and down. */
export function scoreLabel(scale: RatingReport['scale'], score: number): string {
  if (scale === 'thumbs') return score === 1 ? msg('Thumbs up') : msg('Thumbs down');
  return formatInteger(score);
}

/** The series point with the most answers, for a summary sentence (none when every point is hidden or empty). */
export function busiest<T extends {count: number}>(series: SeriesPoint<T>[]) {
  let best: (SeriesPoint<T> & T) | undefined;
  for (const p of series) if (!isSuppressed(p) && (p as T).count > 0 && (!best || (p as T).count > best.count)) best = p as SeriesPoint<T> & T;
  return best;
}

/** How many cells of a breakdown are hidden, for the summaries ("2 hidden: too few answers"). */
export const hiddenCount = (cells: readonly object[]) => cells.filter((c) => isSuppressed(c)).length;

export function hiddenSentence(cells: readonly object[]): string {
  const n = hiddenCount(cells);
  return n === 0 ? '' : n === 1 ? msg(' One is hidden: too few answers to show.') : msg(str` ${formatInteger(n)} are hidden: too few answers to show.`);
}
