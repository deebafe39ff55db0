import type {ContentCache} from '../cache/content.js';
import type {Counting} from '../counting/counts.js';
import type {Db} from '../db/db.js';
import {idempotent, requestHash, type StoredResponse} from '../http/idempotency.js';
import {Problem, validationProblem, type FieldError} from '../http/problem.js';
import {assertOpen} from '../schedule.js';
import type {Secrets} from '../secrets.js';
import {SCALE_RANGES, type CommentRequest, type RatingResponse, type ResponseReceipt} from './schema.js';
import {
  attachComment,
  commentAllowed,
  findResponse,
  insertResponse,
  type RatingRecord,
} from './store.js';

export interface RespondResult extends StoredResponse<ResponseReceipt> {
  replayed: boolean;
}

/**
 * The one response path, shared by the JSON API and the no-JavaScript form: validation against the
 * rating (as read by the request's middleware), idempotency and the response row in one transaction,
 * so a 2xx means it is stored. No counter row is written: the response row is counted (counting/counts.ts).
 */
export async function submitResponse(
  deps: {db: Db; secrets: Secrets; content: ContentCache; counting: Counting},
  request: {rating: RatingRecord; response: RatingResponse; idempotencyKey: string},
  now = new Date(),
): Promise<RespondResult> {
  const {db, secrets, content, counting} = deps;
  const {rating, response} = request;
  const ratingId = rating.id;
  // Read outside the transaction: PGlite has a single connection.
  await secrets.ready();
  const knownBranch = response.location === undefined || (await content.isBranchOf(rating.tenantId, response.location));
  const result = await db.transaction((tx) =>
    idempotent(tx, {scope: `rating:${ratingId}`, key: request.idempotencyKey, hash: requestHash(response)}, async () => {
      assertOpen('rating', rating, now);
      const errors = checkScore(rating, response.score);
      if (response.comment !== undefined) errors.push(...checkComment(rating, response.score, response.comment));
      if (!knownBranch) {
        errors.push({path: '/location', message: 'Not a known branch of this library'});
      }
      if (errors.length > 0) throw validationProblem(errors);

      const voterHash = await secrets.voterHash(rating.tenantId, response.voter);
      const row = {
        ratingId,
        responseId: response.responseId,
        voterHash,
        score: response.score,
        comment: response.comment,
        channel: response.channel,
        branchId: response.location,
      };
      if (!(await insertResponse(tx, row, rating.timeZone, now))) {
        if (await findResponse(tx, ratingId, response.responseId)) {
          throw new Problem('response-exists', {detail: `The responseId "${response.responseId}" was already sent with another Idempotency-Key.`});
        }
        throw new Problem('already-rated', {detail: 'Each voter can answer this rating once a day on the web and by QR code.'});
      }

      const receipt: ResponseReceipt = {ratingId, responseId: response.responseId, score: response.score};
      if (response.comment !== undefined) receipt.comment = response.comment;
      return {status: 201, body: receipt};
    }),
  );
  if (!result.replayed) counting.written('rating', ratingId);
  await counting.rollups.ifDue('rating_responses');
  return result;
}

/** A follow-up comment to a response the same voter gave: the widget sends the score first, the words later. */
export async function addComment(
  deps: {db: Db; secrets: Secrets},
  request: {rating: RatingRecord; responseId: string; comment: CommentRequest; idempotencyKey: string},
  now = new Date(),
): Promise<RespondResult> {
  const {db, secrets} = deps;
  const {rating, responseId, comment} = request;
  const ratingId = rating.id;
  await secrets.ready();
  return db.transaction((tx) =>
    idempotent(
      tx,
      {scope: `rating-comment:${ratingId}:${responseId}`, key: request.idempotencyKey, hash: requestHash(comment)},
      async () => {
        const stored = await findResponse(tx, ratingId, responseId);
        const notFound = new Problem('not-found', {detail: `There is no response "${responseId}" of yours to this rating.`});
        if (!stored || stored.voterHash !== (await secrets.voterHash(rating.tenantId, comment.voter))) throw notFound;
        assertOpen('rating', rating, now);
        const errors = checkComment(rating, stored.score, comment.comment);
        if (errors.length > 0) throw validationProblem(errors);
        if (!(await attachComment(tx, ratingId, responseId, comment.comment))) {
          const current = await findResponse(tx, ratingId, responseId);
          if (current?.comment !== comment.comment) {
            throw new Problem('comment-exists', {detail: 'This response already has another comment.'});
          }
        }
        const receipt: ResponseReceipt = {ratingId, responseId, score: stored.score, comment: comment.comment};
        return {status: 200, body: receipt};
      },
    ),
  );
}

function checkScore(rating: RatingRecord, score: number): FieldError[] {
  const {min, max} = SCALE_RANGES[rating.scale];
  return score < min || score > max ? [{path: '/score', message: `Must be ${min}–${max} on the ${rating.scale} scale`}] : [];
}

export function checkComment(rating: RatingRecord, score: number, comment: string): FieldError[] {
  if (!commentAllowed(rating, score)) {
    const message =
      rating.commentMode === 'off'
        ? 'This rating does not take comments'
        : `This rating takes comments only with a score of ${rating.lowThreshold} or less`;
    return [{path: '/comment', message}];
  }
  if (comment.length > rating.commentMaxLength) return [{path: '/comment', message: `At most ${rating.commentMaxLength} characters`}];
  return [];
}
