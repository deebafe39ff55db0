import type {Db} from '../db/db.js';
import {SCALE_RANGES, type Scale} from '../ratings/schema.js';
import {enqueue, type AlertEvent} from './queue.js';

/** The scores a surge counts as low: the bottom two of the scale; NPS its detractors (0–6); thumbs down. */
export function lowestLow(scale: Scale): number {
  const {min} = SCALE_RANGES[scale];
  if (scale === 'thumbs') return min;
  if (scale === 'nps') return 6;
  return min + 1;
}

interface ScopeRow {
  branch_id: string;
  surge_min_answers: number;
  surge_window_minutes: number;
  surge_low_share: string | number;
  surge_cooldown_minutes: number;
  recipients: string[];
}

/**
 * Looks at the last minutes of one rating's answers for each alert scope that applies (the whole
 * library, and the branch the answer came from if it has settings of its own), and queues a surge alert
 * where the low answers reach the share. One surge alerts once: the scope's cool-down row is taken by an
 * upsert that only one transaction on any instance can win. Returns the number of alerts queued.
 */
export async function checkSurge(db: Db, ratingId: string, branchId: string | undefined): Promise<number> {
  return db.transaction(async (tx) => {
    const [rating] = await tx.query<{tenant_id: string; scale: Scale}>('select tenant_id, scale from ratings where id = $1', [ratingId]);
    if (!rating) return 0;
    const scopes = await tx.query<ScopeRow>(
      `select branch_id, surge_min_answers, surge_window_minutes, surge_low_share, surge_cooldown_minutes, recipients
         from alert_settings where tenant_id = $1 and surge_enabled and (branch_id = '' or branch_id = $2)`,
      [rating.tenant_id, branchId ?? ''],
    );
    const low = lowestLow(rating.scale);
    let queued = 0;
    for (const scope of scopes) {
      const [seen] = await tx.query<{answers: number; low: number}>(
        `select count(*)::int as answers, count(*) filter (where score <= $3)::int as low from rating_responses
          where rating_id = $1 and created_at > now() - make_interval(mins => $2) and ($4 = '' or branch_id = $4)`,
        [ratingId, scope.surge_window_minutes, low, scope.branch_id],
      );
      const {answers, low: lows} = seen!;
      if (answers < scope.surge_min_answers || lows < Number(scope.surge_low_share) * answers) continue;
      const won = await tx.query(
        `insert into alert_surges (tenant_id, branch_id, rating_id, alerted_at) values ($1, $2, $3, now())
         on conflict (tenant_id, branch_id, rating_id) do update set alerted_at = excluded.alerted_at
          where alert_surges.alerted_at <= now() - make_interval(mins => $4)
         returning 1`,
        [rating.tenant_id, scope.branch_id, ratingId, scope.surge_cooldown_minutes],
      );
      if (won.length === 0) continue;
      const event: AlertEvent = {
        type: 'rating.low-surge',
        timestamp: new Date().toISOString(),
        data: {
          tenant: rating.tenant_id,
          ratingId,
          branch: scope.branch_id || null,
          windowMinutes: scope.surge_window_minutes,
          answers,
          low: lows,
          lowScores: {upTo: low},
        },
      };
      await enqueue(tx, rating.tenant_id, event, scope.recipients);
      queued++;
    }
    return queued;
  });
}
