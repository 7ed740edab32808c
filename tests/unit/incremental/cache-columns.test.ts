import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/diagnostics.js';
import { fromColumns, toColumns } from '../../../src/incremental/cache-columns.js';
import type { HeadRecord, PostRef } from '../../../src/model.js';

/** A head whose front matter was valid: it has a ref. */
function validHead(sourcePath: string, ref: Partial<PostRef> = {}): HeadRecord {
  const slug = sourcePath.replace(/\.md$/, '');
  return {
    sourcePath,
    size: 120,
    mtimeMs: 1_767_225_600_123.456,
    headHash: `hash-${slug}`,
    diagnostics: [],
    ref: {
      sourcePath,
      date: new Date('2026-01-01T09:30:00.250Z'),
      slug,
      language: 'en',
      categories: [],
      tags: [],
      authors: [],
      draft: false,
      url: `https://news.example.com/posts/${slug}/`,
      ...ref,
    },
  };
}

/** A head whose front matter had errors: no ref, only what was wrong. */
function brokenHead(sourcePath: string, diagnostics: Diagnostic[]): HeadRecord {
  return { sourcePath, size: 40, mtimeMs: 1_000, headHash: `hash-${sourcePath}`, diagnostics };
}

const warning: Diagnostic = {
  severity: 'warning',
  code: 'unknown-key',
  file: 'posts/b.md',
  line: 3,
  column: 1,
  field: 'titel',
  message: 'unknown key "titel" ignored',
  fix: 'did you mean "title"?',
};

const error: Diagnostic = {
  severity: 'error',
  code: 'missing',
  file: 'posts/c.md',
  field: 'date',
  message: 'date is missing',
};

function mapOf(...heads: HeadRecord[]): Map<string, HeadRecord> {
  return new Map(heads.map((h) => [h.sourcePath, h]));
}

/** Heads through the columns and back, as entries: `toStrictEqual` on arrays tells an absent key from an undefined one. */
function roundTrip(heads: Map<string, HeadRecord>): [string, HeadRecord][] {
  return [...fromColumns(toColumns(heads))];
}

