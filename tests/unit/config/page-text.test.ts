import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_TEXT,
  builtInText,
  PLURAL_KEYS,
  placeholders,
  TEXT_KEYS,
} from '../../../src/config/page-text.js';

describe('the built-in page text', () => {
  it('has every key in English and French, plural keys with both forms', () => {
    for (const table of Object.values(BUILT_IN_TEXT)) {
      expect(Object.keys(table).sort()).toEqual([...TEXT_KEYS].sort());
      for (const key of PLURAL_KEYS) {
        expect(Object.keys(table[key]).sort()).toEqual(['one', 'other']);
      }
    }
    expect(PLURAL_KEYS).toContain('storyCount');
    expect(PLURAL_KEYS).not.toContain('latest');
  });

  it('keeps in French every placeholder of the English, and names no other', () => {
    const en = BUILT_IN_TEXT.en;
    const fr = BUILT_IN_TEXT.fr;
    if (!en || !fr) throw new Error('missing table');
    for (const key of TEXT_KEYS) {
      const english = placeholders(en[key]);
      const french = placeholders(fr[key]);
      // "La rubrique et ses fils": French may say "the one category" without its number.
      expect(
        french.filter((p) => !english.includes(p)),
        key,
      ).toEqual([]);
      if (!PLURAL_KEYS.includes(key as never)) expect(french.sort(), key).toEqual(english.sort());
    }
  });
});

describe('builtInText', () => {
  it('finds a table by the primary subtag, in any case, and none for other languages', () => {
    expect(builtInText('fr-CA')).toBe(BUILT_IN_TEXT.fr);
    expect(builtInText('EN-gb')).toBe(BUILT_IN_TEXT.en);
    expect(builtInText('de')).toBeUndefined();
    expect(builtInText('constructor')).toBeUndefined();
  });
});

describe('placeholders', () => {
  it('lists the names in braces once each, in order, across both plural forms', () => {
    expect(placeholders('{name} on {site}, {name}')).toEqual(['name', 'site']);
    expect(placeholders({ one: '{n} story', other: '{n} stories of {site}' })).toEqual([
      'n',
      'site',
    ]);
    expect(placeholders('none')).toEqual([]);
  });
});
