import {SCALE_RANGES, type Scale} from '../ratings/schema.js';
import {cell, suppressGroup, tooFew, type Suppressed} from './suppress.js';

/** Count, mean, CSAT and NPS of rating answers: what every rating cell of a report shows. */
export interface RatingFigures {
  count: number;
  mean: number | null;
  csat: number | null;
  nps: number | null;
}

/**
 * Score counts of one or more ratings, added up. CSAT is the share of each scale's "satisfied" scores
 * (the top two of five or of four, thumbs up, NPS 9–10), so it adds up across scales; the mean only
 * means something within one scale (null across several, and for thumbs), NPS only on the nps scale.
 */
export class ScoreCounts {
  count = 0;
  private sum = 0;
  private satisfied = 0;
  private npsCount = 0;
  private promoters = 0;
  private detractors = 0;
  private readonly scales = new Set<Scale>();

  add(scale: Scale, score: number, n: number): this {
    if (n === 0) return this;
    this.scales.add(scale);
    this.count += n;
    this.sum += score * n;
    if (score >= SCALE_RANGES[scale].satisfiedFrom) this.satisfied += n;
    if (scale === 'nps') {
      this.npsCount += n;
      if (score >= 9) this.promoters += n;
      if (score <= 6) this.detractors += n;
    }
    return this;
  }

  figures(): RatingFigures {
    const {count} = this;
    return {
      count,
      // Thumbs (0 down, 1 up) have no meaningful mean: their CSAT is the share of thumbs up.
      mean: count === 0 || this.scales.size > 1 || this.scales.has('thumbs') ? null : round(this.sum / count, 3),
      csat: count === 0 ? null : round(this.satisfied / count, 4),
      nps: this.npsCount === 0 ? null : Math.round(((this.promoters - this.detractors) / this.npsCount) * 100),
    };
  }
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Adds to the entry of `key`, made by `make` the first time. */
export function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

/**
 * A group of cells that add up to a shown total (the buckets of a series, the channels, the branches):
 * each cell is its figures, or `{"suppressed": true}` when it has too few answers or when hiding it keeps
 * a single hidden cell from being recovered by subtraction (suppress.ts).
 */
export function suppressedGroup<K extends object, F extends object>(
  rows: readonly {keys: K; count: number; figures: F}[],
  threshold: number,
): (K & (F | Suppressed))[] {
  const hidden = suppressGroup(
    rows.map((r) => r.count),
    threshold,
  );
  return rows.map((r, i) => ({...r.keys, ...cell(hidden[i]!, r.figures)}) as K & (F | Suppressed));
}

/** A total: hidden when it has too few answers. */
export const totalCell = <F extends object>(count: number, figures: F, threshold: number) => cell(tooFew(count, threshold), figures);
