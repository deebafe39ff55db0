import {randomBytes, timingSafeEqual} from 'node:crypto';
import type {Context} from 'hono';
import type {Queryable} from '../db/db.js';
import {Problem} from '../http/problem.js';
import type {Secrets} from '../secrets.js';
import type {Role} from './roles.js';

/** An API token as its tenant's owners see it: never the token itself, which is shown once. */
export interface ApiToken {
  id: string;
  tenantId: string;
  name: string;
  roles: Role[];
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const TOKEN_PATTERN = /^[A-Za-z0-9._~+/-]{16,256}=*$/;

/** What we store instead of the token: an HMAC under the server pepper. */
export const tokenHash = async (secrets: Secrets, token: string) => (await secrets.mac(`tenant-token:${token}`)).toString('hex');

const newTokenId = () => `tok-${randomBytes(8).toString('hex')}`;

/** Stores a token for the tenant and returns it with its id (the token is shown once; only its hash is kept). */
export async function createApiToken(
  db: Queryable,
  secrets: Secrets,
  spec: {tenantId: string; name: string; roles: readonly Role[]; createdBy: string; token?: string},
): Promise<{id: string; token: string}> {
  const token = spec.token ?? `kt_${randomBytes(24).toString('base64url')}`;
  const hash = await tokenHash(secrets, token);
  const [row] = await db.query<{id: string}>(
    `insert into tenant_tokens (token_hash, id, tenant_id, label, roles, created_by) values ($1, $2, $3, $4, $5, $6)
     on conflict (token_hash) do update set revoked_at = tenant_tokens.revoked_at
     returning id`,
    [hash, newTokenId(), spec.tenantId, spec.name, [...spec.roles], spec.createdBy],
  );
  return {id: row!.id, token};
}

/**
 * A new secret for an existing, unrevoked token (a create replayed by its Idempotency-Key: the first
 * secret was never stored in clear, so it cannot be shown again). Undefined when it is revoked or gone.
 */
export async function reissueApiToken(db: Queryable, secrets: Secrets, tenantId: string, id: string): Promise<string | undefined> {
  const token = `kt_${randomBytes(24).toString('base64url')}`;
  const rows = await db.query('update tenant_tokens set token_hash = $3 where tenant_id = $1 and id = $2 and revoked_at is null returning id', [tenantId, id, await tokenHash(secrets, token)]);
  return rows.length > 0 ? token : undefined;
}

/** A moderator's token (the moderation API's original kind), as tests and the demo make them. */
export const createTenantToken = async (db: Queryable, secrets: Secrets, tenant: {tenantId: string; label: string; token?: string}) =>
  (await createApiToken(db, secrets, {tenantId: tenant.tenantId, name: tenant.label, roles: ['moderator'], createdBy: 'system', token: tenant.token})).token;

/** The demo tenant's token: derived from the pepper, so it is the same at every start of one database. */
export async function demoModerationToken(secrets: Secrets): Promise<string> {
  return `demo-${(await secrets.mac('demo-moderation-token')).toString('base64url').slice(0, 32)}`;
}

/** Ensures the demo tenant's moderator token exists (when the tenant does) and returns it. */
export async function ensureDemoModerationToken(db: Queryable, secrets: Secrets): Promise<string | undefined> {
  if ((await db.query("select 1 from tenants where id = 'demo'")).length === 0) return undefined;
  return createTenantToken(db, secrets, {tenantId: 'demo', label: 'demo moderator', token: await demoModerationToken(secrets)});
}

interface TokenRow {
  id: string;
  token_hash: string;
  tenant_id: string;
  label: string;
  roles: Role[];
  created_by: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}

const date = (value: Date | string | null) => (value === null ? null : new Date(value));
const tokenOf = (row: TokenRow): ApiToken => ({
  id: row.id,
  tenantId: row.tenant_id,
  name: row.label,
  roles: row.roles,
  createdBy: row.created_by,
  createdAt: new Date(row.created_at),
  lastUsedAt: date(row.last_used_at),
  revokedAt: date(row.revoked_at),
});

export async function listTokens(db: Queryable, tenantId: string): Promise<ApiToken[]> {
  const rows = await db.query<TokenRow>('select * from tenant_tokens where tenant_id = $1 order by created_at desc, id', [tenantId]);
  return rows.map(tokenOf);
}

/** Revokes a token of the tenant; returns it as it was before, or undefined when there is none. */
export async function revokeToken(db: Queryable, tenantId: string, id: string): Promise<ApiToken | undefined> {
  const [row] = await db.query<TokenRow>('select * from tenant_tokens where tenant_id = $1 and id = $2 for update', [tenantId, id]);
  if (!row) return undefined;
  await db.query('update tenant_tokens set revoked_at = coalesce(revoked_at, now()) where id = $1', [id]);
  return tokenOf(row);
}

export const unauthorized = (detail: string) =>
  new Problem('unauthorized', {detail, headers: {'WWW-Authenticate': 'Bearer realm="kirjasto-admin"'}});

/** `Authorization: Bearer <token>` to a live token, or 401 unauthorized. */
export async function authenticateToken(c: Context, db: Queryable, secrets: Secrets): Promise<ApiToken> {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer +(\S+)$/i.exec(header.trim());
  if (!match) throw unauthorized('Send Authorization: Bearer <API token>, or sign in.');
  const token = match[1]!;
  if (!TOKEN_PATTERN.test(token)) throw unauthorized('The token is not valid.');
  const hash = await tokenHash(secrets, token);
  const [row] = await db.query<TokenRow>('select * from tenant_tokens where token_hash = $1', [hash]);
  // The lookup is by a keyed hash; the compare is constant-time all the same.
  const expected = Buffer.from(row?.token_hash ?? '0'.repeat(hash.length), 'hex');
  if (!row || !timingSafeEqual(expected, Buffer.from(hash, 'hex')) || row.revoked_at !== null) throw unauthorized('The token is not valid.');
  // At most one write a minute per token: the read path stays a read.
  await db.query("update tenant_tokens set last_used_at = now() where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')", [row.id]);
  return tokenOf(row);
}
