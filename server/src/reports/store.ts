import type {Queryable} from '../db/db.js';
import type {Channel, Text} from '../http/contract.js';
import type {Scale} from '../ratings/schema.js';
import type {Period} from './period.js';

/**
 * The reads of the reports: the day counts of migration 006 (kept by counting/rollup.ts) plus the tail
 * at or above the watermark, read in one statement as counting/counts.ts does, so each answer is in
 * exactly one of them and no read scans more raw answers than the tail. Ideas have no rollup: the table
 * is small and read by box and time.
 *
 * Every statement takes the same parameters (see `paramsOf`): $1 the widget or library, $2..$3 the days
 * read (the previous period's first day to the period's last), $4 channel, $5 branch ('' = none), $6 lang
 * ('' = unknown), $7 the library's time zone, $8 the period's first day (earlier days are the previous period).
 */

export interface Filters {
  channel?: Channel;
  branch?: string;
  lang?: string;
}

export const paramsOf = (id: string, period: Period, filters: Filters, timeZone: string) => [
  id,
  period.previous.from,
  period.to,
  filters.channel ?? null,
  filters.branch ?? null,
  filters.lang ?? null,
  timeZone,
  period.from,
];

/** The language of a rolled-up row ('' = unknown, migration 013). */
const langOf = (alias: string) => `${alias}.lang`;

/** Rolled-up rows (alias `c`) of the days read, with the filters. */
const countsWhere = (alias: string) => `${alias}.day between $2::date and $3::date
   and ($4::text is null or ${alias}.channel = $4::text) and ($5::text is null or ${alias}.branch_id = $5::text)
   and ($6::text is null or ${langOf(alias)} = $6::text)`;
/** The library's day of a raw row's created_at. */
const dayOf = (alias: string) => `(${alias}.created_at at time zone $7::text)::date`;
/** Raw rows (alias) of the days read, with the filters. */
const rawWhere = (alias: string) => `${dayOf(alias)} between $2::date and $3::date
   and ($4::text is null or ${alias}.channel = $4::text) and ($5::text is null or coalesce(${alias}.branch_id, '') = $5::text)
   and ($6::text is null or coalesce(${alias}.lang, '') = $6::text)`;
const tail = (alias: string, counted: string) => `${alias}.xid >= (select watermark from count_watermarks where name = '${counted}')`;

/** One aggregated row: a dimension (`day`, `channel`, `branch`, `lang`, `option`, …), its key, and counts. */
export interface DimRow {
  dim: string;
  key: string;
  score: number;
  n: number;
  other: number;
  scale?: Scale;
  current?: boolean;
}

const numeric = (rows: DimRow[]) =>
  rows.map((r) => ({...r, score: Number(r.score ?? 0), n: Number(r.n), other: Number(r.other ?? 0), current: r.current === undefined ? undefined : r.current === true || (r.current as unknown) === 't'}));

// The days of both periods by score; the breakdowns of the period by score: one pass over the counts
// (grouping sets), each breakdown summing only the period's days.
const RATING = `
  with c as (
    select c.day, c.channel, c.branch_id, ${langOf('c')} as lang, c.score, c.count as n from rating_day_counts c
     where c.rating_id = $1 and ${countsWhere('c')}
    union all
    select ${dayOf('r')}, r.channel, coalesce(r.branch_id, ''), coalesce(r.lang, ''), r.score, 1 from rating_responses r
     where r.rating_id = $1 and ${tail('r', 'rating_responses')} and ${rawWhere('r')}
  ), g as (
    select case when grouping(day) = 0 then 'day' when grouping(channel) = 0 then 'channel' when grouping(branch_id) = 0 then 'branch' else 'lang' end as dim,
           case when grouping(day) = 0 then to_char(day, 'YYYY-MM-DD') when grouping(channel) = 0 then channel when grouping(branch_id) = 0 then branch_id else lang end as key,
           score, sum(n)::int as n_all, (sum(n) filter (where day >= $8::date))::int as n_period
      from c group by grouping sets ((day, score), (channel, score), (branch_id, score), (lang, score))
  )
  select dim, key, score, case when dim = 'day' then n_all else n_period end as n from g where dim = 'day' or n_period is not null`;

export const readRatingRows = async (q: Queryable, params: unknown[]) => numeric(await q.query<DimRow>(RATING, params));

// Kiosk answers by ISO weekday and local hour (rating_hour_counts of migration 013 has no language).
// Its own parameters: $1 rating, $2..$3 the period, $4 branch, $5 time zone.
const HEATMAP = `
  with c as (
    select extract(isodow from c.day)::int as weekday, c.hour::int as hour, c.score_sum as s, c.count as n from rating_hour_counts c
     where c.rating_id = $1 and c.channel = 'kiosk' and c.day between $2::date and $3::date
       and ($4::text is null or c.branch_id = $4::text)
    union all
    select extract(isodow from (r.created_at at time zone $5::text)::date)::int, extract(hour from r.created_at at time zone $5::text)::int, r.score, 1 from rating_responses r
     where r.rating_id = $1 and r.channel = 'kiosk' and ${tail('r', 'rating_responses')}
       and (r.created_at at time zone $5::text)::date between $2::date and $3::date and ($4::text is null or coalesce(r.branch_id, '') = $4::text)
  )
  select weekday, hour, sum(s)::float8 as s, sum(n)::int as n from c group by weekday, hour having sum(n) > 0 order by weekday, hour`;

