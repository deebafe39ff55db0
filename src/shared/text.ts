import type {Text} from './types.js';

/** A content text in one language; `lang` is unset when the text is not content (a UI string) or empty. */
export interface PickedText {
  text: string;
  lang?: string;
}

/** The first language of `languages` that the text has, else any text it has, else ''. */
export function pickText(text: Text | undefined, languages: readonly string[]): PickedText {
  if (!text) return {text: ''};
  for (const lang of languages) {
    const value = text[lang];
    if (value) return {text: value, lang};
  }
  const [lang, value] = Object.entries(text).find(([, value]) => value) ?? [];
  return value ? {text: value, lang} : {text: ''};
}
