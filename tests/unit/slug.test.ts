import slugify from '@sindresorhus/slugify';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shortHash } from '../../src/hash.js';
import { cutToBytes, fitSlug, makeSlug, safeName } from '../../src/slug.js';
import { MAX_NAME_BYTES } from '../../src/urls.js';

const bytes = (text: string) => Buffer.byteLength(text);

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

  it('gives a name that is a slug already exactly as slugify would (property)', () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    const plain = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join('-'));
    const near = fc
      .array(fc.constantFrom(...'az09-_ .'.split(''), 'A', 'é', '&'), { maxLength: 20 })
      .map((c) => c.join(''));
    for (const text of [plain, near])
      fc.assert(
        fc.property(text, (t) => {
          expect(makeSlug(t)).toBe(fitSlug(slugify(t, { decamelize: false }), MAX_NAME_BYTES));
        }),
        { numRuns: 2000 },
      );
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

  it('keeps a slug of 255 bytes as it is: it works as a folder name today', () => {
    const text = `${'ab-'.repeat(84)}abc`;
    expect(text).toHaveLength(255);
    expect(makeSlug(text)).toBe(text);
  });

  it('cuts a longer slug to 255 bytes, ending in a hyphen and the hash of the whole slug', () => {
    const text = 'word-'.repeat(60).slice(0, -1); // 299 characters
    const slug = makeSlug(text);
    expect(slug).toBe(`${'word-'.repeat(49)}w-${shortHash(text)}`);
    expect(bytes(slug)).toBeLessThanOrEqual(255);
    expect(slug).toMatch(/^[a-z0-9-]+-[0-9a-f]{8}$/);
  });

  it('keeps distinct long titles distinct, even when they differ only at the end', () => {
    const a = makeSlug(`${'Breaking news '.repeat(25)}part one`);
    const b = makeSlug(`${'Breaking news '.repeat(25)}part two`);
    expect(a).not.toBe(b);
    expect(a.slice(0, 240)).toBe(b.slice(0, 240));
    expect([bytes(a), bytes(b)]).toEqual([255, 255]);
  });

  it('cuts the slug of a title in a script that transliterates long (Cyrillic щ → sch)', () => {
    const title = 'щ'.repeat(100); // 200 bytes as written, 300 as a slug
    const slug = makeSlug(title);
    expect(bytes(slug)).toBe(255);
    expect(slug).toBe(`${'sch'.repeat(82)}-${shortHash('sch'.repeat(100))}`);
  });

  it('drops CJK and emoji it cannot transliterate, and cuts what is left when it is long', () => {
    expect(makeSlug('北京新闻 😀 Beijing')).toBe('beijing');
    const category = `${'日本語 Tokyo 🎉 '.repeat(30)}`; // 300 characters of mixed text
    const slug = makeSlug(category);
    expect(bytes(slug)).toBeLessThanOrEqual(255);
    expect(slug.startsWith('tokyo-tokyo-')).toBe(true);
  });

  it('cuts a 300-character category name to a name a file system takes', () => {
    const name = `${'Politique économique '.repeat(15)}`.trim(); // 299 characters
    const slug = makeSlug(name);
    expect(bytes(slug)).toBe(255);
    expect(makeSlug(name)).toBe(slug);
  });

  it('gives every slug of up to 255 bytes exactly as before the cap, so no URL moves', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const before = slugify(text, { decamelize: false });
        if (before.length <= 255) expect(makeSlug(text)).toBe(before);
        else expect(makeSlug(text)).toBe(fitSlug(before, 255));
      }),
      { numRuns: 300 },
    );
  });

  it('never gives a slug over 255 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 200, maxLength: 400 }), (text) => {
        const slug = makeSlug(text);
        expect(bytes(slug)).toBeLessThanOrEqual(255);
        expect(slug).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
      }),
      { numRuns: 100 },
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

describe('fitSlug', () => {
  it('leaves a slug that fits as it is', () => {
    expect(fitSlug('short', 5)).toBe('short');
    expect(fitSlug('a'.repeat(250), 250)).toBe('a'.repeat(250));
  });

  it('cuts to the room given, hash included, with no hyphen before the hash doubled', () => {
    const slug = 'abcdefgh-ijklmnop-qrstuvwxyz';
    expect(fitSlug(slug, 20)).toBe(`abcdefgh-ij-${shortHash(slug)}`);
    expect(bytes(fitSlug(slug, 20))).toBe(20);
    // Cut right after a hyphen: the hyphen is not kept twice.
    expect(fitSlug(slug, 18)).toBe(`abcdefgh-${shortHash(slug)}`);
    expect(fitSlug(slug, 17)).toBe(`abcdefgh-${shortHash(slug)}`);
  });

  it('cuts the same slug the same way every time', () => {
    const slug = 'x'.repeat(300);
    expect(fitSlug(slug, 100)).toBe(fitSlug(slug, 100));
    expect(fitSlug(slug, 100)).toBe(`${'x'.repeat(91)}-${shortHash(slug)}`);
  });

  it('counts bytes, not characters, and never splits a character', () => {
    const slug = 'é'.repeat(20); // 40 bytes
    expect(fitSlug(slug, 40)).toBe(slug);
    const cut = fitSlug(slug, 20);
    expect(cut).toBe(`${'é'.repeat(5)}-${shortHash(slug)}`);
    expect(bytes(cut)).toBe(19);
  });

  it('gives only the hash when there is no room for anything else', () => {
    expect(fitSlug('a'.repeat(20), 9)).toBe(shortHash('a'.repeat(20)));
    expect(fitSlug('a'.repeat(20), 4)).toBe(shortHash('a'.repeat(20)).slice(0, 4));
  });
});

describe('cutToBytes', () => {
  it('keeps whole characters of one to four bytes', () => {
    expect(cutToBytes('abc', 2)).toBe('ab');
    expect(cutToBytes('aé', 2)).toBe('a');
    expect(cutToBytes('aé', 3)).toBe('aé');
    expect(cutToBytes('新闻', 5)).toBe('新');
    expect(cutToBytes('😀😀', 7)).toBe('😀');
    expect(cutToBytes('😀', 3)).toBe('');
  });

  it('gives the whole text when it fits, and nothing for no room', () => {
    expect(cutToBytes('新闻', 6)).toBe('新闻');
    expect(cutToBytes('abc', 0)).toBe('');
  });
});

describe('safeName', () => {
  it('keeps case, dots and letters of any script; every other run is one dash', () => {
    expect(safeName('Hello World!')).toBe('Hello-World');
    expect(safeName('v9.9.0')).toBe('v9.9.0');
    expect(safeName('Élection à Québec')).toBe('Élection-à-Québec');
    expect(safeName('../etc/passwd')).toBe('..-etc-passwd');
    expect(safeName('x'.repeat(300)).length).toBeLessThanOrEqual(255);
  });
});
