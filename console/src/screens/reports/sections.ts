import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import type {ChartData, Datum} from '../../ui/chart.js';
import '../../ui/chart.js';
import {formatChange, formatDecimal, formatInteger, formatPoints, formatShare, noAnswersText, tooFewText} from '../../ui/chart-format.js';
import {formatDays} from './filters.js';
import {bucketLabel, busiest, countText, figureDatum, hiddenSentence, measureAxis, measureInSentence, measureName, type Measure} from './figures.js';
import {isSuppressed, type Bucket, type Cell, type RatingFigures, type RatingReport, type SeriesPoint} from './types.js';

/** A chart in its own section (the section's heading is the chart's title). */
export const chartSection = (data: ChartData) => html`<section class="report-chart"><console-chart .data=${data}></console-chart></section>`;

/** One key figure compared with the previous period: both as shown, and the change when both are shown. */
export interface Comparison {
  label: string;
  now: Datum;
  /** Absent when the report has no previous figure for it. */
  previous?: Datum;
  /** The change in words (+3, −0.2, +5 points); empty when either side is hidden or empty. */
  change: string;
}

export function compare(label: string, now: Datum, previous: Datum, kind: 'count' | 'mean' | 'share' | 'points'): Comparison {
  let change = '';
  if (now.value !== null && previous.value !== null && !now.suppressed && !previous.suppressed && (now.value !== 0 || previous.value !== 0)) {
    const d = now.value - previous.value;
    change = kind === 'mean' ? formatChange(d, 1) : kind === 'count' ? formatChange(d) : msg(str`${formatChange(d)} points`);
  }
  return {label, now, previous, change};
}

/** Rating figures compared with the previous period, one row per measure the scale has. */
export function ratingComparisons(now: Cell<RatingFigures>, previous: Cell<RatingFigures>, measures: Measure[]): Comparison[] {
  const kind = {count: 'count', mean: 'mean', csat: 'points', nps: 'points'} as const;
  return measures.map((m) => compare(measureName(m), figureDatum(now, m), figureDatum(previous, m), kind[m]));
}

