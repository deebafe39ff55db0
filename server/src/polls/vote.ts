import type {ContentCache} from '../cache/content.js';
import {withVote, type Counting} from '../counting/counts.js';
import type {Db} from '../db/db.js';
import {idempotent, requestHash, type StoredResponse} from '../http/idempotency.js';
import {Problem, validationProblem, type FieldError} from '../http/problem.js';
import {assertOpen} from '../schedule.js';
import type {Secrets} from '../secrets.js';
import type {Vote, VoteReceipt} from './schema.js';
import {insertVote, pollResults, resultsVisible, type PollRecord} from './store.js';

export interface CastVoteResult extends StoredResponse<VoteReceipt> {
  replayed: boolean;
}

/**
 * The one vote path, shared by the JSON API and the no-JavaScript form: validation against the poll
 * (as read by the request's middleware), then the idempotency key, the vote row and the stored answer
 * in one transaction, so a 2xx means it is stored. No counter row is written: the vote row is counted
 * (counting/counts.ts), so concurrent votes of one poll never wait on each other.
 */
export async function castVote(
  deps: {db: Db; secrets: Secrets; content: ContentCache; counting: Counting},
  request: {poll: PollRecord; vote: Vote; idempotencyKey: string},
): Promise<CastVoteResult> {
  const {db, secrets, content, counting} = deps;
  const {poll, vote} = request;
  const pollId = poll.id;
  // Read outside the transaction (PGlite has a single connection). The counts were read before this
  // transaction began, so they cannot hold this vote: the receipt adds it.
  await secrets.ready();
  const knownBranch = vote.location === undefined || (await content.isBranchOf(poll.tenantId, vote.location));
  const before = resultsVisible(poll, true) ? await counting.poll(pollId, {anyAge: true}) : undefined;
  const result = await db.transaction((tx) =>
    idempotent(tx, {scope: `vote:${pollId}`, key: request.idempotencyKey, hash: requestHash(vote)}, async () => {
      assertOpen('poll', poll);
      const errors = checkChoices(poll, vote);
      if (!knownBranch) {
        errors.push({path: '/location', message: 'Not a known branch of this library'});
      }
      if (errors.length > 0) throw validationProblem(errors);

      const voterHash = await secrets.voterHash(poll.tenantId, vote.voter);
      const stored = await insertVote(tx, {
        pollId,
        voterHash,
        optionIds: vote.optionIds,
        otherText: vote.otherText,
        channel: vote.channel,
        branchId: vote.location,
      });
      if (!stored) throw new Problem('already-voted', {detail: 'Each voter can vote once in a poll.'});

      const receipt: VoteReceipt = {pollId, optionIds: vote.optionIds};
      if (vote.otherText !== undefined) receipt.otherText = vote.otherText;
      if (before) receipt.results = pollResults(poll, withVote(before, vote.optionIds, vote.otherText !== undefined));
      return {status: 201, body: receipt};
    }),
  ).catch(async (error: unknown) => {
    // After the rollback: this voter's vote is in storage, and fresh counts show it.
    if (error instanceof Problem && error.slug === 'already-voted' && before) {
      throw new Problem('already-voted', {detail: error.message, extensions: {results: pollResults(poll, await counting.poll(pollId))}});
    }
    throw error;
  });
  if (!result.replayed) counting.written('poll', pollId);
  await counting.rollups.ifDue('votes');
  return result;
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
