import { describe, expect, it } from 'vitest';
import { groupCategories, groupNames, ownTags } from '../../../src/derive/categories.js';
import { shortHash } from '../../../src/hash.js';
import { makePost } from '../../helpers/model.js';

describe('groupCategories', () => {
  it('groups case-insensitively under the first spelling and makes safe, unique slugs', () => {
    const groups = groupCategories([
      makePost({ categories: ['Économie', 'C++'] }),
      makePost({ categories: ['économie', 'C'] }),
    ]);
    expect(
      [...groups.values()].map((g) => [g.category.name, g.category.slug, g.posts.length]),
    ).toEqual([
      ['C', 'c', 1],
      ['C++', expect.stringMatching(/^c-[0-9a-f]{8}$/), 1],
      ['Économie', 'economie', 2],
    ]);
  });

  it('gives names Windows refuses as folders, and names with no letters, a usable slug', () => {
    const groups = groupCategories([makePost({ categories: ['CON', '!!!'] })]);
    const slugs = [...groups.values()].map((g) => g.category.slug);
    expect(slugs).toContain('con-category');
    expect(slugs).toContainEqual(expect.stringMatching(/^category-[0-9a-f]{8}$/));
  });

  it('hashes again when another category is already named like the hashed slug', () => {
    // "C" takes the slug c; "C." (also c) would get c-<hash of "c.">, which a category
    // named just that, sorted between them, has taken already.
    const hashed = `c-${shortHash('c.')}`;
    const groups = groupCategories([makePost({ categories: ['C.', hashed, 'C'] })]);
    const slugs = [...groups.values()].map((g) => [g.category.name, g.category.slug]);
    expect(slugs).toEqual([
      ['C', 'c'],
      [hashed, hashed],
      ['C.', `c-${shortHash('c.\u00002')}`],
    ]);
    expect(new Set(slugs.map(([, slug]) => slug)).size).toBe(3);
  });

  it('keeps a hashed slug within 255 bytes, a folder name every file system takes', () => {
    const long = 'a'.repeat(300);
    const groups = groupCategories([makePost({ categories: [long, `${long}!`] })]);
    const slugs = [...groups.values()].map((g) => g.category.slug);
    expect(slugs.map((slug) => slug.length)).toEqual([255, 255]);
    expect(new Set(slugs).size).toBe(2);
  });

  it('groups 20,000 categories of 20,000 posts in one pass, each with its posts', () => {
    const base = makePost();
    const posts = Array.from({ length: 20_000 }, (_, i) => ({
      ...base,
      sourcePath: `p${i}.md`,
      categories: [`Topic ${i}`, `Topic ${(i * 7) % 20_000}`],
    }));
    const groups = groupCategories(posts);
    expect(groups.size).toBe(20_000);
    expect(new Set([...groups.values()].map((g) => g.category.slug)).size).toBe(20_000);
    expect(groups.get('topic 7')?.posts.map((p) => p.sourcePath)).toEqual(['p1.md', 'p7.md']);
  });
});

describe('groupNames', () => {
  it('groups by any names, its slugs made from `slugSource`, the word as the fallback', () => {
    const posts = [{ names: ['Jane Doe', '***'] }, { names: ['JANE DOE'] }];
    const groups = groupNames(
      posts,
      (p) => p.names,
      'author',
      (name) => (name === 'Jane Doe' ? 'jdoe' : name),
    );
    expect([...groups.values()].map((g) => [g.category, g.posts.length])).toEqual([
      [{ name: '***', slug: `author-${shortHash('***')}` }, 1],
      [{ name: 'Jane Doe', slug: 'jdoe' }, 2],
    ]);
  });
});

describe('ownTags', () => {
  it('leaves out the tags that repeat one of the post’s categories, in any case', () => {
    expect(
      ownTags({ categories: ['Politics', 'Économie'], tags: ['politics', 'Ottawa', 'ÉCONOMIE'] }),
    ).toEqual(['Ottawa']);
    expect(ownTags({ categories: [], tags: ['A', 'B'] })).toEqual(['A', 'B']);
  });
});
