import { DomUtils, parseDocument } from 'htmlparser2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { siteDocument } from '../../../../src/derive/feed-documents.js';
import type {
  Category,
  FeedDocument,
  FeedItem,
  KeptFile,
  OutputFile,
  SiteConfig,
  SiteDocument,
} from '../../../../src/model.js';
import { renderSitePages as renderPages } from '../../../../src/render/pages/render-pages.js';
import { escapeHtml } from '../../../../src/text.js';
import { isSafePagePath, itemPagePath } from '../../../../src/urls.js';

/** The site of these feeds, every item's page path settled as validation does. */
function settledSite(feeds: FeedDocument[], config: SiteConfig): SiteDocument {
  const settled = feeds.map((feed) => ({
    ...feed,
    items: feed.items.map((item) => {
      const pagePath = itemPagePath(item.url, config.url);
      return { ...item, ...(pagePath ? { pagePath } : {}) };
    }),
  }));
  return siteDocument(config, settled);
}

/** The pages a build renders for these feeds. */
function renderSitePages(feeds: FeedDocument[], config: SiteConfig): OutputFile[] {
  return renderPages(settledSite(feeds, config)).files as OutputFile[];
}

// ---------------------------------------------------------------------------------------------
// Factories

const SITE_URL = 'https://user.github.io/repo/';

function makeConfig(overrides: Partial<SiteConfig> = {}): SiteConfig {
  return {
    title: 'Test Site',
    description: 'A site for tests.',
    url: SITE_URL,
    language: 'en-CA',
    timezone: 'America/Toronto',
    author: { name: 'Desk' },
    limit: 50,
    permalink: '/posts/:year/:slug/',
    html: 'sanitize',
    hubs: [],
    ...overrides,
  };
}

let counter = 0;
function makeItem(overrides: Partial<FeedItem> = {}): FeedItem {
  counter++;
  const url = overrides.url ?? `${SITE_URL}posts/2026/post-${counter}/`;
  const published = overrides.published ?? new Date(Date.UTC(2026, 10, 20 - counter, 15));
  return {
    id: url,
    idIsUrl: true,
    url,
    title: `Post ${counter}`,
    published,
    modified: published,
    summary: `Summary of post ${counter}.`,
    contentHtml: `<p>Body of post ${counter}.</p>`,
    categories: [],
    tags: [],
    authors: [{ name: 'Dana' }],
    ...overrides,
  };
}

function makeFeed(config: SiteConfig, items: FeedItem[], category?: Category): FeedDocument {
  const dir = category ? `categories/${category.slug}/` : '';
  const paths = { rss: `${dir}rss.xml`, atom: `${dir}atom.xml`, json: `${dir}feed.json` };
  const url = (p: string) => new URL(p, config.url).href;
  return {
    title: category ? `${config.title} — ${category.name}` : config.title,
    description: category ? `${category.name}: ${config.description}` : config.description,
    homeUrl: config.url,
    paths,
    urls: { rss: url(paths.rss), atom: url(paths.atom), json: url(paths.json) },
    language: config.language,
    updated: new Date(0),
    author: config.author,
    hubs: [],
    items,
    ...(category ? { category } : {}),
  };
}

/** Site feed plus one feed per category, the way `deriveFeeds` builds them. */
function makeFeeds(config: SiteConfig, items: FeedItem[]): FeedDocument[] {
  const categories = new Map<string, Category>();
  for (const item of items) for (const c of item.categories) categories.set(c.slug, c);
  return [
    makeFeed(config, items),
    ...[...categories.values()].map((category) =>
      makeFeed(
        config,
        items.filter((item) => item.categories.some((c) => c.slug === category.slug)),
        category,
      ),
    ),
  ];
}

const politics: Category = { name: 'Politics', slug: 'politics' };
const economy: Category = { name: 'Economy', slug: 'economy' };

// ---------------------------------------------------------------------------------------------
// Reading pages back

