import {msg} from '@lit/localize';
import {html, nothing} from 'lit';
import {textIn} from '../library/shared.js';
import {branchLabel, channelLabel, figureDatum, measureName, type Measure} from './figures.js';
import {answersOverTime, chartSection, compare, definitions, keyFigures, ratingBreakdown, scoreOverTime, type Comparison} from './sections.js';
import {reportPath} from './routes.js';
import {isSuppressed, type ReportKind, type SummaryReport} from './types.js';

const kindName = (kind: ReportKind) => ({poll: msg('Poll'), rating: msg('Rating prompt'), 'idea-box': msg('Idea box')})[kind];

/** The whole library: every poll, rating prompt and idea box against the previous period, and all ratings together. */
export function summaryReport(r: SummaryReport, tenant: string) {
  const ratings = r.ratings;
  // CSAT is comparable across scales (a mean of a 1–5 and a 0–10 scale is not), so all ratings together show CSAT.
  const measures: Measure[] = ['count', 'csat'];
  const figures: Comparison[] = [
    compare(msg('Answers, all content'), sum(r.widgets.map((w) => w.total)), sum(r.widgets.map((w) => w.previousTotal)), 'count'),
    compare(msg('Rating answers'), figureDatum(ratings.total, 'count'), figureDatum(ratings.previousTotal, 'count'), 'count'),
    compare(msg('CSAT, all rating prompts'), figureDatum(ratings.total, 'csat'), figureDatum(ratings.previousTotal, 'csat'), 'points'),
  ];
  return html`${keyFigures('report-key', figures, r.previous)}
    ${definitions(r.threshold)}
    <section class="report-widgets" aria-labelledby="report-widgets">
      <h2 id="report-widgets">${msg('Polls, rating prompts and idea boxes')}</h2>
      ${r.widgets.length === 0
        ? html`<p>${msg('Nothing had answers in this period.')}</p>`
        : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="report-widgets-caption">
            <table>
              <caption id="report-widgets-caption">${msg('Answers per poll, rating prompt and idea box')}</caption>
              <thead>
                <tr>
                  <th scope="col">${msg('Title')}</th>
                  <th scope="col">${msg('Kind')}</th>
                  <th scope="col" class="number">${msg('Answers')}</th>
                  <th scope="col" class="number">${msg('Previous period')}</th>
                  <th scope="col" class="number">${measureName('mean')}</th>
                  <th scope="col" class="number">${measureName('csat')}</th>
                </tr>
              </thead>
              <tbody>
                ${r.widgets.map((w) => {
                  const now = figureDatum(w.total as never, 'count');
                  const before = figureDatum(w.previousTotal as never, 'count');
                  return html`<tr>
                    <th scope="row">
                      <a href=${reportPath(tenant, w.kind, w.id) + location.search}>${textIn(w.title) || w.id}</a>${w.archived ? html` <span class="badge archived">${msg('Archived')}</span>` : nothing}
                    </th>
                    <td>${kindName(w.kind)}</td>
                    <td class="number">${now.text}</td>
                    <td class="number">${before.text}</td>
                    <td class="number">${w.figures ? figureDatum(w.figures, 'mean').text : nothing}</td>
                    <td class="number">${w.figures ? figureDatum(w.figures, 'csat').text : nothing}</td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>`}
    </section>
    <h2>${msg('All rating prompts together')}</h2>
    <div class="report-charts">
      ${chartSection(answersOverTime(msg('Rating answers over time'), ratings.series, r.filters.bucket))}
      ${chartSection(scoreOverTime({scores: []}, ratings.series, r.filters.bucket, 'csat'))}
      ${chartSection(ratingBreakdown(msg('By channel'), msg('Channel'), ratings.byChannel, channelLabel, measures, 'csat'))}
      ${chartSection(ratingBreakdown(msg('By branch'), msg('Branch'), ratings.byBranch, branchLabel, measures, 'csat'))}
    </div>`;
}

/** The sum of shown totals; hidden when any is hidden (it would give the hidden one away). */
function sum(cells: SummaryReport['widgets'][number]['total'][]) {
  if (cells.some((c) => isSuppressed(c))) return figureDatum({suppressed: true}, 'count');
  return figureDatum({count: cells.reduce((n, c) => n + (c as {count: number}).count, 0), mean: null, csat: null, nps: null}, 'count');
}
