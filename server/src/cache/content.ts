import type {Db, Queryable} from '../db/db.js';
import {findBox, type IdeaBoxRecord} from '../ideas/store.js';
import {findPoll, type PollRecord} from '../polls/store.js';
import {findRating, type RatingRecord} from '../ratings/store.js';
import type {TenantOrigins} from '../tenants/store.js';
import {LoadingCache} from './loading-cache.js';

/**
 * The NOTIFY channel of migration 006's triggers on tenants, branches, polls, options, ratings, idea
 * boxes; its payload is the changed table's schema (migration 020).
 */
export const CONTENT_CHANNEL = 'kirjasto_content';

/**
 * A backstop only: a change reaches every instance through NOTIFY within milliseconds. If listening ever
 * failed to start, an instance would still see changes after this long.
 */
export const CONTENT_TTL_MS = 60_000;

/**
 * Polls, ratings, idea boxes and branch lists as stored, read once per instance and kept until any of
 * those tables changes (through any instance, the admin API or plain SQL: the triggers see them all).
 * What read paths and vote validation use instead of a query per request.
 */
export class ContentCache {
  private readonly polls = new LoadingCache<string, PollRecord | undefined>(CONTENT_TTL_MS);
  private readonly ratings = new LoadingCache<string, RatingRecord | undefined>(CONTENT_TTL_MS);
  private readonly boxes = new LoadingCache<string, IdeaBoxRecord | undefined>(CONTENT_TTL_MS);
  private readonly branches = new LoadingCache<string, ReadonlySet<string>>(CONTENT_TTL_MS);
  readonly listening: Promise<void>;

  constructor(
    private readonly db: Db,
    private readonly origins?: TenantOrigins,
  ) {
    this.listening = this.listen().catch((error) => {
      console.error(`kirjasto: cannot LISTEN ${CONTENT_CHANNEL}; cached content may be up to ${CONTENT_TTL_MS / 1000} s old:`, error);
    });
  }

  /**
   * Drops everything on a change in this instance's schema. Channels are per database, and another
   * deployment in another schema of it changes other rows; an empty payload (listening started again
   * after a lost connection, when changes may have been missed) drops everything too.
   */
  private async listen(): Promise<void> {
    const [own] = await this.db.query<{schema: string}>('select current_schema() as schema');
    await this.db.listen(CONTENT_CHANNEL, (schema) => {
      if (!schema || schema === own?.schema) this.clear();
    });
  }

  clear(): void {
    this.polls.clear();
    this.ratings.clear();
    this.boxes.clear();
    this.branches.clear();
    this.origins?.clear();
  }

  poll = (id: string) => this.polls.get(id, () => findPoll(this.db, id));
  rating = (id: string) => this.ratings.get(id, () => findRating(this.db, id));
  box = (id: string) => this.boxes.get(id, () => findBox(this.db, id));

  async isBranchOf(tenantId: string, branchId: string): Promise<boolean> {
    const ids = await this.branches.get(tenantId, async () => {
      const rows = await this.db.query<{id: string}>('select id from branches where tenant_id = $1', [tenantId]);
      return new Set(rows.map((r) => r.id));
    });
    return ids.has(branchId);
  }
}

const CONTENT_WRITE = /\b(?:insert\s+into|update|delete\s+from|truncate(?:\s+table)?)\s+(?:only\s+)?(?:tenants|branches|polls|poll_options|ratings|idea_boxes)\b/i;

/**
 * `db`, telling `onWrite` after each commit that changed cached content through this instance. NOTIFY
 * reaches every instance, but on PostgreSQL it arrives a moment after the commit on its own connection:
 * this makes a read right after a write through the same instance (an admin edit, a new idea changing
 * its box's total) see it.
 */
export function watchContentWrites(db: Db, onWrite: () => void): Db {
  const watch = <Q extends Queryable>(q: Q, wrote: () => void): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const rows = await q.query<T>(sql, params);
      if (CONTENT_WRITE.test(sql)) wrote();
      return rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
      if (CONTENT_WRITE.test(sql)) wrote();
    },
  });
  return {
    ...db,
    ...watch(db, onWrite),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      let wrote = false;
      const result = await db.transaction((tx) => fn(watch(tx, () => (wrote = true))));
      if (wrote) onWrite();
      return result;
    },
  };
}
