import { describe, expect, it } from 'vitest';
import {
  describe as describeValue,
  FieldReader,
  type Location,
  suggestKey,
} from '../../src/field-reader.js';

const FILE = 'posts/a.md';

/** A reader over `data` whose keys sit at the lines given in `lines` (column 1 + line). */
function reader(data: Record<string, unknown>, lines: Record<string, number> = {}) {
  return new FieldReader(data, FILE, (key): Location | undefined =>
    Object.hasOwn(lines, key)
      ? { line: lines[key] ?? 0, column: (lines[key] ?? 0) + 1 }
      : undefined,
  );
}

describe('FieldReader', () => {
  describe('has, raw and keys', () => {
    it('sees own keys only, and treats null as absent', () => {
      const r = reader({ title: 'T', summary: null, draft: false, count: 0 });
      expect([r.has('title'), r.has('summary'), r.has('draft'), r.has('count')]).toEqual([
        true,
        false,
        true,
        true,
      ]);
      expect(r.has('missing')).toBe(false);
      expect(r.has('toString')).toBe(false);
      expect(r.raw('summary')).toBeNull();
      expect(r.raw('constructor')).toBeUndefined();
      expect(r.keys()).toEqual(['title', 'summary', 'draft', 'count']);
    });
  });

  describe('report and error', () => {
    it('locates a dotted key by its top-level key', () => {
      const r = reader({ author: {} }, { author: 4 });
      r.report('warning', 'author.name', 'odd', 'something odd', 'fix it');
      expect(r.diagnostics).toEqual([
        {
          severity: 'warning',
          code: 'odd',
          file: FILE,
          line: 4,
          column: 5,
          field: 'author.name',
          message: 'something odd',
          fix: 'fix it',
        },
      ]);
    });

    it('locates an entry of a list, and a key whose own name holds a dot', () => {
      const r = reader({ authors: [{}], 'ti.tle': 'x' }, { authors: 3, 'ti.tle': 7 });
      r.error('authors[0].email', 'bad-email', 'not an email');
      r.report('warning', 'ti.tle', 'unknown-key', 'unknown key');
      expect(r.diagnostics.map((d) => [d.field, d.line])).toEqual([
        ['authors[0].email', 3],
        ['ti.tle', 7],
      ]);
    });

    it('leaves out the position and fix it does not have', () => {
      const r = reader({});
      expect(r.error('title', 'missing', 'title is missing')).toBeUndefined();
      expect(r.diagnostics).toEqual([
        {
          severity: 'error',
          code: 'missing',
          file: FILE,
          field: 'title',
          message: 'title is missing',
        },
      ]);
    });

    it('is ok until an error, whatever the warnings', () => {
      const r = reader({});
      expect(r.ok).toBe(true);
      r.report('warning', 'x', 'w', 'just a warning');
      expect(r.ok).toBe(true);
      r.error('x', 'e', 'an error');
      expect(r.ok).toBe(false);
    });
  });

  describe('string', () => {
    it('returns the text as written', () => {
      const r = reader({ title: '  Hello  world ' });
      expect(r.string('title', { example: 'title: T' })).toBe('  Hello  world ');
      expect(r.diagnostics).toEqual([]);
    });

    it('collapses whitespace when asked', () => {
      const r = reader({ title: '  Hello \n\t world ' });
      expect(r.string('title', { example: 'title: T', collapse: true })).toBe('Hello world');
    });

    it('returns nothing for an absent optional key, and says nothing', () => {
      const r = reader({ summary: null });
      expect(r.string('summary', { example: 'summary: S' })).toBeUndefined();
      expect(r.string('other', { example: 'other: O' })).toBeUndefined();
      expect(r.diagnostics).toEqual([]);
    });

    it('says a required key is missing, with the example as the fix', () => {
      const r = reader({ title: null }, { title: 2 });
      expect(r.string('title', { required: true, example: 'title: My post' })).toBeUndefined();
      expect(r.diagnostics).toEqual([
        {
          severity: 'error',
          code: 'missing',
          file: FILE,
          line: 2,
          column: 3,
          field: 'title',
          message: 'title is missing',
          fix: 'add title: My post',
        },
      ]);
    });

    it('says a required key is empty when it is only whitespace', () => {
      const r = reader({ title: ' \n ' });
      expect(r.string('title', { required: true, example: 'title: My post' })).toBeUndefined();
      expect(r.diagnostics).toEqual([
        expect.objectContaining({
          code: 'empty',
          message: 'title is empty',
          fix: 'write it, e.g. title: My post',
        }),
      ]);
    });

    it.each([
      [42, 'the number 42', 'quote it: title: "42"'],
      [true, 'true', 'quote it: title: "true"'],
      [['a'], 'a list', 'quote it: title: "…"'],
      [{ a: 1 }, 'a mapping', 'quote it: title: "…"'],
    ])('refuses %j and says how to quote it', (value, described, fix) => {
      const r = reader({ title: value }, { title: 1 });
      expect(r.string('title', { required: true, example: 'title: T' })).toBeUndefined();
      expect(r.diagnostics).toEqual([
        {
          severity: 'error',
          code: 'not-text',
          file: FILE,
          line: 1,
          column: 2,
          field: 'title',
          message: `title must be text, not ${described}`,
          fix,
        },
      ]);
    });

    it('reads the value it is given instead of the key', () => {
      const r = reader({ title: 'ignored' });
      expect(r.string('title', { example: 'title: T', value: 'given' })).toBe('given');
    });

    it('removes control characters with a warning', () => {
      const r = reader({ title: 'a\u0000b\u0007' });
      expect(r.string('title', { example: 'title: T' })).toBe('ab');
      expect(r.ok).toBe(true);
      expect(r.diagnostics).toEqual([
        expect.objectContaining({
          severity: 'warning',
          code: 'control-characters',
          field: 'title',
          message: '2 control characters removed (XML cannot carry them)',
        }),
      ]);
    });
  });

  describe('clean', () => {
    it('counts one character in the singular, and warns about nothing when clean', () => {
      const r = reader({});
      expect(r.clean('summary', 'x\u001Fy')).toBe('xy');
      expect(r.clean('summary', 'clean text')).toBe('clean text');
      expect(r.diagnostics).toEqual([
        {
          severity: 'warning',
          code: 'control-characters',
          file: FILE,
          field: 'summary',
          message: '1 control character removed (XML cannot carry them)',
          fix: 'delete the invisible characters from the text',
        },
      ]);
    });
  });

  describe('url', () => {
    it('normalises an absolute http(s) URL and trims it', () => {
      const r = reader({});
      expect(r.url('link', '  HTTPS://Example.COM  ', 'https://e.example/')).toBe(
        'https://example.com/',
      );
      expect(r.url('link', 'http://e.example/a b', 'https://e.example/')).toBe(
        'http://e.example/a%20b',
      );
      expect(r.diagnostics).toEqual([]);
    });

    it.each([[42], [''], ['   '], [null]])('says %j must be an absolute URL', (value) => {
      const r = reader({}, { link: 6 });
      expect(r.url('link', value, 'https://e.example/post')).toBeUndefined();
      expect(r.diagnostics).toEqual([
        {
          severity: 'error',
          code: 'not-url',
          file: FILE,
          line: 6,
          column: 7,
          field: 'link',
          message: 'link must be an absolute URL',
          fix: 'use e.g. "https://e.example/post"',
        },
      ]);
    });

    it.each([
      ['/posts/x/'],
      ['javascript:alert(1)'],
      ['ftp://e.example/x'],
      ['mailto:ada@example.com'],
    ])('refuses %s as not an absolute http(s) URL', (value) => {
      const r = reader({});
      expect(r.url('link', value, 'https://e.example/post')).toBeUndefined();
      expect(r.diagnostics).toEqual([
        expect.objectContaining({
          code: 'not-url',
          message: `link "${value}" is not an absolute http(s) URL`,
          fix: 'use e.g. "https://e.example/post"',
        }),
      ]);
    });
  });

  describe('person', () => {
    it('reads a name, collapsing its whitespace', () => {
      const r = reader({});
      expect(r.person('author', '  Ada \n Lovelace ')).toEqual({ name: 'Ada Lovelace' });
      expect(r.diagnostics).toEqual([]);
    });

    it('reads a mapping with name, email and url', () => {
      const r = reader({});
      expect(
        r.person('author', {
          name: 'Ada',
          email: ' ada@example.com ',
          url: 'https://Example.com/ada',
        }),
      ).toEqual({ name: 'Ada', email: 'ada@example.com', url: 'https://example.com/ada' });
      expect(r.diagnostics).toEqual([]);
    });

    it('ignores a null email or url', () => {
      const r = reader({});
      expect(r.person('author', { name: 'Ada', email: null, url: null })).toEqual({ name: 'Ada' });
      expect(r.diagnostics).toEqual([]);
    });

    it('says an empty name is empty', () => {
      const r = reader({}, { author: 3 });
      expect(r.person('author', ' \t ')).toBeUndefined();
      expect(r.diagnostics).toEqual([
        {
          severity: 'error',
          code: 'empty',
          file: FILE,
          line: 3,
          column: 4,
          field: 'author',
          message: 'author is empty',
          fix: 'write a name',
        },
      ]);
    });

    it.each([
      [42, 'the number 42'],
      [null, 'empty'],
      [['Ada'], 'a list'],
      [false, 'false'],
    ])('refuses %j as a person', (value, described) => {
      const r = reader({});
      expect(r.person('author', value)).toBeUndefined();
      expect(r.diagnostics).toEqual([
        expect.objectContaining({
          code: 'not-person',
          field: 'author',
          message: `author must be a name or {name, email, url}, not ${described}`,
          fix: 'write author: "Ada Lovelace"',
        }),
      ]);
    });

    it('says a mapping without a name is missing one, at the key it belongs to', () => {
      const r = reader({}, { author: 5 });
      expect(r.person('author', { email: 'ada@example.com' })).toBeUndefined();
      expect(r.diagnostics).toEqual([
        {
          severity: 'error',
          code: 'missing',
          file: FILE,
          line: 5,
          column: 6,
          field: 'author.name',
          message: 'author.name is missing',
          fix: 'add name: Ada Lovelace',
        },
      ]);
    });

    it('reports a bad email and a bad url, and every problem at once', () => {
      const r = reader({}, { author: 2 });
      const person = r.person('author', {
        name: 'Ada',
        email: 'ada at example',
        url: 'ada.example',
      });
      expect(person).toEqual({ name: 'Ada' });
      expect(r.diagnostics.map((d) => [d.code, d.field, d.line, d.message, d.fix])).toEqual([
        [
          'bad-email',
          'author.email',
          2,
          'author.email is not an email address',
          'use e.g. "ada@example.com"',
        ],
        [
          'not-url',
          'author.url',
          2,
          'author.url "ada.example" is not an absolute http(s) URL',
          'use e.g. "https://example.com/ada"',
        ],
      ]);
    });

    it.each([
      ['no at sign', 'ada.example.com'],
      ['a space', 'ada @example.com'],
      ['two at signs', 'a@b@example.com'],
      ['angle brackets', '<ada@example.com>'],
      ['a number', 42],
    ])('refuses an email with %s', (_, email) => {
      const r = reader({});
      r.person('author', { name: 'Ada', email });
      expect(r.diagnostics.map((d) => d.code)).toEqual(['bad-email']);
    });

    it('warns about keys a person does not have', () => {
      const r = reader({}, { author: 1 });
      expect(r.person('author', { name: 'Ada', mail: 'ada@example.com' })).toEqual({ name: 'Ada' });
      expect(r.ok).toBe(true);
      expect(r.diagnostics).toEqual([
        {
          severity: 'warning',
          code: 'unknown-key',
          file: FILE,
          line: 1,
          column: 2,
          field: 'author.mail',
          message: 'unknown key "mail" ignored',
          fix: 'use name, email or url',
        },
      ]);
    });
  });

  describe('people', () => {
    it('reads one name as a list of one', () => {
      const r = reader({});
      expect(r.people('authors', 'Ada')).toEqual([{ name: 'Ada' }]);
    });

    it('reads a list of names and mappings in order', () => {
      const r = reader({});
      expect(r.people('authors', ['Ada', { name: 'Grace', url: 'https://e.example/g' }])).toEqual([
        { name: 'Ada' },
        { name: 'Grace', url: 'https://e.example/g' },
      ]);
      expect(r.diagnostics).toEqual([]);
    });

    it('names the entry that is wrong by its index, and keeps the good ones', () => {
      const r = reader({});
      expect(r.people('authors', ['Ada', 7, { email: 'x@e.example' }])).toEqual([{ name: 'Ada' }]);
      expect(r.diagnostics.map((d) => [d.code, d.field, d.message])).toEqual([
        [
          'not-person',
          'authors[1]',
          'authors[1] must be a name or {name, email, url}, not the number 7',
        ],
        ['missing', 'authors[2].name', 'authors[2].name is missing'],
      ]);
    });

    it('says an empty list is empty', () => {
      const r = reader({}, { authors: 9 });
      expect(r.people('authors', [])).toBeUndefined();
      expect(r.diagnostics).toEqual([
        {
          severity: 'error',
          code: 'empty',
          file: FILE,
          line: 9,
          column: 10,
          field: 'authors',
          message: 'authors is empty',
          fix: 'write a name, e.g. authors: "Ada Lovelace"',
        },
      ]);
    });

    it('does not add "empty" on top of the error for the only entry', () => {
      const r = reader({});
      expect(r.people('authors', ['  '])).toEqual([]);
      expect(r.diagnostics.map((d) => [d.code, d.field])).toEqual([['empty', 'authors[0]']]);
    });
  });

  describe('warnUnknownKeys', () => {
    it('warns about each unknown key, suggesting the key a typo meant', () => {
      const r = reader(
        { tilte: 'T', date: '2026-01-01', categroies: [] },
        { tilte: 2, categroies: 4 },
      );
      r.warnUnknownKeys(['title', 'date', 'categories']);
      expect(r.ok).toBe(true);
      expect(r.diagnostics).toEqual([
        {
          severity: 'warning',
          code: 'unknown-key',
          file: FILE,
          line: 2,
          column: 3,
          field: 'tilte',
          message: 'unknown key "tilte" ignored',
          fix: 'did you mean "title"?',
        },
        {
          severity: 'warning',
          code: 'unknown-key',
          file: FILE,
          line: 4,
          column: 5,
          field: 'categroies',
          message: 'unknown key "categroies" ignored',
          fix: 'did you mean "categories"?',
        },
      ]);
    });

    it('warns about the unknown keys of a mapping inside the data, at its key', () => {
      const r = reader({ image: { src: '/a.png', credti: 'AP' } }, { image: 3 });
      r.warnUnknownKeys(['src', 'credit'], {
        at: 'image',
        record: { src: '/a.png', credti: 'AP' },
      });
      expect(r.diagnostics).toEqual([
        {
          severity: 'warning',
          code: 'unknown-key',
          file: FILE,
          line: 3,
          column: 4,
          field: 'image.credti',
          message: 'unknown key "credti" ignored',
          fix: 'did you mean "credit"?',
        },
      ]);
    });

    it('lists the known keys when nothing is close', () => {
      const r = reader({ colour: 'red' });
      r.warnUnknownKeys(['title', 'date']);
      expect(r.diagnostics).toEqual([
        expect.objectContaining({
          field: 'colour',
          message: 'unknown key "colour" ignored',
          fix: 'known keys: title, date',
        }),
      ]);
    });

    it('says nothing when every key is known', () => {
      const r = reader({ title: 'T', date: null });
      r.warnUnknownKeys(['title', 'date', 'tags']);
      expect(r.diagnostics).toEqual([]);
    });

    it('treats a key in the wrong case as unknown, suggesting the right case', () => {
      const r = reader({ Title: 'T' });
      r.warnUnknownKeys(['title']);
      expect(r.diagnostics.map((d) => d.fix)).toEqual(['did you mean "title"?']);
    });
  });
});

