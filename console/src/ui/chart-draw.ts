import {nothing, svg} from 'lit';
import {getLocale} from '../i18n.js';
import type {ChartData} from './chart.js';
import {tooFewText} from './chart-format.js';

/**
 * The drawings of console-chart: horizontal bars, columns or a line over time, and a weekday × hour
 * grid, each laid out for the width it is given, in plain SVG. Values are labelled where they fit; a
 * suppressed cell is a hatched band, never a bar.
 */
export interface DrawContext {
  width: number;
  /** The prefix of the chart's pattern ids (`…-hatch`, `…-dots`, `…-suppressed`). */
  pattern: string;
  /** The fill of a measure: '' for the solid colour, else a pattern. */
  fill: (series: number) => string;
}

function domain(d: ChartData) {
  const values = d.rows.flatMap((r) => r.values.map((v) => (v.suppressed ? null : v.value))).filter((v): v is number => v !== null);
  const min = d.min ?? Math.min(0, ...values);
  // Counts: an axis to 5 at least, so a few answers do not draw as a full-height column.
  let max = d.max ?? Math.max(5, ...values);
  if (d.max === undefined) max = niceMax(max);
  return {min, max: max === min ? min + 1 : max};
}

/** Horizontal bars: one group per row (branch, channel, score), one bar per measure, each labelled. */
export function drawBars(d: ChartData, c: DrawContext) {
  const labelWidth = Math.min(180, Math.round(c.width * 0.34));
  const valueRoom = Math.min(170, Math.round(c.width * 0.3));
  const plot = Math.max(40, c.width - labelWidth - valueRoom - 8);
  const bar = 20;
  const gap = 14;
  const groupHeight = d.columns.length * (bar + 4) + gap;
  const {min, max} = domain(d);
  const x = (v: number) => labelWidth + ((v - min) / (max - min)) * plot;
  const zero = x(Math.max(min, 0));
  const content = d.rows.map((r, ri) => {
    const top = ri * groupHeight + 4;
    return svg`<g class="bar-group">
      <text x=${labelWidth - 8} y=${top + (d.columns.length * (bar + 4)) / 2 + 2} text-anchor="end" dominant-baseline="middle" class="chart-label">${clip(r.short ?? r.label, labelWidth / 7.5)}</text>
      ${r.values.map((v, si) => {
        const y = top + si * (bar + 4);
        if (v.suppressed)
          return svg`<rect x=${labelWidth + 1} y=${y} width="22" height=${bar} class="suppressed-band" fill="url(#${c.pattern}-suppressed)"><title>${r.label}: ${v.text}</title></rect>
            ${wrapped(tooFewText(), labelWidth + 30, y + bar / 2 + 1, c.width - labelWidth - 34)}`;
        if (v.value === null) return svg`<text x=${zero + 4} y=${y + bar / 2 + 1} dominant-baseline="middle" class="chart-value muted">${v.text}</text>`;
        const end = x(v.value);
        const left = Math.min(end, zero);
        return svg`<rect x=${left} y=${y} width=${Math.max(1, Math.abs(end - zero))} height=${bar} class="bar series-${si % 3}" fill=${c.fill(si) || nothing}><title>${r.label}, ${d.columns[si]}: ${v.text}</title></rect>
          <text x=${Math.max(end, zero) + 6} y=${y + bar / 2 + 1} dominant-baseline="middle" class="chart-value">${d.columns.length > 1 ? `${v.text}` : v.text}</text>`;
      })}
    </g>`;
  });
  const height = d.rows.length * groupHeight + 8;
  const axis = min < 0 ? svg`<line x1=${zero} x2=${zero} y1="0" y2=${height - 4} class="chart-axis"></line>` : svg`<line x1=${labelWidth} x2=${labelWidth} y1="0" y2=${height - 4} class="chart-axis"></line>`;
  return {height, content: svg`${axis}${content}`};
}

