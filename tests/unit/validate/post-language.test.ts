import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEXT } from '../../../src/config/page-text.js';
import { FieldReader } from '../../../src/field-reader.js';
import type { Language } from '../../../src/model.js';
import { readPostLanguage, readTranslationKey } from '../../../src/validate/post-language.js';

const en: Language = {
  tag: 'en-CA',
  folder: '',
  title: 'Test',
  description: 'Tests.',
  text: BUILT_IN_TEXT.en,
};
const fr: Language = {
  tag: 'fr-CA',
  folder: 'fr/',
  title: 'Test',
  description: 'Tests.',
  text: BUILT_IN_TEXT.fr,
};

function readWith<T>(data: Record<string, unknown>, read: (r: FieldReader) => T) {
  const r = new FieldReader(data, 'posts/p.md', () => undefined);
  const value = read(r);
  return {
    value,
    diagnostics: r.diagnostics.map(({ code, field, message, fix }) => ({
      code,
      field,
      message,
      fix,
    })),
  };
}

describe('readPostLanguage', () => {
  const bilingual = (r: FieldReader) => readPostLanguage(r, [en, fr]);

  it('is the default language when the post names none', () => {
    expect(readWith({}, bilingual).value).toBe(en);
  });

  it('finds the site language the post names, by its tag in any case or its primary subtag', () => {
    expect(readWith({ language: 'fr-CA' }, bilingual).value).toBe(fr);
    expect(readWith({ language: 'FR-ca' }, bilingual).value).toBe(fr);
    expect(readWith({ language: 'fr' }, bilingual).value).toBe(fr);
    expect(readWith({ language: ' en ' }, bilingual).value).toBe(en);
  });

  it('refuses a language the site does not publish in, saying which it does', () => {
    expect(readWith({ language: 'fr-FR' }, bilingual)).toEqual({
      value: undefined,
      diagnostics: [
        {
          code: 'bad-language',
          field: 'language',
          message: 'language "fr-FR" is not one of the site\'s languages (en-CA, fr-CA)',
          fix: 'use one of en-CA, fr-CA, or add it to "languages" in the config',
        },
      ],
    });
    // A site in one language publishes every post in it (as it always did), with a warning.
    const single = readWith({ language: 'de' }, (r) => readPostLanguage(r, [en]));
    expect(single.value).toBe(en);
    expect(single.diagnostics).toMatchObject([
      {
        code: 'other-language',
        fix: 'list every language the site publishes in: "languages": ["en-CA", "de"]',
      },
    ]);
    expect(readWith({ language: 'not a tag!' }, bilingual).diagnostics[0]?.code).toBe(
      'bad-language',
    );
    expect(readWith({ language: 4 }, bilingual).diagnostics[0]?.code).toBe('not-text');
  });
});

describe('readTranslationKey', () => {
  it('reads the key its translations share, whitespace collapsed', () => {
    expect(readWith({ translationKey: ' budget  2026 ' }, readTranslationKey).value).toBe(
      'budget 2026',
    );
    expect(readWith({}, readTranslationKey).value).toBeUndefined();
  });

  it('refuses an empty key', () => {
    expect(readWith({ translationKey: '  ' }, readTranslationKey).diagnostics).toMatchObject([
      { code: 'empty', field: 'translationKey' },
    ]);
  });
});
