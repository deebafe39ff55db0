import type {Db} from '../db/db.js';
import {loggableError} from '../http/log.js';

/**
 * What each counted table rolls up into: statements taking the watermark range [$1, $2) of writing
 * transactions. The day is the owning library's (tenants.time_zone), the language the answer's ('' when
 * none was given). These rows are the reports' aggregates too (reports/).
 */
const ROLLUPS = {
  votes: [
    `insert into poll_day_counts (poll_id, day, channel, branch_id, lang, votes, other)
     select v.poll_id, (v.created_at at time zone t.time_zone)::date, v.channel, coalesce(v.branch_id, ''), coalesce(v.lang, ''),
            count(*), count(v.other_text)
       from votes v join polls p on p.id = v.poll_id join tenants t on t.id = p.tenant_id
      where v.xid >= $1::xid8 and v.xid < $2::xid8
      group by 1, 2, 3, 4, 5
     on conflict (poll_id, day, channel, branch_id, lang)
     do update set votes = poll_day_counts.votes + excluded.votes, other = poll_day_counts.other + excluded.other`,
    `insert into option_day_counts (poll_id, option_id, day, channel, branch_id, lang, count)
     select v.poll_id, o.id, (v.created_at at time zone t.time_zone)::date, v.channel, coalesce(v.branch_id, ''), coalesce(v.lang, ''), count(*)
       from votes v cross join lateral unnest(v.option_ids) as o (id)
       join polls p on p.id = v.poll_id join tenants t on t.id = p.tenant_id
      where v.xid >= $1::xid8 and v.xid < $2::xid8
      group by 1, 2, 3, 4, 5, 6
     on conflict (poll_id, option_id, day, channel, branch_id, lang) do update set count = option_day_counts.count + excluded.count`,
  ],
  rating_responses: [
    `insert into rating_day_counts (rating_id, day, channel, branch_id, lang, score, count)
     select r.rating_id, (r.created_at at time zone t.time_zone)::date, r.channel, coalesce(r.branch_id, ''), coalesce(r.lang, ''), r.score, count(*)
       from rating_responses r join ratings g on g.id = r.rating_id join tenants t on t.id = g.tenant_id
      where r.xid >= $1::xid8 and r.xid < $2::xid8
      group by 1, 2, 3, 4, 5, 6
     on conflict (rating_id, day, channel, branch_id, lang, score) do update set count = rating_day_counts.count + excluded.count`,
    // Weekday × hour of the library's day (reports: when is the branch happiest); no language.
    `insert into rating_hour_counts (rating_id, day, hour, channel, branch_id, score_sum, count)
     select r.rating_id, (r.created_at at time zone t.time_zone)::date, extract(hour from r.created_at at time zone t.time_zone)::smallint,
            r.channel, coalesce(r.branch_id, ''), sum(r.score), count(*)
       from rating_responses r join ratings g on g.id = r.rating_id join tenants t on t.id = g.tenant_id
      where r.xid >= $1::xid8 and r.xid < $2::xid8
      group by 1, 2, 3, 4, 5
     on conflict (rating_id, day, hour, channel, branch_id)
     do update set score_sum = rating_hour_counts.score_sum + excluded.score_sum, count = rating_hour_counts.count + excluded.count`,
  ],
  // The rolled-up part of each idea's supports is the column the public list sorts by.
  idea_support_changes: [
    `update ideas i set supports = i.supports + d.n
       from (select idea_id, sum(delta)::int as n from idea_support_changes
              where xid >= $1::xid8 and xid < $2::xid8 group by idea_id) d
      where i.id = d.idea_id and d.n <> 0`,
  ],
} as const;

export type Counted = keyof typeof ROLLUPS;

/**
 * Adds the rows of every transaction below the oldest one still running to the day counts and moves
 * the watermark there, in one transaction: those transactions have all ended, so none of their rows can
 * appear later below the watermark, and each row is counted once. Returns the new watermark, or
 * undefined when another instance holds the watermark row (it is rolling up the same rows right now).
 */
export async function rollUp(db: Db, counted: Counted): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{watermark: string}>(
      'select watermark::text as watermark from count_watermarks where name = $1 for update skip locked',
      [counted],
    );
    if (!row) return undefined;
    const [snapshot] = await tx.query<{upto: string}>('select pg_snapshot_xmin(pg_current_snapshot())::text as upto');
    const upto = snapshot!.upto;
    if (BigInt(upto) <= BigInt(row.watermark)) return row.watermark;
    for (const statement of ROLLUPS[counted]) await tx.query(statement, [row.watermark, upto]);
    await tx.query('update count_watermarks set watermark = $2::xid8 where name = $1', [counted, upto]);
    return upto;
  });
}

/**
 * Rolls up at most once per `everyMs` per instance, from the request that finds it due (after its own
 * transaction: PGlite has one connection). No timer: nothing outlives the requests, and a quiet server
 * does no work. A failure is logged and never fails the request; the rows stay in the tail.
 */
export class Rollups {
  private readonly last = new Map<Counted, number>();
  private readonly running = new Set<Counted>();

  constructor(
    private readonly db: Db,
    private readonly everyMs = 1000,
  ) {}

  async ifDue(counted: Counted, now = Date.now()): Promise<void> {
    if (this.running.has(counted) || now - (this.last.get(counted) ?? 0) < this.everyMs) return;
    this.running.add(counted);
    this.last.set(counted, now);
    try {
      await rollUp(this.db, counted);
    } catch (error) {
      console.error(`kirjasto: rolling up ${counted} failed (the rows stay in the tail): ${loggableError(error)}`);
    } finally {
      this.running.delete(counted);
    }
  }
}
