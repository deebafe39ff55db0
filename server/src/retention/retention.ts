import type {Db, Queryable} from '../db/db.js';
import {removeIdeaWords} from '../requests/erase.js';

/**
 * Retention (issue 11, point 1): what patrons wrote is kept only as long as each library set
 * (migration 017), and what the server keeps for itself only as long as its purpose needs.
 *
 * Raw answers are deleted only once the rollup has counted them (their transaction is below the
 * watermark, counting/rollup.ts): the reports read the day counts, so their totals do not change when
 * the rows behind them go. A run deletes in statements of its own per library, never in one long
 * transaction, so that on PGlite (one connection) patrons' writes go on between them.
 */

/** Idempotency keys answer a retried write: the widgets' outbox retries for days, not months. */
export const IDEMPOTENCY_KEY_DAYS = 30;
/** Rolled-up support changes are in ideas.supports already; kept a day for a slow rollup's tail. */
const SUPPORT_CHANGE_DAYS = 1;
/** Sessions end after 72 h at most (auth/sessions.ts); invitations after their expiry. */
const SESSION_DAYS = 7;
const INVITATION_DAYS = 30;

export interface RetentionPolicy {
  freeTextMonths: number;
  contactMonths: number;
  answeredContactDays: number;
  rawMonths: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {freeTextMonths: 24, contactMonths: 12, answeredContactDays: 90, rawMonths: 24};

/** What one run deleted in one library: counts only, never contents. */
export interface RetentionCounts {
  ratingComments: number;
  otherAnswers: number;
  ideaTexts: number;
  contacts: number;
  votes: number;
  ratingResponses: number;
  supports: number;
}

export interface RetentionRun {
  byTenant: Map<string, RetentionCounts>;
  /** Rows of the server's own bookkeeping: idempotency keys, support changes, sessions, invitations. */
  housekeeping: Record<string, number>;
}

interface TenantPolicyRow {
  id: string;
  retention_free_text_months: number;
  retention_contact_months: number;
  retention_answered_contact_days: number;
  retention_raw_months: number;
}

const affected = async (q: Queryable, sql: string, params: unknown[]): Promise<number> =>
  (await q.query<{n: number}>(`with gone as (${sql} returning 1) select count(*)::int as n from gone`, params))[0]!.n;

/** `now` minus whole months or days, computed by the database in the library's calendar sense. */
const before = (unit: 'months' | 'days', param: string) => `$${param}::timestamptz - make_interval(${unit} => $${Number(param) + 1}::int)`;

/** Applies every library's retention once, as of `now`; records what each deleted (counts) in retention_runs. */
export async function runRetention(db: Db, now = new Date()): Promise<RetentionRun> {
  const tenants = await db.query<TenantPolicyRow>(
    `select id, retention_free_text_months, retention_contact_months, retention_answered_contact_days, retention_raw_months from tenants order by id`,
  );
  const byTenant = new Map<string, RetentionCounts>();
  for (const t of tenants) {
    const counts = await applyPolicy(db, t.id, {
      freeTextMonths: t.retention_free_text_months,
      contactMonths: t.retention_contact_months,
      answeredContactDays: t.retention_answered_contact_days,
      rawMonths: t.retention_raw_months,
    }, now);
    byTenant.set(t.id, counts);
    await db.query('insert into retention_runs (at, tenant_id, counts) values ($1, $2, $3::text::jsonb)', [now.toISOString(), t.id, JSON.stringify(counts)]);
  }
  const housekeeping = await keepHouse(db, now);
  await db.query('insert into retention_runs (at, tenant_id, counts) values ($1, null, $2::text::jsonb)', [now.toISOString(), JSON.stringify(housekeeping)]);
  return {byTenant, housekeeping};
}

async function applyPolicy(db: Db, tenantId: string, policy: RetentionPolicy, now: Date): Promise<RetentionCounts> {
  const at = now.toISOString();
  // Rows counted already (below the watermark) may lose their words or go; the tail never does.
  const counted = (table: string) => `xid < (select watermark from count_watermarks where name = '${table}')`;

  const ratingComments = await affected(
    db,
    `update rating_responses set comment = null
      where comment is not null and rating_id in (select id from ratings where tenant_id = $1)
        and created_at < ${before('months', '2')} and ${counted('rating_responses')}`,
    [tenantId, at, policy.freeTextMonths],
  );
  const otherAnswers = await affected(
    db,
    `update votes set other_text = null
      where other_text is not null and poll_id in (select id from polls where tenant_id = $1)
        and created_at < ${before('months', '2')} and ${counted('votes')}`,
    [tenantId, at, policy.freeTextMonths],
  );
  // An idea keeps its place in the reports (status, channel, branch, time), not its words; a listed one
  // leaves the public list. Its library's answer stays: that is the library's own text.
  const ideaTexts = await db.transaction(async (tx) => {
    const old = await tx.query<{id: string}>(
      `select i.id from ideas i
        where i.text_removed_at is null and i.box_id in (select id from idea_boxes where tenant_id = $1)
          and i.created_at < ${before('months', '2')}`,
      [tenantId, at, policy.freeTextMonths],
    );
    return (await removeIdeaWords(tx, old.map((r) => r.id), now)).length;
  });
  const contacts = await affected(
    db,
    `update ideas set contact = null
      where contact is not null and box_id in (select id from idea_boxes where tenant_id = $1)
        and (created_at < ${before('months', '2')}
             or (answered_at is not null and answered_at < $2::timestamptz - make_interval(days => $4::int)))`,
    [tenantId, at, policy.contactMonths, policy.answeredContactDays],
  );
  const votes = await affected(
    db,
    `delete from votes where poll_id in (select id from polls where tenant_id = $1)
        and created_at < ${before('months', '2')} and ${counted('votes')}`,
    [tenantId, at, policy.rawMonths],
  );
  const ratingResponses = await affected(
    db,
    `delete from rating_responses where rating_id in (select id from ratings where tenant_id = $1)
        and created_at < ${before('months', '2')} and ${counted('rating_responses')}`,
    [tenantId, at, policy.rawMonths],
  );
  // A support's voter hash goes, its count stays: the trigger's −1 for each deleted row (migration 010)
  // is taken back in the same transaction, so ideas.supports does not change.
  const supports = await db.transaction(async (tx) => {
    const n = await affected(
      tx,
      `delete from idea_supports where idea_id in (select i.id from ideas i join idea_boxes b on b.id = i.box_id where b.tenant_id = $1)
          and created_at < ${before('months', '2')}`,
      [tenantId, at, policy.rawMonths],
    );
    if (n > 0) await tx.query('delete from idea_support_changes where xid = pg_current_xact_id()');
    return n;
  });
  // An idea's sender (migration 018, for the patron's own page) goes with the other voter hashes.
  await db.query(
    `update ideas set voter_hash = null where voter_hash is not null and box_id in (select id from idea_boxes where tenant_id = $1)
        and created_at < ${before('months', '2')}`,
    [tenantId, at, policy.rawMonths],
  );
  return {ratingComments, otherAnswers, ideaTexts, contacts, votes, ratingResponses, supports};
}

/** The server's own bookkeeping, kept only as long as its purpose needs. */
async function keepHouse(db: Db, now: Date): Promise<Record<string, number>> {
  const at = now.toISOString();
  return {
    idempotencyKeys: await affected(db, `delete from idempotency_keys where created_at < $1::timestamptz - make_interval(days => $2::int)`, [at, IDEMPOTENCY_KEY_DAYS]),
    supportChanges: await affected(
      db,
      `delete from idea_support_changes where created_at < $1::timestamptz - make_interval(days => $2::int)
          and xid < (select watermark from count_watermarks where name = 'idea_support_changes')`,
      [at, SUPPORT_CHANGE_DAYS],
    ),
    sessions: await affected(db, `delete from sessions where last_seen_at < $1::timestamptz - make_interval(days => $2::int)`, [at, SESSION_DAYS]),
    invitations: await affected(db, `delete from invitations where expires_at < $1::timestamptz - make_interval(days => $2::int)`, [at, INVITATION_DAYS]),
  };
}