type Document = ReturnType<typeof parseDocument>;
type Element = ReturnType<typeof DomUtils.getElementsByTagName>[number];

function parse(file: OutputFile | undefined): Document {
  if (!file) throw new Error('page missing');
  return parseDocument(file.content);
}

function byTag(doc: Document, tag: string): Element[] {
  return DomUtils.getElementsByTagName(tag, doc, true);
}

function where(doc: Document, test: (el: Element) => boolean): Element[] {
  return DomUtils.findAll(test, doc.children);
}

function text(el: Element | undefined): string {
  return el ? DomUtils.textContent(el) : '';
}

function attr(el: Element | undefined, name: string): string | undefined {
  return el ? DomUtils.getAttributeValue(el, name) : undefined;
}

function hasClass(el: Element, name: string): boolean {
  return (attr(el, 'class') ?? '').split(/\s+/).includes(name);
}

function alternates(doc: Document) {
  return where(doc, (el) => el.name === 'link' && attr(el, 'rel') === 'alternate').map((el) => ({
    type: attr(el, 'type'),
    title: attr(el, 'title'),
    href: attr(el, 'href'),
  }));
}

function page(files: OutputFile[], path: string): OutputFile | undefined {
  return files.find((file) => file.path === path);
}

/** The public URL a page is served at. */
function pageUrl(config: SiteConfig, path: string): string {
  return new URL(path.replace(/(^|\/)index\.html$/, '$1'), config.url).href;
}

afterEach(() => {
  vi.useRealTimers();
});

// ---------------------------------------------------------------------------------------------

describe('renderSitePages', () => {
  it('writes a landing page, a page per category and a page per hosted post', () => {
    const config = makeConfig();
    const a = makeItem({ categories: [politics] });
    const b = makeItem({ categories: [politics, economy] });
    const c = makeItem();
    const files = renderSitePages(makeFeeds(config, [a, b, c]), config);
    expect(files.map((file) => file.path)).toEqual([
      'index.html',
      'categories/politics/index.html',
      'categories/economy/index.html',
      `${new URL(a.url).pathname.replace('/repo/', '')}index.html`,
      `${new URL(b.url).pathname.replace('/repo/', '')}index.html`,
      `${new URL(c.url).pathname.replace('/repo/', '')}index.html`,
    ]);
    for (const file of files) expect(isSafePagePath(file.path), file.path).toBe(true);
  });

  it('emits a post that is in several feeds once', () => {
    const config = makeConfig();
    const item = makeItem({ categories: [politics, economy] });
    const files = renderSitePages(makeFeeds(config, [item]), config);
    const postPages = files.filter((file) => file.path.startsWith('posts/'));
    expect(postPages).toHaveLength(1);
  });

  it('gives posts that only appear in a category feed a page too', () => {
    const config = makeConfig();
    const old = makeItem({ categories: [politics] });
    const feeds = [makeFeed(config, []), makeFeed(config, [old], politics)];
    const files = renderSitePages(feeds, config);
    expect(files.map((file) => file.path)).toContain(itemPagePath(old.url, config.url));
  });

  it('gives items that link elsewhere no page, and links them to where they live', () => {
    const config = makeConfig();
    const external = makeItem({ url: 'https://news.example.org/story', title: 'Elsewhere' });
    const otherSite = makeItem({ url: 'https://user.github.io/other-repo/posts/x/' });
    const files = renderSitePages(makeFeeds(config, [external, otherSite]), config);
    expect(files.map((file) => file.path)).toEqual(['index.html']);
    const index = parse(page(files, 'index.html'));
    const link = where(index, (el) => el.name === 'a' && text(el) === 'Elsewhere')[0];
    expect(attr(link, 'href')).toBe('https://news.example.org/story');
    expect(text(byTag(index, 'main')[0])).toContain('on news.example.org');
  });

  it('never lets a post page replace a feed or a category page', () => {
    const config = makeConfig();
    const clash = makeItem({ url: `${SITE_URL}categories/politics/`, categories: [politics] });
    const inside = makeItem({ url: `${SITE_URL}rss.xml/x/` });
    const files = renderSitePages(makeFeeds(config, [clash, inside]), config);
    expect(files.map((file) => file.path)).toEqual([
      'index.html',
      'categories/politics/index.html',
    ]);
    const category = parse(page(files, 'categories/politics/index.html'));
    expect(byTag(category, 'h1').map(text)).toEqual(['Politics']);
  });

  it('returns nothing without a site feed', () => {
    expect(renderSitePages([], makeConfig())).toEqual([]);
  });

  it('says so when there are no stories yet', () => {
    const config = makeConfig();
    const index = parse(page(renderSitePages(makeFeeds(config, []), config), 'index.html'));
    expect(text(byTag(index, 'main')[0])).toContain('No stories yet.');
  });
});

