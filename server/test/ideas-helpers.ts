import type {Db} from '../src/db/db.js';
import {createTenantToken} from '../src/auth/tokens.js';
import {issueFormToken} from '../src/ideas/form-token.js';
import {Secrets} from '../src/secrets.js';
import {newKey, newVoter, testConfig} from './helpers.js';

/** A config whose idea limit does not get in the way of many posts from one test client. */
export const ideaConfig = (overrides: Parameters<typeof testConfig>[0] = {}) => testConfig({rateLimitIdeas: 100_000, ...overrides});

/** A form token issued `ageMs` ago (older than the minimum time-to-submit by default). */
export const formToken = (db: Db, boxId: string, ageMs = 10_000) => issueFormToken(new Secrets(db), boxId, Date.now() - ageMs);

export const moderationToken = (db: Db, tenantId: string, label = `moderator of ${tenantId}`) =>
  createTenantToken(db, new Secrets(db), {tenantId, label});

export interface PostOptions {
  key?: string | null;
  headers?: Record<string, string>;
}

export function postIdea(url: string, boxId: string, body: unknown, options: PostOptions = {}) {
  const headers: Record<string, string> = {'Content-Type': 'application/json', ...options.headers};
  const key = options.key === undefined ? newKey() : options.key;
  if (key !== null) headers['Idempotency-Key'] = key;
  return fetch(`${url}/api/v1/idea-boxes/${boxId}/ideas`, {method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body)});
}

/** A valid new idea for `boxId`, with a mature form token. */
export async function newIdea(db: Db, boxId: string, fields: Record<string, unknown> = {}) {
  return {text: `Idea ${newKey()} for the library`, voter: newVoter(), channel: 'web', formToken: await formToken(db, boxId), ...fields};
}

export function support(url: string, ideaId: string, body: unknown, options: PostOptions = {}) {
  const headers: Record<string, string> = {'Content-Type': 'application/json', ...options.headers};
  const key = options.key === undefined ? newKey() : options.key;
  if (key !== null) headers['Idempotency-Key'] = key;
  return fetch(`${url}/api/v1/ideas/${ideaId}/supports`, {method: 'POST', headers, body: JSON.stringify(body)});
}

/** An admin API call; a path not starting with `tenants/` or `session` is the demo library's. */
export function admin(url: string, token: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const full = /^(tenants|session)\b/.test(path) ? path : `tenants/demo/${path}`;
  return fetch(`${url}/api/v1/admin/${full}`, {
    method,
    headers: {
      ...(token !== null ? {Authorization: `Bearer ${token}`} : {}),
      ...(body !== undefined ? {'Content-Type': 'application/json'} : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
