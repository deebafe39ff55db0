import {PGlite, type Transaction} from '@electric-sql/pglite';
import {lockDataFolder} from './data-folder.js';
import type {Db, Queryable} from './db.js';

/**
 * Embedded PostgreSQL in a local folder, locked to this process. One connection: PGlite queues
 * concurrent callers itself.
 */
export async function openPglite(dataDir: string): Promise<Db> {
  const lock = await lockDataFolder(dataDir);
  let pg: PGlite;
  try {
    pg = await PGlite.create(lock.path);
  } catch (error) {
    await lock.release();
    throw error;
  }
  const wrap = (q: PGlite | Transaction): Queryable => ({
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await q.query<T>(sql, params);
      return result.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async close() {
      await pg.close();
      await lock.release();
    },
  };
}
