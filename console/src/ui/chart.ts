import {msg} from '@lit/localize';
import {html, nothing, svg, type PropertyValues, type SVGTemplateResult} from 'lit';
import {customElement, property, state} from 'lit/decorators.js';
import {ConsoleElement, uniqueId} from '../element.js';
import {drawBars, drawHeatmap, drawTime, type DrawContext} from './chart-draw.js';
import {noAnswersText, tooFewText} from './chart-format.js';

/**
 * One value of a chart: a number with its text as the table shows it, a suppressed cell (too few answers
 * to show), or nothing (no answers; `value` null). The chart never draws a suppressed value.
 */
export interface Datum {
  value: number | null;
  text: string;
  suppressed?: boolean;
}

export type ChartKind = 'bars' | 'columns' | 'line' | 'heatmap';

export interface ChartData {
  kind: ChartKind;
  title: string;
  /** The text summary everyone reads first (and a screen reader hears on the chart). */
  summary: string;
  /** The table's first column (and the chart's categories): "Branch", "Week", "Weekday". */
  rowHeader: string;
  /** The measures, one table column each; in the chart: one pattern each (bars, columns), or one line. */
  columns: string[];
  rows: {label: string; /** a short label for a crowded axis */ short?: string; values: Datum[]}[];
  /** The value axis; from the data when absent. */
  min?: number;
  max?: number;
  /** The columns the chart draws (all when absent); the table always shows every column. */
  drawn?: number[];
  /** How a value axis tick is written (a share as a percentage, points with a sign). */
  tick?: (n: number) => string;
}

const PATTERNS = ['solid', 'hatch', 'dots'] as const;

/**
 * A chart with its text summary and a switch to the same data as a real table. Plain SVG, drawn at the
 * width it has (a ResizeObserver), so labels stay readable at 320 px; measures differ by pattern as well
 * as colour (Okabe–Ito colours, system colours in forced-colors mode), and every value is labelled or in
 * the table. A suppressed cell is drawn as a hatched band and written "too few answers to show".
 */
@customElement('console-chart')
export class ConsoleChart extends ConsoleElement {
  @property({attribute: false}) data?: ChartData;
  @state() private asTable = false;
  @state() private width = 640;
  private readonly ids = {title: uniqueId('chart-title'), summary: uniqueId('chart-summary'), view: uniqueId('chart-view'), p: uniqueId('chart-p')};
  private observer?: ResizeObserver;

  override connectedCallback() {
    super.connectedCallback();
    this.observer = new ResizeObserver(([entry]) => {
      const width = Math.round(entry!.contentRect.width);
      if (width > 0 && Math.abs(width - this.width) > 4) this.width = width;
    });
    this.observer.observe(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.observer?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has('data') && this.clientWidth) this.width = this.clientWidth;
  }

  override render() {
    const d = this.data;
    if (!d) return nothing;
    return html`<figure class="chart" aria-labelledby=${this.ids.title}>
      <figcaption>
        <h3 id=${this.ids.title} class="chart-title">${d.title}</h3>
        <p id=${this.ids.summary} class="chart-summary">${d.summary}</p>
      </figcaption>
      <button type="button" class="secondary chart-toggle" aria-controls=${this.ids.view} @click=${() => (this.asTable = !this.asTable)}>
        ${this.asTable ? msg('Show as chart') : msg('Show as table')}<span class="visually-hidden">: ${d.title}</span>
      </button>
      <div id=${this.ids.view}>
        <div class="chart-graphic" ?hidden=${this.asTable}>${d.rows.length ? html`${this.renderGraphic(drawnPart(d))} ${this.renderLegend(drawnPart(d))}` : nothing}</div>
        <div class="chart-table" ?hidden=${!this.asTable}>${this.renderTable(d)}</div>
      </div>
    </figure>`;
  }

