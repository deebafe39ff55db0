import type {AppDeps} from '../deps.js';
import type {Queryable} from '../db/db.js';
import type {Text} from '../http/contract.js';
import type {IdeaStatus} from '../ideas/schema.js';
import {cell, suppressGroup, suppressTable, totalShown, type Suppressed} from '../reports/suppress.js';
import type {Scale, SummaryFigures} from '../ratings/schema.js';
import {figures} from '../ratings/summary.js';
import {DEFAULT_TIME_ZONE} from '../tenants/time.js';
import {lookOf, type TenantLook} from '../pages/tenant-look.js';

/**
 * What a library has published on its "you said, we did" page (issue 10, point 5), read once for the
 * page, the feed, the poster and the JSON: answered ideas an editor showcased, closed polls whose results
 * it published, and ratings whose monthly summary per branch it published. Counts come from the
 * aggregates and the tail (counting/counts.ts), never from a scan of the answers, and every cell under
 * the library's threshold is `{"suppressed": true}` (reports/suppress.ts). No free text of a poll or a
 * rating is ever read here; an idea's text is public already once a moderator published it.
 */
export type Cell<T> = T | Suppressed;

export interface PublicIdea {
  id: string;
  boxId: string;
  topic: Text;
  text: string;
  /** The language the patron wrote in, when known. */
  lang: string | null;
  status: IdeaStatus;
  answer: Text;
  answeredAt: string;
  showcasedAt: string;
  branch: string | null;
}

export interface PublicPoll {
  id: string;
  question: Text;
  closedAt: string;
  publishedAt: string;
  total: Cell<{count: number}>;
  results: ({option: string; label: Text} & Cell<{count: number; share: number}>)[];
  /** How many chose "other" (never their texts); absent when the poll had no "other". */
  other?: Cell<{count: number; share: number}>;
}

export type MonthFigures = Cell<SummaryFigures>;

export interface PublicRating {
  id: string;
  question: Text;
  scale: Scale;
  publishedAt: string;
  /** The months shown, oldest first, as YYYY-MM in the library's time zone. */
  months: string[];
  branches: {branch: string | null; name: Text | null; months: ({month: string} & MonthFigures)[]}[];
}

export interface PublicContent {
  tenant: {id: string; name: string};
  look: TenantLook;
  timeZone: string;
  threshold: number;
  /** The newest publishing or answering time, for the feed's `updated`; null when nothing is published. */
  updated: string | null;
  ideas: PublicIdea[];
  polls: PublicPoll[];
  ratings: PublicRating[];
  branches: {id: string; name: Text}[];
}

const IDEAS_MAX = 50;
const POLLS_MAX = 20;
/** A summary shows the last twelve months with answers. */
const MONTHS_MAX = 12;

interface TenantRow {
  id: string;
  name: string;
  brand_color: string | null;
  logo_url: string | null;
  languages: string[] | null;
  time_zone: string | null;
  report_threshold: number;
}

const iso = (value: Date | string) => new Date(value).toISOString();

/** The library's published content, or undefined for an unknown library. */
export async function publicContent(deps: Pick<AppDeps, 'db' | 'counting'>, tenantId: string): Promise<PublicContent | undefined> {
  const {db} = deps;
  const [tenant] = await db.query<TenantRow>(
    'select id, name, brand_color, logo_url, languages, time_zone, report_threshold from tenants where id = $1',
    [tenantId],
  );
  if (!tenant) return undefined;
  const timeZone = tenant.time_zone ?? DEFAULT_TIME_ZONE;
  const threshold = Number(tenant.report_threshold);
  // One after the other: `db` may be PGlite's single connection.
  const branches = await db.query<{id: string; name: Text}>('select id, name from branches where tenant_id = $1 order by id', [tenantId]);
  const ideas = await showcasedIdeas(db, tenantId);
  const polls: PublicPoll[] = [];
  for (const row of await publishedPolls(db, tenantId)) polls.push(await pollResults(deps, row, threshold));
  const ratings: PublicRating[] = [];
  for (const row of await publishedRatings(db, tenantId)) ratings.push(await ratingSummary(db, row, timeZone, threshold, branches));
  const times = [...ideas.map((i) => i.showcasedAt), ...ideas.map((i) => i.answeredAt), ...polls.map((p) => p.publishedAt), ...ratings.map((r) => r.publishedAt)];
  return {
    tenant: {id: tenant.id, name: tenant.name},
    look: lookOf(tenant),
    timeZone,
    threshold,
    updated: times.length ? times.reduce((a, b) => (a > b ? a : b)) : null,
    ideas,
    polls,
    ratings,
    branches,
  };
}

async function showcasedIdeas(db: Queryable, tenantId: string): Promise<PublicIdea[]> {
  const rows = await db.query<{
    id: string; box_id: string; topic: Text; text: string; lang: string | null; status: IdeaStatus; answer: Text;
    answered_at: Date | string; showcased_at: Date | string; branch_id: string | null;
  }>(
    `select i.id, i.box_id, b.topic, i.text, i.lang, i.status, i.answer, i.answered_at, i.showcased_at, i.branch_id
       from ideas i join idea_boxes b on b.id = i.box_id
      where b.tenant_id = $1 and not b.archived and i.showcased_at is not null and i.state = 'published'
        and i.merged_into is null and i.answer is not null and i.answered_at is not null
      order by i.answered_at desc, i.id desc limit ${IDEAS_MAX}`,
    [tenantId],
  );
  return rows
    .filter((r) => Object.values(r.answer).some((t) => typeof t === 'string' && t.trim() !== ''))
    .map((r) => ({
      id: r.id,
      boxId: r.box_id,
      topic: r.topic,
      text: r.text,
      lang: r.lang,
      status: r.status,
      answer: r.answer,
      answeredAt: iso(r.answered_at),
      showcasedAt: iso(r.showcased_at),
      branch: r.branch_id,
    }));
}

