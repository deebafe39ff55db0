import type {Queryable} from '../db/db.js';
import type {Text} from '../http/contract.js';

export interface Tenant {
  id: string;
  name: string;
  allowedOrigins: string[];
}

/**
 * Does `origin` match `pattern`? Patterns are exact origins (`https://www.example.fi`) or an origin
 * whose port is `*` (`http://localhost:*`), which matches that scheme and host on any port, or none.
 */
export function originMatches(pattern: string, origin: string): boolean {
  const p = pattern.trim().replace(/\/+$/, '').toLowerCase();
  const o = origin.trim().toLowerCase();
  if (p === o) return true;
  if (!p.endsWith(':*')) return false;
  const base = p.slice(0, -2);
  if (o === base) return true;
  return o.startsWith(base + ':') && /^\d{1,5}$/.test(o.slice(base.length + 1));
}

const CACHE_MS = 10_000;

/** Tenants' allowed origins, cached for at most 10 s, and dropped at once when tenants change (cache/content.ts). */
export class TenantOrigins {
  private cache?: {at: number; byTenant: Map<string, string[]>};

  constructor(private readonly db: Queryable) {}

  clear(): void {
    this.cache = undefined;
  }

  private async load(): Promise<Map<string, string[]>> {
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.byTenant;
    const rows = await this.db.query<{id: string; allowed_origins: string[]}>('select id, allowed_origins from tenants');
    const byTenant = new Map(rows.map((r) => [r.id, r.allowed_origins ?? []]));
    this.cache = {at: Date.now(), byTenant};
    return byTenant;
  }

  /** Allowed for this tenant; for an unknown tenant (undefined), allowed for any tenant. */
  async isAllowed(origin: string, tenantId: string | undefined): Promise<boolean> {
    const byTenant = await this.load();
    const patterns = tenantId === undefined ? [...byTenant.values()].flat() : (byTenant.get(tenantId) ?? []);
    return patterns.some((p) => originMatches(p, origin));
  }
}

export async function insertTenant(db: Queryable, tenant: Tenant): Promise<void> {
  await db.query('insert into tenants (id, name, allowed_origins) values ($1, $2, $3)', [
    tenant.id,
    tenant.name,
    tenant.allowedOrigins,
  ]);
}

export async function insertBranch(db: Queryable, branch: {id: string; tenantId: string; name: Text}): Promise<void> {
  await db.query('insert into branches (id, tenant_id, name) values ($1, $2, $3)', [branch.id, branch.tenantId, branch.name]);
}

export async function tenantExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('select 1 from tenants where id = $1', [id])).length > 0;
}

export async function isBranchOf(db: Queryable, tenantId: string, branchId: string): Promise<boolean> {
  return (await db.query('select 1 from branches where id = $1 and tenant_id = $2', [branchId, tenantId])).length > 0;
}
