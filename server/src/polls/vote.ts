import type {Db} from '../db/db.js';
import {idempotent, requestHash, type StoredResponse} from '../http/idempotency.js';
import {Problem, validationProblem, type FieldError} from '../http/problem.js';
import {assertOpen} from '../schedule.js';
import type {Secrets} from '../secrets.js';
import {isBranchOf} from '../tenants/store.js';
import type {Vote, VoteReceipt} from './schema.js';
import {countVote, findPoll, insertVote, pollResults, resultsVisible, type PollRecord} from './store.js';

export interface CastVoteResult extends StoredResponse<VoteReceipt> {
  replayed: boolean;
}

/**
 * The one vote path, shared by the JSON API and the no-JavaScript form: validation against the poll
 * (as read by the request's middleware), idempotency, the vote row and the counters all in one
 * transaction, so a 2xx means it is stored.
 */
export async function castVote(
  deps: {db: Db; secrets: Secrets},
  request: {poll: PollRecord; vote: Vote; idempotencyKey: string},
): Promise<CastVoteResult> {
  const {db, secrets} = deps;
  const {poll, vote} = request;
  const pollId = poll.id;
  await secrets.ready(); // the pepper is read outside the transaction: PGlite has a single connection
  return db.transaction((tx) =>
    idempotent(tx, {scope: `vote:${pollId}`, key: request.idempotencyKey, hash: requestHash(vote)}, async () => {
      assertOpen('poll', poll);
      const errors = checkChoices(poll, vote);
      if (vote.location !== undefined && !(await isBranchOf(tx, poll.tenantId, vote.location))) {
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
      if (!stored) {
        const extensions = resultsVisible(poll, true) ? {results: pollResults((await findPoll(tx, pollId))!)} : {};
        throw new Problem('already-voted', {detail: 'Each voter can vote once in a poll.', extensions});
      }
      await countVote(tx, pollId, vote.optionIds, vote.otherText !== undefined);

      const receipt: VoteReceipt = {pollId, optionIds: vote.optionIds};
      if (vote.otherText !== undefined) receipt.otherText = vote.otherText;
      if (resultsVisible(poll, true)) receipt.results = pollResults((await findPoll(tx, pollId))!);
      return {status: 201, body: receipt};
    }),
  );
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
