import postgres from 'postgres';
import type {Db, Queryable} from './types.js';

type Sql = postgres.Sql | postgres.TransactionSql;

/** PostgreSQL through postgres.js: a connection pool, so several instances can share one database. */
export function openPostgres(url: string, options: {searchPath?: string} = {}): Db {
  const sql = postgres(url, {
    max: 10,
    onnotice: () => {},
    connection: options.searchPath ? {search_path: options.searchPath} : {},
  });
  const wrap = (q: Sql): Queryable => ({
    async query<T>(text: string, params: unknown[] = []) {
      // Prepared: parsed and planned once per connection, one round trip per statement after that.
      const rows = await q.unsafe(text, params as postgres.ParameterOrJSON<never>[], {prepare: true});
      return rows as unknown as T[];
    },
    async exec(text: string) {
      await q.unsafe(text);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(sql),
    transaction: async <T>(fn: (tx: Queryable) => Promise<T>) =>
      (await sql.begin((tx) => fn(wrap(tx)))) as T,
    close: () => sql.end({timeout: 5}),
    async listen(channel, onNotify) {
      // On its own connection; postgres.js reconnects it and calls the third argument each time.
      await sql.listen(channel, onNotify, () => onNotify(''));
    },
  };
}
