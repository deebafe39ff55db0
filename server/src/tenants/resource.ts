import type {Context} from 'hono';
import type {Queryable} from '../db/db.js';
import {ID_PATTERN} from '../polls/schema.js';

/**
 * Which tenant owns the resource a public API path names, for CORS and origin checks. Each domain
 * adds its paths here: a pattern whose first group is the id, and a lookup of that id's tenant.
 */
export interface ResourceOwner {
  path: RegExp;
  tenantOf: (q: Queryable, id: string) => Promise<string | undefined>;
}

export async function resourceTenant(owners: readonly ResourceOwner[], q: Queryable, c: Context): Promise<string | undefined> {
  for (const owner of owners) {
    const match = owner.path.exec(c.req.path);
    if (!match) continue;
    let id: string;
    try {
      id = decodeURIComponent(match[1]!);
    } catch {
      return undefined;
    }
    return ID_PATTERN.test(id) ? owner.tenantOf(q, id) : undefined;
  }
  return undefined;
}
