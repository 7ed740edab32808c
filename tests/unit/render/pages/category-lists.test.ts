import { describe, expect, it } from 'vitest';
import {
  type CategoryEntry,
  categoryEntries,
  categoryIndex,
  INDEX_PAGE_SIZE,
  indexDir,
  indexPath,
  NAV_CATEGORIES,
  navEntries,
} from '../../../../src/render/pages/category-lists.js';
import { makePost, siteConfig, siteOf } from '../../../helpers/model.js';

const config = siteConfig();

/** A site with one post per list of category names, newest first. */
function site(...posts: string[][]) {
  return siteOf(
    posts.map((categories, i) =>
      makePost({ slug: `p${i}`, date: new Date(Date.UTC(2026, 0, 30 - i)), categories }, config),
    ),
    config,
  );
}

const named = (entries: readonly CategoryEntry[]) =>
  entries.map((entry) => [entry.feed.category?.name, entry.count]);

describe('categoryEntries', () => {
  it('gives every category with its number of published posts', () => {
    const doc = site(['Politics', 'Economy'], ['Politics'], []);
    expect(named(categoryEntries(doc))).toEqual([
      ['Economy', 1],
      ['Politics', 2],
    ]);
    expect(categoryEntries(doc).map((entry) => entry.feed)).toEqual(doc.feeds.slice(1));
  });

  it('orders names alphabetically, accents with their letter and numbers by value', () => {
    const doc = site(['Week 10', 'Zoo', 'Économie', 'Week 9', 'economy', 'apple']);
    expect(named(categoryEntries(doc)).map(([name]) => name)).toEqual([
      'apple',
      'Économie',
      'economy',
      'Week 9',
      'Week 10',
      'Zoo',
    ]);
  });

  it('gives nothing for a site without categories', () => {
    expect(categoryEntries(site([]))).toEqual([]);
  });
});

describe('navEntries', () => {
  it('keeps the most used (ties to the first alphabetically), listed alphabetically', () => {
    const doc = site(['C', 'B'], ['C', 'A'], ['C', 'D'], ['B']);
    expect(named(navEntries(categoryEntries(doc), 3))).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 3],
    ]);
  });

  it('keeps its order when the counts change but the most used stay the same', () => {
    const before = named(navEntries(categoryEntries(site(['A'], ['B'], ['B'], ['C'])), 2));
    const after = named(navEntries(categoryEntries(site(['A'], ['A'], ['A'], ['B'], ['B'])), 2));
    expect(before.map(([name]) => name)).toEqual(['A', 'B']);
    expect(after.map(([name]) => name)).toEqual(['A', 'B']);
  });

  it('lists every category of a site that has no more than the limit', () => {
    const doc = site(['A', 'B']);
    expect(named(navEntries(categoryEntries(doc), 3))).toEqual([
      ['A', 1],
      ['B', 1],
    ]);
  });

  it(`lists ${NAV_CATEGORIES} by default`, () => {
    const names = Array.from({ length: NAV_CATEGORIES + 5 }, (_, i) => `C${i}`);
    expect(navEntries(categoryEntries(site(names)))).toHaveLength(NAV_CATEGORIES);
  });
});

describe('categoryIndex', () => {
  const entries = categoryEntries(site(['A', 'B', 'C', 'D', 'E']));

  it('cuts the entries into pages of the given size, the last one the rest', () => {
    const index = categoryIndex(entries, 2);
    expect(index.entries).toBe(entries);
    expect(index.pages.map((page) => page.map((e) => e.feed.category?.name))).toEqual([
      ['A', 'B'],
      ['C', 'D'],
      ['E'],
    ]);
  });

  it(`holds ${INDEX_PAGE_SIZE} a page by default, and has no page without categories`, () => {
    expect(categoryIndex(entries).pages).toEqual([entries]);
    expect(categoryIndex([]).pages).toEqual([]);
  });
});

describe('indexDir and indexPath', () => {
  it('puts page 1 in categories/ and page n in categories/page/<n>/', () => {
    expect([indexDir(1), indexPath(1)]).toEqual(['categories/', 'categories/index.html']);
    expect([indexDir(3), indexPath(3)]).toEqual([
      'categories/page/3/',
      'categories/page/3/index.html',
    ]);
  });
});
