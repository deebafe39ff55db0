import type {Queryable} from '../db/db.js';
import {scheduleOf, scheduleStatus} from '../schedule.js';
import {OTHER_TEXT_MAX, type Channel, type PollView, type Results, type ResultsVisibility, type Text} from './schema.js';

/** A poll as stored, with its options and counters. */
export interface PollRecord {
  id: string;
  tenantId: string;
  question: Text;
  maxChoices: number;
  allowOther: boolean;
  resultsVisibility: ResultsVisibility;
  opensAt: Date;
  closesAt: Date | null;
  voteCount: number;
  otherCount: number;
  options: {id: string; label: Text; count: number}[];
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
  vote_count: number;
  other_count: number;
  options: {id: string; label: Text; count: number}[] | null;
}

// One query, reading counters only: results never scan votes.
const SELECT_POLL = `
  select p.id, p.tenant_id, p.question, p.max_choices, p.allow_other, p.results_visibility,
         p.opens_at, p.closes_at, p.vote_count, p.other_count,
         (select json_agg(json_build_object('id', o.id, 'label', o.label, 'count', o.vote_count) order by o.position, o.id)
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
    voteCount: Number(row.vote_count),
    otherCount: Number(row.other_count),
    options: (row.options ?? []).map((o) => ({id: o.id, label: o.label, count: Number(o.count)})),
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

export const pollResults = (poll: PollRecord): Results => ({
  total: poll.voteCount,
  options: poll.options.map((o) => ({id: o.id, count: o.count})),
  otherCount: poll.otherCount,
});

/** The public view; results only when everyone may see them. */
export function pollView(poll: PollRecord, now = new Date()): PollView {
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
  if (resultsVisible(poll, false, now)) view.results = pollResults(poll);
  return view;
}

export async function hasVoted(q: Queryable, pollId: string, voterHash: string): Promise<boolean> {
  return (await q.query('select 1 from votes where poll_id = $1 and voter_hash = $2', [pollId, voterHash])).length > 0;
}

/** Inserts the vote unless this voter already voted; the unique index decides, without aborting the transaction. */
export async function insertVote(
  q: Queryable,
  vote: {pollId: string; voterHash: string; optionIds: string[]; otherText?: string; channel: Channel; branchId?: string},
): Promise<boolean> {
  const rows = await q.query(
    `insert into votes (poll_id, voter_hash, option_ids, other_text, channel, branch_id)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (poll_id, voter_hash) do nothing
     returning id`,
    [vote.pollId, vote.voterHash, vote.optionIds, vote.otherText ?? null, vote.channel, vote.branchId ?? null],
  );
  return rows.length > 0;
}

/** Counters, in the same transaction as the vote insert. */
export async function countVote(q: Queryable, pollId: string, optionIds: string[], hasOther: boolean): Promise<void> {
  await q.query('update polls set vote_count = vote_count + 1, other_count = other_count + $2 where id = $1', [
    pollId,
    hasOther ? 1 : 0,
  ]);
  if (optionIds.length > 0) {
    await q.query('update poll_options set vote_count = vote_count + 1 where poll_id = $1 and id = any($2::text[])', [
      pollId,
      optionIds,
    ]);
  }
}

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
