/** The library's time zone unless a tenant sets its own. */
export const DEFAULT_TIME_ZONE = 'Europe/Helsinki';

const formats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) that `at` falls on in `timeZone`: "a day" is the library's day. */
export function libraryDay(at: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {timeZone, year: 'numeric', month: '2-digit', day: '2-digit'});
    formats.set(timeZone, format);
  }
  return format.format(at);
}
