import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeSlug } from '../../src/slug.js';

describe('makeSlug', () => {
  it.each([
    ['Hello World', 'hello-world'],
    ['Économie', 'economie'],
    ['Ærøskøbing', 'aeroskobing'],
    ['ÄÖÜ ß', 'aeoeue-ss'],
    ['C++ & Rust', 'c-and-rust'],
    ["it's", 'its'],
    ['100%', '100'],
    ['2026 in review', '2026-in-review'],
  ])('turns %j into %j', (text, slug) => {
    expect(makeSlug(text)).toBe(slug);
  });

  it('keeps camel case as one word', () => {
    expect(makeSlug('fooBar')).toBe('foobar');
    expect(makeSlug('JavaScript')).toBe('javascript');
  });

  it('cannot climb out of a folder', () => {
    expect(makeSlug('../../etc')).toBe('etc');
    expect(makeSlug('a/b\\c')).toBe('a-b-c');
    expect(makeSlug('..')).toBe('');
  });

  it('collapses separators and trims them from the ends', () => {
    expect(makeSlug('  --a -- b__  ')).toBe('a-b');
    expect(makeSlug('a--b')).toBe('a-b');
  });

  it('gives an empty slug for text with nothing to transliterate', () => {
    expect(makeSlug('')).toBe('');
    expect(makeSlug('   ')).toBe('');
    expect(makeSlug('😀')).toBe('');
  });

  it('always gives lower-case ASCII words joined by single hyphens', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        expect(makeSlug(text)).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same slug for its own output', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const slug = makeSlug(text);
        expect(makeSlug(slug)).toBe(slug);
      }),
      { numRuns: 200 },
    );
  });
});