describe('describe', () => {
  it.each([
    [null, 'empty'],
    [[], 'a list'],
    [{}, 'a mapping'],
    [new Date(0), 'a mapping'],
    [3.5, 'the number 3.5'],
    [true, 'true'],
    [false, 'false'],
    ['text', 'string'],
    [undefined, 'undefined'],
  ])('describes %j as %s', (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });
});

describe('suggestKey', () => {
  const known = ['title', 'date', 'updated', 'summary', 'categories', 'tags', 'author'];

  it.each([
    ['tilte', 'title'], // a swap counts as one edit
    ['categroies', 'categories'],
    ['categorys', 'categories'],
    ['summry', 'summary'],
    ['dat', 'date'],
    ['tag', 'tags'],
    ['authors', 'author'],
    ['UPDATED', 'updated'], // case is ignored
  ])('suggests %s → %s', (typo, expected) => {
    expect(suggestKey(typo, known)).toBe(expected);
  });

  it('suggests nothing when no key is close enough', () => {
    expect(suggestKey('colour', known)).toBeUndefined();
    expect(suggestKey('xyz', known)).toBeUndefined();
    expect(suggestKey('title', [])).toBeUndefined();
  });

  it('allows two edits in a short key and a third of the length in a long one', () => {
    expect(suggestKey('ab', ['abcd'])).toBe('abcd');
    expect(suggestKey('ab', ['abcde'])).toBeUndefined();
    expect(suggestKey('abcdefghi', ['abcdefxyz'])).toBe('abcdefxyz'); // 3 edits, 9 / 3 = 3
    expect(suggestKey('abcdefgh', ['abcdefxyz'])).toBeUndefined(); // 3 edits, 8 / 3 → 2
  });

  it('prefers the closest key, then the first listed', () => {
    expect(suggestKey('tagz', ['date', 'tags'])).toBe('tags');
    expect(suggestKey('ab', ['xb', 'ax'])).toBe('xb');
  });
});

