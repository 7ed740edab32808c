import { describe, expect, it } from 'vitest';
import { languageFolders } from '../../../src/config/language-fields.js';
import { BUILT_IN_TEXT } from '../../../src/config/page-text.js';
import { validateConfig } from '../../../src/config/validate-config.js';
import { makeConfig } from '../../helpers/site.js';

const ABOUT = { title: 'Test News', description: 'News for tests' };

/** A config without `language`, with these extra keys, validated. */
function validate(extra: Record<string, unknown>) {
  const { language: _language, ...base } = makeConfig();
  return validateConfig({ ...base, ...extra }, 'c.json');
}

/** The diagnostics of a config, as [severity, field, code]. */
function problems(extra: Record<string, unknown>) {
  return validate(extra).diagnostics.map((d) => [d.severity, d.field, d.code]);
}

describe('languages', () => {
  it('is the one site language, in the root folder, when not set', () => {
    const r = validateConfig(makeConfig({ language: 'fr-ca' }), 'c.json');
    if (!r.ok) throw new Error('invalid');
    expect(r.config.languages).toEqual([
      { tag: 'fr-CA', folder: '', ...ABOUT, text: BUILT_IN_TEXT.fr },
    ]);
  });

  it('lists every language, the first the default, each other in a folder of its own', () => {
    const r = validate({ languages: ['en-ca', 'fr-CA'] });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.config.language).toBe('en-CA');
    expect(r.config.languages).toEqual([
      { tag: 'en-CA', folder: '', ...ABOUT, text: BUILT_IN_TEXT.en },
      { tag: 'fr-CA', folder: 'fr/', ...ABOUT, text: BUILT_IN_TEXT.fr },
    ]);
  });

  it('accepts language when it is the first of languages', () => {
    const r = validateConfig(makeConfig({ language: 'en', languages: ['en', 'fr'] }), 'c.json');
    expect(r.ok).toBe(true);
  });

  it('refuses a language that is not the first, a list that is not one, a bad or repeated tag', () => {
    expect(
      validateConfig(makeConfig({ language: 'fr', languages: ['en', 'fr'] }), 'c').diagnostics,
    ).toMatchObject([
      {
        severity: 'error',
        field: 'language',
        code: 'bad-language',
        message: 'language is fr but languages starts with en',
      },
    ]);
    expect(problems({ languages: 'en' })).toEqual([['error', 'languages', 'bad-languages']]);
    expect(problems({ languages: [] })).toEqual([['error', 'languages', 'bad-languages']]);
    expect(problems({ languages: ['en', 'not a tag!'] })).toEqual([
      ['error', 'languages[1]', 'bad-language'],
    ]);
    expect(problems({ languages: ['en', 'EN'] })).toEqual([
      ['error', 'languages[1]', 'bad-languages'],
    ]);
  });

  it('notes that pages show English in a language with no built-in text, its dates English too', () => {
    const r = validate({ languages: ['en', 'de'] });
    if (!r.ok) throw new Error('invalid');
    // A note, not a warning: --strict still passes.
    expect(r.diagnostics).toMatchObject([
      {
        severity: 'note',
        field: 'text',
        code: 'no-page-text',
        message:
          'pages in de show English text: feedwright has page text in English and French only',
      },
    ]);
    expect(r.config.languages[1]).toMatchObject({ tag: 'de', locale: 'en', folder: 'de/' });
    expect(r.config.languages[0]?.locale).toBeUndefined();
  });
});

describe('languageFolders', () => {
  it('names a folder by the primary subtag, or by the whole tag when two share it', () => {
    expect(languageFolders(['en-CA', 'fr-CA'])).toEqual(['', 'fr/']);
    expect(languageFolders(['pt-BR', 'pt-PT', 'en'])).toEqual(['', 'pt-pt/', 'en/']);
    expect(languageFolders(['zh-Hans', 'zh-Hant'])).toEqual(['', 'zh-hant/']);
  });
});

describe('text', () => {
  it('overrides strings of a language named by its tag or its primary subtag', () => {
    const r = validate({
      languages: ['en-CA', 'fr-CA'],
      text: {
        fr: { subscribe: 'Abonnez-vous', storyCount: { one: '{n} texte', other: '{n} textes' } },
        'en-CA': { latest: 'Top stories' },
      },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const [en, fr] = r.config.languages;
    expect(en?.text.latest).toBe('Top stories');
    expect(en?.text.subscribe).toBe('Subscribe');
    expect(fr?.text.subscribe).toBe('Abonnez-vous');
    expect(fr?.text.storyCount).toEqual({ one: '{n} texte', other: '{n} textes' });
    expect(fr?.text.latest).toBe('À la une');
    // The built-in tables are never changed.
    expect(BUILT_IN_TEXT.fr?.subscribe).toBe('S’abonner');
  });

  it('gives the site its title and description in a language, the config’s elsewhere', () => {
    const r = validate({
      languages: ['en-CA', 'fr-CA'],
      text: { fr: { title: ' Nouvelles  Test ', description: 'Les nouvelles des tests.' } },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.config.languages.map((l) => [l.title, l.description])).toEqual([
      ['Test News', 'News for tests'],
      ['Nouvelles Test', 'Les nouvelles des tests.'],
    ]);
    expect(problems({ languages: ['en', 'fr'], text: { fr: { title: '' } } })).toEqual([
      ['error', 'text.fr.title', 'empty'],
    ]);
    expect(problems({ languages: ['en', 'fr'], text: { fr: { description: 3 } } })).toEqual([
      ['error', 'text.fr.description', 'not-text'],
    ]);
  });

  it('translates a language with no built-in table, and then does not warn', () => {
    const all = Object.fromEntries(
      Object.entries(BUILT_IN_TEXT.en ?? {}).map(([key, value]) => [key, value]),
    );
    const r = validate({ languages: ['en', 'de'], text: { de: { ...all, latest: 'Neueste' } } });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.diagnostics).toEqual([]);
    expect(r.config.languages[1]?.text.latest).toBe('Neueste');
    // Every word German: so are its dates.
    expect(r.config.languages[1]?.locale).toBeUndefined();
  });

  it('says what is wrong with an override: its language, its key, its shape, a lost placeholder', () => {
    const base = { languages: ['en', 'fr'] };
    expect(problems({ ...base, text: [] })).toEqual([['error', 'text', 'bad-text']]);
    expect(problems({ ...base, text: { de: {} } })).toEqual([['error', 'text.de', 'bad-text']]);
    expect(problems({ ...base, text: { fr: 'x' } })).toEqual([['error', 'text.fr', 'bad-text']]);
    expect(problems({ ...base, text: { fr: { subscrib: 'x' } } })).toEqual([
      ['warning', 'text.fr.subscrib', 'unknown-key'],
    ]);
    expect(problems({ ...base, text: { fr: { latest: 3 } } })).toEqual([
      ['error', 'text.fr.latest', 'bad-text'],
    ]);
    expect(problems({ ...base, text: { fr: { storyCount: 'x' } } })).toEqual([
      ['error', 'text.fr.storyCount', 'bad-text'],
    ]);
    const lost = validate({ ...base, text: { fr: { ledeCategory: 'Rubrique {name}' } } });
    expect(lost.diagnostics).toMatchObject([
      {
        field: 'text.fr.ledeCategory',
        message: 'text.fr.ledeCategory leaves out {site}',
        fix: 'keep {site} in it: it stands for what the text is about',
      },
    ]);
  });
});
