import type {ContentCache} from '../cache/content.js';
import type {Counting} from '../counting/counts.js';
import type {Db} from '../db/db.js';
import {idempotent, isRefusedRow, replayOf, requestHash, storedReplay, type StoredResponse} from '../http/idempotency.js';
import {Problem, validationProblem, type FieldError} from '../http/problem.js';
import {assertOpen} from '../schedule.js';
import type {Secrets} from '../secrets.js';
import {SCALE_RANGES, type CommentRequest, type RatingResponse, type ResponseReceipt} from './schema.js';
import {
  attachComment,
  commentAllowed,
  findResponse,
  responseWrite,
  type RatingRecord,
} from './store.js';

export interface RespondResult extends StoredResponse<ResponseReceipt> {
  replayed: boolean;
}

/**
 * The one response path, shared by the JSON API and the no-JavaScript form: validation against the
 * rating (as read by the request's middleware), then the idempotency key with its answer and the
 * response row in one statement (migration 006's kirjasto_store_rating_response; concurrent responses
 * share one through group commit, migration 009), answered after its commit, so a 2xx means it is stored. No counter row is written: the response row is counted (counting/counts.ts).
 */
export async function submitResponse(
  deps: {db: Db; secrets: Secrets; content: ContentCache; counting: Counting},
  request: {rating: RatingRecord; response: RatingResponse; idempotencyKey: string},
  now = new Date(),
): Promise<RespondResult> {
  const {db, secrets, content, counting} = deps;
  const {rating, response} = request;
  const ratingId = rating.id;
  const key = {scope: `rating:${ratingId}`, key: request.idempotencyKey, hash: requestHash(response)};

  const refusal = await validate(rating, response, content, now);
  if (refusal) {
    const replay = await storedReplay<ResponseReceipt>(db, key);
    if (replay) return replay;
    throw refusal;
  }

  const voterHash = await secrets.voterHash(rating.tenantId, response.voter);
  const receipt: ResponseReceipt = {ratingId, responseId: response.responseId, score: response.score};
  if (response.comment !== undefined) receipt.comment = response.comment;
  let stored;
  try {
    const row = {ratingId, responseId: response.responseId, voterHash, score: response.score, comment: response.comment, channel: response.channel, branchId: response.location, lang: response.lang};
    stored = await counting.responses.submit(responseWrite(key, receipt, row, rating.timeZone, now));
  } catch (error) {
    if (!isRefusedRow(error)) throw error;
    if (await findResponse(db, ratingId, response.responseId)) {
      throw new Problem('response-exists', {detail: `The responseId "${response.responseId}" was already sent with another Idempotency-Key.`});
    }
    throw new Problem('already-rated', {detail: 'Each voter can answer this rating once a day on the web and by QR code.'});
  }
  if (stored.replayed) return replayOf(stored, key.hash);
  counting.written('rating', ratingId);
  await counting.rollups.ifDue('rating_responses');
  return {status: 201, body: receipt, replayed: false};
}

async function validate(rating: RatingRecord, response: RatingResponse, content: ContentCache, now: Date): Promise<Problem | undefined> {
  try {
    assertOpen('rating', rating, now);
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
  const errors = checkScore(rating, response.score);
  if (response.comment !== undefined) errors.push(...checkComment(rating, response.score, response.comment));
  if (response.location !== undefined && !(await content.isBranchOf(rating.tenantId, response.location))) {
    errors.push({path: '/location', message: 'Not a known branch of this library'});
  }
  return errors.length > 0 ? validationProblem(errors) : undefined;
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
