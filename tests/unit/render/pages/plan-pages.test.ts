import { describe, expect, it } from 'vitest';
import type { FeedDocument, FeedItem } from '../../../../src/model.js';
import { type PagePlan, PathSet, planPages } from '../../../../src/render/pages/plan-pages.js';
import { feedsOf, makeItem, makePost, siteConfig } from '../../../helpers/model.js';

const config = siteConfig();

/**
 * The site feed and the feeds of `categories` in the order named, emptied: each test puts in the
 * items it needs.
 */
function feeds(...categories: string[]): [FeedDocument, ...FeedDocument[]] {
  const [site, ...rest] = feedsOf([makePost({ categories }, config)], config).map((doc) =>
    withItems(doc, []),
  );
  if (!site) throw new Error('no site feed');
  return [
    site,
    ...categories.map((name) => {
      const doc = rest.find((feed) => feed.category?.name === name);
      if (!doc) throw new Error(`no feed for ${name}`);
      return doc;
    }),
  ];
}

/** An item the site hosts at `pagePath` (its URL made from the path unless given). */
function hosted(pagePath: string, overrides: Partial<FeedItem> = {}): FeedItem {
  const url = `${config.url}${pagePath.replace(/index\.html$/, '')}`;
  return makeItem({ id: url, url, pagePath, ...overrides });
}

function external(url: string): FeedItem {
  return makeItem({ id: url, url, pagePath: undefined });
}

function withItems(doc: FeedDocument, items: FeedItem[]): FeedDocument {
  return { ...doc, items };
}

const summary = (pages: PagePlan[]) =>
  pages.map((page) => [page.kind, page.path, page.kind === 'item' ? page.item.url : undefined]);

