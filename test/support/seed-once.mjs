// vitest's global setup: the demo store is migrated and seeded once for the whole run, not once in each
// end-to-end test file's process (test/support/servers.mjs). Without a built server (server/dist),
// as in a run of unit tests only, nothing is seeded here and a file that needs the store seeds its own.
import {existsSync, rmSync} from 'node:fs';
import {seededDataDir} from './servers.mjs';

export default async function seedOnce() {
  if (process.env.KIRJASTO_TEST_SEED_DIR || !existsSync('server/dist/main.js')) return;
  const {dataDir} = await seededDataDir();
  process.env.KIRJASTO_TEST_SEED_DIR = dataDir;
  return () => {
    delete process.env.KIRJASTO_TEST_SEED_DIR;
    rmSync(dataDir, {recursive: true, force: true});
  };
}
