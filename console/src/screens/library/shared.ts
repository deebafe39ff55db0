import {msg} from '@lit/localize';
import {html} from 'lit';
import type {Text} from '../../api.js';
import {getLocale} from '../../i18n.js';

/** A content text in the console's language, else Finnish, Swedish, English, else any language it has. */
export function textIn(text: Text | null | undefined): string {
  if (!text) return '';
  for (const lang of [getLocale(), 'fi', 'sv', 'en']) if (text[lang]?.trim()) return text[lang]!;
  return Object.values(text).find((t) => t.trim()) ?? '';
}

/** The channel an answer came through, as librarians say it. */
export const channelName = (channel: string): string =>
  ({web: msg('Web page'), qr: msg('QR code'), kiosk: msg('Kiosk')})[channel] ?? channel;

/** Copies `value` to the clipboard and says so (the caller announces the result). */
export async function copyText(value: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(value);
    return true;
  } catch {
    return false;
  }
}

/** A read-only value with a copy button; the value is selectable text, so copying by hand works too. */
export const secretBox = (id: string, label: string, value: string, onCopy: () => void) =>
  html`<div class="secret-box">
    <label for=${id}>${label}</label>
    <div class="secret-row">
      <input id=${id} readonly .value=${value} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
      <button type="button" @click=${onCopy}>${msg('Copy')}</button>
    </div>
  </div>`;