describe('page structure', () => {
  const config = makeConfig({ icon: 'https://user.github.io/repo/icon.png' });
  const items = [
    makeItem({
      categories: [politics],
      contentHtml: '<h1>Own heading</h1><h2>Sub</h2><p>Text</p>',
    }),
    makeItem({ categories: [economy] }),
  ];
  const files = renderSitePages(makeFeeds(config, items), config);

  it.each(files.map((file) => [file.path, file]))('%s is a complete HTML5 page', (_, file) => {
    expect(file.content.startsWith('<!doctype html>\n<html lang="en-CA">')).toBe(true);
    const doc = parse(file);
    const metas = byTag(doc, 'meta');
    expect(metas.some((m) => attr(m, 'charset') === 'utf-8')).toBe(true);
    expect(metas.find((m) => attr(m, 'name') === 'viewport')).toBeDefined();
    expect(
      attr(
        metas.find((m) => attr(m, 'name') === 'color-scheme'),
        'content',
      ),
    ).toBe('light dark');
    expect(text(byTag(doc, 'title')[0])).not.toBe('');
    expect(byTag(doc, 'h1')).toHaveLength(1);
    for (const landmark of ['header', 'nav', 'main', 'footer']) {
      expect(byTag(doc, landmark).length, landmark).toBeGreaterThan(0);
    }
    expect(byTag(doc, 'script')).toHaveLength(0);
    expect(file.content).toContain('prefers-color-scheme:dark');
    expect(file.content).toContain(':focus-visible');
    const icon = where(doc, (el) => el.name === 'link' && attr(el, 'rel') === 'icon')[0];
    expect(attr(icon, 'href')).toBe('https://user.github.io/repo/icon.png');
    // Every link has text a screen reader can announce.
    for (const a of byTag(doc, 'a')) expect(text(a).trim(), attr(a, 'href')).not.toBe('');
  });

  it('moves a post’s own h1 headings one level down', () => {
    const post = parse(page(files, itemPagePath(items[0]?.url ?? '', config.url) ?? ''));
    expect(byTag(post, 'h1').map(text)).toEqual([items[0]?.title]);
    const content = where(post, (el) => hasClass(el, 'content'))[0];
    expect(content && DomUtils.getElementsByTagName('h2', content).map(text)).toEqual([
      'Own heading',
    ]);
    expect(content && DomUtils.getElementsByTagName('h3', content).map(text)).toEqual(['Sub']);
  });

  it('inserts content without its own h1 byte for byte', () => {
    const contentHtml = '<p>Tom &amp; Jerry <a href="https://x.example/?a=1&amp;b=2">x</a></p>';
    const item = makeItem({ contentHtml });
    const out = renderSitePages(makeFeeds(config, [item]), config);
    expect(page(out, itemPagePath(item.url, config.url) ?? '')?.content).toContain(contentHtml);
  });
});

