import type {Config} from '../config.js';
import type {Db} from '../db/db.js';
import {loggableError} from '../http/log.js';
import {FinalFailure, SEND_TIMEOUT_MS, Sender} from './deliver.js';
import {runDigests} from './digest.js';
import {claimDue, markDelivered, markFailed} from './queue.js';
import {checkSurge} from './surge.js';

const BATCH = 10;
// Longer than one attempt can take: no other instance claims a delivery while it is being sent.
const LEASE_MS = SEND_TIMEOUT_MS * 3;
const DIGEST_EVERY_MS = 60_000;
// Answers to check for a surge are gathered this long, so a burst costs one check.
const SURGE_DELAY_MS = 250;

export type AlertWorkerConfig = Pick<
  Config,
  'smtpUrl' | 'smtpFrom' | 'alertPollMs' | 'alertRetryBaseMs' | 'alertMaxAttempts' | 'webhookAllowHttp' | 'webhookAllowPrivate'
>;

/**
 * The server's alert loop, started by main.ts and stopped before the store closes; never run by a
 * request. Each turn: surge checks of the ratings answered since the last turn, the weekly digests
 * when due, then every due delivery in the queue. Everything it does is in the database, so any
 * instance may do it and a restart loses nothing but the pending surge checks of the last moments.
 */
export class AlertWorker {
  private readonly pending = new Map<string, {ratingId: string; branchId?: string}>();
  private readonly sender: Sender;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  private halted = false;
  private lastDigest = 0;

  constructor(
    private readonly db: Db,
    private readonly config: AlertWorkerConfig,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.sender = new Sender(db, config);
  }

  /** After a rating response committed: check for a surge soon, off the patron's request. */
  answered(ratingId: string, branchId: string | undefined): void {
    this.pending.set(`${ratingId}\n${branchId ?? ''}`, {ratingId, branchId});
    if (!this.stopped) this.schedule(SURGE_DELAY_MS);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.halted = false;
    this.schedule(0);
  }

  /** Waits for the batch in progress (its sends finish or time out), then stops: the rest stays queued. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.halted = true;
    clearTimeout(this.timer);
    await this.running;
    this.sender.close();
  }

  /** One turn now (tests; the loop calls it too). */
  async turn(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.work().finally(() => (this.running = undefined));
    await this.running;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.turn().finally(() => {
        if (!this.stopped) this.schedule(this.config.alertPollMs);
      });
    }, ms);
    this.timer.unref();
  }

  private async work(): Promise<void> {
    const checks = [...this.pending.values()];
    this.pending.clear();
    for (const {ratingId, branchId} of checks) {
      await checkSurge(this.db, ratingId, branchId).catch((error: unknown) => console.error('kirjasto: alerts: surge check failed:', loggableError(error)));
    }
    const now = this.now();
    if (now.getTime() - this.lastDigest >= DIGEST_EVERY_MS) {
      this.lastDigest = now.getTime();
      await runDigests(this.db, now).catch((error: unknown) => console.error('kirjasto: alerts: weekly digests failed:', loggableError(error)));
    }
    await this.deliverDue().catch((error: unknown) => console.error('kirjasto: alerts: deliveries failed:', loggableError(error)));
  }

  /** Sends what is due, a batch at a time, until nothing is due or the worker stops. */
  async deliverDue(): Promise<number> {
    let sent = 0;
    while (!this.halted) {
      const batch = await claimDue(this.db, BATCH, LEASE_MS);
      if (batch.length === 0) return sent;
      await Promise.all(
        batch.map(async (delivery) => {
          try {
            await this.sender.send(delivery);
            await markDelivered(this.db, delivery.id);
            sent++;
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            await markFailed(this.db, delivery, message, {retryBaseMs: this.config.alertRetryBaseMs, maxAttempts: this.config.alertMaxAttempts}, error instanceof FinalFailure);
          }
        }),
      );
    }
    return sent;
  }
}
