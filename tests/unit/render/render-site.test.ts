import { describe, expect, it } from 'vitest';
import type {
  FeedDocument,
  KeptFile,
  OutputFile,
  SiteConfig,
  SiteDocument,
} from '../../../src/model.js';
import { renderFeeds } from '../../../src/render/feeds/render-feeds.js';
import { renderSitePages } from '../../../src/render/pages/render-pages.js';
import { renderSite, type SiteReuse } from '../../../src/render/render-site.js';
import { makePost, siteConfig, siteOf, type TestPost } from '../../helpers/model.js';

const config = siteConfig();

function posts(site: SiteConfig = config, titleOfA = 'A'): TestPost[] {
  return [
    makePost({ slug: 'a', title: titleOfA, categories: ['Politics'] }, site),
    makePost({ slug: 'b', title: 'B', date: new Date('2026-04-01T12:00:00Z') }, site),
  ];
}

function site(titleOfA = 'A', siteConfigUsed: SiteConfig = config): SiteDocument {
  return siteOf(posts(siteConfigUsed, titleOfA), siteConfigUsed);
}

const PAGE_PATHS = [
  'index.html',
  'categories/politics/index.html',
  'posts/a/index.html',
  'posts/b/index.html',
];

const FEED_PATHS = [
  'rss.xml',
  'atom.xml',
  'feed.json',
  'categories/politics/rss.xml',
  'categories/politics/atom.xml',
  'categories/politics/feed.json',
];

const isKept = (file: OutputFile | KeptFile): file is KeptFile => 'keep' in file;

/** Keeps nothing, but notes what it was asked. */
function recordingReuse(): SiteReuse & { feeds: FeedDocument[]; pages: [string, string][] } {
  const feeds: FeedDocument[] = [];
  const pages: [string, string][] = [];
  return {
    feeds,
    pages,
    feed: (doc) => {
      feeds.push(doc);
      return undefined;
    },
    page: (path, key) => {
      pages.push([path, key]);
      return undefined;
    },
  };
}

describe('renderSite', () => {
  it('renders every feed in its three formats first, then every page', () => {
    const doc = site();
    const { files } = renderSite(doc);
    expect(files.map((file) => file.path)).toEqual([...FEED_PATHS, ...PAGE_PATHS]);
    expect(files).toEqual([...renderFeeds(doc.feeds), ...renderSitePages(doc).files]);
    expect(files.some(isKept)).toBe(false);
  });

  it('renders nothing for a site without feeds', () => {
    expect(renderSite({ ...site(), feeds: [] })).toEqual({ files: [], pageKeys: {} });
  });

  it('asks about every feed in order, and renders the ones it may not keep', () => {
    const doc = site();
    const reuse = recordingReuse();
    const { files } = renderSite(doc, reuse);
    expect(reuse.feeds).toEqual(doc.feeds);
    expect(files).toEqual(renderSite(doc).files);
  });

  it('carries over a kept feed as its three files with the given digests, in rss/atom/json order', () => {
    const doc = site();
    const reuse: SiteReuse = {
      feed: (feed) => (feed.category ? ['d-rss', 'd-atom', 'd-json'] : undefined),
      page: () => undefined,
    };
    const { files } = renderSite(doc, reuse);
    expect(files.slice(0, 6)).toEqual([
      ...renderFeeds(doc.feeds.slice(0, 1)),
      { path: 'categories/politics/rss.xml', keep: 'd-rss' },
      { path: 'categories/politics/atom.xml', keep: 'd-atom' },
      { path: 'categories/politics/feed.json', keep: 'd-json' },
    ]);
  });

  it('asks about every page by path with its key, and keeps the ones it is given digests for', () => {
    const doc = site();
    const reuse = recordingReuse();
    const { pageKeys } = renderSite(doc, reuse);
    expect(reuse.pages).toEqual(PAGE_PATHS.map((path) => [path, pageKeys[path]]));

    const kept = renderSite(doc, {
      feed: () => undefined,
      page: (path, key) =>
        path === 'posts/a/index.html' && key === pageKeys[path] ? 'page-digest' : undefined,
    });
    const pages = kept.files.slice(FEED_PATHS.length);
    expect(pages.filter(isKept)).toEqual([{ path: 'posts/a/index.html', keep: 'page-digest' }]);
    expect(pages.map((file) => file.path)).toEqual(PAGE_PATHS);
    expect(kept.pageKeys).toEqual(pageKeys);
  });

  it('keeps everything when every feed and page is unchanged', () => {
    const { files } = renderSite(site(), {
      feed: () => ['r', 'a', 'j'],
      page: (path) => `digest of ${path}`,
    });
    expect(files.every(isKept)).toBe(true);
    expect(files.map((file) => file.path)).toEqual([...FEED_PATHS, ...PAGE_PATHS]);
  });

  it('gives every page a key, and the same documents the same keys', () => {
    const first = renderSite(site()).pageKeys;
    expect(Object.keys(first)).toEqual(PAGE_PATHS);
    for (const key of Object.values(first)) expect(key).toMatch(/^[\w-]+$/);
    expect(new Set(Object.values(first)).size).toBe(PAGE_PATHS.length);
    expect(renderSite(site()).pageKeys).toEqual(first);
  });

  it('changes the keys of exactly the pages that show a changed story', () => {
    const before = renderSite(site()).pageKeys;
    const after = renderSite(site('A, corrected')).pageKeys;
    const changed = PAGE_PATHS.filter((path) => before[path] !== after[path]);
    expect(changed).toEqual(['index.html', 'categories/politics/index.html', 'posts/a/index.html']);
  });

  it('changes every page key when something every page shows changes', () => {
    const renamed = siteConfig({ title: 'Renamed News' });
    const before = renderSite(site()).pageKeys;
    const after = renderSite(site('A', renamed)).pageKeys;
    for (const path of PAGE_PATHS) expect(after[path], path).not.toBe(before[path]);
  });
});
