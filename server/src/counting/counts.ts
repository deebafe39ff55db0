import type {Db, Queryable} from '../db/db.js';
import type {Channel} from '../http/contract.js';
import {LoadingCache} from '../cache/loading-cache.js';
import {voteStore, type VoteWrite} from '../polls/store.js';
import type {VoteReceipt} from '../polls/schema.js';
import {responseStore, type ResponseWrite} from '../ratings/store.js';
import type {ResponseReceipt} from '../ratings/schema.js';
import type {BatchedStore} from './group-commit.js';
import {Rollups} from './rollup.js';
import type {PollCounts} from './types.js';

/** How long an instance reuses the counts it read: results may be this stale (the response says so). */
export const COUNTS_TTL_MS = 1000;

export type {PollCounts} from './types.js';

export interface RatingCountRow {
  channel: Channel;
  branchId: string;
  score: number;
  count: number;
}

// One statement, so the counts and the tail are one snapshot: each vote is in exactly one of them.
const POLL_COUNTS = `
  with tail as (
    select option_ids, other_text from votes
     where poll_id = $1 and xid >= (select watermark from count_watermarks where name = 'votes')
  )
  select 't' as kind, '' as id, coalesce(sum(votes), 0)::int as n, coalesce(sum(other), 0)::int as other
    from poll_day_counts where poll_id = $1
  union all
  select 'o', option_id, sum(count)::int, 0 from option_day_counts where poll_id = $1 group by option_id
  union all
  select 't', '', count(*)::int, count(other_text)::int from tail
  union all
  select 'o', o.id, count(*)::int, 0 from tail cross join lateral unnest(tail.option_ids) as o (id) group by o.id`;

const RATING_COUNTS = `
  select channel, branch_id, score, sum(count)::int as count from rating_day_counts where rating_id = $1
   group by channel, branch_id, score
  union all
  select channel, coalesce(branch_id, ''), score, count(*)::int from rating_responses
   where rating_id = $1 and xid >= (select watermark from count_watermarks where name = 'rating_responses')
   group by channel, coalesce(branch_id, ''), score`;

export async function readPollCounts(q: Queryable, pollId: string): Promise<PollCounts> {
  const rows = await q.query<{kind: 't' | 'o'; id: string; n: number; other: number}>(POLL_COUNTS, [pollId]);
  const options = new Map<string, number>();
  let votes = 0;
  let other = 0;
  for (const row of rows) {
    if (row.kind === 't') {
      votes += Number(row.n);
      other += Number(row.other);
    } else options.set(row.id, (options.get(row.id) ?? 0) + Number(row.n));
  }
  return {votes, other, options, countedAt: new Date()};
}

export async function readRatingCounts(q: Queryable, ratingId: string): Promise<RatingCountRow[]> {
  const rows = await q.query<{channel: Channel; branch_id: string; score: number; count: number}>(RATING_COUNTS, [ratingId]);
  return rows.map((r) => ({channel: r.channel, branchId: r.branch_id, score: Number(r.score), count: Number(r.count)}));
}

/**
 * The counts every read and receipt shows: rolled-up day counts plus the tail, reused for up to
 * COUNTS_TTL_MS per instance, and the rollups that keep the tail short. A read after a write through
 * the same instance sees that write (`written`); through another instance, within COUNTS_TTL_MS.
 */
export class Counting {
  readonly rollups: Rollups;
  /** The counted writes, with group commit: concurrent ones share a statement and a commit. */
  readonly votes: BatchedStore<VoteWrite, VoteReceipt>;
  readonly responses: BatchedStore<ResponseWrite, ResponseReceipt>;
  // Read again in the background once half their age is up: a busy poll's votes and reads never wait for a count.
  private readonly polls = new LoadingCache<string, PollCounts>(COUNTS_TTL_MS, undefined, COUNTS_TTL_MS / 2);
  private readonly ratings = new LoadingCache<string, {rows: RatingCountRow[]; countedAt: Date}>(COUNTS_TTL_MS, undefined, COUNTS_TTL_MS / 2);

  constructor(private readonly db: Db) {
    this.rollups = new Rollups(db);
    this.votes = voteStore(db);
    this.responses = responseStore(db);
  }

  /** `anyAge`: counts up to COUNTS_TTL_MS old will do, even if this instance wrote since (a receipt adds its own vote). */
  async poll(pollId: string, options: {anyAge?: boolean} = {}): Promise<PollCounts> {
    const counts = await this.polls.get(pollId, () => readPollCounts(this.db, pollId), options);
    await this.rollups.ifDue('votes');
    return counts;
  }

  async rating(ratingId: string): Promise<{rows: RatingCountRow[]; countedAt: Date}> {
    const counts = await this.ratings.get(ratingId, async () => ({rows: await readRatingCounts(this.db, ratingId), countedAt: new Date()}));
    await this.rollups.ifDue('rating_responses');
    return counts;
  }

  /** After a write's commit: this instance's next read of those counts reads storage again. */
  written(kind: 'poll' | 'rating', id: string): void {
    (kind === 'poll' ? this.polls : this.ratings).invalidate(id);
  }
}

/** The counts with one more vote: a receipt shows the voter's own vote, whatever the cache's age. */
export function withVote(counts: PollCounts, optionIds: readonly string[], other: boolean): PollCounts {
  const options = new Map(counts.options);
  for (const id of optionIds) options.set(id, (options.get(id) ?? 0) + 1);
  return {votes: counts.votes + 1, other: counts.other + (other ? 1 : 0), options, countedAt: counts.countedAt};
}

/**
 * Says how old the counts in a response are (up to COUNTS_TTL_MS, plus any shared cache's s-maxage):
 * `Kirjasto-Counted-At`, the time they were read from storage.
 */
export const countsHeaders = (counts: {countedAt: Date} | undefined): Record<string, string> =>
  counts ? {'Kirjasto-Counted-At': counts.countedAt.toISOString()} : {};
