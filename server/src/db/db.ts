/** Storage for every part of the server: PGlite in a folder, or PostgreSQL when a URL is given. */
import type {Db} from './types.js';

export type {Db, Queryable} from './types.js';

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
