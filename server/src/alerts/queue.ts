import {randomBytes} from 'node:crypto';
import type {Queryable} from '../db/db.js';

/** What alerts and digests send: the Standard Webhooks payload shape, never free text or a voter hash. */
export interface AlertEvent {
  type: 'rating.low-surge' | 'digest.weekly' | 'alerts.test';
  /** ISO 8601 */
  timestamp: string;
  data: Record<string, unknown>;
}

export interface Delivery {
  id: string;
  tenantId: string;
  messageId: string;
  eventType: string;
  channel: 'email' | 'webhook';
  target: string;
  payload: AlertEvent;
  attempts: number;
}

interface DeliveryRow {
  id: string | number;
  tenant_id: string;
  message_id: string;
  event_type: string;
  channel: 'email' | 'webhook';
  target: string;
  payload: AlertEvent | string;
  attempts: number;
}

const deliveryOf = (r: DeliveryRow): Delivery => ({
  id: String(r.id),
  tenantId: r.tenant_id,
  messageId: r.message_id,
  eventType: r.event_type,
  channel: r.channel,
  target: r.target,
  payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as AlertEvent) : r.payload,
  attempts: r.attempts,
});

/** Standard Webhooks message ids: one per delivery, kept across its attempts so receivers can drop repeats. */
export const newMessageId = () => `msg_${randomBytes(12).toString('hex')}`;

/**
 * Queues one event for the library's destinations: the given email addresses and every enabled webhook
 * endpoint. In the caller's transaction, so an event is queued exactly when what caused it commits.
 */
export async function enqueue(tx: Queryable, tenantId: string, event: AlertEvent, recipients: readonly string[], onlyWebhook?: string): Promise<number> {
  const hooks = await tx.query<{id: string}>(
    'select id from alert_webhooks where tenant_id = $1 and enabled and ($2::text is null or id = $2) order by id',
    [tenantId, onlyWebhook ?? null],
  );
  const targets: ['email' | 'webhook', string][] = [...[...new Set(recipients)].map((to): ['email', string] => ['email', to]), ...hooks.map((h): ['webhook', string] => ['webhook', h.id])];
  for (const [channel, target] of targets) {
    await tx.query(
      `insert into alert_deliveries (tenant_id, message_id, event_type, channel, target, payload)
       values ($1, $2, $3, $4, $5, $6::text::jsonb)`,
      [tenantId, newMessageId(), event.type, channel, target, JSON.stringify(event)],
    );
  }
  return targets.length;
}

/**
 * Claims up to `limit` due deliveries for this worker: their next attempt moves `leaseMs` ahead, so no
 * other instance takes them while they are sent (skip locked: instances never wait on each other), and
 * one whose sender died is taken again after the lease.
 */
export async function claimDue(db: Queryable, limit: number, leaseMs: number): Promise<Delivery[]> {
  const rows = await db.query<DeliveryRow>(
    `update alert_deliveries set attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
      where id in (select id from alert_deliveries
                    where delivered_at is null and failed_at is null and next_attempt_at <= now()
                    order by next_attempt_at, id limit $1 for update skip locked)
      returning id, tenant_id, message_id, event_type, channel, target, payload, attempts`,
    [limit, leaseMs],
  );
  return rows.map(deliveryOf);
}

export const markDelivered = (db: Queryable, id: string) =>
  db.query('update alert_deliveries set delivered_at = now(), last_error = null where id = $1', [id]);

/** A failed attempt: retried after base × 2^(attempts − 1) (at most a day), or given up after the last attempt. */
export async function markFailed(db: Queryable, delivery: Delivery, error: string, policy: {retryBaseMs: number; maxAttempts: number}, final = false): Promise<void> {
  const giveUp = final || delivery.attempts >= policy.maxAttempts;
  const delayMs = Math.min(policy.retryBaseMs * 2 ** (delivery.attempts - 1), 86_400_000);
  await db.query(
    `update alert_deliveries set last_error = $2,
        failed_at = case when $3 then now() end,
        next_attempt_at = now() + make_interval(secs => $4::double precision / 1000)
      where id = $1`,
    [delivery.id, error.slice(0, 500), giveUp, delayMs],
  );
}
