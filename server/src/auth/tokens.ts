import {randomBytes, timingSafeEqual} from 'node:crypto';
import type {Context} from 'hono';
import type {Queryable} from '../db/db.js';
import {Problem} from '../http/problem.js';
import type {Secrets} from '../secrets.js';

/** Who is acting: a tenant, and the label of the token used (the audit log's actor). */
export interface Moderator {
  tenantId: string;
  label: string;
}

const TOKEN_PATTERN = /^[A-Za-z0-9._~+/-]{16,256}=*$/;

/** What we store instead of the token: an HMAC under the server pepper. */
export const tokenHash = async (secrets: Secrets, token: string) => (await secrets.mac(`tenant-token:${token}`)).toString('hex');

/** Stores a token for the tenant and returns it (shown once; only its hash is kept). */
export async function createTenantToken(
  db: Queryable,
  secrets: Secrets,
  tenant: {tenantId: string; label: string; token?: string},
): Promise<string> {
  const token = tenant.token ?? randomBytes(24).toString('base64url');
  await db.query(
    `insert into tenant_tokens (token_hash, tenant_id, label) values ($1, $2, $3)
     on conflict (token_hash) do nothing`,
    [await tokenHash(secrets, token), tenant.tenantId, tenant.label],
  );
  return token;
}

/** The demo tenant's token: derived from the pepper, so it is the same at every start of one database. */
export async function demoModerationToken(secrets: Secrets): Promise<string> {
  return `demo-${(await secrets.mac('demo-moderation-token')).toString('base64url').slice(0, 32)}`;
}

/** Ensures the demo tenant's token exists (when the tenant does) and returns it. */
export async function ensureDemoModerationToken(db: Queryable, secrets: Secrets): Promise<string | undefined> {
  if ((await db.query("select 1 from tenants where id = 'demo'")).length === 0) return undefined;
  return createTenantToken(db, secrets, {tenantId: 'demo', label: 'demo moderator', token: await demoModerationToken(secrets)});
}

const unauthorized = (detail: string) =>
  new Problem('unauthorized', {detail, headers: {'WWW-Authenticate': 'Bearer realm="kirjasto-admin"'}});

/** `Authorization: Bearer <token>` to a tenant, or 401 unauthorized. */
export async function authenticate(c: Context, db: Queryable, secrets: Secrets): Promise<Moderator> {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer +(\S+)$/i.exec(header.trim());
  if (!match) throw unauthorized('Send Authorization: Bearer <moderation token>.');
  const token = match[1]!;
  if (!TOKEN_PATTERN.test(token)) throw unauthorized('The token is not valid.');
  const hash = await tokenHash(secrets, token);
  const [row] = await db.query<{token_hash: string; tenant_id: string; label: string}>(
    'select token_hash, tenant_id, label from tenant_tokens where token_hash = $1',
    [hash],
  );
  // The lookup is by a keyed hash; the compare is constant-time all the same.
  const expected = Buffer.from(row?.token_hash ?? '0'.repeat(hash.length), 'hex');
  if (!row || !timingSafeEqual(expected, Buffer.from(hash, 'hex'))) throw unauthorized('The token is not valid.');
  return {tenantId: row.tenant_id, label: row.label};
}
