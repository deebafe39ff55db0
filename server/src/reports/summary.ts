import {createRoute} from '@hono/zod-openapi';
import {access, authenticate, requireCapability, type AdminEnv} from '../auth/principal.js';
import type {AppDeps} from '../deps.js';
import {apiApp, json, problems} from '../http/contract.js';
import {ADMIN_PROBLEMS, NO_STORE, tenantParams} from '../admin/http.js';
import {auditView, branchKeys, byKey, channelKeys, ratingGroup, reportContext, reportHead, splitDays} from './context.js';
import type {ReportContext} from './context.js';
import {entry, ScoreCounts, totalCell} from './figures.js';
import {ReportQuerySchema, SummaryReportSchema} from './schema.js';
import {cell, suppressGroup, tooFew} from './suppress.js';
import {readLibraryCounts, readLibraryRatings, readWidgets, type DimRow} from './store.js';
import type {Scale} from '../ratings/schema.js';

/**
 * The whole library: every poll, rating and idea box with its answers in the period and the previous one,
 * and all ratings together. The ratings' totals add up to the shown total, so they are suppressed as a group.
 */
export async function summaryReport(deps: AppDeps, ctx: ReportContext) {
  const params = ctx.params(ctx.tenantId);
  const ratingRows = await readLibraryRatings(deps.db, params);
  const countRows = await readLibraryCounts(deps.db, params);
  const widgets = await readWidgets(deps.db, ctx.tenantId);

  const counts = () => new ScoreCounts();
  const add = (acc: ScoreCounts, row: DimRow) => acc.add(row.scale as Scale, row.score, row.n);
  const days = splitDays(ctx, ratingRows, counts, add);
  const channels = byKey(ratingRows, 'channel', counts, add);
  const branches = byKey(ratingRows, 'branch', counts, add);
  const perRating = new Map<string, {current: ScoreCounts; previous: ScoreCounts}>();
  for (const row of ratingRows) {
    if (row.dim !== 'widget') continue;
    const acc = entry(perRating, row.key, () => ({current: counts(), previous: counts()}));
    add(row.current ? acc.current : acc.previous, row);
  }
  const perWidget = new Map<string, {current: number; previous: number}>();
  for (const row of countRows) {
    const acc = entry(perWidget, `${row.dim}/${row.key}`, () => ({current: 0, previous: 0}));
    if (row.current) acc.current += row.n;
    else acc.previous += row.n;
  }
  for (const [id, acc] of perRating) perWidget.set(`rating/${id}`, {current: acc.current.count, previous: acc.previous.count});

  // Archived widgets only when they have answers in one of the periods.
  const shown = widgets.filter((w) => {
    const n = perWidget.get(`${w.kind}/${w.id}`);
    return !w.archived || (n !== undefined && n.current + n.previous > 0);
  });
  const totals = shown.map((w) => perWidget.get(`${w.kind}/${w.id}`) ?? {current: 0, previous: 0});
  // The ratings add up to ratings.total (and previousTotal): hidden as one group each; polls and boxes each on their own.
  const hiddenOf = (period: 'current' | 'previous') => {
    const hidden = shown.map((_, i) => tooFew(totals[i]![period], ctx.threshold));
    const ratingIndexes = shown.flatMap((w, i) => (w.kind === 'rating' ? [i] : []));
    const group = suppressGroup(
      ratingIndexes.map((i) => totals[i]![period]),
      ctx.threshold,
    );
    ratingIndexes.forEach((i, j) => (hidden[i] = group[j]!));
    return hidden;
  };
  const hiddenNow = hiddenOf('current');
  const hiddenBefore = hiddenOf('previous');

  return {
    kind: 'summary' as const,
    ...reportHead(ctx),
    widgets: shown.map((w, i) => ({
      kind: w.kind,
      id: w.id,
      title: w.title,
      archived: w.archived,
      total: cell(hiddenNow[i]!, {count: totals[i]!.current}),
      previousTotal: cell(hiddenBefore[i]!, {count: totals[i]!.previous}),
      ...(w.kind === 'rating' ? {figures: cell(hiddenNow[i]!, (perRating.get(w.id)?.current ?? counts()).figures())} : {}),
    })),
    ratings: {
      total: totalCell(days.current.count, days.current.figures(), ctx.threshold),
      previousTotal: totalCell(days.previous.count, days.previous.figures(), ctx.threshold),
      series: ratingGroup(
        days.buckets.map((b) => ({keys: {start: b.start, end: b.end}, counts: b.value})),
        ctx.threshold,
      ),
      byChannel: ratingGroup(
        channelKeys(ctx).map((channel) => ({keys: {channel}, counts: channels.get(channel) ?? counts()})),
        ctx.threshold,
      ),
      byBranch: ratingGroup(
        branchKeys(ctx, branches.keys()).map(({key, branch, name}) => ({keys: {branch, name}, counts: branches.get(key) ?? counts()})),
        ctx.threshold,
      ),
    },
  };
}

export function summaryReportApi(deps: AppDeps) {
  const app = apiApp<AdminEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/reports/summary',
      operationId: 'adminSummaryReport',
      summary: 'The whole library: each poll, rating and idea box against the previous period, and all ratings by time, channel and branch; small numbers suppressed',
      ...access('read'),
      middleware: [authenticate(deps), requireCapability(deps, 'read')] as const,
      request: {params: tenantParams, query: ReportQuerySchema},
      responses: {200: {description: 'The report', content: json(SummaryReportSchema)}, ...problems('validation', ...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const {tenant} = c.req.valid('param');
      const ctx = await reportContext(deps, c, tenant, c.req.valid('query'));
      const report = await summaryReport(deps, ctx);
      await auditView(deps, c, ctx, 'summary', null);
      return c.json(report, 200, NO_STORE);
    },
  );
  return app;
}
