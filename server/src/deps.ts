import type {Config} from './config.js';
import type {Db} from './db/db.js';
import {Secrets} from './secrets.js';
import {TenantOrigins} from './tenants/store.js';

/** What the domains share: storage, configuration, the server's keys and the tenants' allowed origins. */
export interface AppDeps {
  db: Db;
  config: Config;
  secrets: Secrets;
  origins: TenantOrigins;
  /** The server's own origin from KIRJASTO_PUBLIC_URL (or HOST:PORT). */
  publicOrigin: string;
}

export function createDeps({db, config}: {db: Db; config: Config}): AppDeps {
  return {db, config, secrets: new Secrets(db), origins: new TenantOrigins(db), publicOrigin: new URL(config.publicUrl).origin};
}