/** The key figures as big numbers, each with the previous period and the change; a real table underneath. */
export function keyFigures(id: string, rows: Comparison[], previous: {from: string; to: string}) {
  return html`<section class="report-key" aria-labelledby=${id}>
    <h2 id=${id}>${msg('Key figures')}</h2>
    <ul class="key-figures">
      ${rows.map(
        (r) => html`<li>
          <span class="key-label">${r.label}</span>
          <strong class="key-value ${r.now.suppressed ? 'suppressed' : ''}">${r.now.text}</strong>
          ${r.previous ? html`<span class="hint">${msg(str`Previous period: ${r.previous.text}`)}${r.change ? html` (${r.change})` : nothing}</span>` : nothing}
        </li>`,
      )}
    </ul>
    <details class="report-compare">
      <summary>${msg('Compare with the previous period as a table')}</summary>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="${id}-caption">
        <table>
          <caption id="${id}-caption">${msg(str`This period against the previous one (${formatDays(previous.from, previous.to)})`)}</caption>
          <thead>
            <tr>
              <th scope="col">${msg('Figure')}</th>
              <th scope="col" class="number">${msg('This period')}</th>
              <th scope="col" class="number">${msg('Previous period')}</th>
              <th scope="col" class="number">${msg('Change')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.filter((r) => r.previous).map(
              (r) => html`<tr>
                <th scope="row">${r.label}</th>
                <td class="number">${r.now.text}</td>
                <td class="number">${r.previous!.text}</td>
                <td class="number">${r.change || '–'}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </details>
  </section>`;
}

/** Mean, CSAT and NPS as defined by this console (and the server), one click away. */
export function definitions(threshold: number) {
  return html`<details class="report-definitions">
    <summary>${msg('What do mean, CSAT and NPS mean?')}</summary>
    <dl>
      <dt>${msg('Mean score')}</dt>
      <dd>${msg('The average of all scores given in the period, on the scale of the rating prompt (for example 1 to 5).')}</dd>
      <dt>${msg('CSAT (customer satisfaction)')}</dt>
      <dd>${msg('The share of satisfied answers: the top two scores of a five-point scale (4 and 5), thumbs up, or 9 and 10 on the 0–10 scale.')}</dd>
      <dt>${msg('NPS (Net Promoter Score)')}</dt>
      <dd>${msg('Only on the 0–10 scale: the share of promoters (9–10) minus the share of detractors (0–6), in points from −100 to +100.')}</dd>
      <dt>${msg('Too few answers to show')}</dt>
      <dd>${msg(str`A figure based on fewer than ${formatInteger(threshold)} answers is hidden, so that no one can be singled out; sometimes a neighbouring figure is hidden too, so the hidden one cannot be worked out by subtraction. "No answers" means there were none.`)}</dd>
    </dl>
  </details>`;
}

/** Answers per period as columns. */
export function answersOverTime(title: string, series: SeriesPoint<{count: number}>[], bucket: Bucket, columnName = msg('Answers')): ChartData {
  const best = busiest(series);
  const shown = series.filter((p) => !isSuppressed(p)).reduce((n, p) => n + (p as {count: number}).count, 0);
  const summary =
    series.length === 0
      ? noAnswersText()
      : (best
          ? msg(str`${formatInteger(series.length)} periods; the busiest was ${bucketLabel(best, bucket).label} with ${formatInteger(best.count)}.`)
          : msg(str`${formatInteger(series.length)} periods, none with answers to show.`)) +
        (shown ? ` ${msg(str`Shown periods together: ${formatInteger(shown)}.`)}` : '') +
        hiddenSentence(series);
  return {
    kind: 'columns',
    title,
    summary,
    rowHeader: msg('Period'),
    columns: [columnName],
    rows: series.map((p) => ({...bucketLabel(p, bucket), values: [isSuppressed(p) ? {value: null, suppressed: true, text: tooFewText()} : {value: (p as {count: number}).count, text: countText((p as {count: number}).count)}]})),
  };
}

/** A score measure per period as a line; the table adds the answers. */
export function scoreOverTime(report: Pick<RatingReport, 'scores'>, series: SeriesPoint<RatingFigures>[], bucket: Bucket, m: Measure): ChartData {
  const values = series.map((p) => figureDatum(p, m)).filter((d) => d.value !== null);
  const name = measureName(m);
  const first = values[0];
  const last = values[values.length - 1];
  const summary =
    values.length === 0
      ? msg(str`No period has a ${measureInSentence(m)} to show.`)
      : values.length === 1
        ? msg(str`${name}: ${first!.text} in the one period that can be shown.`)
        : msg(str`${name} went from ${first!.text} in the first period shown to ${last!.text} in the last.`) + hiddenSentence(series);
  return {
    kind: 'line',
    title: msg(str`${name} over time`),
    summary,
    rowHeader: msg('Period'),
    columns: [name, msg('Answers')],
    drawn: [0],
    ...measureAxis(m, report),
    rows: series.map((p) => ({...bucketLabel(p, bucket), values: [figureDatum(p, m), figureDatum(p, 'count')]})),
  };
}

/** A breakdown of rating figures (channels, branches, languages): the chart draws `draw`, the table every measure. */
export function ratingBreakdown<R extends Cell<RatingFigures>>(
  title: string,
  rowHeader: string,
  rows: R[],
  label: (row: R) => string,
  measures: Measure[],
  draw: Measure,
  report?: Pick<RatingReport, 'scores'>,
): ChartData {
  const data = rows.map((r) => ({label: label(r), values: measures.map((m) => figureDatum(r, m))}));
  const drawnIndex = measures.indexOf(draw);
  const shown = data.filter((r) => r.values[drawnIndex]!.value !== null);
  const best = shown.reduce<(typeof data)[number] | undefined>((b, r) => (!b || r.values[drawnIndex]!.value! > b.values[drawnIndex]!.value! ? r : b), undefined);
  const worst = shown.reduce<(typeof data)[number] | undefined>((b, r) => (!b || r.values[drawnIndex]!.value! < b.values[drawnIndex]!.value! ? r : b), undefined);
  const name = measureInSentence(draw);
  const summary =
    rows.length === 0
      ? noAnswersText()
      : (best && worst && best !== worst
          ? msg(str`Highest ${name}: ${best.label} (${best.values[drawnIndex]!.text}); lowest: ${worst.label} (${worst.values[drawnIndex]!.text}).`)
          : best
            ? msg(str`${best.label}: ${name} ${best.values[drawnIndex]!.text}.`)
            : msg(str`No ${name} to show.`)) + hiddenSentence(rows);
  return {kind: 'bars', title, summary, rowHeader, columns: measures.map(measureName), drawn: [drawnIndex], ...measureAxis(draw, report), rows: data};
}

/** A breakdown of counts (poll votes, ideas): bars of the count, with the share of the shown total. */
export function countBreakdown<R extends Cell<{count: number}>>(title: string, rowHeader: string, rows: R[], label: (row: R) => string, columnName = msg('Answers')): ChartData {
  const data = rows.map((r) => ({label: label(r), values: [figureDatum(r as Cell<RatingFigures>, 'count')]}));
  const shown = data.filter((r) => r.values[0]!.value);
  const best = shown.reduce<(typeof data)[number] | undefined>((b, r) => (!b || r.values[0]!.value! > b.values[0]!.value! ? r : b), undefined);
  const summary = rows.length === 0 ? noAnswersText() : (best ? msg(str`Most: ${best.label} (${best.values[0]!.text}).`) : msg('None has answers to show.')) + hiddenSentence(rows);
  return {kind: 'bars', title, summary, rowHeader, columns: [columnName], rows: data};
}

export {formatDecimal, formatPoints, formatShare};