describe('FieldReader.pick', () => {
  const reader = (data: Record<string, unknown>) => new FieldReader(data, 'p.md', () => undefined);

  it('gives the first key that is set, else the first, and warns of the others set', () => {
    expect(reader({ lastmod: 'x' }).pick(['updated', 'lastmod'])).toBe('lastmod');
    expect(reader({}).pick(['updated', 'lastmod'])).toBe('updated');
    const r = reader({ updated: 'a', lastmod: 'b', last_modified_at: 'c' });
    expect(r.pick(['updated', 'lastmod', 'last_modified_at'], 'dup')).toBe('updated');
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.field, d.message])).toEqual([
      ['warning', 'dup', 'lastmod', 'both updated and lastmod are set; lastmod is ignored'],
      [
        'warning',
        'dup',
        'last_modified_at',
        'both updated and last_modified_at are set; last_modified_at is ignored',
      ],
    ]);
  });
});

describe('FieldReader.warnUnknownKeys with accepted keys', () => {
  it('says nothing of accepted keys, and suggests only known ones for a typo', () => {
    const r = new FieldReader({ layout: 'post', titel: 'x' }, 'p.md', () => undefined);
    r.warnUnknownKeys(['title', 'date'], undefined, new Set(['layout', 'tittle-case']));
    expect(r.diagnostics.map((d) => [d.field, d.fix])).toEqual([
      ['titel', 'did you mean "title"?'],
    ]);
  });
});