/** Columns (answers) or a line (a score) over the periods of the report, with a value axis. */
export function drawTime(d: ChartData, c: DrawContext) {
  const left = 48;
  const right = 12;
  const top = 12;
  const plotHeight = 180;
  const bottom = 40;
  const height = top + plotHeight + bottom;
  const n = Math.max(1, d.rows.length);
  const plot = Math.max(40, c.width - left - right);
  const step = plot / n;
  const {min, max} = domain(d);
  const y = (v: number) => top + plotHeight - ((v - min) / (max - min)) * plotHeight;
  const ticks = niceTicks(min, max);
  const tickText = d.tick ?? ((v: number) => new Intl.NumberFormat(getLocale(), {maximumFractionDigits: 1}).format(v));
  const grid = ticks.map(
    (t) => svg`<line x1=${left} x2=${left + plot} y1=${y(t)} y2=${y(t)} class="chart-grid"></line>
      <text x=${left - 6} y=${y(t)} text-anchor="end" dominant-baseline="middle" class="chart-tick">${tickText(t)}</text>`,
  );
  // Axis labels: as many as fit, 70 px apart at least.
  const every = Math.max(1, Math.ceil(70 / step));
  const labels = d.rows.map((r, i) =>
    i % every === 0 ? svg`<text x=${left + step * i + step / 2} y=${top + plotHeight + 18} text-anchor="middle" class="chart-tick">${r.short ?? r.label}</text>` : nothing,
  );
  const bands = d.rows.map((r, i) =>
    r.values.some((v) => v.suppressed)
      ? svg`<rect x=${left + step * i + 1} y=${top} width=${Math.max(1, step - 2)} height=${plotHeight} class="suppressed-band" fill="url(#${c.pattern}-suppressed)"><title>${r.label}: ${tooFewText()}</title></rect>`
      : nothing,
  );
  let marks: unknown[];
  if (d.kind === 'columns') {
    const width = Math.max(1, (step * 0.8) / d.columns.length);
    marks = d.rows.flatMap((r, i) =>
      r.values.map((v, si) => {
        if (v.suppressed || v.value === null) return nothing;
        const x = left + step * i + step * 0.1 + si * width;
        const top0 = y(Math.max(v.value, 0));
        const h = Math.abs(y(v.value) - y(0));
        return svg`<rect x=${x} y=${top0} width=${width} height=${Math.max(v.value === 0 ? 0 : 1, h)} class="bar series-${si % 3}" fill=${c.fill(si) || nothing}><title>${r.label}, ${d.columns[si]}: ${v.text}</title></rect>
          ${width >= 26 ? svg`<text x=${x + width / 2} y=${top0 - 4} text-anchor="middle" class="chart-value small">${v.text}</text>` : nothing}`;
      }),
    );
  } else {
    marks = d.columns.map((name, si) => {
      const segments: string[] = [];
      let current = '';
      d.rows.forEach((r, i) => {
        const v = r.values[si]!;
        if (v.suppressed || v.value === null) {
          if (current) segments.push(current);
          current = '';
          return;
        }
        current += `${current ? 'L' : 'M'}${(left + step * i + step / 2).toFixed(1)},${y(v.value).toFixed(1)}`;
      });
      if (current) segments.push(current);
      const points = d.rows.map((r, i) => {
        const v = r.values[si]!;
        if (v.suppressed || v.value === null) return nothing;
        const cx = left + step * i + step / 2;
        const cy = y(v.value);
        return svg`${marker(si, cx, cy)}<title>${r.label}, ${name}: ${v.text}</title>${step >= 44 ? svg`<text x=${cx} y=${cy - 9} text-anchor="middle" class="chart-value small">${v.text}</text>` : nothing}`;
      });
      return svg`<g class="line series-${si % 3}"><path d=${segments.join(' ') || 'M0,0'} class="chart-path" ?hidden=${!segments.length}></path>${points}</g>`;
    });
  }
  return {
    height,
    content: svg`${grid}${bands}${marks}${labels}<line x1=${left} x2=${left + plot} y1=${y(Math.max(min, 0))} y2=${y(Math.max(min, 0))} class="chart-axis"></line>`,
  };
}

