import {createRoute, type z} from '@hono/zod-openapi';
import type {Context} from 'hono';
import {access, authenticate, requireCapability, type AdminEnv} from '../auth/principal.js';
import type {AppDeps} from '../deps.js';
import {apiApp, json, problems, type Channel} from '../http/contract.js';
import {ADMIN_PROBLEMS, NO_STORE, tenantIdParams} from '../admin/http.js';
import {auditView, reportContext} from './context.js';
import {findTenantPoll} from './polls.js';
import {findTenantRating} from './ratings.js';
import {CommentPageSchema, CommentsQuerySchema, OtherAnswerPageSchema} from './schema.js';

/**
 * Free text, for moderators only (issue 10): a rating's comments and a poll's "other" answers of the
 * period, newest first, searchable, in keyset pages (`after` is the last id of the page before). Each
 * read is audited, without the search words (they may quote a patron).
 */

// `%` and `_` in the search words are literal.
const likePattern = (q: string | undefined) => (q === undefined || q.trim() === '' ? null : `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);

const FILTERS = (alias: string) => `(${alias}.created_at at time zone $8::text)::date between $2::date and $3::date
   and ($4::text is null or ${alias}.channel = $4::text) and ($5::text is null or coalesce(${alias}.branch_id, '') = $5::text)
   and ($6::text is null or coalesce(${alias}.lang, '') = $6::text)`;

const COMMENTS = `select r.id, r.created_at, r.score, r.comment as text, r.channel, r.branch_id, r.lang from rating_responses r
  where r.rating_id = $1 and r.comment is not null and ${FILTERS('r')}
    and ($7::text is null or r.comment ilike $7::text) and ($9::bigint is null or r.id < $9::bigint)
  order by r.id desc limit $10`;

const OTHER_ANSWERS = `select v.id, v.created_at, v.other_text as text, v.channel, v.branch_id, v.lang from votes v
  where v.poll_id = $1 and v.other_text is not null and ${FILTERS('v')}
    and ($7::text is null or v.other_text ilike $7::text) and ($9::bigint is null or v.id < $9::bigint)
  order by v.id desc limit $10`;

interface AnswerRow {
  id: string | number;
  created_at: Date | string;
  score?: number;
  text: string;
  channel: Channel;
  branch_id: string | null;
  lang: string | null;
}

const QUERY_PROBLEMS = problems('validation', ...ADMIN_PROBLEMS);

export function commentsApi(deps: AppDeps) {
  const app = apiApp<AdminEnv>();

  async function page(c: Context<AdminEnv>, query: z.output<typeof CommentsQuerySchema>, sql: string, widgetId: string, tenant: string) {
    const ctx = await reportContext(deps, c, tenant, query);
    const params = ctx.params(widgetId);
    // $1 id, $2..$3 days (this period only), $4 channel, $5 branch, $6 lang, $7 search, $8 time zone, $9 after, $10 limit + 1.
    const rows = await deps.db.query<AnswerRow>(sql, [widgetId, ctx.period.from, ctx.period.to, params[3], params[4], params[5], likePattern(query.q), ctx.timeZone, query.after ?? null, query.limit + 1]);
    const items = rows.slice(0, query.limit);
    return {ctx, query, items, next: rows.length > query.limit ? String(items.at(-1)!.id) : null};
  }

  const common = (r: AnswerRow) => ({id: String(r.id), at: new Date(r.created_at).toISOString(), channel: r.channel, branch: r.branch_id, lang: r.lang});

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/reports/ratings/{id}/comments',
      operationId: 'adminRatingComments',
      summary: "A rating's comments in the period, newest first, searchable; moderators only, audited",
      ...access('moderate'),
      middleware: [authenticate(deps), requireCapability(deps, 'moderate')] as const,
      request: {params: tenantIdParams, query: CommentsQuerySchema},
      responses: {200: {description: 'A page of comments', content: json(CommentPageSchema)}, ...QUERY_PROBLEMS},
    }),
    async (c) => {
      const {tenant, id} = c.req.valid('param');
      const rating = await findTenantRating(deps, tenant, id);
      const {ctx, query, items, next} = await page(c, c.req.valid('query'), COMMENTS, rating.id, tenant);
      await auditView(deps, c, ctx, 'rating', rating.id, {view: 'comments', search: query.q !== undefined && query.q.trim() !== '', after: query.after ?? null});
      return c.json({items: items.map((r) => ({...common(r), score: Number(r.score), comment: r.text})), next}, 200, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/reports/polls/{id}/other-answers',
      operationId: 'adminPollOtherAnswers',
      summary: 'A poll\'s "other" answers in the period, newest first, searchable; moderators only, audited',
      ...access('moderate'),
      middleware: [authenticate(deps), requireCapability(deps, 'moderate')] as const,
      request: {params: tenantIdParams, query: CommentsQuerySchema},
      responses: {200: {description: 'A page of answers', content: json(OtherAnswerPageSchema)}, ...QUERY_PROBLEMS},
    }),
    async (c) => {
      const {tenant, id} = c.req.valid('param');
      const poll = await findTenantPoll(deps, tenant, id);
      const {ctx, query, items, next} = await page(c, c.req.valid('query'), OTHER_ANSWERS, poll.id, tenant);
      await auditView(deps, c, ctx, 'poll', poll.id, {view: 'other-answers', search: query.q !== undefined && query.q.trim() !== '', after: query.after ?? null});
      return c.json({items: items.map((r) => ({...common(r), text: r.text})), next}, 200, NO_STORE);
    },
  );
  return app;
}
