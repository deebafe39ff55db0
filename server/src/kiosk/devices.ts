import {randomBytes} from 'node:crypto';
import type {Context} from 'hono';
import type {Queryable} from '../db/db.js';
import type {Channel} from '../http/contract.js';
import type {KioskDevice} from '../http/context.js';
import type {Secrets} from '../secrets.js';

/** The header a registered kiosk sends its token in, on every write. */
export const KIOSK_HEADER = 'Kirjasto-Kiosk';
const TOKEN_PATTERN = /^kk_[A-Za-z0-9_-]{43}$/;

/** A registered kiosk as its library's owners see it: never its token, which only the kiosk holds. */
export interface KioskDeviceRecord {
  id: string;
  tenantId: string;
  label: string;
  branchId: string | null;
  createdAt: Date;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
}

interface Row {
  id: string;
  tenant_id: string;
  label: string;
  branch_id: string | null;
  created_at: Date | string;
  last_seen_at: Date | string | null;
  revoked_at: Date | string | null;
}

const date = (value: Date | string) => (value instanceof Date ? value : new Date(value));
const record = (row: Row): KioskDeviceRecord => ({
  id: row.id,
  tenantId: row.tenant_id,
  label: row.label,
  branchId: row.branch_id,
  createdAt: date(row.created_at),
  lastSeenAt: row.last_seen_at === null ? null : date(row.last_seen_at),
  revokedAt: row.revoked_at === null ? null : date(row.revoked_at),
});
const COLUMNS = 'id, tenant_id, label, branch_id, created_at, last_seen_at, revoked_at';

/** What is stored instead of the token: an HMAC under the server pepper (as for API tokens). */
const kioskTokenHash = async (secrets: Secrets, token: string) => (await secrets.mac(`kiosk-token:${token}`)).toString('hex');

/** Registers a kiosk of the tenant and returns it with its token (shown this once; only its hash is kept). */
export async function registerKiosk(
  q: Queryable,
  secrets: Secrets,
  spec: {tenantId: string; branchId?: string; label?: string},
): Promise<{device: KioskDeviceRecord; token: string}> {
  const token = `kk_${randomBytes(32).toString('base64url')}`;
  const id = `kiosk-${randomBytes(5).toString('hex')}`;
  const label = spec.label ?? `Kiosk ${id.slice(6)}`;
  const [row] = await q.query<Row>(
    `insert into kiosk_devices (id, tenant_id, label, branch_id, token_hash, last_seen_at) values ($1, $2, $3, $4, $5, now()) returning ${COLUMNS}`,
    [id, spec.tenantId, label, spec.branchId ?? null, await kioskTokenHash(secrets, token)],
  );
  return {device: record(row!), token};
}

/** The unrevoked kiosk a token belongs to, noting that it was seen (at most once a minute: no hot row); undefined for any other token. */
export async function findKiosk(q: Queryable, secrets: Secrets, token: string | undefined): Promise<KioskDevice | undefined> {
  if (!token || !TOKEN_PATTERN.test(token)) return undefined;
  const [row] = await q.query<{id: string; tenant_id: string; stale: boolean}>(
    `select id, tenant_id, (last_seen_at is null or last_seen_at < now() - interval '1 minute') as stale
       from kiosk_devices where token_hash = $1 and revoked_at is null`,
    [await kioskTokenHash(secrets, token)],
  );
  if (!row) return undefined;
  if (row.stale) await q.query('update kiosk_devices set last_seen_at = now() where id = $1', [row.id]);
  return {id: row.id, tenantId: row.tenant_id};
}

/** The kiosk a request's `Kirjasto-Kiosk` header names, if valid; the rate limit calls it for writes. */
export const kioskOfRequest = (deps: {db: Queryable; secrets: Secrets}) => (c: Context) => {
  const token = c.req.header(KIOSK_HEADER);
  return token ? findKiosk(deps.db, deps.secrets, token) : Promise.resolve(undefined);
};

/**
 * The channel an answer counts under: `kiosk` only with a valid kiosk token of the answer's own
 * library; an answer that claims `kiosk` without one counts as `web`, with the web's limits.
 */
export function answerChannel(claimed: Channel, device: KioskDevice | undefined, tenantId: string): Channel {
  if (claimed !== 'kiosk') return claimed;
  return device?.tenantId === tenantId ? 'kiosk' : 'web';
}

export async function kioskDevice(q: Queryable, tenantId: string, id: string): Promise<KioskDeviceRecord | undefined> {
  const [row] = await q.query<Row>(`select ${COLUMNS} from kiosk_devices where tenant_id = $1 and id = $2`, [tenantId, id]);
  return row ? record(row) : undefined;
}

export async function listKiosks(q: Queryable, tenantId: string): Promise<KioskDeviceRecord[]> {
  const rows = await q.query<Row>(`select ${COLUMNS} from kiosk_devices where tenant_id = $1 order by created_at, id`, [tenantId]);
  return rows.map(record);
}

/** Revokes a kiosk (its answers count as web from now on); returns it as it was before, undefined if there is none. */
export async function revokeKiosk(q: Queryable, tenantId: string, id: string): Promise<KioskDeviceRecord | undefined> {
  const before = await kioskDevice(q, tenantId, id);
  if (before && before.revokedAt === null) await q.query('update kiosk_devices set revoked_at = now() where tenant_id = $1 and id = $2', [tenantId, id]);
  return before;
}
