import {libraryDay} from '../tenants/time.js';

/**
 * A report's period and buckets, as calendar days of the library's time zone (YYYY-MM-DD). The day
 * counts are keyed by the library's day already, so a period is a range of days, both ends included.
 */
export const BUCKETS = ['day', 'week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];

const DAY_MS = 86_400_000;
/** The longest period one report reads (its previous period is as long again). */
export const MAX_DAYS = 1100;

const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (day: string, n: number) => fromMs(toMs(day) + n * DAY_MS);
export const daysBetween = (from: string, to: string) => Math.round((toMs(to) - toMs(from)) / DAY_MS);

/** Monday of the ISO week of `day`. */
export function weekStart(day: string): string {
  const weekday = (new Date(toMs(day)).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}
export const monthStart = (day: string) => `${day.slice(0, 7)}-01`;

function nextBucket(start: string, bucket: Bucket): string {
  if (bucket === 'day') return addDays(start, 1);
  if (bucket === 'week') return addDays(start, 7);
  const d = new Date(toMs(start));
  return fromMs(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/** The start of the bucket a day falls in. */
export const bucketOf = (day: string, bucket: Bucket) => (bucket === 'day' ? day : bucket === 'week' ? weekStart(day) : monthStart(day));

/** The default bucket of a period: days up to a month, weeks up to half a year, else months. */
export const defaultBucket = (days: number): Bucket => (days <= 31 ? 'day' : days <= 184 ? 'week' : 'month');

export interface Period {
  from: string;
  to: string;
  bucket: Bucket;
  previous: {from: string; to: string};
}

/** The period the filters ask for; `from`/`to` absent: the last 30 days up to today in the library's time zone. */
export function periodOf(query: {from?: string; to?: string; bucket?: Bucket}, timeZone: string, now = new Date()): Period {
  const to = query.to ?? (query.from ? addDays(query.from, 29) : libraryDay(now, timeZone));
  const from = query.from ?? addDays(to, -29);
  const days = daysBetween(from, to) + 1;
  return {from, to, bucket: query.bucket ?? defaultBucket(days), previous: {from: addDays(from, -days), to: addDays(from, -1)}};
}

/** The buckets of a period, each cut to the period: a week that began before `from` starts at `from`. */
export function bucketsOf(period: Pick<Period, 'from' | 'to' | 'bucket'>): {key: string; start: string; end: string}[] {
  const out: {key: string; start: string; end: string}[] = [];
  for (let key = bucketOf(period.from, period.bucket); key <= period.to; key = nextBucket(key, period.bucket)) {
    const end = addDays(nextBucket(key, period.bucket), -1);
    out.push({key, start: key < period.from ? period.from : key, end: end > period.to ? period.to : end});
  }
  return out;
}
