import {batchedStore, type BatchedStore} from '../counting/group-commit.js';
import type {Db, Queryable} from '../db/db.js';
import type {Channel, Text} from '../http/contract.js';
import {scheduleOf, scheduleStatus} from '../schedule.js';
import {libraryDay} from '../tenants/time.js';
import type {StoredRow} from '../http/idempotency.js';
import {SCALE_RANGES, type CommentMode, type RatingView, type ResponseReceipt, type Scale} from './schema.js';

/** A rating as stored. */
export interface RatingRecord {
  id: string;
  tenantId: string;
  question: Text;
  scale: Scale;
  commentMode: CommentMode;
  lowThreshold: number | null;
  commentMaxLength: number;
  /** The owning library's time zone: its day is the web's once-a-day limit. */
  timeZone: string;
  opensAt: Date;
  closesAt: Date | null;
  /** Archived by its library: no longer public (410). */
  archived: boolean;
}

interface RatingRow {
  id: string;
  tenant_id: string;
  question: Text;
  scale: Scale;
  comment_mode: CommentMode;
  low_threshold: number | null;
  comment_max_length: number;
  time_zone: string;
  opens_at: Date | string;
  closes_at: Date | string | null;
  archived: boolean;
}

export async function findRating(q: Queryable, id: string): Promise<RatingRecord | undefined> {
  const [row] = await q.query<RatingRow>(
    `select r.id, r.tenant_id, r.question, r.scale, r.comment_mode, r.low_threshold, r.comment_max_length, t.time_zone,
            r.opens_at, r.closes_at, r.archived
       from ratings r join tenants t on t.id = r.tenant_id where r.id = $1`,
    [id],
  );
  if (!row) return undefined;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    question: row.question,
    scale: row.scale,
    commentMode: row.comment_mode,
    lowThreshold: row.low_threshold === null ? null : Number(row.low_threshold),
    commentMaxLength: Number(row.comment_max_length),
    timeZone: row.time_zone,
    ...scheduleOf(row),
    archived: row.archived,
  };
}

export const ratingStatus = scheduleStatus;

/** Whether a comment may come with (or after) this score. */
export function commentAllowed(rating: RatingRecord, score: number): boolean {
  switch (rating.commentMode) {
    case 'off':
      return false;
    case 'always':
      return true;
    case 'after-low':
      return rating.lowThreshold !== null && score <= rating.lowThreshold;
  }
}

export function ratingView(rating: RatingRecord, now = new Date()): RatingView {
  const view: RatingView = {
    id: rating.id,
    question: rating.question,
    scale: rating.scale,
    scores: {min: SCALE_RANGES[rating.scale].min, max: SCALE_RANGES[rating.scale].max},
    comment: rating.commentMode,
    commentMaxLength: rating.commentMaxLength,
    timeZone: rating.timeZone,
    status: ratingStatus(rating, now),
    opensAt: rating.opensAt.toISOString(),
  };
  if (rating.commentMode === 'after-low' && rating.lowThreshold !== null) view.lowThreshold = rating.lowThreshold;
  if (rating.closesAt) view.closesAt = rating.closesAt.toISOString();
  return view;
}

export interface StoredResponse {
  responseId: string;
  voterHash: string;
  score: number;
  comment: string | null;
}

export async function findResponse(q: Queryable, ratingId: string, responseId: string): Promise<StoredResponse | undefined> {
  const [row] = await q.query<{response_id: string; voter_hash: string; score: number; comment: string | null}>(
    'select response_id, voter_hash, score, comment from rating_responses where rating_id = $1 and response_id = $2',
    [ratingId, responseId],
  );
  return row && {responseId: row.response_id, voterHash: row.voter_hash, score: Number(row.score), comment: row.comment};
}

export interface NewResponse {
  ratingId: string;
  responseId: string;
  voterHash: string;
  score: number;
  comment?: string;
  channel: Channel;
  branchId?: string;
  /** The UI language it was given in. */
  lang?: string;
}

/** The library's day a web or qr response counts for; kiosk responses are not limited. */
export const voterDay = (voterHash: string, channel: Channel, timeZone: string, now = new Date()): string | null =>
  channel === 'kiosk' ? null : `${voterHash}:${libraryDay(now, timeZone)}`;

/**
 * Inserts the response unless its id or this voter's day is taken; the unique indexes decide without
 * aborting the transaction. Returns whether it was stored.
 */
