import {z} from '@hono/zod-openapi';
import type {Context} from 'hono';
import type {AdminEnv} from '../auth/principal.js';
import type {Queryable} from '../db/db.js';
import type {AppDeps} from '../deps.js';
import {IDEMPOTENCY_KEY_PATTERN, replayedHeaders} from '../http/contract.js';
import {idempotent, requestHash} from '../http/idempotency.js';

/** The optional header of an admin create: a retry with the same key and body makes nothing twice. */
export const createHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .regex(IDEMPOTENCY_KEY_PATTERN, 'Must be 8–128 characters of A–Z, a–z, 0–9, _ . : and -')
    .optional()
    .openapi({
      description:
        'Optional; a fresh random key per create. A retry with the same key and body (say after a lost answer) gets the first answer again ' +
        'with `Idempotent-Replayed: true` and creates nothing; the same key with another body is 422 `idempotency-key-reused`.',
    }),
});

/** The documented headers of a create's 201. */
export const CREATED_HEADERS = {ETag: {schema: {type: 'string' as const}}, ...replayedHeaders};

/**
 * Runs an admin create in one transaction, once per Idempotency-Key when one is sent (the public
 * machinery of http/idempotency.ts, scoped to the caller and the path). `run` answers what is stored
 * and replayed: never a secret in clear (token and invitation creates mint theirs again on a replay).
 * The request is kept only as an HMAC under the server's pepper, since a body may hold a first password.
 */
export async function createOnce<T>(c: Context<AdminEnv>, deps: AppDeps, body: unknown, run: (tx: Queryable) => Promise<T>): Promise<{value: T; replayed: boolean}> {
  const key = c.req.header('idempotency-key');
  if (!key) return {value: await deps.db.transaction(run), replayed: false};
  const scope = `admin:${c.get('principal').actor}:${c.req.path}`;
  const hash = (await deps.secrets.mac(`admin-request:${requestHash(body)}`)).toString('hex');
  const stored = await deps.db.transaction((tx) => idempotent(tx, {scope, key, hash}, async () => ({status: 201, body: await run(tx)})));
  return {value: stored.body, replayed: stored.replayed};
}

/** The answer's headers: the ETag when it has a version, and `Idempotent-Replayed` on a replay. */
export const createdHeaders = (replayed: boolean, extra: Record<string, string> = {}) => ({
  'Cache-Control': 'no-store',
  ...extra,
  ...(replayed ? {'Idempotent-Replayed': 'true'} : {}),
});