describe('escaping', () => {
  const hostile = `<script>alert("x")</script> & 'quotes' "double" 🎉 שלום <b>bold</b>`;
  const config = makeConfig({
    title: `Site ${hostile}`,
    description: `About ${hostile}`,
    copyright: `© ${hostile}`,
  });
  const category: Category = { name: `Cat ${hostile}`, slug: 'cat' };
  const item = makeItem({
    title: `Title ${hostile}`,
    summary: `Summary ${hostile}`,
    categories: [category],
    authors: [{ name: `Author ${hostile}`, url: 'https://example.org/?a=1&b="2"' }],
  });
  const files = renderSitePages(makeFeeds(config, [item]), config);

  it.each(files.map((file) => [file.path, file]))('%s keeps hostile text as text', (_, file) => {
    const doc = parse(file);
    expect(byTag(doc, 'script')).toHaveLength(0);
    expect(byTag(doc, 'b')).toHaveLength(0);
    expect(file.content).not.toContain('<script>alert');
    expect(file.content).not.toContain('"double"');
    const title = text(byTag(doc, 'title')[0]);
    expect(title).toContain(hostile);
    expect(text(byTag(doc, 'h1')[0])).toContain(hostile);
    for (const link of alternates(doc)) expect(link.title).toContain(hostile);
    expect(text(byTag(doc, 'footer')[0])).toContain(`© ${hostile}`);
  });

  it('escapes titles, summaries, categories and authors on the landing page', () => {
    const doc = parse(page(files, 'index.html'));
    expect(byTag(doc, 'h3').map(text)).toEqual([`Title ${hostile}`]);
    const summary = where(doc, (el) => hasClass(el, 'summary'))[0];
    expect(text(summary)).toBe(`Summary ${hostile}`);
    const description = byTag(doc, 'meta').find((m) => attr(m, 'name') === 'description');
    expect(attr(description, 'content')).toBe(`About ${hostile}`);
    const categoryLink = byTag(doc, 'a').find((a) => attr(a, 'href') === 'categories/cat/');
    expect(categoryLink && text(categoryLink)).toBe(`Cat ${hostile}`);
  });

  it('escapes author names and URLs on the post page', () => {
    const doc = parse(page(files, itemPagePath(item.url, config.url) ?? ''));
    const author = byTag(doc, 'a').find((a) => text(a) === `Author ${hostile}`);
    expect(attr(author, 'href')).toBe('https://example.org/?a=1&b=%222%22');
    expect(text(byTag(doc, 'main')[0])).toContain(`Cat ${hostile}`);
    const description = byTag(doc, 'meta').find((m) => attr(m, 'name') === 'description');
    expect(attr(description, 'content')).toBe(`Summary ${hostile}`);
  });

  it('marks text of unknown direction dir="auto" for right-to-left titles', () => {
    const doc = parse(page(files, 'index.html'));
    for (const el of [...byTag(doc, 'h1'), ...byTag(doc, 'h3')]) {
      expect(attr(el, 'dir')).toBe('auto');
    }
  });

  it('escapeHtml escapes the five characters special in HTML', () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  });
});

