import {msg} from '@lit/localize';
import type {Role} from '../api.js';

/** The roles' names as the console shows them. */
export const roleName = (role: Role): string =>
  ({owner: msg('owner'), editor: msg('editor'), moderator: msg('moderator'), viewer: msg('viewer')})[role];

/** The content languages a library writes its texts in, in the order the forms list them. */
export const CONTENT_LANGUAGES = ['fi', 'sv', 'en', 'se'] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];

/** A content language's name in the console's language (Intl, with the code beside it). */
export function languageName(code: string): string {
  const names = {fi: msg('Finnish'), sv: msg('Swedish'), en: msg('English'), se: msg('Northern Sami'), 'fi-x-selko': msg('Plain Finnish')} as Record<string, string>;
  return names[code] ?? code;
}
