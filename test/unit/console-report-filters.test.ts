import {describe, expect, it} from 'vitest';
import {filtersToQuery, parseFilters, periodDates, todayIn} from '../../console/src/screens/reports/filters.js';

// The report filters of the console (issue 10): preset periods on the library's calendar, and the
// address query that bookmarks them.

describe('report periods', () => {
  it('counts presets back from the library’s today, both ends included', () => {
    expect(periodDates('last-7-days', '2026-12-02')).toEqual({from: '2026-11-26', to: '2026-12-02'});
    expect(periodDates('last-30-days', '2026-03-01')).toEqual({from: '2026-01-31', to: '2026-03-01'});
    expect(periodDates('this-month', '2026-12-02')).toEqual({from: '2026-12-01', to: '2026-12-02'});
    expect(periodDates('last-month', '2026-03-15')).toEqual({from: '2026-02-01', to: '2026-02-28'});
    expect(periodDates('last-month', '2026-01-10')).toEqual({from: '2025-12-01', to: '2025-12-31'});
    expect(periodDates('this-quarter', '2026-11-20')).toEqual({from: '2026-10-01', to: '2026-11-20'});
    expect(periodDates('last-quarter', '2026-02-03')).toEqual({from: '2025-10-01', to: '2025-12-31'});
    expect(periodDates('this-year', '2026-12-02')).toEqual({from: '2026-01-01', to: '2026-12-02'});
  });

  it('takes today from the library’s clock, not the computer’s', () => {
    // 22:30 UTC on 31 December is already New Year's Day in Helsinki.
    const now = new Date('2026-12-31T22:30:00Z');
    expect(todayIn('Europe/Helsinki', now)).toBe('2027-01-01');
    expect(todayIn('UTC', now)).toBe('2026-12-31');
  });

  it('brings a bookmarked report back from its address, and falls back on anything unknown', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    const custom = parseFilters('?period=custom&from=2026-01-01&to=2026-06-30&channel=kiosk&branch=demo-central&bucket=month', 'Europe/Helsinki', now);
    expect(custom).toEqual({period: 'custom', from: '2026-01-01', to: '2026-06-30', channel: 'kiosk', branch: 'demo-central', lang: '', bucket: 'month'});
    expect(filtersToQuery(custom)).toBe('?period=custom&from=2026-01-01&to=2026-06-30&channel=kiosk&branch=demo-central&bucket=month');
    // A preset stays relative: the address carries its name, not its dates.
    expect(filtersToQuery(parseFilters('?period=last-month', 'Europe/Helsinki', now))).toBe('?period=last-month');
    expect(parseFilters('?period=custom&from=2026-06-30&to=2026-01-01&channel=fax', 'Europe/Helsinki', now)).toMatchObject({period: 'last-30-days', from: '2026-11-03', to: '2026-12-02', channel: ''});
    expect(filtersToQuery(parseFilters('', 'Europe/Helsinki', now))).toBe('');
  });
});