export async function readHeatmap(q: Queryable, params: unknown[]): Promise<{weekday: number; hour: number; sum: number; count: number}[]> {
  const rows = await q.query<{weekday: number; hour: number; s: number; n: number}>(HEATMAP, [params[0], params[7], params[2], params[4], params[6]]);
  return rows.map((r) => ({weekday: Number(r.weekday), hour: Number(r.hour), sum: Number(r.s), count: Number(r.n)}));
}

// Comments are free text: counted from the responses of the period (moderation reads them there too),
// through the partial index of the rows that have one (migration 019).
const COMMENTS = `select count(*)::int as n from rating_responses r
  where r.rating_id = $1 and r.comment is not null
    and r.created_at >= ($2::date::timestamp at time zone $7::text) and r.created_at < (($3::date + 1)::timestamp at time zone $7::text)
    and ($4::text is null or r.channel = $4::text) and ($5::text is null or coalesce(r.branch_id, '') = $5::text)
    and ($6::text is null or coalesce(r.lang, '') = $6::text)`;

export const countComments = async (q: Queryable, params: unknown[]) => Number((await q.query<{n: number}>(COMMENTS, [...params.slice(0, 1), params[7], ...params.slice(2, 7)]))[0]!.n);

// Voters (and their "other" answers) by day of both periods; by channel, branch, lang and option in the period.
const POLL = `
  with t as (
    select c.day, c.channel, c.branch_id, ${langOf('c')} as lang, c.votes as n, c.other from poll_day_counts c
     where c.poll_id = $1 and ${countsWhere('c')}
    union all
    select ${dayOf('v')}, v.channel, coalesce(v.branch_id, ''), coalesce(v.lang, ''), 1, case when v.other_text is null then 0 else 1 end from votes v
     where v.poll_id = $1 and ${tail('v', 'votes')} and ${rawWhere('v')}
  ), o as (
    select c.option_id, c.count as n from option_day_counts c where c.poll_id = $1 and ${countsWhere('c')} and c.day >= $8::date
    union all
    select o.id, 1 from votes v cross join lateral unnest(v.option_ids) as o (id)
     where v.poll_id = $1 and ${tail('v', 'votes')} and ${rawWhere('v')} and ${dayOf('v')} >= $8::date
  ), cur as (select * from t where day >= $8::date)
  select 'day' as dim, to_char(day, 'YYYY-MM-DD') as key, sum(n)::int as n, sum(other)::int as other from t group by day
  union all select 'channel', channel, sum(n)::int, sum(other)::int from cur group by channel
  union all select 'branch', branch_id, sum(n)::int, sum(other)::int from cur group by branch_id
  union all select 'lang', lang, sum(n)::int, sum(other)::int from cur group by lang
  union all select 'option', option_id, sum(n)::int, 0 from o group by option_id`;

export const readPollRows = async (q: Queryable, params: unknown[]) => numeric(await q.query<DimRow>(POLL, params));

export interface IdeaRow {
  day: string;
  channel: Channel;
  branch: string;
  lang: string;
  status: string;
  daysToAnswer: number | null;
  supports: number;
}

// The ideas sent in both periods, one row each: a box has few, and the table is read by box and time.
const IDEAS = `
  select to_char(${dayOf('i')}, 'YYYY-MM-DD') as day, i.channel, coalesce(i.branch_id, '') as branch, coalesce(i.lang, '') as lang, i.status,
         case when i.answered_at is null then null else extract(epoch from (i.answered_at - i.created_at))::float8 / 86400 end as days_to_answer,
         i.supports + coalesce((select sum(s.delta) from idea_support_changes s where s.idea_id = i.id and ${tail('s', 'idea_support_changes')}), 0)::int as supports,
         ${dayOf('i')} >= $8::date as current
    from ideas i
   where i.box_id = $1 and i.created_at >= ($2::date::timestamp at time zone $7::text) and i.created_at < (($3::date + 1)::timestamp at time zone $7::text)
     and ($4::text is null or i.channel = $4::text) and ($5::text is null or coalesce(i.branch_id, '') = $5::text)
     and ($6::text is null or coalesce(i.lang, '') = $6::text)`;

export async function readIdeas(q: Queryable, params: unknown[]): Promise<IdeaRow[]> {
  const rows = await q.query<{day: string; channel: Channel; branch: string; lang: string; status: string; days_to_answer: number | null; supports: number}>(IDEAS, params);
  return rows.map((r) => ({...r, daysToAnswer: r.days_to_answer === null ? null : Number(r.days_to_answer), supports: Number(r.supports)}));
}

