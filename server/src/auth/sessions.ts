import {randomBytes, timingSafeEqual} from 'node:crypto';
import type {Queryable} from '../db/db.js';
import type {Secrets} from '../secrets.js';

/** The staff session cookie: its own name, so it never mixes with a site's cookies on the same host. */
export const SESSION_COOKIE = 'kirjasto_session';
/** Sent only to the admin API: the widgets' endpoints and pages never see it. */
export const SESSION_COOKIE_PATH = '/api/v1/admin';

export interface SessionPolicy {
  /** Signed out after this long without a request. */
  idleMs: number;
  /** Signed out this long after signing in, however active. */
  maxMs: number;
}

export interface Session {
  idHash: string;
  userId: string;
  createdAt: Date;
  /** Set for a session from a library's OpenID provider: it acts in that library only. */
  tenantScope: string | null;
}

const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;
const TOUCH_EVERY_MS = 60_000;

const hashOf = async (secrets: Secrets, id: string) => (await secrets.mac(`session:${id}`)).toString('hex');

/** A new session for the user: returns the cookie value (only its hash is stored). */
export async function createSession(db: Queryable, secrets: Secrets, userId: string, tenantScope: string | null = null): Promise<{cookie: string; idHash: string}> {
  const cookie = randomBytes(32).toString('base64url');
  const idHash = await hashOf(secrets, cookie);
  await db.query('insert into sessions (id_hash, user_id, tenant_scope) values ($1, $2, $3)', [idHash, userId, tenantScope]);
  return {cookie, idHash};
}

/** The live session the cookie names; an expired one is deleted. Keeps `last_seen_at` to the minute. */
export async function findSession(db: Queryable, secrets: Secrets, cookie: string, policy: SessionPolicy, now = new Date()): Promise<Session | undefined> {
  if (!COOKIE_VALUE.test(cookie)) return undefined;
  const idHash = await hashOf(secrets, cookie);
  const [row] = await db.query<{user_id: string; created_at: Date | string; last_seen_at: Date | string; tenant_scope: string | null}>(
    'select user_id, created_at, last_seen_at, tenant_scope from sessions where id_hash = $1',
    [idHash],
  );
  if (!row) return undefined;
  const createdAt = new Date(row.created_at);
  const lastSeen = new Date(row.last_seen_at);
  if (now.getTime() - lastSeen.getTime() > policy.idleMs || now.getTime() - createdAt.getTime() > policy.maxMs) {
    await db.query('delete from sessions where id_hash = $1', [idHash]);
    return undefined;
  }
  if (now.getTime() - lastSeen.getTime() > TOUCH_EVERY_MS) {
    await db.query('update sessions set last_seen_at = $2 where id_hash = $1', [idHash, now.toISOString()]);
  }
  return {idHash, userId: row.user_id, createdAt, tenantScope: row.tenant_scope};
}

export async function deleteSession(db: Queryable, idHash: string): Promise<void> {
  await db.query('delete from sessions where id_hash = $1', [idHash]);
}

/** Sign-out everywhere; also after a password change or removal from every library. */
export async function deleteUserSessions(db: Queryable, userId: string): Promise<number> {
  return (await db.query('delete from sessions where user_id = $1 returning 1', [userId])).length;
}

/** The session's CSRF token: derived from it, so nothing more is stored, and useless without the cookie. */
export const csrfToken = async (secrets: Secrets, idHash: string) => (await secrets.mac(`csrf:${idHash}`)).toString('base64url');

export async function csrfMatches(secrets: Secrets, idHash: string, sent: string | undefined): Promise<boolean> {
  if (!sent) return false;
  const expected = Buffer.from(await csrfToken(secrets, idHash));
  const actual = Buffer.from(sent);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** `Set-Cookie` for a new session (no Max-Age: closing the browser on a shared desk signs out). */
export const sessionCookie = (value: string, secure: boolean) =>
  `${SESSION_COOKIE}=${value}; Path=${SESSION_COOKIE_PATH}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;

export const clearedSessionCookie = (secure: boolean) =>
  `${SESSION_COOKIE}=; Path=${SESSION_COOKIE_PATH}; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