/** Rows (weekdays) by columns (hours): the darker the cell, the higher the value; the value in the cell when it fits. */
export function drawHeatmap(d: ChartData, c: DrawContext) {
  const labelWidth = 44;
  const top = 22;
  const cols = d.columns.length;
  const cell = Math.max(8, Math.floor((c.width - labelWidth - 4) / cols));
  const rowHeight = Math.max(22, Math.min(34, cell));
  const {min, max} = domain(d);
  const every = cell >= 26 ? 1 : cell >= 13 ? 3 : 6;
  const header = d.columns.map((c, ci) =>
    ci % every === 0 ? svg`<text x=${labelWidth + ci * cell + cell / 2} y=${top - 8} text-anchor="middle" class="chart-tick">${c}</text>` : nothing,
  );
  const rows = d.rows.map((r, ri) => {
    const y = top + ri * rowHeight;
    return svg`<text x=${labelWidth - 6} y=${y + rowHeight / 2} text-anchor="end" dominant-baseline="middle" class="chart-label">${r.short ?? r.label}</text>
      ${r.values.map((v, ci) => {
        const x = labelWidth + ci * cell;
        const title = svg`<title>${r.label} ${d.columns[ci]}: ${v.text}</title>`;
        if (v.suppressed) return svg`<rect x=${x + 1} y=${y + 1} width=${cell - 2} height=${rowHeight - 2} class="suppressed-band" fill="url(#${c.pattern}-suppressed)">${title}</rect>`;
        if (v.value === null) return svg`<rect x=${x + 1} y=${y + 1} width=${cell - 2} height=${rowHeight - 2} class="heat-empty">${title}</rect>`;
        const t = (v.value - min) / (max - min);
        return svg`<rect x=${x + 1} y=${y + 1} width=${cell - 2} height=${rowHeight - 2} class="heat-cell" fill-opacity=${(0.15 + 0.85 * t).toFixed(2)}>${title}</rect>
          ${cell >= 26 ? svg`<text x=${x + cell / 2} y=${y + rowHeight / 2 + 1} text-anchor="middle" dominant-baseline="middle" class="chart-value small ${t > 0.55 ? 'on-dark' : ''}">${v.text}</text>` : nothing}`;
      })}`;
  });
  return {height: top + d.rows.length * rowHeight + 4, content: svg`${header}${rows}`};
}

/** Muted words beside a bar, on two smaller lines when one does not fit (a narrow screen, a long language). */
function wrapped(text: string, x: number, y: number, room: number) {
  if (text.length * 6.4 <= room) return svg`<text x=${x} y=${y} dominant-baseline="middle" class="chart-value muted">${text}</text>`;
  const words = text.split(' ');
  let first = '';
  while (words.length && `${first} ${words[0]}`.trim().length * 5.6 <= room) first = `${first} ${words.shift()}`.trim();
  return svg`<text x=${x} y=${y - 6} dominant-baseline="middle" class="chart-value muted small">${first}<tspan x=${x} dy="13">${words.join(' ')}</tspan></text>`;
}

/** A point's marker: circle, square or diamond, so that lines differ by shape as well as colour. */
function marker(series: number, cx: number, cy: number) {
  const shape = series % 3;
  if (shape === 0) return svg`<circle cx=${cx} cy=${cy} r="4.5" class="chart-point"></circle>`;
  if (shape === 1) return svg`<rect x=${cx - 4} y=${cy - 4} width="8" height="8" class="chart-point"></rect>`;
  return svg`<path d="M${cx},${cy - 5.5}L${cx + 5.5},${cy}L${cx},${cy + 5.5}L${cx - 5.5},${cy}Z" class="chart-point"></path>`;
}

/** Ticks at a round step (1, 2, 2.5 or 5 times a power of ten), five or so of them, from min to max. */
function niceTicks(min: number, max: number): number[] {
  const raw = (max - min) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((m) => m >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step / 1000; t += step) ticks.push(Math.round(t * 1000) / 1000);
  return ticks;
}

function niceMax(max: number) {
  if (max <= 5) return Math.max(1, Math.ceil(max));
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * magnitude >= max) return m * magnitude;
  return max;
}

const clip = (text: string, chars: number) => (text.length > chars ? `${text.slice(0, Math.max(3, Math.floor(chars) - 1))}…` : text);
