/** When a poll, rating or idea box takes answers: open from `opensAt`, until `closesAt` if it has one. */
export interface Schedule {
  opensAt: Date;
  closesAt: Date | null;
}

export type ScheduleStatus = 'open' | 'closed' | 'scheduled';

/** The schedule of a widget row; the drivers give timestamps as Date or as string. */
export const scheduleOf = (row: {opens_at: Date | string; closes_at: Date | string | null}): Schedule => ({
  opensAt: new Date(row.opens_at),
  closesAt: row.closes_at === null ? null : new Date(row.closes_at),
});

export function scheduleStatus(schedule: Schedule, now = new Date()): ScheduleStatus {
  if (now < schedule.opensAt) return 'scheduled';
  if (schedule.closesAt && now >= schedule.closesAt) return 'closed';
  return 'open';
}
