import type {ContentCache} from '../cache/content.js';
import {withVote, type Counting} from '../counting/counts.js';
import type {Db} from '../db/db.js';
import {isRefusedRow, replayOf, requestHash, storedReplay, type StoredResponse} from '../http/idempotency.js';
import {Problem, validationProblem, type FieldError} from '../http/problem.js';
import {assertOpen} from '../schedule.js';
import type {Secrets} from '../secrets.js';
import type {Vote, VoteReceipt} from './schema.js';
import {pollResults, resultsVisible, type PollRecord} from './store.js';

export interface CastVoteResult extends StoredResponse<VoteReceipt> {
  replayed: boolean;
}

/**
 * The one vote path, shared by the JSON API and the no-JavaScript form: validation against the poll
 * (as read by the request's middleware), then the idempotency key with its answer and the vote row in
 * one statement (migration 006's kirjasto_store_vote; concurrent votes share one, migration 009's
 * kirjasto_store_votes, through group commit), answered after its commit, so a 2xx means it is stored.
 * No counter row is written: the vote row is counted (counting/counts.ts), so concurrent votes never
 * wait on each other.
 */
export async function castVote(
  deps: {db: Db; secrets: Secrets; content: ContentCache; counting: Counting},
  request: {poll: PollRecord; vote: Vote; idempotencyKey: string},
): Promise<CastVoteResult> {
  const {db, secrets, content, counting} = deps;
  const {poll, vote} = request;
  const pollId = poll.id;
  const key = {scope: `vote:${pollId}`, key: request.idempotencyKey, hash: requestHash(vote)};

  const refusal = await validate(poll, vote, content);
  if (refusal) {
    const replay = await storedReplay<VoteReceipt>(db, key);
    if (replay) return replay;
    throw refusal;
  }

  // The counts were read before this vote was written, so they cannot hold it: the receipt adds it.
  const before = resultsVisible(poll, true) ? await counting.poll(pollId, {anyAge: true}) : undefined;
  const receipt: VoteReceipt = {pollId, optionIds: vote.optionIds};
  if (vote.otherText !== undefined) receipt.otherText = vote.otherText;
  if (before) receipt.results = pollResults(poll, withVote(before, vote.optionIds, vote.otherText !== undefined));

  const voterHash = await secrets.voterHash(poll.tenantId, vote.voter);
  let stored;
  try {
    stored = await counting.votes.submit({
      ...key,
      response: receipt,
      pollId,
      voterHash,
      optionIds: vote.optionIds,
      ...(vote.otherText !== undefined ? {otherText: vote.otherText} : {}),
      channel: vote.channel,
      ...(vote.location !== undefined ? {branchId: vote.location} : {}),
      ...(vote.lang !== undefined ? {lang: vote.lang} : {}),
    });
  } catch (error) {
    if (!isRefusedRow(error)) throw error;
    // This voter's earlier vote is in storage: fresh counts show it.
    const extensions = before ? {results: pollResults(poll, await counting.poll(pollId))} : {};
    throw new Problem('already-voted', {detail: 'Each voter can vote once in a poll.', extensions});
  }
  if (stored.replayed) return replayOf(stored, key.hash);
  counting.written('poll', pollId);
  await counting.rollups.ifDue('votes');
  return {status: 201, body: receipt, replayed: false};
}

/** Why this vote cannot be taken, if it cannot; a replay of a stored answer is answered before this counts. */
async function validate(poll: PollRecord, vote: Vote, content: ContentCache): Promise<Problem | undefined> {
  try {
    assertOpen('poll', poll);
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
  const errors = checkChoices(poll, vote);
  if (vote.location !== undefined && !(await content.isBranchOf(poll.tenantId, vote.location))) {
    errors.push({path: '/location', message: 'Not a known branch of this library'});
  }
  return errors.length > 0 ? validationProblem(errors) : undefined;
}

function checkChoices(poll: PollRecord, vote: Vote): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Set(poll.options.map((o) => o.id));
  const seen = new Set<string>();
  vote.optionIds.forEach((id, i) => {
    if (!known.has(id)) errors.push({path: `/optionIds/${i}`, message: 'Not an option of this poll'});
    else if (seen.has(id)) errors.push({path: `/optionIds/${i}`, message: 'Chosen twice'});
    seen.add(id);
  });
  if (vote.otherText !== undefined && !poll.allowOther) {
    errors.push({path: '/otherText', message: 'This poll does not take free-text answers'});
  }
  const choices = vote.optionIds.length + (vote.otherText !== undefined && poll.allowOther ? 1 : 0);
  if (choices === 0) errors.push({path: '/optionIds', message: 'Choose at least one option'});
  if (choices > poll.maxChoices) {
    errors.push({path: '/optionIds', message: `Choose at most ${poll.maxChoices}`});
  }
  return errors;
}