// The library: every rating's answers by period and score, and all ratings' by day, channel and branch,
// in one pass (grouping sets; the breakdowns sum only the period's days).
const LIBRARY_RATINGS = `
  with c as (
    select c.rating_id, c.day, c.channel, c.branch_id, c.score, c.count as n from rating_day_counts c join ratings g on g.id = c.rating_id
     where g.tenant_id = $1 and ${countsWhere('c')}
    union all
    select r.rating_id, ${dayOf('r')}, r.channel, coalesce(r.branch_id, ''), r.score, 1 from rating_responses r join ratings g on g.id = r.rating_id
     where g.tenant_id = $1 and ${tail('r', 'rating_responses')} and ${rawWhere('r')}
  ), s as (select c.*, g.scale, c.day >= $8::date as current from c join ratings g on g.id = c.rating_id),
  g as (
    select case when grouping(rating_id) = 0 then 'widget' when grouping(day) = 0 then 'day' when grouping(channel) = 0 then 'channel' else 'branch' end as dim,
           case when grouping(rating_id) = 0 then rating_id when grouping(day) = 0 then to_char(day, 'YYYY-MM-DD') when grouping(channel) = 0 then channel else branch_id end as key,
           case when grouping(rating_id) = 0 then current else true end as current,
           scale, score, sum(n)::int as n_all, (sum(n) filter (where current))::int as n_period
      from s group by grouping sets ((rating_id, current, scale, score), (day, scale, score), (channel, scale, score), (branch_id, scale, score))
  )
  select dim, key, current, scale, score, case when dim in ('widget', 'day') then n_all else n_period end as n
    from g where dim in ('widget', 'day') or n_period is not null`;

export const readLibraryRatings = async (q: Queryable, params: unknown[]) => numeric(await q.query<DimRow>(LIBRARY_RATINGS, params));

// The library: every poll's voters and every idea box's ideas by period.
const LIBRARY_COUNTS = `
  with v as (
    select c.poll_id as id, c.day, c.votes as n from poll_day_counts c join polls p on p.id = c.poll_id where p.tenant_id = $1 and ${countsWhere('c')}
    union all
    select v.poll_id, ${dayOf('v')}, 1 from votes v join polls p on p.id = v.poll_id where p.tenant_id = $1 and ${tail('v', 'votes')} and ${rawWhere('v')}
  )
  select 'poll' as dim, id as key, day >= $8::date as current, sum(n)::int as n from v group by id, day >= $8::date
  union all
  select 'idea-box', i.box_id, ${dayOf('i')} >= $8::date, count(*)::int from ideas i join idea_boxes b on b.id = i.box_id
   where b.tenant_id = $1 and i.created_at >= ($2::date::timestamp at time zone $7::text) and i.created_at < (($3::date + 1)::timestamp at time zone $7::text)
     and ($4::text is null or i.channel = $4::text) and ($5::text is null or coalesce(i.branch_id, '') = $5::text)
     and ($6::text is null or coalesce(i.lang, '') = $6::text)
   group by i.box_id, ${dayOf('i')} >= $8::date`;

export const readLibraryCounts = async (q: Queryable, params: unknown[]) => numeric(await q.query<DimRow>(LIBRARY_COUNTS, params));

export interface WidgetRow {
  kind: 'poll' | 'rating' | 'idea-box';
  id: string;
  title: Text;
  archived: boolean;
}

export const readWidgets = (q: Queryable, tenantId: string) =>
  q.query<WidgetRow>(
    `select 'poll' as kind, id, question as title, archived, opens_at from polls where tenant_id = $1
     union all select 'rating', id, question, archived, opens_at from ratings where tenant_id = $1
     union all select 'idea-box', id, topic, archived, opens_at from idea_boxes where tenant_id = $1
     order by 1, 5 desc, 2`,
    [tenantId],
  );

export interface TenantReporting {
  timeZone: string;
  threshold: number;
  freeTextThreshold: number;
  branches: Map<string, Text>;
}

export async function readTenantReporting(q: Queryable, tenantId: string): Promise<TenantReporting> {
  const [tenant] = await q.query<{time_zone: string; report_threshold: number; free_text_threshold: number}>(
    'select time_zone, report_threshold, free_text_threshold from tenants where id = $1',
    [tenantId],
  );
  const branches = await q.query<{id: string; name: Text}>('select id, name from branches where tenant_id = $1 order by id', [tenantId]);
  return {
    timeZone: tenant!.time_zone,
    threshold: Number(tenant!.report_threshold),
    freeTextThreshold: Number(tenant!.free_text_threshold),
    branches: new Map(branches.map((b) => [b.id, b.name])),
  };
}

/** The library's report threshold alone (the public rating summary's). */
export async function readThreshold(q: Queryable, tenantId: string): Promise<number> {
  const [row] = await q.query<{report_threshold: number}>('select report_threshold from tenants where id = $1', [tenantId]);
  return Number(row?.report_threshold ?? 5);
}
