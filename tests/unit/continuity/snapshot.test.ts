import { describe, expect, it } from 'vitest';
import { compareFeedPaths, manifestSnapshot } from '../../../src/continuity/snapshot.js';
import type { Manifest } from '../../../src/manifest.js';
import { manifestItem, manifestWith } from '../../helpers/continuity.js';

describe('manifestSnapshot', () => {
  it('gives the items as recorded and the feeds by path, the site feed first', () => {
    const a = manifestItem('a', { aliases: ['/old-a/'], updated: '2026-03-02T00:00:00.000Z' });
    const b = manifestItem('b');
    const manifest = manifestWith([b, a], {
      'categories/zed/rss.xml': { title: 'Zed', items: [a.id] },
      'categories/arts/rss.xml': { title: 'Arts', items: [b.id] },
      'rss.xml': { title: 'Test News', items: [b.id, a.id] },
    });
    expect(manifestSnapshot(manifest)).toEqual({
      ok: true,
      snapshot: {
        kind: 'manifest',
        items: [b, a],
        feeds: [
          { path: 'rss.xml', title: 'Test News', items: [b.id, a.id] },
          { path: 'categories/arts/rss.xml', title: 'Arts', items: [b.id] },
          { path: 'categories/zed/rss.xml', title: 'Zed', items: [a.id] },
        ],
      },
    });
  });

  it('says a manifest of an older feedwright (files only) records no items', () => {
    const old: Manifest = { generator: 'feedwright', files: {} };
    expect(manifestSnapshot(old)).toEqual({
      ok: false,
      problem: 'no-items',
      message: 'it records no items',
    });
    expect(manifestSnapshot({ ...old, items: [] })).toMatchObject({ problem: 'no-items' });
  });

  it('accepts a site with nothing published', () => {
    expect(manifestSnapshot(manifestWith([], {}))).toEqual({
      ok: true,
      snapshot: { kind: 'manifest', items: [], feeds: [] },
    });
  });

  it.each([
    ['items is not a list', { items: {} }, '"items" is not a list'],
    ['an item lacks its hash', { items: [{ ...manifestItem('a'), hash: undefined }] }, 'items[0]'],
    ['an item is null', { items: [manifestItem('a'), null] }, 'items[1]'],
    ['updated is a number', { items: [{ ...manifestItem('a'), updated: 5 }] }, 'items[0]'],
    ['aliases is a string', { items: [{ ...manifestItem('a'), aliases: '/x/' }] }, 'items[0]'],
    ['feeds is a list', { feeds: [] }, '"feeds" is not an object'],
    ['a feed has no title', { feeds: { 'rss.xml': { items: [] } } }, 'feeds["rss.xml"]'],
    [
      'a feed lists numbers',
      { feeds: { 'rss.xml': { title: 'T', items: [1] } } },
      'feeds["rss.xml"]',
    ],
  ])('names the damage when %s', (_, change, where) => {
    const manifest = { ...manifestWith([manifestItem('a')]), ...change } as Manifest;
    const read = manifestSnapshot(manifest);
    expect(read).toMatchObject({ ok: false, problem: 'bad-items' });
    expect(read.ok ? '' : read.message).toContain(where);
  });
});

describe('compareFeedPaths', () => {
  it('puts the site feed first and the rest in code-point order', () => {
    const paths = [
      'categories/b/rss.xml',
      'rss.xml',
      'categories/B/rss.xml',
      'categories/a/rss.xml',
    ];
    expect(paths.sort(compareFeedPaths)).toEqual([
      'rss.xml',
      'categories/B/rss.xml',
      'categories/a/rss.xml',
      'categories/b/rss.xml',
    ]);
    expect(compareFeedPaths('rss.xml', 'rss.xml')).toBe(0);
  });
});
