import {Problem, type ProblemSlug} from './http/problem.js';

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

const KINDS = {
  poll: {name: 'poll', notOpen: 'poll-not-open', closed: 'poll-closed', takes: 'votes'},
  rating: {name: 'rating', notOpen: 'rating-not-open', closed: 'rating-closed', takes: 'responses'},
  box: {name: 'idea box', notOpen: 'box-not-open', closed: 'box-closed', takes: 'ideas'},
} as const satisfies Record<string, {name: string; notOpen: ProblemSlug; closed: ProblemSlug; takes: string}>;

/** Throws the widget's not-open (with `opensAt`) or closed problem unless it takes answers now. */
export function assertOpen(kind: keyof typeof KINDS, schedule: Schedule, now = new Date()): void {
  const words = KINDS[kind];
  const status = scheduleStatus(schedule, now);
  if (status === 'scheduled') {
    const opensAt = schedule.opensAt.toISOString();
    throw new Problem(words.notOpen, {detail: `The ${words.name} opens at ${opensAt}.`, extensions: {opensAt}});
  }
  if (status === 'closed') throw new Problem(words.closed, {detail: `The ${words.name} no longer takes ${words.takes}.`});
}