describe('planPages', () => {
  it('plans the landing page first, then each category page, then each hosted item', () => {
    const [site, politics, economy] = feeds('Politics', 'Economy');
    if (!politics || !economy) throw new Error('category feeds missing');
    const a = hosted('posts/a/index.html');
    const b = hosted('posts/b.html');
    const pages = planPages(withItems(site, [a, b]), [politics, economy]);
    expect(pages.map((page) => [page.kind, page.path])).toEqual([
      ['landing', 'index.html'],
      ['category', 'categories/politics/index.html'],
      ['category', 'categories/economy/index.html'],
      ['item', 'posts/a/index.html'],
      ['item', 'posts/b.html'],
    ]);
  });

  it('hands each category page its feed and each item page its item', () => {
    const [site, politics] = feeds('Politics');
    if (!politics) throw new Error('category feed missing');
    const item = hosted('posts/a/index.html');
    const pages = planPages(withItems(site, [item]), [politics]);
    const category = pages.find((page) => page.kind === 'category');
    expect(category?.kind === 'category' && category.feed).toBe(politics);
    const itemPage = pages.find((page) => page.kind === 'item');
    expect(itemPage?.kind === 'item' && itemPage.item).toBe(item);
  });

  it('plans a page once for an item in several feeds, and one only in a category feed too', () => {
    const [site, politics, economy] = feeds('Politics', 'Economy');
    if (!politics || !economy) throw new Error('category feeds missing');
    const both = hosted('posts/both/index.html');
    const old = hosted('posts/old/index.html');
    const pages = planPages(withItems(site, [both]), [
      withItems(politics, [both, old]),
      withItems(economy, [old, both]),
    ]);
    expect(summary(pages).filter(([kind]) => kind === 'item')).toEqual([
      ['item', 'posts/both/index.html', both.url],
      ['item', 'posts/old/index.html', old.url],
    ]);
  });

  it('plans no page for an item hosted elsewhere', () => {
    const [site] = feeds();
    const pages = planPages(withItems(site, [external('https://other.example/story')]), []);
    expect(summary(pages)).toEqual([['landing', 'index.html', undefined]]);
  });

  it('plans only the landing page for a site with no categories and no items', () => {
    const [site] = feeds();
    expect(summary(planPages(withItems(site, []), []))).toEqual([
      ['landing', 'index.html', undefined],
    ]);
  });

  it('leaves out an item page that would replace a category page', () => {
    const [site, politics] = feeds('Politics');
    if (!politics) throw new Error('category feed missing');
    const clash = hosted('categories/politics/index.html');
    const pages = planPages(withItems(site, [clash]), [politics]);
    expect(summary(pages)).toEqual([
      ['landing', 'index.html', undefined],
      ['category', 'categories/politics/index.html', undefined],
    ]);
  });

  it('leaves out an item page that would replace a feed file or sit inside one', () => {
    const [site] = feeds();
    const items = [
      hosted('feed.json'),
      hosted('rss.xml/x/index.html'),
      hosted('atom.xml/index.html'),
    ];
    expect(summary(planPages(withItems(site, items), []))).toEqual([
      ['landing', 'index.html', undefined],
    ]);
  });

  it('leaves out an item page at a folder that a feed’s files are in', () => {
    const [site, politics] = feeds('Politics');
    if (!politics) throw new Error('category feed missing');
    const over = hosted('categories/politics', { url: `${config.url}categories/politics` });
    const pages = planPages(withItems(site, [over]), [politics]);
    expect(pages.map((page) => page.path)).toEqual([
      'index.html',
      'categories/politics/index.html',
    ]);
  });

  it('gives a page path to the first item that claims it, and leaves out the others', () => {
    const [site] = feeds();
    const first = hosted('posts/a/index.html', { url: `${config.url}posts/a/` });
    const second = hosted('posts/a/index.html', { url: `${config.url}posts/a/index.html` });
    expect(summary(planPages(withItems(site, [first, second]), []))).toEqual([
      ['landing', 'index.html', undefined],
      ['item', 'posts/a/index.html', first.url],
    ]);
  });

  it('leaves out an item page inside another item’s page file, or over its folder', () => {
    const [site] = feeds();
    const file = hosted('posts/a.html');
    const inside = hosted('posts/a.html/index.html');
    const folder = hosted('posts/b/index.html');
    const over = hosted('posts/b', { url: `${config.url}posts/b` });
    const pages = planPages(withItems(site, [file, inside, folder, over]), []);
    expect(pages.map((page) => page.path)).toEqual([
      'index.html',
      'posts/a.html',
      'posts/b/index.html',
    ]);
  });

  it('leaves out a category page whose folder is not a safe path', () => {
    const [site, politics] = feeds('Politics');
    if (!politics) throw new Error('category feed missing');
    const escaping = {
      ...politics,
      paths: { rss: '../x/rss.xml', atom: '../x/atom.xml', json: '../x/feed.json' },
    };
    expect(planPages(withItems(site, []), [escaping]).map((page) => page.path)).toEqual([
      'index.html',
    ]);
  });
});

describe('PathSet', () => {
  it('fits any path while empty', () => {
    const set = new PathSet();
    expect(set.fits('index.html')).toBe(true);
    expect(set.fits('a/b/c.html')).toBe(true);
  });

  it('does not fit a taken path, a folder of one, or a path inside one', () => {
    const set = new PathSet();
    set.add('a/b/c.html');
    expect(set.fits('a/b/c.html')).toBe(false);
    expect(set.fits('a/b')).toBe(false);
    expect(set.fits('a')).toBe(false);
    expect(set.fits('a/b/c.html/index.html')).toBe(false);
    expect(set.fits('a/b/c.html/d/e.html')).toBe(false);
  });

  it('fits neighbours and names that only share a prefix', () => {
    const set = new PathSet();
    set.add('a/b/c.html');
    expect(set.fits('a/b/d.html')).toBe(true);
    expect(set.fits('a/bc')).toBe(true);
    expect(set.fits('a/b/c.htm')).toBe(true);
    expect(set.fits('b/c.html')).toBe(true);
    expect(set.fits('a/index.html')).toBe(true);
  });

  it('remembers every path added', () => {
    const set = new PathSet();
    set.add('rss.xml');
    set.add('categories/x/rss.xml');
    expect(set.fits('rss.xml')).toBe(false);
    expect(set.fits('categories')).toBe(false);
    expect(set.fits('categories/x/index.html')).toBe(true);
  });
});