describe('links', () => {
  const config = makeConfig();
  const updated = makeItem({
    title: 'Corrected',
    categories: [politics, economy],
    published: new Date('2026-11-21T03:30:00Z'),
    modified: new Date('2026-11-22T17:05:00Z'),
    authors: [
      { name: 'Ada' },
      { name: 'Grace', url: 'https://example.org/grace' },
      { name: 'Lin' },
    ],
  });
  const plain = makeItem({ title: 'Plain', categories: [economy] });
  const feeds = makeFeeds(config, [updated, plain]);
  const [site, politicsFeed, economyFeed] = feeds as [FeedDocument, FeedDocument, FeedDocument];
  const files = renderSitePages(feeds, config);

  it('announces the site feeds on the landing page and on post pages', () => {
    const expected = [
      { type: 'application/rss+xml', title: 'Test Site (RSS)', href: site.urls.rss },
      { type: 'application/atom+xml', title: 'Test Site (Atom)', href: site.urls.atom },
      { type: 'application/feed+json', title: 'Test Site (JSON Feed)', href: site.urls.json },
    ];
    expect(alternates(parse(page(files, 'index.html')))).toEqual(expected);
    const post = parse(page(files, itemPagePath(updated.url, config.url) ?? ''));
    expect(alternates(post)).toEqual(expected);
  });

  it('announces a category page’s own feeds', () => {
    const doc = parse(page(files, 'categories/politics/index.html'));
    expect(alternates(doc).map((link) => [link.type, link.href])).toEqual([
      ['application/rss+xml', politicsFeed.urls.rss],
      ['application/atom+xml', politicsFeed.urls.atom],
      ['application/feed+json', politicsFeed.urls.json],
    ]);
    expect(byTag(doc, 'h1').map(text)).toEqual(['Politics']);
    expect(byTag(doc, 'h3').map(text)).toEqual(['Corrected']);
  });

  it('lists every feed in every format on the landing page', () => {
    const doc = parse(page(files, 'index.html'));
    const subscribe = where(doc, (el) => attr(el, 'id') === 'subscribe')[0];
    if (!subscribe) throw new Error('no subscribe section');
    expect(text(subscribe)).toMatch(/feed reader such as NetNewsWire, Feedly or Miniflux/);
    const hrefs = DomUtils.getElementsByTagName('a', subscribe).map((a) => attr(a, 'href'));
    for (const doc of [site, politicsFeed, economyFeed]) {
      expect(hrefs).toEqual(
        expect.arrayContaining([doc.paths.rss, doc.paths.atom, doc.paths.json]),
      );
    }
    // Format links say which feed they are for, for screen readers.
    const rss = DomUtils.getElementsByTagName('a', subscribe).find(
      (a) => attr(a, 'href') === 'categories/politics/rss.xml',
    );
    expect(rss && text(rss)).toBe('RSS feed for Politics');
  });

  it.each(files.map((file) => [file.path, file]))(
    'every relative link on %s resolves inside the sub-path site',
    (_, file) => {
      const base = pageUrl(config, file.path);
      const known = new Set([
        ...files.map((f) => pageUrl(config, f.path)),
        ...feeds.flatMap((doc) => [doc.urls.rss, doc.urls.atom, doc.urls.json]),
      ]);
      const doc = parse(file);
      for (const a of byTag(doc, 'a')) {
        const href = attr(a, 'href') ?? '';
        if (/^[a-z]+:/.test(href) || href.startsWith('#')) continue;
        const target = new URL(href, base);
        target.hash = '';
        expect(target.href.startsWith(SITE_URL), `${href} from ${file.path}`).toBe(true);
        expect(known.has(target.href), `${href} from ${file.path}`).toBe(true);
      }
    },
  );

  it('links items and categories relatively from a post page', () => {
    const path = itemPagePath(updated.url, config.url) ?? '';
    const doc = parse(page(files, path));
    const base = pageUrl(config, path);
    const category = byTag(doc, 'a').find(
      (a) => text(a) === 'Politics' && attr(a, 'href') !== undefined,
    );
    expect(new URL(attr(category, 'href') ?? '', base).href).toBe(
      `${SITE_URL}categories/politics/`,
    );
    const canonical = where(doc, (el) => el.name === 'link' && attr(el, 'rel') === 'canonical');
    expect(canonical.map((el) => attr(el, 'href'))).toEqual([updated.url]);

    const index = parse(page(files, 'index.html'));
    const title = byTag(index, 'a').find((a) => text(a) === 'Corrected');
    expect(new URL(attr(title, 'href') ?? '', SITE_URL).href).toBe(updated.url);
  });

  it('shows dates in the site’s time zone, and "Updated" only when the post changed', () => {
    const doc = parse(page(files, itemPagePath(updated.url, config.url) ?? ''));
    const header = where(doc, (el) => hasClass(el, 'post-header'))[0];
    const times = byTag(doc, 'time').map((t) => [attr(t, 'datetime'), text(t)]);
    expect(times).toEqual([
      ['2026-11-21T03:30:00.000Z', 'November 20, 2026, 10:30 PM GMT-5'],
      ['2026-11-22T17:05:00.000Z', 'November 22, 2026, 12:05 PM GMT-5'],
    ]);
    expect(text(header)).toContain('Updated');
    expect(text(header)).toContain('By Ada, Grace and Lin');
    const grace = byTag(doc, 'a').find((a) => text(a) === 'Grace');
    expect(attr(grace, 'href')).toBe('https://example.org/grace');

    const index = parse(page(files, 'index.html'));
    expect(text(byTag(index, 'time')[0])).toBe('November 20, 2026');

    const plainDoc = parse(page(files, itemPagePath(plain.url, config.url) ?? ''));
    expect(text(where(plainDoc, (el) => hasClass(el, 'post-header'))[0])).not.toContain('Updated');
  });
});

