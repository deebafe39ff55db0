import {msg, str} from '@lit/localize';
import {getLocale} from '../../i18n.js';
import {languageName} from '../../ui/labels.js';
import {channelName} from '../library/shared.js';
import type {Bucket, Channel} from './types.js';

/**
 * A report's filters as they live in the address (`?period=last-month&channel=kiosk&branch=…`), so a
 * report can be bookmarked and sent: a preset period stays relative ("last month" is always last
 * month), a custom one carries its dates. Dates are the library's calendar days (ISO, both included).
 */
export const PERIODS = ['last-7-days', 'last-30-days', 'this-month', 'last-month', 'this-quarter', 'last-quarter', 'this-year', 'custom'] as const;
export type Period = (typeof PERIODS)[number];
export const CHANNELS: Channel[] = ['web', 'qr', 'kiosk'];
export const BUCKETS: Bucket[] = ['day', 'week', 'month'];
export const ANSWER_LANGUAGES = ['fi', 'sv', 'en', 'se', 'fi-x-selko'];

export interface ReportFilters {
  period: Period;
  /** The custom period's dates (also filled for a preset, from the library's today). */
  from: string;
  to: string;
  channel: Channel | '';
  branch: string;
  lang: string;
  /** Empty: the server's choice for the period's length. */
  bucket: Bucket | '';
}

export const periodName = (period: Period): string =>
  ({
    'last-7-days': msg('Last 7 days'),
    'last-30-days': msg('Last 30 days'),
    'this-month': msg('This month'),
    'last-month': msg('Last month'),
    'this-quarter': msg('This quarter'),
    'last-quarter': msg('Last quarter'),
    'this-year': msg('This year'),
    custom: msg('Custom dates'),
  })[period];

export const bucketName = (bucket: Bucket): string => ({day: msg('By day'), week: msg('By week'), month: msg('By month')})[bucket];

/** Today's date (YYYY-MM-DD) on the library's clock. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {timeZone, year: 'numeric', month: '2-digit', day: '2-digit'}).format(now);
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The first and last day of a preset period, counted from `today` (the library's date). */
export function periodDates(period: Exclude<Period, 'custom'>, today: string): {from: string; to: string} {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const month = m - 1;
  const quarter = Math.floor(month / 3) * 3;
  switch (period) {
    case 'last-7-days':
      return {from: iso(utc(y, month, d - 6)), to: today};
    case 'last-30-days':
      return {from: iso(utc(y, month, d - 29)), to: today};
    case 'this-month':
      return {from: iso(utc(y, month, 1)), to: today};
    case 'last-month':
      return {from: iso(utc(y, month - 1, 1)), to: iso(utc(y, month, 0))};
    case 'this-quarter':
      return {from: iso(utc(y, quarter, 1)), to: today};
    case 'last-quarter':
      return {from: iso(utc(y, quarter - 3, 1)), to: iso(utc(y, quarter, 0))};
    case 'this-year':
      return {from: iso(utc(y, 0, 1)), to: today};
  }
}

/** The filters in an address's query; anything unknown falls back to the last 30 days, all channels. */
export function parseFilters(query: string, timeZone: string, now = new Date()): ReportFilters {
  const q = new URLSearchParams(query);
  let period = (PERIODS as readonly string[]).includes(q.get('period') ?? '') ? (q.get('period') as Period) : 'last-30-days';
  const from = q.get('from') ?? '';
  const to = q.get('to') ?? '';
  let dates: {from: string; to: string};
  if (period === 'custom' && ISO_DATE.test(from) && ISO_DATE.test(to) && from <= to) dates = {from, to};
  else {
    if (period === 'custom') period = 'last-30-days';
    dates = periodDates(period as Exclude<Period, 'custom'>, todayIn(timeZone, now));
  }
  const channel = (CHANNELS as string[]).includes(q.get('channel') ?? '') ? (q.get('channel') as Channel) : '';
  const bucket = (BUCKETS as string[]).includes(q.get('bucket') ?? '') ? (q.get('bucket') as Bucket) : '';
  return {period, ...dates, channel, branch: q.get('branch') ?? '', lang: q.get('lang') ?? '', bucket};
}

/** The address query that brings these filters back (only what differs from the defaults). */
export function filtersToQuery(f: ReportFilters): string {
  const q = new URLSearchParams();
  if (f.period !== 'last-30-days') q.set('period', f.period);
  if (f.period === 'custom') {
    q.set('from', f.from);
    q.set('to', f.to);
  }
  for (const key of ['channel', 'branch', 'lang', 'bucket'] as const) if (f[key]) q.set(key, f[key]);
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** The API's query for these filters (reports and exports take the same ones). */
export function apiQuery(f: ReportFilters): Record<string, string> {
  const q: Record<string, string> = {from: f.from, to: f.to};
  if (f.channel) q.channel = f.channel;
  if (f.branch) q.branch = f.branch;
  if (f.lang) q.lang = f.lang;
  if (f.bucket) q.bucket = f.bucket;
  return q;
}

/** A plain ISO date as the console's language writes it (the date itself, no time zone shift). */
export function formatDay(date: string, style: 'medium' | 'long' | 'short' = 'medium'): string {
  return new Intl.DateTimeFormat(getLocale(), {dateStyle: style, timeZone: 'UTC'}).format(new Date(`${date}T12:00:00Z`));
}

/** A span of days: "1.–30.11.2026" in Finnish, "Nov 1 – 30, 2026" in English. */
export function formatDays(from: string, to: string): string {
  const format = new Intl.DateTimeFormat(getLocale(), {dateStyle: 'medium', timeZone: 'UTC'});
  return format.formatRange(new Date(`${from}T12:00:00Z`), new Date(`${to}T12:00:00Z`));
}

/** The filters stated in words, for the page (and its print): what this report counts. */
export function describeFilters(f: ReportFilters, bucket: Bucket | undefined, branchName: (id: string) => string): string[] {
  const parts = [f.period === 'custom' ? formatDays(f.from, f.to) : `${periodName(f.period)} (${formatDays(f.from, f.to)})`];
  parts.push(f.channel ? msg(str`Channel: ${channelName(f.channel)}`) : msg('All channels'));
  parts.push(f.branch ? msg(str`Branch: ${branchName(f.branch)}`) : msg('All branches'));
  parts.push(f.lang ? msg(str`Language of the answer: ${languageName(f.lang)}`) : msg('All languages'));
  if (bucket) parts.push(bucketName(bucket));
  return parts;
}
