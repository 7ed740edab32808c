import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  FeedDocument,
  FeedItem,
  Listing,
  Redirect,
  SiteDocument,
} from '../../../../src/model.js';
import { INDEX_PAGE_SIZE, NAV_CATEGORIES } from '../../../../src/render/pages/category-lists.js';
import {
  listingDir,
  listingPath,
  type PagePlan,
  PathSet,
  pageCount,
  pageItems,
  planPages,
} from '../../../../src/render/pages/plan-pages.js';
import { feedsOf, makeItem, makePost, siteConfig, siteOf } from '../../../helpers/model.js';

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

/**
 * The site document of these feeds, each listing every item of its feed (unless `listed` gives
 * a listing's items), with no archives.
 */
function siteWith(
  all: readonly FeedDocument[],
  options: { pageSize?: number; redirects?: Redirect[]; listed?: FeedItem[][] } = {},
): SiteDocument {
  const base = siteOf([], config);
  return {
    ...base,
    feeds: [...all],
    // The site's stories are those of its listing.
    items: options.listed?.[0] ?? all[0]?.items ?? [],
    archives: [],
    listings: all.map((feed, i) => ({ feed, items: options.listed?.[i] ?? feed.items })),
    pageSize: options.pageSize ?? 50,
    redirects: options.redirects ?? [],
    withdrawn: [],
  };
}

