import type {PollCounts} from '../counting/types.js';
import {batchedStore, type BatchedStore} from '../counting/group-commit.js';
import type {Db, Queryable} from '../db/db.js';
import {scheduleOf, scheduleStatus} from '../schedule.js';
import type {Channel, Text} from '../http/contract.js';
import type {StoredRow} from '../http/idempotency.js';
import {OTHER_TEXT_MAX, type PollView, type Results, type ResultsVisibility, type VoteReceipt} from './schema.js';

/** A poll as stored, with its options; its counts are counting/counts.ts's. */
export interface PollRecord {
  id: string;
  tenantId: string;
  question: Text;
  maxChoices: number;
  allowOther: boolean;
  resultsVisibility: ResultsVisibility;
  opensAt: Date;
  closesAt: Date | null;
  options: {id: string; label: Text}[];
  /** Archived by its library: no longer public (410). */
  archived: boolean;
}

interface PollRow {
  id: string;
  tenant_id: string;
  question: Text;
  max_choices: number;
  allow_other: boolean;
  results_visibility: ResultsVisibility;
  opens_at: Date | string;
  closes_at: Date | string | null;
  options: {id: string; label: Text}[] | null;
  archived: boolean;
}

// One query for the poll and its options.
const SELECT_POLL = `
  select p.id, p.tenant_id, p.question, p.max_choices, p.allow_other, p.results_visibility,
         p.opens_at, p.closes_at, p.archived,
         (select json_agg(json_build_object('id', o.id, 'label', o.label) order by o.position, o.id)
            from poll_options o where o.poll_id = p.id) as options
    from polls p where p.id = $1`;

export async function findPoll(q: Queryable, id: string): Promise<PollRecord | undefined> {
  const [row] = await q.query<PollRow>(SELECT_POLL, [id]);
  if (!row) return undefined;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    question: row.question,
    maxChoices: row.max_choices,
    allowOther: row.allow_other,
    resultsVisibility: row.results_visibility,
    ...scheduleOf(row),
    options: (row.options ?? []).map((o) => ({id: o.id, label: o.label})),
    archived: row.archived,
  };
}

export const pollStatus = scheduleStatus;

/** Whether results may be shown to someone who has (or has not) voted. */
export function resultsVisible(poll: PollRecord, hasVoted: boolean, now = new Date()): boolean {
  const closed = pollStatus(poll, now) === 'closed';
  switch (poll.resultsVisibility) {
    case 'always':
      return true;
    case 'after-close':
      return closed;
    case 'after-vote':
      return hasVoted || closed;
    case 'never':
      return false;
  }
}

/** The poll's current options with their counts (a removed option's votes are still in the total). */
export const pollResults = (poll: PollRecord, counts: PollCounts): Results => ({
  total: counts.votes,
  options: poll.options.map((o) => ({id: o.id, count: counts.options.get(o.id) ?? 0})),
  otherCount: counts.other,
});

/** The public view; results (from `counts`) only when everyone may see them. */
export function pollView(poll: PollRecord, counts: PollCounts | undefined, now = new Date()): PollView {
  const view: PollView = {
    id: poll.id,
    question: poll.question,
    options: poll.options.map((o) => ({id: o.id, label: o.label})),
    maxChoices: poll.maxChoices,
    allowOther: poll.allowOther,
    otherMaxLength: OTHER_TEXT_MAX,
    resultsVisibility: poll.resultsVisibility,
    status: pollStatus(poll, now),
    opensAt: poll.opensAt.toISOString(),
  };
  if (poll.closesAt) view.closesAt = poll.closesAt.toISOString();
  if (counts && resultsVisible(poll, false, now)) view.results = pollResults(poll, counts);
  return view;
}

export async function hasVoted(q: Queryable, pollId: string, voterHash: string): Promise<boolean> {
  return (await q.query('select 1 from votes where poll_id = $1 and voter_hash = $2', [pollId, voterHash])).length > 0;
}

/** Inserts the vote unless this voter already voted; the unique index decides, without aborting the transaction. */
export async function insertVote(
  q: Queryable,
  vote: {pollId: string; voterHash: string; optionIds: string[]; otherText?: string; channel: Channel; branchId?: string; lang?: string},
): Promise<boolean> {
  const rows = await q.query(
    `insert into votes (poll_id, voter_hash, option_ids, other_text, channel, branch_id, lang)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (poll_id, voter_hash) do nothing
     returning id`,
    [vote.pollId, vote.voterHash, vote.optionIds, vote.otherText ?? null, vote.channel, vote.branchId ?? null, vote.lang ?? null],
  );
  return rows.length > 0;
}

/** One vote to store, as migration 009's kirjasto_store_votes takes it (JSON: no undefined, nulls absent). */
export interface VoteWrite {
  scope: string;
  key: string;
  hash: string;
  response: VoteReceipt;
  pollId: string;
  voterHash: string;
  optionIds: string[];
  otherText?: string;
  channel: Channel;
  branchId?: string;
  /** The UI language it was given in. */
  lang?: string;
}

/**
 * The idempotency key with its answer and the vote row, in one statement and so one commit. Returns the
 * stored row of a key already used; throws what isRefusedRow recognises when this voter already voted.
 */
export async function storeVote(q: Queryable, vote: VoteWrite): Promise<StoredRow<VoteReceipt>> {
  const [row] = await q.query<StoredRow<VoteReceipt>>('select * from kirjasto_store_vote($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)', [
    vote.scope,
    vote.key,
    vote.hash,
    vote.response,
    vote.pollId,
    vote.voterHash,
    vote.optionIds,
    vote.otherText ?? null,
    vote.channel,
    vote.branchId ?? null,
    vote.lang ?? null,
  ]);
  return row!;
}

/** storeVote with group commit: concurrent votes share one statement and one commit (counting/group-commit.ts). */
export const voteStore = (db: Db): BatchedStore<VoteWrite, VoteReceipt> => batchedStore(db, 'kirjasto_store_votes', (vote) => storeVote(db, vote));

export interface NewPoll {
  id: string;
  tenantId: string;
  question: Text;
  options: {id: string; label: Text}[];
  maxChoices?: number;
  allowOther?: boolean;
  resultsVisibility?: ResultsVisibility;
  opensAt?: Date;
  closesAt?: Date | null;
}

export async function insertPoll(q: Queryable, poll: NewPoll): Promise<void> {
  await q.query(
    `insert into polls (id, tenant_id, question, max_choices, allow_other, results_visibility, opens_at, closes_at)
     values ($1, $2, $3, $4, $5, $6, coalesce($7::timestamptz, now()), $8::timestamptz)`,
    [
      poll.id,
      poll.tenantId,
      poll.question,
      poll.maxChoices ?? 1,
      poll.allowOther ?? false,
      poll.resultsVisibility ?? 'after-vote',
      poll.opensAt?.toISOString() ?? null,
      poll.closesAt?.toISOString() ?? null,
    ],
  );
  for (const [position, option] of poll.options.entries()) {
    await q.query('insert into poll_options (poll_id, id, position, label) values ($1, $2, $3, $4)', [
      poll.id,
      option.id,
      position,
      option.label,
    ]);
  }
}
