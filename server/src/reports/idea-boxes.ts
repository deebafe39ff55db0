import {createRoute} from '@hono/zod-openapi';
import {access, authenticate, requireCapability, type AdminEnv} from '../auth/principal.js';
import type {AppDeps} from '../deps.js';
import {apiApp, json, problems} from '../http/contract.js';
import {Problem} from '../http/problem.js';
import {findBox, type IdeaBoxRecord} from '../ideas/store.js';
import {IDEA_STATUSES} from '../ideas/schema.js';
import {ADMIN_PROBLEMS, idOf, NO_STORE, tenantIdParams} from '../admin/http.js';
import {auditView, branchKeys, channelKeys, countGroup, langKeys, reportContext, reportHead, type ReportContext} from './context.js';
import {entry, totalCell} from './figures.js';
import {bucketOf, bucketsOf} from './period.js';
import {IdeaBoxReportSchema, ReportQuerySchema} from './schema.js';
import {readIdeas} from './store.js';

export async function findTenantBox(deps: AppDeps, tenantId: string, id: string): Promise<IdeaBoxRecord> {
  const box = await findBox(deps.db, idOf(id, 'idea box'));
  if (!box || box.tenantId !== tenantId) throw new Problem('not-found', {detail: `There is no idea box "${id}" in this library.`});
  return box;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

/** The report of an idea box: ideas sent (whatever their moderation state) over time, by status, channel, branch and language; answers and supports. */
export async function ideaBoxReport(deps: AppDeps, ctx: ReportContext, box: IdeaBoxRecord) {
  const ideas = await readIdeas(deps.db, ctx.params(box.id));
  const current = ideas.filter((i) => i.day >= ctx.period.from);
  const previous = ideas.length - current.length;
  const buckets = new Map(bucketsOf(ctx.period).map((b) => [b.key, {...b, count: 0}]));
  const counts = (key: (i: (typeof ideas)[number]) => string) => {
    const out = new Map<string, number>();
    for (const idea of current) out.set(key(idea), (out.get(key(idea)) ?? 0) + 1);
    return out;
  };
  for (const idea of current) entry(buckets, bucketOf(idea.day, ctx.period.bucket), () => ({key: '', start: '', end: '', count: 0})).count++;
  const statuses = counts((i) => i.status);
  const channels = counts((i) => i.channel);
  const branches = counts((i) => i.branch);
  const langs = counts((i) => i.lang);
  const answered = current.filter((i) => i.daysToAnswer !== null).map((i) => i.daysToAnswer!);
  const supports = current.reduce((sum, i) => sum + i.supports, 0);
  return {
    kind: 'idea-box' as const,
    id: box.id,
    topic: box.topic,
    ...reportHead(ctx),
    total: totalCell(current.length, {count: current.length}, ctx.threshold),
    previousTotal: totalCell(previous, {count: previous}, ctx.threshold),
    series: countGroup(
      [...buckets.values()].map((b) => ({keys: {start: b.start, end: b.end}, count: b.count})),
      ctx.threshold,
    ),
    byStatus: countGroup(
      IDEA_STATUSES.map((status) => ({keys: {status}, count: statuses.get(status) ?? 0})),
      ctx.threshold,
    ),
    answered: totalCell(answered.length, {count: answered.length, medianDaysToAnswer: median(answered)}, ctx.threshold),
    supports: totalCell(supports, {count: supports}, ctx.threshold),
    byChannel: countGroup(
      channelKeys(ctx).map((channel) => ({keys: {channel}, count: channels.get(channel) ?? 0})),
      ctx.threshold,
    ),
    byBranch: countGroup(
      branchKeys(ctx, branches.keys()).map(({key, branch, name}) => ({keys: {branch, name}, count: branches.get(key) ?? 0})),
      ctx.threshold,
    ),
    byLanguage: countGroup(
      langKeys(langs.keys()).map(({key, lang}) => ({keys: {lang}, count: langs.get(key)!})),
      ctx.threshold,
    ),
  };
}

export function ideaBoxReportApi(deps: AppDeps) {
  const app = apiApp<AdminEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/reports/idea-boxes/{id}',
      operationId: 'adminIdeaBoxReport',
      summary: 'The report of an idea box: ideas by time, status, channel, branch and language, time to answer, supports; small numbers suppressed',
      ...access('read'),
      middleware: [authenticate(deps), requireCapability(deps, 'read')] as const,
      request: {params: tenantIdParams, query: ReportQuerySchema},
      responses: {200: {description: 'The report', content: json(IdeaBoxReportSchema)}, ...problems('validation', ...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const {tenant, id} = c.req.valid('param');
      const box = await findTenantBox(deps, tenant, id);
      const ctx = await reportContext(deps, c, tenant, c.req.valid('query'));
      const report = await ideaBoxReport(deps, ctx, box);
      await auditView(deps, c, ctx, 'idea-box', box.id);
      return c.json(report, 200, NO_STORE);
    },
  );
  return app;
}
