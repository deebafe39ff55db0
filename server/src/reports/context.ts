import type {Context} from 'hono';
import {may, type AdminEnv} from '../auth/principal.js';
import {audit} from '../admin/audit.js';
import type {AppDeps} from '../deps.js';
import {CHANNELS, type Channel, type Text} from '../http/contract.js';
import {validationProblem} from '../http/problem.js';
import {ScoreCounts, suppressedGroup, type RatingFigures} from './figures.js';
import {bucketsOf, type Period, periodOf, bucketOf} from './period.js';
import type {ReportQuery} from './schema.js';
import {paramsOf, readTenantReporting, type DimRow, type Filters, type TenantReporting} from './store.js';

/** What every report reads first: the library's time zone, thresholds and branches, the period and the filters. */
export interface ReportContext extends TenantReporting {
  tenantId: string;
  period: Period;
  filters: Filters;
  /** May read free text (comments, "other" answers): moderators, owners, regional admins. */
  moderator: boolean;
  params: (id: string) => unknown[];
}

export async function reportContext(deps: AppDeps, c: Context<AdminEnv>, tenantId: string, query: Omit<ReportQuery, 'bucket'> & {bucket?: ReportQuery['bucket']}): Promise<ReportContext> {
  const reporting = await readTenantReporting(deps.db, tenantId);
  if (query.branch !== undefined && !reporting.branches.has(query.branch)) {
    throw validationProblem([{path: 'branch', message: 'Not a branch of this library'}]);
  }
  const period = periodOf(query, reporting.timeZone);
  const filters: Filters = {channel: query.channel, branch: query.branch, lang: query.lang};
  return {
    ...reporting,
    tenantId,
    period,
    filters,
    moderator: may(c.get('principal'), tenantId, 'moderate'),
    params: (id) => paramsOf(id, period, filters, reporting.timeZone),
  };
}

/** The head every report shares: time zone, threshold, the filters as applied and the previous period. */
export const reportHead = (ctx: ReportContext) => ({
  timeZone: ctx.timeZone,
  threshold: ctx.threshold,
  filters: {
    from: ctx.period.from,
    to: ctx.period.to,
    channel: ctx.filters.channel ?? null,
    branch: ctx.filters.branch ?? null,
    lang: ctx.filters.lang ?? null,
    bucket: ctx.period.bucket,
  },
  previous: ctx.period.previous,
});

/** Every report view is in the audit log: who, which report, with which filters (never a count or a text). */
export const auditView = (deps: AppDeps, c: Context<AdminEnv>, ctx: ReportContext, kind: string, id: string | null, extra: Record<string, unknown> = {}) =>
  audit(deps.db, {tenantId: ctx.tenantId, actor: c.get('principal').actor, action: 'report.view', kind, id, after: {...reportHead(ctx).filters, ...extra}});

/** Rows by dimension key, added up with `add`. */
export function byKey<V>(rows: readonly DimRow[], dim: string, make: () => V, add: (value: V, row: DimRow) => void): Map<string, V> {
  const out = new Map<string, V>();
  for (const row of rows) {
    if (row.dim !== dim) continue;
    let value = out.get(row.key);
    if (value === undefined) out.set(row.key, (value = make()));
    add(value, row);
  }
  return out;
}

/** The days of the period and of the previous one, and the series' buckets, from the `day` rows. */
export function splitDays<V>(ctx: ReportContext, rows: readonly DimRow[], make: () => V, add: (value: V, row: DimRow) => void) {
  const current = make();
  const previous = make();
  const buckets = new Map(bucketsOf(ctx.period).map((b) => [b.key, {...b, value: make()}]));
  for (const row of rows) {
    if (row.dim !== 'day') continue;
    if (row.key < ctx.period.from) {
      add(previous, row);
      continue;
    }
    add(current, row);
    add(buckets.get(bucketOf(row.key, ctx.period.bucket))!.value, row);
  }
  return {current, previous, buckets: [...buckets.values()]};
}

/** The channels, every one even without answers (0 is "no answers", shown). */
export const channelKeys = (ctx: ReportContext): Channel[] => (ctx.filters.channel ? [ctx.filters.channel] : [...CHANNELS]);

/** The branches: the library's (or the filtered one), then "no branch" when it has answers. */
export function branchKeys(ctx: ReportContext, seenKeys: Iterable<string>): {key: string; branch: string | null; name: Text | null}[] {
  const seen = [...seenKeys];
  const keys = ctx.filters.branch ? [ctx.filters.branch] : [...ctx.branches.keys()];
  for (const key of seen) if (key !== '' && !keys.includes(key)) keys.push(key);
  const out: {key: string; branch: string | null; name: Text | null}[] = keys.map((key) => ({key, branch: key, name: ctx.branches.get(key) ?? null}));
  if (seen.includes('')) out.push({key: '', branch: null, name: null});
  return out;
}

/** The languages answers were given in, the unknown last. */
export function langKeys(seen: Iterable<string>): {key: string; lang: string | null}[] {
  const keys = [...new Set(seen)].sort();
  return [...keys.filter((k) => k !== ''), ...keys.filter((k) => k === '')].map((key) => ({key, lang: key === '' ? null : key}));
}

/** A group of rating cells from score counts. */
export const ratingGroup = <K extends object>(cells: {keys: K; counts: ScoreCounts}[], threshold: number) =>
  suppressedGroup<K, RatingFigures>(
    cells.map((x) => ({keys: x.keys, count: x.counts.count, figures: x.counts.figures()})),
    threshold,
  );

/** A group of count cells. */
export const countGroup = <K extends object>(cells: {keys: K; count: number}[], threshold: number) =>
  suppressedGroup<K, {count: number}>(
    cells.map((x) => ({keys: x.keys, count: x.count, figures: {count: x.count}})),
    threshold,
  );

/** A box to add counts in. */
export class Counter {
  n = 0;
  other = 0;
}
