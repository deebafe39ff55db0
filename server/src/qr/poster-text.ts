/** The poster's own words, one set per language it can be printed in. */
export const POSTER_LANGS = ['fi', 'sv', 'en'] as const;
export type PosterLang = (typeof POSTER_LANGS)[number];

export const POSTER_TEXT: Record<PosterLang, {scan: string; anonymous: string; orOpen: string}> = {
  fi: {scan: 'Skannaa QR-koodi puhelimesi kameralla', anonymous: 'Vastaa nimettömästi – ei kirjautumista', orOpen: 'tai avaa'},
  sv: {scan: 'Skanna QR-koden med mobilkameran', anonymous: 'Svara anonymt – ingen inloggning', orOpen: 'eller öppna'},
  en: {scan: 'Scan the QR code with your phone camera', anonymous: 'Answer anonymously – no sign-in', orOpen: 'or open'},
};