describe('determinism', () => {
  it('renders the same bytes every time, whatever the clock says', () => {
    const config = makeConfig();
    const items = () => {
      counter = 100;
      return [makeItem({ categories: [politics] }), makeItem({ categories: [economy] })];
    };
    const first = renderSitePages(makeFeeds(config, items()), config);
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2031-01-01T00:00:00Z'));
    const second = renderSitePages(makeFeeds(config, items()), config);
    expect(second).toEqual(first);
  });
});

describe('renderSitePages with a reuse function', () => {
  const config = makeConfig();
  const feedsOfTwo = () => {
    counter = 200;
    return makeFeeds(config, [makeItem({ categories: [politics] }), makeItem()]);
  };
  const isKept = (file: OutputFile | KeptFile): file is KeptFile => 'keep' in file;

  it('gives every page a key, asks about each page by path and key, and renders all by default', () => {
    const asked: [string, string][] = [];
    const { files, keys } = renderPages(settledSite(feedsOfTwo(), config), (path, key) => {
      asked.push([path, key]);
      return undefined;
    });
    expect(Object.keys(keys)).toEqual(files.map((file) => file.path));
    expect(asked).toEqual(files.map((file) => [file.path, keys[file.path]]));
    expect(files.some(isKept)).toBe(false);
    expect(files).toEqual(renderPages(settledSite(feedsOfTwo(), config)).files);
  });

  it('carries over a page by the digest it is given, in its place, keeping its key', () => {
    const site = settledSite(feedsOfTwo(), config);
    const fresh = renderPages(site);
    const reused = renderPages(site, (path) =>
      path === 'categories/politics/index.html' ? 'digest-of-politics' : undefined,
    );
    expect(reused.keys).toEqual(fresh.keys);
    expect(reused.files.map((file) => file.path)).toEqual(fresh.files.map((file) => file.path));
    expect(reused.files.filter(isKept)).toEqual([
      { path: 'categories/politics/index.html', keep: 'digest-of-politics' },
    ]);
  });

  it('changes only the keys of pages that show a changed item', () => {
    const before = renderPages(settledSite(feedsOfTwo(), config)).keys;
    // Same documents, same keys.
    expect(renderPages(settledSite(feedsOfTwo(), config)).keys).toEqual(before);

    counter = 200;
    const retitledItem = [makeItem({ categories: [politics] }), makeItem({ title: 'A new title' })];
    const after = renderPages(settledSite(makeFeeds(config, retitledItem), config)).keys;
    const changed = Object.keys(before).filter((path) => before[path] !== after[path]);
    expect(changed).toEqual(['index.html', itemPagePath(retitledItem[1]?.url ?? '', config.url)]);
  });

  it('changes every key when the site itself changes', () => {
    const before = renderPages(settledSite(feedsOfTwo(), config)).keys;
    const renamed = makeConfig({ title: 'Renamed' });
    const after = renderPages(settledSite(feedsOfTwo(), renamed)).keys;
    for (const path of Object.keys(before)) expect(after[path], path).not.toBe(before[path]);
  });
});
