import {msg, str} from '@lit/localize';
import {html} from 'lit';
import type {ChartData, Datum} from '../../ui/chart.js';
import {formatDecimal, formatInteger, noAnswersText, tooFewText} from '../../ui/chart-format.js';
import {getLocale} from '../../i18n.js';
import {branchLabel, channelLabel, countText, figureDatum, hiddenSentence, languageLabel, mainMeasure, measuresOf, scoreLabel} from './figures.js';
import {answersOverTime, chartSection, countBreakdown, definitions, keyFigures, ratingBreakdown, ratingComparisons, scoreOverTime} from './sections.js';
import {isSuppressed, type RatingReport} from './types.js';

/** A rating prompt's report: key figures, answers and score over time, distribution, channels, branches, languages, kiosk hours. */
export function ratingReport(r: RatingReport) {
  const measures = measuresOf(r.scale);
  const main = mainMeasure(r.scale);
  const bucket = r.filters.bucket;
  return html`${keyFigures('report-key', ratingComparisons(r.total, r.previousTotal, measures), r.previous)} ${definitions(r.threshold)}
    <div class="report-charts">
      ${chartSection(answersOverTime(msg('Answers over time'), r.series, bucket))} ${chartSection(scoreOverTime(r, r.series, bucket, main))}
      ${main !== 'csat' ? chartSection(scoreOverTime(r, r.series, bucket, 'csat')) : ''} ${chartSection(distribution(r))}
      ${chartSection(ratingBreakdown(msg('By channel'), msg('Channel'), r.byChannel, channelLabel, measures, main, r))}
      ${chartSection(ratingBreakdown(msg('By branch'), msg('Branch'), r.byBranch, branchLabel, measures, main, r))}
      ${chartSection(ratingBreakdown(msg('By language of the answer'), msg('Language'), r.byLanguage, languageLabel, measures, main, r))}
      ${chartSection(heatmap(r))}
    </div>
    ${isSuppressed(r.comments)
      ? html`<p class="hint report-note">${msg('Comments: too few answers to show.')}</p>`
      : html`<p class="hint report-note">${r.comments.count === 0 ? msg('No comments in this period.') : r.comments.count === 1 ? msg('1 comment in this period.') : msg(str`${formatInteger(r.comments.count)} comments in this period.`)}</p>`}`;
}

function distribution(r: RatingReport): ChartData {
  const rows = r.distribution.map((d) => ({label: scoreLabel(r.scale, d.score), values: [figureDatum(d as never, 'count')]}));
  const shown = r.distribution.filter((d) => !isSuppressed(d) && (d as {count: number}).count > 0) as {score: number; count: number}[];
  const top = shown.reduce<{score: number; count: number} | undefined>((b, d) => (!b || d.count > b.count ? d : b), undefined);
  return {
    kind: 'bars',
    title: msg('Distribution of scores'),
    summary: (top ? msg(str`The most common answer was ${scoreLabel(r.scale, top.score)} (${formatInteger(top.count)} answers).`) : msg('No score has answers to show.')) + hiddenSentence(r.distribution),
    rowHeader: msg('Score'),
    columns: [msg('Answers')],
    rows,
  };
}

/** The kiosk's answers by weekday and hour (the library's clock): the mean score in each hour that has any. */
function heatmap(r: RatingReport): ChartData {
  const locale = getLocale();
  const weekday = (n: number, style: 'long' | 'short') => new Intl.DateTimeFormat(locale, {weekday: style, timeZone: 'UTC'}).format(new Date(Date.UTC(2024, 0, n)));
  const cells = new Map(r.heatmap.map((c) => [`${c.weekday}-${c.hour}`, c]));
  const used = r.heatmap.filter((c) => isSuppressed(c) || (c as {count: number}).count > 0).map((c) => c.hour);
  // The hours the library was answered in, widened to 8–20 so that an empty day still reads as a day.
  const first = Math.min(8, ...used);
  const last = Math.max(20, ...used);
  const hours = Array.from({length: last - first + 1}, (_, i) => first + i);
  const hourName = (h: number) => new Intl.DateTimeFormat(locale, {hour: 'numeric', timeZone: 'UTC'}).format(new Date(Date.UTC(2024, 0, 1, h)));
  let best: {weekday: number; hour: number; count: number; mean: number} | undefined;
  for (const c of r.heatmap) {
    if (isSuppressed(c) || c.mean === null || c.count === 0) continue;
    if (!best || c.mean > best.mean || (c.mean === best.mean && c.count > best.count)) best = c as typeof best;
  }
  const datum = (w: number, h: number): Datum => {
    const c = cells.get(`${w}-${h}`);
    if (!c) return {value: null, text: noAnswersText()};
    if (isSuppressed(c)) return {value: null, suppressed: true, text: tooFewText()};
    if (c.count === 0 || c.mean === null) return {value: null, text: noAnswersText()};
    return {value: c.mean, text: formatDecimal(c.mean)};
  };
  const kioskCount = r.heatmap.reduce((n, c) => n + (isSuppressed(c) ? 0 : c.count), 0);
  const scale = r.scores.length ? {min: Math.min(...r.scores), max: Math.max(...r.scores)} : {};
  return {
    kind: 'heatmap',
    title: msg('Kiosk answers by weekday and hour (mean score)'),
    summary: best
      ? msg(str`The highest mean score, ${formatDecimal(best.mean)}, was on ${weekday(best.weekday, 'long')} at ${hourName(best.hour)} (${formatInteger(best.count)} answers). ${countText(kioskCount)} kiosk answers are shown.`) + hiddenSentence(r.heatmap)
      : r.filters.lang
        ? msg('The hours are counted without the language of the answer, so this chart is empty when a language is chosen.')
        : msg('No kiosk hour has answers to show.') + hiddenSentence(r.heatmap),
    rowHeader: msg('Weekday'),
    columns: hours.map(hourName),
    ...scale,
    rows: [1, 2, 3, 4, 5, 6, 7].map((w) => ({label: weekday(w, 'long'), short: weekday(w, 'short'), values: hours.map((h) => datum(w, h))})),
  };
}

export {countBreakdown};