describe('toColumns and fromColumns', () => {
  it('round-trip heads with every optional field set, exactly', () => {
    const heads = mapOf(
      validHead('a.md', {
        updated: new Date('2026-02-01T00:00:00Z'),
        id: 'tag:news.example.com,2026:a',
        link: 'https://elsewhere.example/a',
        pagePath: 'posts/a/index.html',
        categories: ['Big News', 'Économie', 'Sport'],
        tags: ['Budget 2026', 'Élection'],
        authors: [{ name: 'Jane Doe', key: 'jdoe' }, { name: 'Ada' }],
        feed: 'summary',
        expires: new Date('2026-06-01T12:00:00.500Z'),
        draft: true,
      }),
    );
    expect(roundTrip(heads)).toStrictEqual([...heads]);
  });

  it('round-trip heads with no optional field, leaving them absent', () => {
    const heads = mapOf(validHead('a.md'));
    const back = roundTrip(heads);
    expect(back).toStrictEqual([...heads]);
    expect(Object.keys(back[0]?.[1].ref ?? {}).sort()).toEqual(
      [
        'authors',
        'categories',
        'date',
        'draft',
        'language',
        'slug',
        'sourcePath',
        'tags',
        'url',
      ].sort(),
    );
  });

  it('round-trip heads without a ref, and a mix, in their order', () => {
    const heads = mapOf(
      validHead('z.md', { categories: ['One'] }),
      brokenHead('c.md', [error]),
      validHead('b.md', { pagePath: 'posts/b/index.html' }),
      { ...validHead('m.md'), diagnostics: [warning] },
      brokenHead('unreadable.md', []),
    );
    const back = roundTrip(heads);
    expect(back).toStrictEqual([...heads]);
    expect(back.map(([key]) => key)).toEqual(['z.md', 'c.md', 'b.md', 'm.md', 'unreadable.md']);
  });

  it("round-trip a body's hash where it is known, and none where it is not", () => {
    const heads = mapOf({ ...validHead('a.md'), bodyHash: 'body-a' }, validHead('b.md'));
    expect(roundTrip(heads)).toStrictEqual([...heads]);
    expect(toColumns(heads).bodyHash).toEqual(['body-a', '']);
  });

  it("round-trip a file's blob id where it is known, and none where it is not", () => {
    const blob = 'a'.repeat(40);
    const heads = mapOf({ ...validHead('a.md'), blob }, validHead('b.md'), brokenHead('c.md', []));
    expect(roundTrip(heads)).toStrictEqual([...heads]);
    expect(toColumns(heads).blob).toEqual([blob, '', '']);
  });

  it('round-trip an empty map', () => {
    expect(roundTrip(new Map())).toEqual([]);
  });

  it('store diagnostics only for the rows that have them', () => {
    const columns = toColumns(
      mapOf(
        validHead('a.md'),
        { ...validHead('b.md'), diagnostics: [warning] },
        validHead('c.md'),
        brokenHead('d.md', [error]),
      ),
    );
    expect(columns.diagnostics).toEqual([
      [1, [warning]],
      [3, [error]],
    ]);
  });

  it('keep one value per row in typed arrays, NaN where a head has no date or updated', () => {
    const columns = toColumns(
      mapOf(
        validHead('a.md', { updated: new Date('2026-03-01T00:00:00Z'), draft: true }),
        brokenHead('b.md', [error]),
      ),
    );
    expect(columns.size).toBeInstanceOf(Float64Array);
    expect(columns.mtimeMs).toBeInstanceOf(Float64Array);
    expect(columns.date).toBeInstanceOf(Float64Array);
    expect(columns.updated).toBeInstanceOf(Float64Array);
    expect(columns.draft).toBeInstanceOf(Uint8Array);
    expect(columns.feed).toBeInstanceOf(Uint8Array);
    expect(columns.expires).toBeInstanceOf(Float64Array);
    expect([...columns.size]).toEqual([120, 40]);
    expect([...columns.mtimeMs]).toEqual([1_767_225_600_123.456, 1_000]);
    expect([...columns.date]).toEqual([Date.parse('2026-01-01T09:30:00.250Z'), Number.NaN]);
    expect([...columns.updated]).toEqual([Date.parse('2026-03-01T00:00:00Z'), Number.NaN]);
    expect([...columns.draft]).toEqual([1, 0]);
    expect([...columns.feed]).toEqual([0, 0]);
    expect([...columns.expires]).toEqual([Number.NaN, Number.NaN]);
    expect(columns.sourcePath).toEqual(['a.md', 'b.md']);
    expect(columns.slug).toEqual(['a', '']);
    expect(columns.id).toEqual(['', '']);
  });

  it('keep each category and tag name once, and each post’s as places in that table, spaces kept', () => {
    const columns = toColumns(
      mapOf(
        validHead('a.md', { categories: ['Big News', ' padded '], tags: ['Budget', 'Big News'] }),
        validHead('b.md'),
        brokenHead('c.md', [error]),
        validHead('d.md', { categories: [' padded '], tags: ['Budget', 'Élection'] }),
      ),
    );
    expect(columns.names).toEqual(['Big News', ' padded ', 'Budget', 'Élection']);
    expect(columns.categories).toBeInstanceOf(Uint32Array);
    expect([...columns.categories]).toEqual([0, 1, 1]);
    expect([...columns.categoryEnds]).toEqual([2, 2, 2, 3]);
    expect([...columns.tags]).toEqual([2, 0, 2, 3]);
    expect([...columns.tagEnds]).toEqual([2, 2, 2, 4]);
    const back = fromColumns(columns);
    expect(back.get('a.md')?.ref).toMatchObject({
      categories: ['Big News', ' padded '],
      tags: ['Budget', 'Big News'],
    });
    expect(back.get('b.md')?.ref).toMatchObject({ categories: [], tags: [] });
    expect(back.get('d.md')?.ref).toMatchObject({
      categories: [' padded '],
      tags: ['Budget', 'Élection'],
    });
  });

  it('store bylines as JSON, their key only when set', () => {
    const columns = toColumns(
      mapOf(
        validHead('a.md', { authors: [{ name: 'Jane Doe', key: 'jdoe' }, { name: 'Ada' }] }),
        validHead('b.md'),
      ),
    );
    expect(columns.authors).toEqual(['[["Jane Doe","jdoe"],["Ada"]]', '']);
    const back = fromColumns(columns);
    expect(back.get('a.md')?.ref?.authors).toStrictEqual([
      { name: 'Jane Doe', key: 'jdoe' },
      { name: 'Ada' },
    ]);
    expect(back.get('b.md')?.ref).toMatchObject({ authors: [] });
  });

  it('code feed as 0 full, 1 summary, 2 none, and expires as epoch ms or NaN', () => {
    const expires = new Date('2026-07-01T00:00:00Z');
    const heads = mapOf(
      validHead('a.md'),
      validHead('b.md', { feed: 'summary' }),
      validHead('c.md', { feed: 'none', expires }),
      brokenHead('d.md', [error]),
    );
    const columns = toColumns(heads);
    expect([...columns.feed]).toEqual([0, 1, 2, 0]);
    expect([...columns.expires]).toEqual([Number.NaN, Number.NaN, expires.getTime(), Number.NaN]);
    const back = fromColumns(columns);
    expect([...back]).toStrictEqual([...heads]);
    // A full, never-expiring post has neither key, as validation leaves it.
    expect(Object.keys(back.get('a.md')?.ref ?? {})).not.toContain('feed');
    expect(Object.keys(back.get('a.md')?.ref ?? {})).not.toContain('expires');
    expect(back.get('c.md')?.ref).toMatchObject({ feed: 'none', expires });
  });
});
