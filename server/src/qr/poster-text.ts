import {inEveryPageLang, type PageLang} from '../pages/lang.js';

/**
 * The languages a poster can be printed in (`?lang=se,fi`); without `?lang=`, fi, sv and en. Northern Sami
 * has no vetted source for these words yet, so a Sami block has the Sami question and Finnish words.
 */
export const POSTER_LANGS: readonly PageLang[] = ['fi', 'sv', 'en', 'se', 'fi-x-selko'];
export const DEFAULT_POSTER_LANGS: readonly PageLang[] = ['fi', 'sv', 'en'];
export type PosterLang = PageLang;

export const POSTER_TEXT: Record<PosterLang, {scan: string; anonymous: string; orOpen: string}> = inEveryPageLang({
  fi: {scan: 'Skannaa QR-koodi puhelimesi kameralla', anonymous: 'Vastaa nimettömästi – ei kirjautumista', orOpen: 'tai avaa'},
  sv: {scan: 'Skanna QR-koden med mobilkameran', anonymous: 'Svara anonymt – ingen inloggning', orOpen: 'eller öppna'},
  en: {scan: 'Scan the QR code with your phone camera', anonymous: 'Answer anonymously – no sign-in', orOpen: 'or open'},
  'fi-x-selko': {scan: 'Kuvaa QR-koodi puhelimen kameralla', anonymous: 'Voit vastata ilman nimeä. Et tarvitse tunnusta.', orOpen: 'tai mene osoitteeseen'},
});
