const DAY = 24 * 60 * 60 * 1000;

/** The moment `days` days after `now` (before it when negative): demo schedules are relative to seeding. */
export const daysFrom = (now: Date, days: number): Date => new Date(now.getTime() + days * DAY);
