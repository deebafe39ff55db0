/** What every part of the server uses to reach storage: PGlite and PostgreSQL both implement it. */
export interface Queryable {
  /** One statement with `$1` parameters; rows as plain objects. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDbOptions {
  databaseUrl?: string;
  dataDir: string;
  /** PostgreSQL only: the schema to work in (tests use one per run). */
  searchPath?: string;
  /** PGlite only: where a copy of an empty cluster is kept for making new data folders fast. */
  pgliteTemplateDir?: string;
}

export async function openDb(options: OpenDbOptions): Promise<Db> {
  if (options.databaseUrl) {
    const {openPostgres} = await import('./postgres.js');
    return openPostgres(options.databaseUrl, {searchPath: options.searchPath});
  }
  const {openPglite} = await import('./pglite.js');
  return openPglite(options.dataDir, {templateDir: options.pgliteTemplateDir});
}