/** `planPages` of a site feed with these items and these category feeds. */
function plan(site: FeedDocument, categories: FeedDocument[] = []): PagePlan[] {
  return planPages(siteWith([site, ...categories]));
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

function redirect(path: string, to: FeedItem): Redirect {
  return { path, from: `/${path.replace(/index\.html$/, '')}`, to };
}

const summary = (pages: PagePlan[]) =>
  pages.map((page) => [page.kind, page.path, page.kind === 'item' ? page.item.url : undefined]);

const listingOf = (feed: FeedDocument, n: number): Listing => ({
  feed,
  items: Array.from({ length: n }, (_, i) => hosted(`posts/${i}/index.html`)),
});

describe('planPages', () => {
  it('plans the landing page first, then each category page, then each hosted item', () => {
    const [site, politics, economy] = feeds('Politics', 'Economy');
    if (!politics || !economy) throw new Error('category feeds missing');
    const a = hosted('posts/a/index.html');
    const b = hosted('posts/b.html');
    const pages = plan(withItems(site, [a, b]), [politics, economy]);
    expect(pages.map((page) => [page.kind, page.path])).toEqual([
      ['listing', 'index.html'],
      ['listing', 'categories/politics/index.html'],
      ['listing', 'categories/economy/index.html'],
      ['item', 'posts/a/index.html'],
      ['item', 'posts/b.html'],
    ]);
  });

  it('hands each listing page its listing and number, and each item page its item', () => {
    const [site, politics] = feeds('Politics');
    if (!politics) throw new Error('category feed missing');
    const item = hosted('posts/a/index.html');
    const doc = siteWith([withItems(site, [item]), politics]);
    const pages = planPages(doc);
    const category = pages.find((page) => page.path === 'categories/politics/index.html');
    expect(category?.kind === 'listing' && category.listing).toBe(doc.listings[1]);
    expect(category?.kind === 'listing' && [category.page, category.pages]).toEqual([1, 1]);
    expect(category?.kind === 'listing' && category.listing.feed).toBe(politics);
    const itemPage = pages.find((page) => page.kind === 'item');
    expect(itemPage?.kind === 'item' && itemPage.item).toBe(item);
  });

  it('plans a page once for an item in several feeds', () => {
    const [site, politics, economy] = feeds('Politics', 'Economy');
    if (!politics || !economy) throw new Error('category feeds missing');
    const both = hosted('posts/both/index.html');
    const old = hosted('posts/old/index.html');
    const pages = plan(withItems(site, [both, old]), [
      withItems(politics, [both, old]),
      withItems(economy, [old, both]),
    ]);
    expect(summary(pages).filter(([kind]) => kind === 'item')).toEqual([
      ['item', 'posts/both/index.html', both.url],
      ['item', 'posts/old/index.html', old.url],
    ]);
  });

  it('plans an item page for every story of the site listing, not only the feed’s', () => {
    const [site] = feeds();
    const items = ['a', 'b', 'c'].map((slug) => hosted(`posts/${slug}/index.html`));
    // The subscription document holds the newest story only; the listing holds all three.
    const pages = planPages(siteWith([withItems(site, items.slice(0, 1))], { listed: [items] }));
    expect(summary(pages).filter(([kind]) => kind === 'item')).toEqual(
      items.map((item) => ['item', item.pagePath, item.url]),
    );
  });

  it('gives every published post a page in a real site, however small `limit` is', () => {
    const small = siteConfig({ limit: 1, archiveSize: 2 });
    const posts = ['c', 'b', 'a'].map((slug, i) =>
      makePost(
        { slug, date: new Date(Date.UTC(2026, 0, 3 - i)), categories: i ? ['Politics'] : [] },
        small,
      ),
    );
    const pages = planPages(siteOf(posts, small));
    expect(pages.map((page) => [page.kind, page.path])).toEqual([
      ['listing', 'index.html'],
      ['listing', 'page/2/index.html'],
      ['listing', 'page/3/index.html'],
      ['listing', 'categories/politics/index.html'],
      ['listing', 'categories/politics/page/2/index.html'],
      ['item', 'posts/c/index.html'],
      ['item', 'posts/b/index.html'],
      ['item', 'posts/a/index.html'],
    ]);
  });

  it('plans no page for an item hosted elsewhere', () => {
    const [site] = feeds();
    const pages = plan(withItems(site, [external('https://other.example/story')]));
    expect(summary(pages)).toEqual([['listing', 'index.html', undefined]]);
  });

  it('plans only the landing page for a site with no categories and no items', () => {
    const [site] = feeds();
    expect(summary(plan(withItems(site, [])))).toEqual([['listing', 'index.html', undefined]]);
  });

  it('plans nothing for a site without feeds', () => {
    expect(planPages({ ...siteWith([]), listings: [] })).toEqual([]);
  });

  it('leaves out an item page that would replace a category page', () => {
    const [site, politics] = feeds('Politics');
    if (!politics) throw new Error('category feed missing');
    const clash = hosted('categories/politics/index.html');
    const pages = plan(withItems(site, [clash]), [politics]);
    expect(summary(pages)).toEqual([
      ['listing', 'index.html', undefined],
      ['listing', 'categories/politics/index.html', undefined],
    ]);
  });

  it('leaves out an item page that would replace an older listing page', () => {
    const [site] = feeds();
    const items = [hosted('page/2/index.html'), hosted('posts/b/index.html')];
    const pages = planPages(siteWith([withItems(site, items)], { pageSize: 1 }));
    expect(summary(pages)).toEqual([
      ['listing', 'index.html', undefined],
      ['listing', 'page/2/index.html', undefined],
      ['item', 'posts/b/index.html', items[1]?.url],
    ]);
  });

  it('leaves out an item page that would replace a feed file or sit inside one', () => {
    const [site] = feeds();
    const items = [
      hosted('feed.json'),
      hosted('rss.xml/x/index.html'),
      hosted('atom.xml/index.html'),
    ];
    expect(summary(plan(withItems(site, items)))).toEqual([['listing', 'index.html', undefined]]);
  });

  it('leaves out an item page that would replace an archive document’s file or folder', () => {
    const archived = siteConfig({ archiveSize: 1 });
    const doc = siteOf([makePost({ slug: 'a' }, archived)], archived);
    const clashes = [
      hosted('archive/1/rss.xml'),
      hosted('archive/2/feed.json/index.html'),
      hosted('archive/1', { url: `${config.url}archive/1` }),
    ];
    const listings = [{ feed: doc.feeds[0] as FeedDocument, items: clashes }];
    const site = { ...doc, listings, items: clashes };
    expect(site.archives.map((a) => a.paths.rss)).toEqual([
      'archive/1/rss.xml',
      'archive/2/rss.xml',
    ]);
    expect(summary(planPages(site))).toEqual([['listing', 'index.html', undefined]]);
  });

  it('leaves out an item page at a folder that a feed’s files are in', () => {
    const [site, politics] = feeds('Politics');
    if (!politics) throw new Error('category feed missing');
    const over = hosted('categories/politics', { url: `${config.url}categories/politics` });
    const pages = plan(withItems(site, [over]), [politics]);
    expect(pages.map((page) => page.path)).toEqual([
      'index.html',
      'categories/politics/index.html',
    ]);
  });

  it('gives a page path to the first item that claims it, and leaves out the others', () => {
    const [site] = feeds();
    const first = hosted('posts/a/index.html', { url: `${config.url}posts/a/` });
    const second = hosted('posts/a/index.html', { url: `${config.url}posts/a/index.html` });
    expect(summary(plan(withItems(site, [first, second])))).toEqual([
      ['listing', 'index.html', undefined],
      ['item', 'posts/a/index.html', first.url],
    ]);
  });

  it('leaves out an item page inside another item’s page file, or over its folder', () => {
    const [site] = feeds();
    const file = hosted('posts/a.html');
    const inside = hosted('posts/a.html/index.html');
    const folder = hosted('posts/b/index.html');
    const over = hosted('posts/b', { url: `${config.url}posts/b` });
    const pages = plan(withItems(site, [file, inside, folder, over]));
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
    expect(plan(withItems(site, []), [escaping]).map((page) => page.path)).toEqual(['index.html']);
  });
});

describe('planPages: the categories index', () => {
  /** A site with a story in each of `n` categories. */
  const siteOf_ = (n: number) => {
    const names = Array.from({ length: n }, (_, i) => `C${i}`);
    return siteOf([makePost({ slug: 'a', categories: names }, config)], config);
  };

  it(`plans none while the navigation lists every category (${NAV_CATEGORIES} or fewer)`, () => {
    const pages = planPages(siteOf_(NAV_CATEGORIES));
    expect(pages.filter((page) => page.kind === 'categories')).toEqual([]);
  });

  it('plans it after the listings and before the stories when there are more', () => {
    const pages = planPages(siteOf_(NAV_CATEGORIES + 1));
    const kinds = pages.map((page) => page.kind);
    expect(kinds.indexOf('categories')).toBe(kinds.lastIndexOf('listing') + 1);
    const index = pages.filter((page) => page.kind === 'categories');
    expect(index.map((page) => [page.path, page.page])).toEqual([['categories/index.html', 1]]);
    expect(index[0]?.kind === 'categories' && index[0].index.entries).toHaveLength(
      NAV_CATEGORIES + 1,
    );
  });

  it(`gives it a page for every ${INDEX_PAGE_SIZE} categories, in categories/page/<n>/`, () => {
    const pages = planPages(siteOf_(2 * INDEX_PAGE_SIZE + 1));
    expect(
      pages.flatMap((page) => (page.kind === 'categories' ? [[page.path, page.page]] : [])),
    ).toEqual([
      ['categories/index.html', 1],
      ['categories/page/2/index.html', 2],
      ['categories/page/3/index.html', 3],
    ]);
  });
});

describe('planPages: listing pages', () => {
  it('pages the site and each category by `pageSize`, page 1 in the feed’s own folder', () => {
    const [site, politics] = feeds('Politics');
    if (!politics) throw new Error('category feed missing');
    const items = Array.from({ length: 5 }, (_, i) => hosted(`posts/${i}/index.html`));
    const doc = siteWith([withItems(site, items), withItems(politics, items.slice(0, 3))], {
      pageSize: 2,
    });
    const listings = planPages(doc).flatMap((page) =>
      page.kind === 'listing'
        ? [[page.path, page.page, page.pages, page.listing.feed.paths.rss]]
        : [],
    );
    expect(listings).toEqual([
      ['index.html', 1, 3, 'rss.xml'],
      ['page/2/index.html', 2, 3, 'rss.xml'],
      ['page/3/index.html', 3, 3, 'rss.xml'],
      ['categories/politics/index.html', 1, 2, 'categories/politics/rss.xml'],
      ['categories/politics/page/2/index.html', 2, 2, 'categories/politics/rss.xml'],
    ]);
  });

  it('plans listing pages before item pages, and item pages before redirects', () => {
    const [site] = feeds();
    const a = hosted('posts/a/index.html');
    const b = hosted('posts/b/index.html');
    const doc = siteWith([withItems(site, [a, b])], {
      pageSize: 1,
      redirects: [redirect('2019/old-a/index.html', a), redirect('old-b.html', b)],
    });
    expect(planPages(doc).map((page) => [page.kind, page.path])).toEqual([
      ['listing', 'index.html'],
      ['listing', 'page/2/index.html'],
      ['item', 'posts/a/index.html'],
      ['item', 'posts/b/index.html'],
      ['redirect', '2019/old-a/index.html'],
      ['redirect', 'old-b.html'],
    ]);
    const last = planPages(doc).at(-1);
    expect(last?.kind === 'redirect' && last.redirect).toBe(doc.redirects[1]);
  });
});

describe('planPages: redirects', () => {
  const [site, politics] = feeds('Politics');
  const a = hosted('posts/a/index.html');
  const b = hosted('posts/b/index.html');
  const pagesWith = (redirects: Redirect[]) =>
    planPages(siteWith([withItems(site, [a, b]), politics as FeedDocument], { redirects }))
      .filter((page) => page.kind === 'redirect')
      .map((page) => page.path);

  it('never replaces a real page, a feed file, or another redirect', () => {
    expect(
      pagesWith([
        redirect('index.html', a),
        redirect('categories/politics/index.html', a),
        redirect('posts/b/index.html', a),
        redirect('rss.xml', a),
        redirect('categories/politics/atom.xml/index.html', a),
        redirect('posts', a),
        redirect('old/index.html', a),
        redirect('old/index.html', b),
        redirect('old', b),
      ]),
    ).toEqual(['old/index.html']);
  });

  it('gives the first redirect at a path to its story', () => {
    const pages = planPages(
      siteWith([withItems(site, [a, b])], {
        redirects: [redirect('old/index.html', b), redirect('old/index.html', a)],
      }),
    );
    const planned = pages.filter((page) => page.kind === 'redirect');
    expect(planned.map((page) => page.kind === 'redirect' && page.redirect.to)).toEqual([b]);
  });

  it('leaves out a redirect whose path is not safe', () => {
    expect(pagesWith([redirect('../escape/index.html', a), redirect('a//b.html', a)])).toEqual([]);
  });
});

describe('pageCount', () => {
  const [site] = feeds();
  it('is one for an empty listing, and one more each time a page fills', () => {
    expect([0, 1, 2, 3, 4, 5, 7].map((n) => pageCount(listingOf(site, n), 2))).toEqual([
      1, 1, 1, 2, 2, 3, 4,
    ]);
    expect(pageCount(listingOf(site, 50), 50)).toBe(1);
    expect(pageCount(listingOf(site, 51), 50)).toBe(2);
  });
});

describe('pageItems', () => {
  const [site] = feeds();
  const listing = listingOf(site, 5);
  const paths = (items: FeedItem[]) => items.map((item) => item.pagePath);

  it('gives each page its stories in listing order, the last page the rest', () => {
    expect(paths(pageItems(listing, 1, 2))).toEqual(['posts/0/index.html', 'posts/1/index.html']);
    expect(paths(pageItems(listing, 2, 2))).toEqual(['posts/2/index.html', 'posts/3/index.html']);
    expect(paths(pageItems(listing, 3, 2))).toEqual(['posts/4/index.html']);
    expect(pageItems(listing, 4, 2)).toEqual([]);
  });

  it('gives every story exactly once over the pages', () => {
    for (const size of [1, 2, 3, 5, 6]) {
      const pages = Array.from({ length: pageCount(listing, size) }, (_, i) =>
        pageItems(listing, i + 1, size),
      );
      expect(pages.flat()).toEqual(listing.items);
    }
  });
});

describe('listingDir and listingPath', () => {
  const [site, politics] = feeds('Politics') as [FeedDocument, FeedDocument];

  it('puts page 1 in the feed’s folder and page n in page/<n>/ under it', () => {
    expect([listingDir(site, 1), listingDir(site, 2), listingDir(site, 12)]).toEqual([
      '',
      'page/2/',
      'page/12/',
    ]);
    expect([listingDir(politics, 1), listingDir(politics, 3)]).toEqual([
      'categories/politics/',
      'categories/politics/page/3/',
    ]);
    expect([listingPath(site, 1), listingPath(site, 2), listingPath(politics, 2)]).toEqual([
      'index.html',
      'page/2/index.html',
      'categories/politics/page/2/index.html',
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

  it('answers as splitting each path into its folders would, whatever the path', () => {
    // The reference: every folder above a path, from its parts joined again.
    const reference = (added: string[], path: string) => {
      const folders = (p: string) =>
        p
          .split('/')
          .slice(0, -1)
          .map((_, i, parts) => parts.slice(0, i + 1).join('/'));
      const files = new Set(added);
      const dirs = new Set(added.flatMap(folders));
      return !files.has(path) && !dirs.has(path) && !folders(path).some((d) => files.has(d));
    };
    const segment = fc.constantFrom('', 'a', 'b', 'index.html', 'a.html');
    const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
    fc.assert(
      fc.property(fc.array(path, { maxLength: 6 }), path, (added, probe) => {
        const set = new PathSet();
        for (const p of added) set.add(p);
        expect(set.fits(probe)).toBe(reference(added, probe));
      }),
    );
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

describe('planPages: bylines, tags and withdrawn stories', () => {
  it('plans each byline’s and tag’s listing, and a page at each withdrawn story’s address', () => {
    const posts = [
      makePost({ slug: 'a', authors: [{ name: 'Jane' }], tags: ['Ottawa'] }, config),
      makePost({ slug: 'b', date: new Date('2026-04-01T00:00:00Z') }, config),
    ];
    const gone = makePost({ slug: 'gone', expires: new Date('2026-05-02T00:00:00Z') }, config);
    const pages = planPages(siteOf(posts, config, [gone]));
    expect(pages.map((page) => [page.kind, page.path])).toEqual([
      ['listing', 'index.html'],
      ['listing', 'authors/jane/index.html'],
      ['listing', 'tags/ottawa/index.html'],
      ['item', 'posts/a/index.html'],
      ['item', 'posts/b/index.html'],
      ['withdrawn', 'posts/gone/index.html'],
    ]);
  });

  it('plans no tag pages when tag feeds are off', () => {
    const off = siteConfig({ tagFeeds: false });
    const posts = [makePost({ slug: 'a', tags: ['Ottawa'] }, off)];
    expect(planPages(siteOf(posts, off)).map((page) => page.path)).toEqual([
      'index.html',
      'posts/a/index.html',
    ]);
  });
});
