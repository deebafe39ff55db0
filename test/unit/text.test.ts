import {describe, expect, it} from 'vitest';
import {pickText} from '../../src/shared/text.js';
import {primarySubtag} from '../../src/shared/config.js';

describe('pickText', () => {
  const text = {fi: 'Kysymys', sv: 'Fråga', en: 'Question'};

  it('picks the first language the text has', () => {
    expect(pickText(text, ['se', 'sv', 'fi'])).toEqual({text: 'Fråga', lang: 'sv'});
  });

  it('falls back to any text rather than showing nothing', () => {
    expect(pickText({en: 'Only English'}, ['fi', 'sv'])).toEqual({text: 'Only English', lang: 'en'});
  });

  it('skips empty translations', () => {
    expect(pickText({fi: '', sv: 'Fråga'}, ['fi'])).toEqual({text: 'Fråga', lang: 'sv'});
  });

  it('gives an empty string for missing text', () => {
    expect(pickText(undefined, ['fi'])).toEqual({text: ''});
    expect(pickText({}, ['fi'])).toEqual({text: ''});
  });
});

describe('primarySubtag', () => {
  it('reduces a language tag to its primary language', () => {
    expect(primarySubtag('sv-FI')).toBe('sv');
    expect(primarySubtag('FI')).toBe('fi');
    expect(primarySubtag('en_GB')).toBe('en');
  });

  it('maps the ISO 639-3 code of Northern Sami to se', () => {
    expect(primarySubtag('sme')).toBe('se');
    expect(primarySubtag('se-NO')).toBe('se');
  });
});
