import {readdir, readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import type {Db} from './db.js';

/** server/migrations, both from src/db and from dist/db. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

// Any fixed number: serializes instances that start at the same time on one PostgreSQL.
const MIGRATION_LOCK = 74_201_911;

/**
 * Applies the numbered .sql files not applied yet, all in one transaction (a new database is made in
 * one commit, and a failing file leaves it as it was). Returns what it applied.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => /^\d+_.*\.sql$/.test(f)).sort();
  const sources = await Promise.all(files.map(async (file) => ({version: file.replace(/\.sql$/, ''), sql: await readFile(`${dir}/${file}`, 'utf8')})));
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`create table if not exists schema_migrations (
      version text primary key,
      applied_at timestamptz not null default now()
    )`);
    const done = new Set((await tx.query<{version: string}>('select version from schema_migrations')).map((r) => r.version));
    const applied: string[] = [];
    for (const {version, sql} of sources) {
      if (done.has(version)) continue;
      await tx.exec(sql);
      await tx.query('insert into schema_migrations (version) values ($1)', [version]);
      applied.push(version);
    }
    return applied;
  });
}
