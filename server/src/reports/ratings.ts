import {createRoute} from '@hono/zod-openapi';
import {access, authenticate, requireCapability, type AdminEnv} from '../auth/principal.js';
import type {AppDeps} from '../deps.js';
import {apiApp, json, problems} from '../http/contract.js';
import {Problem} from '../http/problem.js';
import {findRating, type RatingRecord} from '../ratings/store.js';
import {scoresOf} from '../ratings/schema.js';
import {ADMIN_PROBLEMS, idOf, NO_STORE, tenantIdParams} from '../admin/http.js';
import {auditView, branchKeys, byKey, channelKeys, langKeys, ratingGroup, reportContext, reportHead, splitDays, type ReportContext} from './context.js';
import {ScoreCounts, totalCell} from './figures.js';
import {RatingReportSchema, ReportQuerySchema} from './schema.js';
import {cell, suppressGroup, tooFew} from './suppress.js';
import {countComments, readHeatmap, readRatingRows} from './store.js';

export async function findTenantRating(deps: AppDeps, tenantId: string, id: string): Promise<RatingRecord> {
  const rating = await findRating(deps.db, idOf(id, 'rating'));
  if (!rating || rating.tenantId !== tenantId) throw new Problem('not-found', {detail: `There is no rating "${id}" in this library.`});
  return rating;
}

/** The report of one rating prompt (issue 10): counts, mean, CSAT, NPS over time and by channel, branch, language; the kiosk's hours. */
export async function ratingReport(deps: AppDeps, ctx: ReportContext, rating: RatingRecord) {
  const {scale} = rating;
  const params = ctx.params(rating.id);
  const withHeatmap = ctx.filters.lang === undefined && (ctx.filters.channel === undefined || ctx.filters.channel === 'kiosk');
  // Three reads of their own tables, side by side on PostgreSQL (PGlite runs them one after another).
  const [rows, heatmapCells, comments] = await Promise.all([
    readRatingRows(deps.db, params),
    withHeatmap ? readHeatmap(deps.db, params) : Promise.resolve([]),
    countComments(deps.db, params),
  ]);
  const counts = () => new ScoreCounts();
  const add = (acc: ScoreCounts, row: {score: number; n: number}) => acc.add(scale, row.score, row.n);
  const days = splitDays(ctx, rows, counts, add);
  const distribution = new Map<number, number>();
  for (const row of rows) if (row.dim === 'day' && row.key >= ctx.period.from) distribution.set(row.score, (distribution.get(row.score) ?? 0) + row.n);
  const channels = byKey(rows, 'channel', counts, add);
  const branches = byKey(rows, 'branch', counts, add);
  const langs = byKey(rows, 'lang', counts, add);

  const heatmapHidden = suppressGroup(
    heatmapCells.map((h) => h.count),
    ctx.threshold,
  );
  const total = days.current.count;
  const scores = scoresOf(scale);
  return {
    kind: 'rating' as const,
    id: rating.id,
    question: rating.question,
    scale,
    scores,
    ...reportHead(ctx),
    total: totalCell(total, days.current.figures(), ctx.threshold),
    previousTotal: totalCell(days.previous.count, days.previous.figures(), ctx.threshold),
    series: ratingGroup(
      days.buckets.map((b) => ({keys: {start: b.start, end: b.end}, counts: b.value})),
      ctx.threshold,
    ),
    distribution: suppressedGroupOfScores(scores, distribution, ctx.threshold),
    byChannel: ratingGroup(
      channelKeys(ctx).map((channel) => ({keys: {channel}, counts: channels.get(channel) ?? counts()})),
      ctx.threshold,
    ),
    byBranch: ratingGroup(
      branchKeys(ctx, branches.keys()).map(({key, branch, name}) => ({keys: {branch, name}, counts: branches.get(key) ?? counts()})),
      ctx.threshold,
    ),
    byLanguage: ratingGroup(
      langKeys(langs.keys()).map(({key, lang}) => ({keys: {lang}, counts: langs.get(key)!})),
      ctx.threshold,
    ),
    heatmap: heatmapCells.map((h, i) => ({weekday: h.weekday, hour: h.hour, ...cell(heatmapHidden[i]!, {count: h.count, mean: Math.round((h.sum / h.count) * 1000) / 1000})})),
    comments: cell(!ctx.moderator && tooFew(comments, ctx.freeTextThreshold), {count: comments}),
  };
}

function suppressedGroupOfScores(scores: number[], counts: Map<number, number>, threshold: number) {
  const values = scores.map((score) => counts.get(score) ?? 0);
  const hidden = suppressGroup(values, threshold);
  return scores.map((score, i) => ({score, ...cell(hidden[i]!, {count: values[i]!})}));
}

export function ratingReportApi(deps: AppDeps) {
  const app = apiApp<AdminEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/reports/ratings/{id}',
      operationId: 'adminRatingReport',
      summary: 'The report of a rating: count, mean, CSAT and NPS by time, channel, branch and language, the kiosk by weekday and hour; small numbers suppressed',
      ...access('read'),
      middleware: [authenticate(deps), requireCapability(deps, 'read')] as const,
      request: {params: tenantIdParams, query: ReportQuerySchema},
      responses: {200: {description: 'The report', content: json(RatingReportSchema)}, ...problems('validation', ...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const {tenant, id} = c.req.valid('param');
      const [rating, ctx] = await Promise.all([findTenantRating(deps, tenant, id), reportContext(deps, c, tenant, c.req.valid('query'))]);
      // The view is audited while the report is read (both before the answer).
      const [report] = await Promise.all([ratingReport(deps, ctx, rating), auditView(deps, c, ctx, 'rating', rating.id)]);
      return c.json(report, 200, NO_STORE);
    },
  );
  return app;
}
