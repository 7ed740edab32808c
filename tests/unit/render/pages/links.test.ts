import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeedDocument } from '../../../../src/model.js';
import { feedDir, here, itemHref, pageContext, rel } from '../../../../src/render/pages/links.js';
import { feedsOf, makeItem, makePost, siteConfig, siteOf } from '../../../helpers/model.js';

/** The site feed and the feed of category `name`, as a build derives them. */
function feeds(name = 'Politics'): [FeedDocument, FeedDocument] {
  const config = siteConfig();
  const [site, category] = feedsOf([makePost({ categories: [name] }, config)], config);
  if (!site || !category) throw new Error('feeds missing');
  return [site, category];
}

describe('here', () => {
  it('is at the root for a page in the output folder', () => {
    expect(here('index.html')).toEqual({ path: 'index.html', root: '' });
  });

  it('climbs one folder per level for nested pages', () => {
    expect(here('categories/politics/index.html')).toEqual({
      path: 'categories/politics/index.html',
      root: '../../',
    });
    expect(here('posts/2026/05/a.html').root).toBe('../../../');
  });
});

describe('rel', () => {
  it('links to the root as "./" from the root, and as "../" from deeper pages', () => {
    expect(rel(here('index.html'), '')).toBe('./');
    expect(rel(here('posts/a/index.html'), '')).toBe('../../');
  });

  it('links to files and folders relative to the page', () => {
    expect(rel(here('index.html'), 'categories/politics/')).toBe('categories/politics/');
    expect(rel(here('posts/a/index.html'), 'rss.xml')).toBe('../../rss.xml');
    expect(rel(here('posts/a.html'), 'categories/politics/feed.json')).toBe(
      '../categories/politics/feed.json',
    );
  });

  it('percent-encodes non-ASCII, spaces and URL punctuation in each segment, keeping slashes', () => {
    expect(rel(here('index.html'), 'posts/café au lait/')).toBe('posts/caf%C3%A9%20au%20lait/');
    expect(rel(here('a/index.html'), 'x?y#z&w/שלום.html')).toBe(
      '../x%3Fy%23z%26w/%D7%A9%D7%9C%D7%95%D7%9D.html',
    );
  });

  it('gives every path the encoding of its segments by encodeURIComponent, plain or not', () => {
    const paths = [
      'posts/a-b_c.d/',
      "it's~(ok)!*/index.html",
      'a b/',
      'x%41/',
      'plus+sign/',
      'q?/',
      'é/',
      '',
      'a//b',
    ];
    const reference = (target: string) =>
      target.split('/').map(encodeURIComponent).join('/') || './';
    for (const target of paths) expect(rel(here('index.html'), target)).toBe(reference(target));
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.stringMatching(/^[\w\-.!~*'()/%+? ]*$/),
        (a, b) => {
          expect(rel(here('index.html'), a)).toBe(reference(a));
          expect(rel(here('index.html'), b)).toBe(reference(b));
        },
      ),
    );
  });

  it('gives hrefs that resolve to the target from the page’s own URL', () => {
    const site = 'https://user.github.io/repo/';
    const from = 'posts/2026/a/index.html';
    const href = rel(here(from), 'categories/été/');
    expect(new URL(href, new URL('posts/2026/a/', site)).href).toBe(
      'https://user.github.io/repo/categories/%C3%A9t%C3%A9/',
    );
  });
});

describe('feedDir', () => {
  it('is empty for the site feed and the category folder for a category feed', () => {
    const [site, category] = feeds();
    expect(feedDir(site)).toBe('');
    expect(feedDir(category)).toBe('categories/politics/');
  });

  it('follows the RSS path of the feed', () => {
    const [site] = feeds();
    const moved = {
      ...site,
      paths: { rss: 'a/b/rss.xml', atom: 'a/b/atom.xml', json: 'a/b/feed.json' },
    };
    expect(feedDir(moved)).toBe('a/b/');
  });
});

describe('itemHref', () => {
  it('links a hosted item’s folder page by its folder, relative to the page', () => {
    const item = makeItem({ pagePath: 'posts/a/index.html' });
    expect(itemHref(here('index.html'), item)).toBe('posts/a/');
    expect(itemHref(here('categories/politics/index.html'), item)).toBe('../../posts/a/');
  });

  it('links a hosted item’s .html page by its file name', () => {
    const item = makeItem({ pagePath: 'posts/a.html' });
    expect(itemHref(here('index.html'), item)).toBe('posts/a.html');
  });

  it('encodes a hosted item’s non-ASCII page path', () => {
    const item = makeItem({ pagePath: 'posts/café/index.html' });
    expect(itemHref(here('index.html'), item)).toBe('posts/caf%C3%A9/');
  });

  it('links an external item by its absolute http(s) URL, normalised', () => {
    const https = makeItem({ pagePath: undefined, url: 'https://Other.example/a b?x=1&y=2' });
    expect(itemHref(here('posts/a/index.html'), https)).toBe('https://other.example/a%20b?x=1&y=2');
    const http = makeItem({ pagePath: undefined, url: 'http://other.example/story' });
    expect(itemHref(here('index.html'), http)).toBe('http://other.example/story');
  });

  it('gives no link for an external item whose URL is not http(s)', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'ftp://x.example/', 'nope']) {
      expect(itemHref(here('index.html'), makeItem({ pagePath: undefined, url })), url).toBe(
        undefined,
      );
    }
  });
});

describe('pageContext', () => {
  it('splits the site feed from the category feeds and maps each category to its folder', () => {
    const config = siteConfig();
    const site = siteOf([makePost({ slug: 'a', categories: ['Politics', 'Économie'] })], config);
    const ctx = pageContext(site);
    expect(ctx?.siteFeed.paths.rss).toBe('rss.xml');
    // Categories come in folded-name order (code units: "p" before "é").
    expect(ctx?.categories.map((doc) => doc.category?.slug)).toEqual(['politics', 'economie']);
    expect([...(ctx?.categoryDirs ?? [])]).toEqual([
      ['politics', 'categories/politics/'],
      ['economie', 'categories/economie/'],
    ]);
  });

  it('maps each category to its feed, and orders them for the index and the navigation', () => {
    const config = siteConfig();
    const posts = [
      makePost({ slug: 'a', categories: ['Politics', 'Économie'] }, config),
      makePost({ slug: 'b', categories: ['Politics'] }, config),
    ];
    const ctx = pageContext(siteOf(posts, config));
    expect([...(ctx?.categoryFeeds ?? [])].map(([slug, doc]) => [slug, doc.paths.rss])).toEqual([
      ['politics', 'categories/politics/rss.xml'],
      ['economie', 'categories/economie/rss.xml'],
    ]);
    // The index is alphabetical ("É" with "E"), and so is the navigation (the most used few).
    const named = (entries: { feed: FeedDocument; count: number }[] | undefined) =>
      entries?.map((entry) => [entry.feed.category?.name, entry.count]);
    expect(named(ctx?.entries)).toEqual([
      ['Économie', 1],
      ['Politics', 2],
    ]);
    expect(named(ctx?.nav)).toEqual([
      ['Économie', 1],
      ['Politics', 2],
    ]);
  });

  it('is undefined for a site without feeds', () => {
    expect(pageContext({ ...siteOf([], siteConfig()), feeds: [] })).toBeUndefined();
  });
});
