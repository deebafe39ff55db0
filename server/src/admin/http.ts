import {randomBytes} from 'node:crypto';
import {z} from '@hono/zod-openapi';
import type {Context} from 'hono';
import {ID_PATTERN} from '../http/contract.js';
import {Problem, type ProblemSlug} from '../http/problem.js';

/** What the admin API shares: its problems, path parameters, ids, ETags. */
export const NO_STORE = {'Cache-Control': 'no-store'};
export const ADMIN_PROBLEMS: ProblemSlug[] = ['unauthorized', 'csrf-token-invalid', 'forbidden', 'not-found', 'rate-limited', 'method-not-allowed', 'internal'];
export const WRITE_PROBLEMS: ProblemSlug[] = ['validation', 'unsupported-media-type', 'payload-too-large', ...ADMIN_PROBLEMS];
export const EDIT_PROBLEMS: ProblemSlug[] = ['precondition-required', 'precondition-failed', ...WRITE_PROBLEMS];

/** A slug an editor may pick for a poll, rating, idea box, branch or library: lower case, readable in a URL. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,62}[a-z0-9])$/;
export const slugField = (what: string) =>
  z
    .string()
    .regex(SLUG_PATTERN, '3–64 characters of a–z, 0–9 and -, not starting or ending with -')
    .openapi({description: `The ${what}'s id, unique on the whole server; made by the server when absent`});

const pathId = () => z.string().openapi({pattern: ID_PATTERN.source});
export const tenantParams = z.object({tenant: pathId()});
export const tenantIdParams = z.object({tenant: pathId(), id: pathId()});

/** A path id that cannot be an id is simply not found (and never reaches SQL). */
export function idOf(id: string, what: string): string {
  if (!ID_PATTERN.test(id)) throw new Problem('not-found', {detail: `There is no such ${what}.`});
  return id;
}

/** A server-made id: the kind's prefix and 10 random hex digits. */
export const newId = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;

export const etagOf = (version: number) => `"v${version}"`;
export const etagHeaders = (version: number) => ({...NO_STORE, ETag: etagOf(version)});
export const ifMatchHeaders = z.object({
  'If-Match': z.string().optional().openapi({description: 'The ETag of the version being edited (required; 428 without it, 412 when stale)'}),
});

/** 428 without If-Match, 412 when it is not the current version's ETag. */
export function assertIfMatch(c: Context, version: number): void {
  const sent = c.req.header('if-match');
  if (!sent) throw new Problem('precondition-required', {detail: 'Read the current version first and send its ETag in If-Match.'});
  const tags = sent.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes('*') && !tags.includes(etagOf(version))) {
    throw new Problem('precondition-failed', {detail: 'Someone else saved a newer version; load it, then apply your change again.', extensions: {etag: etagOf(version)}});
  }
}

export const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && (error as {code?: string}).code === '23505';

/** For `.catch()` of a create: an id already taken anywhere on the server is a 409 `id-taken`, anything else as it was. */
export const rethrowIdTaken =
  (id: string) =>
  (error: unknown): never => {
    if (isUniqueViolation(error)) throw new Problem('id-taken', {detail: `The id "${id}" is taken on this server; pick another.`});
    throw error;
  };

/** The documented ETag header of an answer that carries a version. */
export const ETAG_HEADER = {ETag: {schema: {type: 'string' as const}}};
