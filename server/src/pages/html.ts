import {randomBytes, randomUUID} from 'node:crypto';
import {IDEMPOTENCY_KEY_PATTERN, VOTER_PATTERN, type Text} from '../http/contract.js';
import type {PageLang} from './lang.js';
import type {PageFormState} from './request.js';

export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The text in the wanted language, falling back through fi, sv, en, then anything. */
export function pickText(text: Text, lang: string): string {
  return text[lang] ?? text.fi ?? text.sv ?? text.en ?? Object.values(text)[0] ?? '';
}

export function formatDate(date: Date, lang: PageLang): string {
  // Node's ICU has Sami dates; where an ICU has none, Finnish rather than its default English.
  const locale = {fi: ['fi-FI'], sv: ['sv-FI'], en: ['en-GB'], se: ['se-FI', 'fi-FI'], 'fi-x-selko': ['fi-FI']}[lang];
  return new Intl.DateTimeFormat(locale, {dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Helsinki'}).format(date);
}

/** The widget element's attributes: its id attribute, then the channel and branch the page was opened with. */
export function widgetAttributes(idAttribute: string, id: string, state: PageFormState): string {
  const attrs = [`${idAttribute}="${escapeHtml(id)}"`, `channel="${state.channel}"`];
  if (state.location) attrs.push(`location="${escapeHtml(state.location)}"`);
  return attrs.join(' ');
}

/** The form's error, if any, as an alert above it. */
export const errorAlert = (error: string | undefined): string => (error ? `<p class="error" role="alert">${escapeHtml(error)}</p>\n` : '');

/** The form's value when it is valid, else a new one. */
export const validOr = (value: string | undefined, pattern: RegExp, make: () => string): string =>
  value && pattern.test(value) ? value : make();

/**
 * The hidden fields every page form posts: the voter and idempotency key (kept from a failed post so that
 * a retry is the same request, else new), the page-specific ones, then channel, language and branch.
 */
export function hiddenInputs(state: PageFormState, own: [string, string][] = []): string {
  return [
    ['voter', validOr(state.voter, VOTER_PATTERN, () => randomBytes(24).toString('base64url'))],
    ['idempotencyKey', validOr(state.idempotencyKey, IDEMPOTENCY_KEY_PATTERN, randomUUID)],
    ...own,
    ['channel', state.channel],
    ['lang', state.lang],
    ...(state.location ? [['location', state.location]] : []),
  ]
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value!)}">`)
    .join('\n');
}