  private renderTable(d: ChartData) {
    const captionId = `${this.ids.title}-caption`;
    return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby=${captionId}>
      <table class="chart-data">
        <caption id=${captionId}>${d.title}</caption>
        <thead>
          <tr>
            <th scope="col">${d.rowHeader}</th>
            ${d.columns.map((c) => html`<th scope="col" class="number">${c}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${d.rows.map(
            (r) => html`<tr>
              <th scope="row">${r.label}</th>
              ${r.values.map((v) => html`<td class="number ${v.suppressed ? 'suppressed' : v.value === null ? 'empty' : ''}">${v.text}</td>`)}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderLegend(d: ChartData) {
    const hasSuppressed = d.rows.some((r) => r.values.some((v) => v.suppressed));
    const series = d.kind === 'heatmap' || d.columns.length < 2 ? [] : d.columns;
    if (!series.length && !hasSuppressed && d.kind !== 'heatmap') return nothing;
    return html`<ul class="chart-legend">
      ${d.kind === 'heatmap'
        ? html`<li>
              <svg width="58" height="16" aria-hidden="true" focusable="false">
                ${[0.15, 0.45, 0.75, 1].map((o, i) => svg`<rect x=${1 + i * 14} y="1" width="13" height="14" class="heat-cell" fill-opacity=${o}></rect>`)}
              </svg>
              ${msg('Darker: higher value')}
            </li>
            <li>
              <svg width="16" height="16" aria-hidden="true" focusable="false"><rect x="1" y="1" width="14" height="14" class="heat-empty"></rect></svg>
              ${msg('Empty: no answers')}
            </li>`
        : nothing}
      ${series.map(
        (name, i) => html`<li>
          <svg width="28" height="16" aria-hidden="true" focusable="false">${this.defs()}<rect x="1" y="1" width="26" height="14" class="series-${i % 3}" fill=${this.fill(i)} /></svg>
          ${name}
        </li>`,
      )}
      ${hasSuppressed
        ? html`<li>
            <svg width="28" height="16" aria-hidden="true" focusable="false">${this.defs()}<rect x="1" y="1" width="26" height="14" class="suppressed-band" fill="url(#${this.ids.p}-suppressed)" /></svg>
            ${msg('Hatched: too few answers to show')}
          </li>`
        : nothing}
    </ul>`;
  }

  private fill(series: number) {
    const pattern = PATTERNS[series % 3];
    return pattern === 'solid' ? '' : `url(#${this.ids.p}-${pattern})`;
  }

  private defs(): SVGTemplateResult {
    const p = this.ids.p;
    return svg`<defs>
      <pattern id="${p}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" class="pattern-bg series-1-bg"></rect><line x1="0" y1="0" x2="0" y2="6" class="pattern-line series-1-line" stroke-width="3"></line>
      </pattern>
      <pattern id="${p}-dots" width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" class="pattern-bg series-2-bg"></rect><circle cx="3" cy="3" r="1.6" class="pattern-dot series-2-line"></circle>
      </pattern>
      <pattern id="${p}-suppressed" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
        <line x1="0" y1="0" x2="0" y2="8" class="suppressed-line" stroke-width="2"></line>
      </pattern>
    </defs>`;
  }

  private renderGraphic(d: ChartData) {
    const c: DrawContext = {width: this.width, pattern: this.ids.p, fill: (i) => this.fill(i)};
    const body = d.kind === 'heatmap' ? drawHeatmap(d, c) : d.kind === 'bars' ? drawBars(d, c) : drawTime(d, c);
    return html`<svg
      class="chart-svg chart-kind-${d.kind}"
      role="img"
      tabindex="0"
      width=${this.width}
      height=${body.height}
      viewBox="0 0 ${this.width} ${body.height}"
      aria-labelledby=${this.ids.title}
      aria-describedby=${this.ids.summary}
    >
      ${this.defs()} ${body.content}
    </svg>`;
  }
}

/** The part of the data the chart draws (`drawn`); the table shows it all. */
function drawnPart(d: ChartData): ChartData {
  if (!d.drawn) return d;
  const keep = d.drawn;
  return {...d, columns: keep.map((i) => d.columns[i]!), rows: d.rows.map((r) => ({...r, values: keep.map((i) => r.values[i]!)}))};
}

/** A datum from a count cell: hidden, none, or the count written in the console's language. */
export function countDatum(cell: {suppressed?: boolean; count?: number} | undefined, format: (n: number) => string): Datum {
  if (!cell) return {value: null, text: noAnswersText()};
  if (cell.suppressed) return {value: null, suppressed: true, text: tooFewText()};
  const count = cell.count ?? 0;
  return count === 0 ? {value: 0, text: noAnswersText()} : {value: count, text: format(count)};
}
