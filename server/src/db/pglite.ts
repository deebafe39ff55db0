import {mkdir, readFile, rename, stat, writeFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {PGlite, type Transaction} from '@electric-sql/pglite';
import {lockDataFolder} from './data-folder.js';
import type {Db, Queryable} from './types.js';

/**
 * Embedded PostgreSQL in a local folder, locked to this process. One connection: PGlite queues
 * concurrent callers itself. A new folder is made from `templateDir`'s copy of an empty cluster when
 * there is one (well under a second, where initdb in WebAssembly takes seconds); the first new folder
 * writes that copy.
 */
export async function openPglite(dataDir: string, options: {templateDir?: string} = {}): Promise<Db> {
  const lock = await lockDataFolder(dataDir);
  let pg: PGlite;
  try {
    const fresh = !(await exists(join(lock.path, 'PG_VERSION')));
    const templateFile = fresh && options.templateDir ? join(options.templateDir, `pglite-${await pgliteVersion()}-initdb.tar`) : undefined;
    const template = templateFile ? await readFile(templateFile).catch(() => undefined) : undefined;
    pg = await PGlite.create(lock.path, template ? {loadDataDir: new Blob([new Uint8Array(template)])} : {});
    // The copy replaced the new folder's files, our lock among them; only a first start has this window.
    if (template) await lock.reassert();
    if (templateFile && !template) await saveTemplate(pg, templateFile).catch(() => {}); // only a speed-up
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
    async listen(channel, onNotify) {
      await pg.listen(channel, onNotify);
      onNotify('');
    },
  };
}

const exists = (path: string) => stat(path).then(() => true, () => false);

/** Written whole or not at all: concurrent first starts each write their own file and rename it. */
async function saveTemplate(pg: PGlite, file: string): Promise<void> {
  const dump = await pg.dumpDataDir('none');
  await mkdir(dirname(file), {recursive: true});
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
  await rename(partial, file);
}

/** A template belongs to one PGlite release. */
async function pgliteVersion(): Promise<string> {
  let dir = dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
  for (let i = 0; i < 5; i++, dir = dirname(dir)) {
    const pkg = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
    if (pkg) return (JSON.parse(pkg) as {version: string}).version;
  }
  return 'unknown';
}
