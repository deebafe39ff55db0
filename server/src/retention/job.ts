import type {Db} from '../db/db.js';
import {runRetention, type RetentionRun} from './retention.js';

const DAY_MS = 86_400_000;

/**
 * Claims a scheduled job for this instance: the one update that moves `last_run_at` past `everyMs`
 * wins; an instance that comes second (its update waits for the first to commit, then no longer
 * matches) or finds it done recently gets false. The claim is in the database, so a restart does not
 * run the job again, and N instances on one PostgreSQL run it once.
 */
export async function claimJob(db: Db, name: string, everyMs: number, now = new Date()): Promise<boolean> {
  const rows = await db.query(
    `update scheduled_jobs set last_run_at = $2::timestamptz
      where name = $1 and (last_run_at is null or last_run_at <= $2::timestamptz - make_interval(secs => $3::double precision))
      returning 1`,
    [name, now.toISOString(), everyMs / 1000],
  );
  return rows.length > 0;
}

/** Runs retention if it is due (once a day across instances); undefined when another run had it. */
export async function retentionIfDue(db: Db, now = new Date(), everyMs = DAY_MS): Promise<RetentionRun | undefined> {
  if (!(await claimJob(db, 'retention', everyMs, now))) return undefined;
  return runRetention(db, now);
}

/**
 * The server's retention schedule: looks every `checkMs` (an hour) whether the daily run is due, and
 * runs it there; the first look is shortly after start. A failure is logged (counts, never contents)
 * and the next look tries again tomorrow's run; what it did not delete, the next run does.
 */
export function startRetention(db: Db, {checkMs = 3_600_000, firstMs = 60_000} = {}): {stop(): Promise<void>} {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const look = () => {
    running = retentionIfDue(db)
      .then((run) => {
        if (!run) return;
        const deleted = [...run.byTenant.values()].reduce((sum, counts) => sum + Object.values(counts).reduce((a, b) => a + b, 0), 0);
        console.log(`kirjasto: retention ran for ${run.byTenant.size} libraries, ${deleted} answers or texts removed`);
      })
      .catch((error: unknown) => console.error('kirjasto: retention failed, it runs again at the next look:', (error as Error).message));
  };
  const first = setTimeout(look, firstMs);
  const timer = setInterval(() => {
    if (!stopped) look();
  }, checkMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
