import {stringify} from 'csv-stringify/sync';

/** A cell as exported: text, a number, or empty. */
export type Cell = string | number | null | undefined;

export type Separator = 'comma' | 'semicolon';

const BOM = '\uFEFF';
// Spreadsheets read a cell starting with one of these as a formula, also after leading spaces (and in
// their full-width forms, which some of them fold): such a cell gets a leading apostrophe.
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * RFC 4180 records (CRLF, quotes doubled, a field quoted when it needs to be), UTF-8, formulas
 * neutralized in every cell and in the header (csv-stringify's `escape_formulas`, plus the cases
 * above it leaves alone). The semicolon variant is what a Finnish spreadsheet opens by default; a
 * fraction is then written with a decimal comma.
 */
export class CsvWriter {
  private readonly encoder = new TextEncoder();
  private readonly options;

  constructor(separator: Separator) {
    const decimalComma = separator === 'semicolon';
    this.options = {
      delimiter: decimalComma ? ';' : ',',
      record_delimiter: 'windows' as const,
      escape_formulas: true,
      cast: {
        string: (value: string) => (FORMULA_START.test(value) ? `'${value}` : value),
        number: (value: number) => (decimalComma ? String(value).replace('.', ',') : String(value)),
      },
    };
  }

  /** The byte order mark and the header row. */
  header(names: string[]): Uint8Array {
    return this.encoder.encode(BOM + stringify([names], this.options));
  }

  rows(rows: Cell[][]): Uint8Array {
    return this.encoder.encode(rows.length ? stringify(rows, this.options) : '');
  }
}

/**
 * ISO 8601 with the offset of `timeZone` at that instant, to the second ("2026-03-29T03:30:00+03:00").
 * The offset is looked up once per quarter hour (every zone's changes fall on one): an export of a
 * million rows formats each with a little arithmetic.
 */
export function isoInZone(timeZone: string): (ms: number) => string {
  const format = new Intl.DateTimeFormat('en-US', {timeZone, timeZoneName: 'longOffset'});
  const offsets = new Map<number, number>();
  return (ms) => {
    const quarter = Math.floor(ms / 900_000);
    let minutes = offsets.get(quarter);
    if (minutes === undefined) {
      const name = format.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
      const m = /GMT([+-\u2212])(\d{1,2}):?(\d{2})?/.exec(name);
      minutes = m ? (m[1] === '+' ? 1 : -1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
      offsets.set(quarter, minutes);
    }
    const local = new Date(ms + minutes * 60_000).toISOString().slice(0, 19);
    const abs = Math.abs(minutes);
    const sign = minutes < 0 ? '-' : '+';
    return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  };
}
