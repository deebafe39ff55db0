import {createHash} from 'node:crypto';
import type {Queryable} from '../db/db.js';
import {IDEMPOTENCY_KEY_PATTERN} from './contract.js';
import {Problem, validationProblem} from './problem.js';

/** The key of a page form post (the JSON API declares its header in the route). */
export function requireIdempotencyKey(value: string | undefined | null): string {
  if (value === undefined || value === null || value === '') {
    throw validationProblem([{path: 'Idempotency-Key', message: 'The Idempotency-Key header is required'}]);
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(value)) {
    throw validationProblem([
      {path: 'Idempotency-Key', message: 'Must be 8–128 characters of A–Z, a–z, 0–9, _ . : and -'},
    ]);
  }
  return value;
}

/** JSON with object keys sorted, so equal requests hash equally. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const requestHash = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

export interface StoredResponse<T = unknown> {
  status: number;
  body: T;
}

/**
 * Runs `fn` once per (scope, key), inside the caller's transaction. A repeat with the same request gets
 * the stored response; with a different request, 422. On PostgreSQL a concurrent duplicate waits on the
 * primary key until the first commits (then replays) or rolls back (then runs). If `fn` throws, the
 * caller's transaction rolls back and the key is not kept.
 */
export async function idempotent<T>(
  tx: Queryable,
  request: {scope: string; key: string; hash: string},
  fn: () => Promise<StoredResponse<T>>,
): Promise<StoredResponse<T> & {replayed: boolean}> {
  const inserted = await tx.query(
    `insert into idempotency_keys (scope, key, request_hash) values ($1, $2, $3)
     on conflict (scope, key) do nothing returning key`,
    [request.scope, request.key, request.hash],
  );
  if (inserted.length === 0) {
    const [stored] = await tx.query<{request_hash: string; status: number | null; response: T}>(
      'select request_hash, status, response from idempotency_keys where scope = $1 and key = $2',
      [request.scope, request.key],
    );
    if (!stored || stored.request_hash !== request.hash || stored.status === null) {
      throw new Problem('idempotency-key-reused', {
        detail: 'This Idempotency-Key was used for a different request; make a new key for a new request.',
      });
    }
    return {status: stored.status, body: stored.response, replayed: true};
  }
  const response = await fn();
  await tx.query('update idempotency_keys set status = $3, response = $4 where scope = $1 and key = $2', [
    request.scope,
    request.key,
    response.status,
    response.body,
  ]);
  return {...response, replayed: false};
}

/** What a one-statement write (migration 006's kirjasto_store_*) answers. */
export interface StoredRow<T> {
  replayed: boolean;
  request_hash: string;
  status: number | null;
  response: T;
}

/** The stored answer to a key already used: the same request gets it again; another request, 422. */
export function replayOf<T>(stored: Pick<StoredRow<T>, 'request_hash' | 'status' | 'response'>, hash: string): StoredResponse<T> & {replayed: true} {
  if (stored.request_hash !== hash || stored.status === null) {
    throw new Problem('idempotency-key-reused', {
      detail: 'This Idempotency-Key was used for a different request; make a new key for a new request.',
    });
  }
  return {status: stored.status, body: stored.response, replayed: true};
}

/** The stored answer for (scope, key), if the key was used: checked before refusing a request as invalid. */
export async function storedReplay<T>(q: Queryable, request: {scope: string; key: string; hash: string}): Promise<(StoredResponse<T> & {replayed: true}) | undefined> {
  const [stored] = await q.query<StoredRow<T>>('select request_hash, status, response from idempotency_keys where scope = $1 and key = $2', [
    request.scope,
    request.key,
  ]);
  return stored ? replayOf(stored, request.hash) : undefined;
}

/** Whether `error` is the refusal a kirjasto_store_* function raises for a row the unique indexes refused. */
export const isRefusedRow = (error: unknown) => (error as {code?: string} | null)?.code === 'KV409';