export async function insertResponse(q: Queryable, response: NewResponse, timeZone: string, now = new Date()): Promise<boolean> {
  const rows = await q.query(
    `insert into rating_responses (rating_id, response_id, voter_hash, voter_day, score, comment, channel, branch_id, lang)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict do nothing
     returning id`,
    [
      response.ratingId,
      response.responseId,
      response.voterHash,
      voterDay(response.voterHash, response.channel, timeZone, now),
      response.score,
      response.comment ?? null,
      response.channel,
      response.branchId ?? null,
      response.lang ?? null,
    ],
  );
  return rows.length > 0;
}

/** One response to store, as migration 009's kirjasto_store_rating_responses takes it (JSON: nulls absent). */
export interface ResponseWrite {
  scope: string;
  key: string;
  hash: string;
  response: ResponseReceipt;
  ratingId: string;
  responseId: string;
  voterHash: string;
  /** voterDay(): absent for kiosk responses. */
  voterDay?: string;
  score: number;
  comment?: string;
  channel: Channel;
  branchId?: string;
  lang?: string;
}

/** What storeResponse and the batch take: the key, the answer and the row, with the voter's day worked out. */
export function responseWrite(
  key: {scope: string; key: string; hash: string},
  receipt: ResponseReceipt,
  response: NewResponse,
  timeZone: string,
  now = new Date(),
): ResponseWrite {
  const day = voterDay(response.voterHash, response.channel, timeZone, now);
  return {
    ...key,
    response: receipt,
    ratingId: response.ratingId,
    responseId: response.responseId,
    voterHash: response.voterHash,
    ...(day !== null ? {voterDay: day} : {}),
    score: response.score,
    ...(response.comment !== undefined ? {comment: response.comment} : {}),
    channel: response.channel,
    ...(response.branchId !== undefined ? {branchId: response.branchId} : {}),
    ...(response.lang !== undefined ? {lang: response.lang} : {}),
  };
}

/**
 * The idempotency key with its answer and the response row, in one statement and so one commit. Returns
 * the stored row of a key already used; throws what isRefusedRow recognises when the response id or this
 * voter's day is taken.
 */
export async function storeResponse(q: Queryable, write: ResponseWrite): Promise<StoredRow<ResponseReceipt>> {
  const [row] = await q.query<StoredRow<ResponseReceipt>>(
    'select * from kirjasto_store_rating_response($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)',
    [
      write.scope,
      write.key,
      write.hash,
      write.response,
      write.ratingId,
      write.responseId,
      write.voterHash,
      write.voterDay ?? null,
      write.score,
      write.comment ?? null,
      write.channel,
      write.branchId ?? null,
      write.lang ?? null,
    ],
  );
  return row!;
}

/** storeResponse with group commit: concurrent responses share one statement and one commit. */
export const responseStore = (db: Db): BatchedStore<ResponseWrite, ResponseReceipt> =>
  batchedStore(db, 'kirjasto_store_rating_responses', (write) => storeResponse(db, write));

/** Sets the comment if there is none yet; returns whether it did. */
export async function attachComment(q: Queryable, ratingId: string, responseId: string, comment: string): Promise<boolean> {
  const rows = await q.query(
    `update rating_responses set comment = $3
      where rating_id = $1 and response_id = $2 and comment is null
     returning id`,
    [ratingId, responseId, comment],
  );
  return rows.length > 0;
}

export interface NewRating {
  id: string;
  tenantId: string;
  question: Text;
  scale: Scale;
  commentMode?: CommentMode;
  lowThreshold?: number;
  commentMaxLength?: number;
  opensAt?: Date;
  closesAt?: Date | null;
}

export async function insertRating(q: Queryable, rating: NewRating): Promise<void> {
  await q.query(
    `insert into ratings (id, tenant_id, question, scale, comment_mode, low_threshold, comment_max_length, opens_at, closes_at)
     values ($1, $2, $3, $4, $5, $6, $7, coalesce($8::timestamptz, now()), $9::timestamptz)`,
    [
      rating.id,
      rating.tenantId,
      rating.question,
      rating.scale,
      rating.commentMode ?? 'off',
      rating.lowThreshold ?? null,
      rating.commentMaxLength ?? 500,
      rating.opensAt?.toISOString() ?? null,
      rating.closesAt?.toISOString() ?? null,
    ],
  );
}
