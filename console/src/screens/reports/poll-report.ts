import {msg, str} from '@lit/localize';
import {html} from 'lit';
import type {ChartData} from '../../ui/chart.js';
import {formatInteger, formatShare, tooFewText} from '../../ui/chart-format.js';
import {textIn} from '../library/shared.js';
import {branchLabel, channelLabel, countText, figureDatum, hiddenSentence, languageLabel} from './figures.js';
import {answersOverTime, chartSection, compare, countBreakdown, keyFigures} from './sections.js';
import {isSuppressed, type Cell, type IdeaBoxReport, type IdeaStatus, type PollReport} from './types.js';

const count = (cell: Cell<{count: number}>) => figureDatum(cell as never, 'count');

/** A poll's report: votes against the previous period, results, votes over time, channels, branches, languages. */
export function pollReport(r: PollReport) {
  // The server hides the "other" count on its own when it is too small (null).
  const other = (cell: Cell<{count: number; other: number | null}>): Cell<{count: number}> => (isSuppressed(cell) || cell.other === null ? {suppressed: true} : {count: cell.other});
  return html`${keyFigures('report-key', [compare(msg('Votes'), count(r.total), count(r.previousTotal), 'count'), compare(msg('"Other" answers'), count(other(r.total)), count(other(r.previousTotal)), 'count')], r.previous)}
    <div class="report-charts">
      ${chartSection(results(r))} ${chartSection(answersOverTime(msg('Votes over time'), r.series, r.filters.bucket, msg('Votes')))}
      ${chartSection(countBreakdown(msg('By channel'), msg('Channel'), r.byChannel, channelLabel, msg('Votes')))}
      ${chartSection(countBreakdown(msg('By branch'), msg('Branch'), r.byBranch, branchLabel, msg('Votes')))}
      ${chartSection(countBreakdown(msg('By language of the answer'), msg('Language'), r.byLanguage, languageLabel, msg('Votes')))}
    </div>`;
}

function results(r: PollReport): ChartData {
  const labels = new Map(r.options.map((o) => [o.id, textIn(o.label) || o.id]));
  const rows = r.results.map((res) => ({
    label: labels.get(res.option) ?? res.option,
    values: isSuppressed(res)
      ? [{value: null, suppressed: true, text: tooFewText()}, {value: null, suppressed: true, text: tooFewText()}]
      : [{value: res.count, text: countText(res.count)}, res.share === null || !res.count ? {value: null, text: '–'} : {value: res.share * 100, text: formatShare(res.share)}],
  }));
  const shown = r.results.filter((x) => !isSuppressed(x) && (x as {count: number}).count > 0) as {option: string; count: number; share: number | null}[];
  const top = shown.reduce<(typeof shown)[number] | undefined>((b, x) => (!b || x.count > b.count ? x : b), undefined);
  return {
    kind: 'bars',
    title: msg('Results'),
    summary: (top ? msg(str`Most votes: ${labels.get(top.option) ?? top.option} with ${formatInteger(top.count)} (${formatShare(top.share ?? 0)}).`) : msg('No option has votes to show.')) + hiddenSentence(r.results),
    rowHeader: msg('Option'),
    columns: [msg('Votes'), msg('Share')],
    drawn: [0],
    rows,
  };
}

export const ideaStatusName = (s: IdeaStatus) =>
  ({new: msg('New'), 'under-consideration': msg('Under consideration'), planned: msg('Planned'), done: msg('Done'), declined: msg('Declined')})[s];

/** An idea box's report: ideas, answered ones and time to answer, supports, ideas over time and by status. */
export function ideaBoxReport(r: IdeaBoxReport) {
  const answered = r.answered;
  const median = isSuppressed(answered)
    ? {value: null, suppressed: true, text: tooFewText()}
    : answered.medianDaysToAnswer === null
      ? {value: null, text: '–'}
      : {value: answered.medianDaysToAnswer, text: msg(str`${formatInteger(answered.medianDaysToAnswer)} days`)};
  return html`${keyFigures('report-key', [compare(msg('Ideas'), count(r.total), count(r.previousTotal), 'count')], r.previous)}
    <ul class="key-figures secondary-figures">
      <li><span class="key-label">${msg('Answered')}</span><strong class="key-value">${count(answered as Cell<{count: number}>).text}</strong></li>
      <li><span class="key-label">${msg('Median time to answer')}</span><strong class="key-value">${median.text}</strong></li>
      <li><span class="key-label">${msg('Supports')}</span><strong class="key-value">${count(r.supports).text}</strong></li>
    </ul>
    <div class="report-charts">
      ${chartSection(answersOverTime(msg('Ideas over time'), r.series, r.filters.bucket, msg('Ideas')))}
      ${chartSection(countBreakdown(msg('By status'), msg('Status'), r.byStatus, (s) => ideaStatusName(s.status), msg('Ideas')))}
      ${chartSection(countBreakdown(msg('By channel'), msg('Channel'), r.byChannel, channelLabel, msg('Ideas')))}
      ${chartSection(countBreakdown(msg('By branch'), msg('Branch'), r.byBranch, branchLabel, msg('Ideas')))}
      ${chartSection(countBreakdown(msg('By language of the answer'), msg('Language'), r.byLanguage, languageLabel, msg('Ideas')))}
    </div>`;
}