interface PollRow {
  id: string;
  question: Text;
  allow_other: boolean;
  closes_at: Date | string;
  results_published_at: Date | string;
}

/** Closed polls only: results of an open poll would be a running count, which the page never shows. */
const publishedPolls = (db: Queryable, tenantId: string) =>
  db.query<PollRow>(
    `select id, question, allow_other, closes_at, results_published_at from polls
      where tenant_id = $1 and publish_results and results_published_at is not null and not archived
        and closes_at is not null and closes_at <= now()
      order by closes_at desc, id limit ${POLLS_MAX}`,
    [tenantId],
  );

async function pollResults(deps: Pick<AppDeps, 'db' | 'counting'>, row: PollRow, threshold: number): Promise<PublicPoll> {
  const options = await deps.db.query<{id: string; label: Text}>('select id, label from poll_options where poll_id = $1 order by position', [row.id]);
  const counts = await deps.counting.poll(row.id);
  const optionCounts = options.map((o) => counts.options.get(o.id) ?? 0);
  // "Other" is one more cell of the group: hiding an option must not be undone by subtracting it.
  const group = row.allow_other ? [...optionCounts, counts.other] : optionCounts;
  const hidden = suppressGroup(group, threshold);
  const showTotal = totalShown([counts.votes], [false], threshold);
  const share = (n: number) => (counts.votes > 0 ? n / counts.votes : 0);
  // With the total hidden every cell is: shares of an unknown total would give the counts away.
  const hide = (i: number) => !showTotal || hidden[i]!;
  const poll: PublicPoll = {
    id: row.id,
    question: row.question,
    closedAt: iso(row.closes_at),
    publishedAt: iso(row.results_published_at),
    total: cell(!showTotal, {count: counts.votes}),
    results: options.map((o, i) => ({option: o.id, label: o.label, ...cell(hide(i), {count: optionCounts[i]!, share: share(optionCounts[i]!)})})),
  };
  if (row.allow_other) poll.other = cell(hide(options.length), {count: counts.other, share: share(counts.other)});
  return poll;
}

interface RatingRow {
  id: string;
  question: Text;
  scale: Scale;
  results_published_at: Date | string;
}

const publishedRatings = (db: Queryable, tenantId: string) =>
  db.query<RatingRow>(
    `select id, question, scale, results_published_at from ratings
      where tenant_id = $1 and publish_results and results_published_at is not null and not archived
      order by results_published_at desc, id`,
    [tenantId],
  );

// The day counts plus the tail, by branch, month (the library's) and score: one statement, one snapshot.
const RATING_MONTHS = `
  select branch_id, to_char(day, 'YYYY-MM') as month, score, sum(n)::int as count from (
    select branch_id, day, score, count as n from rating_day_counts where rating_id = $1
    union all
    select coalesce(branch_id, ''), (created_at at time zone $2)::date, score, 1 from rating_responses
     where rating_id = $1 and xid >= (select watermark from count_watermarks where name = 'rating_responses')
  ) counted group by 1, 2, 3`;

async function ratingSummary(db: Queryable, row: RatingRow, timeZone: string, threshold: number, branches: {id: string; name: Text}[]): Promise<PublicRating> {
  const rows = await db.query<{branch_id: string; month: string; score: number; count: number}>(RATING_MONTHS, [row.id, timeZone]);
  const months = [...new Set(rows.map((r) => r.month))].sort().slice(-MONTHS_MAX);
  const names = new Map(branches.map((b) => [b.id, b.name]));
  // Branches of the library in their order, then answers given at no branch (web pages, unknown places).
  const withAnswers = new Set(rows.filter((r) => months.includes(r.month)).map((r) => r.branch_id));
  const keys = [...branches.map((b) => b.id).filter((id) => withAnswers.has(id)), ...(withAnswers.has('') ? [''] : [])];
  const scores = new Map<string, Map<number, number>>();
  for (const r of rows) {
    const key = `${r.branch_id}\u0000${r.month}`;
    if (!scores.has(key)) scores.set(key, new Map());
    const byScore = scores.get(key)!;
    byScore.set(Number(r.score), (byScore.get(Number(r.score)) ?? 0) + Number(r.count));
  }
  const cellScores = (branch: string, month: string) => scores.get(`${branch}\u0000${month}`) ?? new Map<number, number>();
  const table = keys.map((branch) => months.map((month) => [...cellScores(branch, month).values()].reduce((a, b) => a + b, 0)));
  // Branch × month: the branches of a month add up to the rating's public total, the months of a branch to the branch's.
  const hidden = suppressTable(table, threshold);
  return {
    id: row.id,
    question: row.question,
    scale: row.scale,
    publishedAt: iso(row.results_published_at),
    months,
    branches: keys.map((branch, r) => ({
      branch: branch === '' ? null : branch,
      name: branch === '' ? null : (names.get(branch) ?? null),
      months: months.map((month, c) => ({month, ...cell(hidden[r]![c]!, figures(row.scale, cellScores(branch, month)))})),
    })),
  };
}

export const isSuppressed = (value: object): value is Suppressed => 'suppressed' in value && (value as Suppressed).suppressed === true;
