import {z} from '@hono/zod-openapi';
import {dateTime, statusField, TextSchema} from '../http/contract.js';
import {validationProblem} from '../http/problem.js';
import {scheduleStatus} from '../schedule.js';

/** What polls, ratings and idea boxes share in the admin API: the schedule, archive and results flags. */
export const nonEmptyText = () => TextSchema.refine((t) => Object.values(t).some((s) => s.trim() !== ''), 'A text in at least one language');

export const stewardFields = {
  opensAt: dateTime().optional().openapi({description: 'When it starts taking answers; now when absent'}),
  closesAt: dateTime().nullable().optional().openapi({description: 'When it stops; null or absent = open-ended. Close now = set it to now.'}),
  archived: z.boolean().optional().openapi({description: 'Out of the console lists; never deleted once it has answers'}),
  publishResults: z.boolean().optional().openapi({description: "Shown on the library's public results page"}),
};

export const stewardView = {
  status: statusField(),
  opensAt: dateTime(),
  closesAt: dateTime().nullable(),
  archived: z.boolean(),
  publishResults: z.boolean(),
  answers: z.number().int().min(0).openapi({description: 'Votes, responses or ideas so far'}),
};

export interface StewardRow {
  opens_at: Date | string;
  closes_at: Date | string | null;
  archived: boolean;
  publish_results: boolean;
  version: number;
}

export const stewardOf = (row: StewardRow, answers: number, now = new Date()) => {
  const opensAt = new Date(row.opens_at);
  const closesAt = row.closes_at === null ? null : new Date(row.closes_at);
  return {
    status: scheduleStatus({opensAt, closesAt}, now),
    opensAt: opensAt.toISOString(),
    closesAt: closesAt?.toISOString() ?? null,
    archived: row.archived,
    publishResults: row.publish_results,
    answers,
  };
};

/** The schedule after a create or patch, checked: it must close after it opens. */
export function scheduleAfter(
  before: {opensAt: Date; closesAt: Date | null} | undefined,
  patch: {opensAt?: string; closesAt?: string | null},
): {opensAt: Date; closesAt: Date | null} {
  const opensAt = patch.opensAt !== undefined ? new Date(patch.opensAt) : (before?.opensAt ?? new Date());
  const closesAt = patch.closesAt !== undefined ? (patch.closesAt === null ? null : new Date(patch.closesAt)) : (before?.closesAt ?? null);
  if (closesAt && closesAt <= opensAt) throw validationProblem([{path: '/closesAt', message: 'Must be after opensAt'}]);
  return {opensAt, closesAt};
}
