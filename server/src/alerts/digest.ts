import type {Db, Queryable} from '../db/db.js';
import {suppressGroup, SUPPRESSED, totalShown, tooFew, type Suppressed} from '../reports/suppress.js';
import {libraryDay} from '../tenants/time.js';
import {enqueue, type AlertEvent} from './queue.js';

type Cell = number | Suppressed;

/** The ISO week before the one `now` falls in, in the library's time zone: its Monday, the next Monday, its number. */
export function lastWeek(now: Date, timeZone: string): {from: string; to: string; week: string} {
  const today = new Date(`${libraryDay(now, timeZone)}T00:00:00Z`);
  const monday = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * 86_400_000);
  const from = new Date(monday.getTime() - 7 * 86_400_000);
  // ISO week number: the week with the year's first Thursday is week 1
  const thursday = new Date(from.getTime() + 3 * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const number = Math.floor((thursday.getTime() - yearStart) / (7 * 86_400_000)) + 1;
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return {from: day(from), to: day(monday), week: `${thursday.getUTCFullYear()}-W${String(number).padStart(2, '0')}`};
}

/** The widgets' counts of one group under the small-numbers rule: a hidden cell carries no count. */
function cells(counts: number[], threshold: number): {cells: Cell[]; total: Cell} {
  const hidden = suppressGroup(counts, threshold);
  const total = counts.reduce((a, b) => a + b, 0);
  return {cells: counts.map((n, i) => (hidden[i] ? SUPPRESSED : n)), total: totalShown(counts, hidden, threshold) ? total : SUPPRESSED};
}

const firstText = (text: Record<string, string>, lang: string) => text[lang] || text.fi || Object.values(text)[0] || '';

/** One library's digest of a week [from, to): counts from the day-count tables and the ideas, no free text. */
export async function weeklyDigest(tx: Queryable, tenant: {id: string; timeZone: string; threshold: number; lang: string}, week: {from: string; to: string; week: string}) {
  const polls = await tx.query<{id: string; question: Record<string, string>; n: string | number}>(
    `select p.id, p.question, sum(c.votes) as n from polls p join poll_day_counts c on c.poll_id = p.id
      where p.tenant_id = $1 and c.day >= $2::date and c.day < $3::date group by p.id, p.question having sum(c.votes) > 0 order by p.id`,
    [tenant.id, week.from, week.to],
  );
  const ratings = await tx.query<{id: string; question: Record<string, string>; n: string | number}>(
    `select g.id, g.question, sum(c.count) as n from ratings g join rating_day_counts c on c.rating_id = g.id
      where g.tenant_id = $1 and c.day >= $2::date and c.day < $3::date group by g.id, g.question having sum(c.count) > 0 order by g.id`,
    [tenant.id, week.from, week.to],
  );
  const [ideas] = await tx.query<{created: number; answered: number}>(
    `select count(*) filter (where (i.created_at at time zone $4)::date >= $2::date and (i.created_at at time zone $4)::date < $3::date)::int as created,
            count(*) filter (where (i.answered_at at time zone $4)::date >= $2::date and (i.answered_at at time zone $4)::date < $3::date)::int as answered
       from ideas i join idea_boxes b on b.id = i.box_id
      where b.tenant_id = $1 and (i.created_at >= $2::date - 1 or i.answered_at >= $2::date - 1)`,
    [tenant.id, week.from, week.to, tenant.timeZone],
  );
  const pollCells = cells(polls.map((p) => Number(p.n)), tenant.threshold);
  const ratingCells = cells(ratings.map((r) => Number(r.n)), tenant.threshold);
  const one = (n: number): Cell => (tooFew(n, tenant.threshold) ? SUPPRESSED : n);
  return {
    tenant: tenant.id,
    week: week.week,
    from: week.from,
    // the last day of the week, included
    to: new Date(new Date(`${week.to}T00:00:00Z`).getTime() - 86_400_000).toISOString().slice(0, 10),
    votes: pollCells.total,
    answers: ratingCells.total,
    newIdeas: one(ideas!.created),
    answeredIdeas: one(ideas!.answered),
    polls: polls.map((p, i) => ({id: p.id, title: firstText(p.question, tenant.lang), count: pollCells.cells[i]!})),
    ratings: ratings.map((r, i) => ({id: r.id, title: firstText(r.question, tenant.lang), count: ratingCells.cells[i]!})),
  };
}

/**
 * Queues the weekly digest of every library that wants one and has not had last week's yet. Each
 * library's settings row is locked (skip locked) while its digest is made and the week is recorded in
 * the same transaction: with several instances on one PostgreSQL, one of them sends it, once, and a
 * restart never sends it again. Returns the libraries whose digest was queued.
 */
export async function runDigests(db: Db, now = new Date()): Promise<string[]> {
  const due = await db.query<{tenant_id: string}>(`select tenant_id from alert_settings where branch_id = '' and digest_enabled`);
  const sent: string[] = [];
  for (const {tenant_id: tenantId} of due) {
    const queued = await db.transaction(async (tx) => {
      const [row] = await tx.query<{time_zone: string; report_threshold: number; languages: string[]; last: string | null; recipients: string[]}>(
        `select t.time_zone, t.report_threshold, t.languages, s.digest_last_week::text as last, s.recipients
           from alert_settings s join tenants t on t.id = s.tenant_id
          where s.tenant_id = $1 and s.branch_id = '' and s.digest_enabled
          for update of s skip locked`,
        [tenantId],
      );
      if (!row) return false;
      const week = lastWeek(now, row.time_zone);
      if (row.last !== null && row.last >= week.from) return false;
      const lang = row.languages.find((l) => ['fi', 'sv', 'en'].includes(l)) ?? 'fi';
      const data = await weeklyDigest(tx, {id: tenantId, timeZone: row.time_zone, threshold: row.report_threshold, lang}, week);
      const event: AlertEvent = {type: 'digest.weekly', timestamp: now.toISOString(), data};
      await enqueue(tx, tenantId, event, row.recipients);
      await tx.query(`update alert_settings set digest_last_week = $2::date where tenant_id = $1 and branch_id = ''`, [tenantId, week.from]);
      return true;
    });
    if (queued) sent.push(tenantId);
  }
  return sent;
}
