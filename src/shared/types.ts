/** Contract types of the public HTTP API (the server's OpenAPI document is the truth). */

/** A multilingual content string: language code to text, e.g. `{fi: '…', sv: '…', en: '…'}`. */
export type Text = Record<string, string>;

export type Channel = 'web' | 'qr' | 'kiosk';

/** RFC 9457 problem details, as every API error is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: {path: string; message: string}[];
  [extension: string]: unknown;
}
