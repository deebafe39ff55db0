import {createRoute} from '@hono/zod-openapi';
import {access, authenticate, requireCapability, type AdminEnv} from '../auth/principal.js';
import type {AppDeps} from '../deps.js';
import {apiApp, json, problems} from '../http/contract.js';
import {Problem} from '../http/problem.js';
import {findPoll, type PollRecord} from '../polls/store.js';
import {ADMIN_PROBLEMS, idOf, NO_STORE, tenantIdParams} from '../admin/http.js';
import {auditView, branchKeys, byKey, channelKeys, countGroup, Counter, langKeys, reportContext, reportHead, splitDays, type ReportContext} from './context.js';
import {totalCell} from './figures.js';
import {PollReportSchema, ReportQuerySchema} from './schema.js';
import {cell, suppressGroup, tooFew} from './suppress.js';
import {readPollRows, type DimRow} from './store.js';

export async function findTenantPoll(deps: AppDeps, tenantId: string, id: string): Promise<PollRecord> {
  const poll = await findPoll(deps.db, idOf(id, 'poll'));
  if (!poll || poll.tenantId !== tenantId) throw new Problem('not-found', {detail: `There is no poll "${id}" in this library.`});
  return poll;
}

/** The report of one poll: voters over time and by channel, branch and language, and each option's share. */
export async function pollReport(deps: AppDeps, ctx: ReportContext, poll: PollRecord) {
  const rows = await readPollRows(deps.db, ctx.params(poll.id));
  const make = () => new Counter();
  const add = (acc: Counter, row: DimRow) => {
    acc.n += row.n;
    acc.other += row.other;
  };
  const days = splitDays(ctx, rows, make, add);
  const options = byKey(rows, 'option', make, add);
  const channels = byKey(rows, 'channel', make, add);
  const branches = byKey(rows, 'branch', make, add);
  const langs = byKey(rows, 'lang', make, add);
  // "Other" answers are free text: their count, like a rating's comments, needs the free-text threshold outside moderation.
  const other = (counter: Counter) => (tooFew(counter.other, ctx.moderator ? ctx.threshold : ctx.freeTextThreshold) ? null : counter.other);
  const total = days.current.n;
  const optionIds = [...poll.options.map((o) => o.id), ...[...options.keys()].filter((id) => !poll.options.some((o) => o.id === id))];
  const optionCounts = optionIds.map((id) => options.get(id)?.n ?? 0);
  const optionHidden = suppressGroup(optionCounts, ctx.threshold);
  return {
    kind: 'poll' as const,
    id: poll.id,
    question: poll.question,
    options: poll.options,
    ...reportHead(ctx),
    total: totalCell(total, {count: total, other: other(days.current)}, ctx.threshold),
    previousTotal: totalCell(days.previous.n, {count: days.previous.n, other: other(days.previous)}, ctx.threshold),
    series: countGroup(
      days.buckets.map((b) => ({keys: {start: b.start, end: b.end}, count: b.value.n})),
      ctx.threshold,
    ),
    results: optionIds.map((option, i) => ({option, ...cell(optionHidden[i]!, {count: optionCounts[i]!, share: total === 0 ? null : Math.round((optionCounts[i]! / total) * 10_000) / 10_000})})),
    byChannel: countGroup(
      channelKeys(ctx).map((channel) => ({keys: {channel}, count: channels.get(channel)?.n ?? 0})),
      ctx.threshold,
    ),
    byBranch: countGroup(
      branchKeys(ctx, branches.keys()).map(({key, branch, name}) => ({keys: {branch, name}, count: branches.get(key)?.n ?? 0})),
      ctx.threshold,
    ),
    byLanguage: countGroup(
      langKeys(langs.keys()).map(({key, lang}) => ({keys: {lang}, count: langs.get(key)!.n})),
      ctx.threshold,
    ),
  };
}

export function pollReportApi(deps: AppDeps) {
  const app = apiApp<AdminEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/reports/polls/{id}',
      operationId: 'adminPollReport',
      summary: "The report of a poll: voters by time, channel, branch and language, each option's count and share; small numbers suppressed",
      ...access('read'),
      middleware: [authenticate(deps), requireCapability(deps, 'read')] as const,
      request: {params: tenantIdParams, query: ReportQuerySchema},
      responses: {200: {description: 'The report', content: json(PollReportSchema)}, ...problems('validation', ...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const {tenant, id} = c.req.valid('param');
      const poll = await findTenantPoll(deps, tenant, id);
      const ctx = await reportContext(deps, c, tenant, c.req.valid('query'));
      const report = await pollReport(deps, ctx, poll);
      await auditView(deps, c, ctx, 'poll', poll.id);
      return c.json(report, 200, NO_STORE);
    },
  );
  return app;
}
