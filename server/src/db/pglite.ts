import {mkdir} from 'node:fs/promises';
import {PGlite, type Transaction} from '@electric-sql/pglite';
import type {Db, Queryable} from './db.js';

/** Embedded PostgreSQL in a local folder. One connection: PGlite queues concurrent callers itself. */
export async function openPglite(dataDir: string): Promise<Db> {
  await mkdir(dataDir, {recursive: true});
  const pg = await PGlite.create(dataDir);
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
    close: () => pg.close(),
  };
}
