import {ContentCache, watchContentWrites} from './cache/content.js';
import type {Config} from './config.js';
import {Counting} from './counting/counts.js';
import {openLimitStore, type LimitStore} from './http/rate-limit.js';
import type {Db} from './db/db.js';
import {Secrets} from './secrets.js';
import {TenantOrigins} from './tenants/store.js';
import type {AlertWorker} from './alerts/worker.js';

/** What the domains share: storage, configuration, the server's keys and the tenants' allowed origins. */
export interface AppDeps {
  db: Db;
  config: Config;
  secrets: Secrets;
  origins: TenantOrigins;
  /** The server's own origin from KIRJASTO_PUBLIC_URL (or HOST:PORT). */
  publicOrigin: string;
  /** Polls, ratings, boxes and branches as stored, kept until a NOTIFY says they changed. */
  content: ContentCache;
  /** Votes and rating responses counted (rolled-up day counts plus the tail), and their rollups. */
  counting: Counting;
  /** Where rate limits and the kiosk PIN lockout count: Redis when REDIS_URL is set. */
  limits: LimitStore;
  /** The alert loop main.ts started (rating responses ask it for a surge check); absent = no alerts. */
  alerts?: AlertWorker;
}

export function createDeps({db: stored, config, alerts}: {db: Db; config: Config; alerts?: AlertWorker}): AppDeps {
  // Every domain writes through `db`: a content change made here drops this instance's copy at commit.
  const db = watchContentWrites(stored, () => content.clear());
  const origins = new TenantOrigins(db);
  const content: ContentCache = new ContentCache(db, origins);
  return {
    db,
    config,
    secrets: new Secrets(db),
    origins,
    publicOrigin: new URL(config.publicUrl).origin,
    content,
    counting: new Counting(db),
    limits: openLimitStore(config.redisUrl),
    alerts,
  };
}
