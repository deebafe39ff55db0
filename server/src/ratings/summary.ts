import {CHANNELS, type Channel} from '../http/contract.js';
import {SCALE_RANGES, scoresOf, type Scale, type Summary, type SummaryFigures} from './schema.js';
import type {RatingCountRow as CountRow} from '../counting/counts.js';
import {cell, DEFAULT_REPORT_THRESHOLD, suppressGroup} from '../reports/suppress.js';

/** Count, mean, CSAT (top-two share) and, for NPS, promoters minus detractors, from score counts. */
export function figures(scale: Scale, counts: ReadonlyMap<number, number>): SummaryFigures {
  let count = 0;
  let sum = 0;
  let satisfied = 0;
  let promoters = 0;
  let detractors = 0;
  const {satisfiedFrom} = SCALE_RANGES[scale];
  for (const [score, n] of counts) {
    count += n;
    sum += score * n;
    if (score >= satisfiedFrom) satisfied += n;
    if (score >= 9) promoters += n;
    if (score <= 6) detractors += n;
  }
  const result: SummaryFigures = {
    count,
    mean: count === 0 ? null : sum / count,
    csat: count === 0 ? null : satisfied / count,
  };
  if (scale === 'nps') result.nps = count === 0 ? null : Math.round(((promoters - detractors) / count) * 100);
  return result;
}

function add(map: Map<number, number>, score: number, n: number): void {
  map.set(score, (map.get(score) ?? 0) + n);
}

/**
 * The summary from count rows by channel, branch and score (counting/counts.ts), never from all responses.
 * Small numbers are never shown (issue 10): a channel or branch with fewer responses than the library's
 * `threshold` is `{suppressed: true}`, and so is the next smallest when it would be the only hidden one of
 * its group. The responses without a branch are not listed, so they count as hidden among the branches.
 */
export function summarize(scale: Scale, rows: readonly CountRow[], threshold = DEFAULT_REPORT_THRESHOLD): Summary {
  const all = new Map<number, number>();
  const byChannel = new Map<Channel, Map<number, number>>(CHANNELS.map((c) => [c, new Map()]));
  const byLocation = new Map<string, Map<number, number>>();
  for (const row of rows) {
    if (row.count === 0) continue;
    add(all, row.score, row.count);
    add(byChannel.get(row.channel)!, row.score, row.count);
    if (row.branchId !== '') {
      if (!byLocation.has(row.branchId)) byLocation.set(row.branchId, new Map());
      add(byLocation.get(row.branchId)!, row.score, row.count);
    }
  }
  const distribution = Object.fromEntries(scoresOf(scale).map((score) => [String(score), all.get(score) ?? 0]));
  const total = figures(scale, all);
  const channels = CHANNELS.map((c) => figures(scale, byChannel.get(c)!));
  const channelHidden = suppressGroup(
    channels.map((f) => f.count),
    threshold,
  );
  const branches = [...byLocation].sort(([a], [b]) => (a < b ? -1 : 1)).map(([branch, counts]) => [branch, figures(scale, counts)] as const);
  const withoutBranch = total.count - branches.reduce((sum, [, f]) => sum + f.count, 0);
  const branchHidden = suppressGroup(
    [...branches.map(([, f]) => f.count), withoutBranch],
    threshold,
    [...branches.map(() => false), withoutBranch > 0],
  );
  return {
    ...total,
    distribution,
    byChannel: Object.fromEntries(CHANNELS.map((c, i) => [c, cell(channelHidden[i]!, channels[i]!)])) as Summary['byChannel'],
    byLocation: Object.fromEntries(branches.map(([branch, f], i) => [branch, cell(branchHidden[i]!, f)])),
  };
}
