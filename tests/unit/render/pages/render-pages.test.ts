import { DomUtils, parseDocument } from 'htmlparser2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUILT_IN_TEXT } from '../../../../src/config/page-text.js';
import type {
  Category,
  FeedDocument,
  FeedItem,
  OutputFile,
  Redirect,
  SiteConfig,
  SiteDocument,
} from '../../../../src/model.js';
import { NAV_CATEGORIES } from '../../../../src/render/pages/category-lists.js';
import {
  keyOf,
  keyTaken,
  type OutputPlan,
  pagePlans,
  renderSitePages as renderPages,
  takenPageKeys,
  withLazyKey,
} from '../../../../src/render/pages/render-pages.js';
import { siteFilePlans } from '../../../../src/render/site-files/site-files.js';
import { escapeHtml } from '../../../../src/text.js';
import { isSafePagePath, itemPagePath } from '../../../../src/urls.js';
import { makePost, siteConfig, siteOf } from '../../../helpers/model.js';

/**
 * The site of these feeds, every item's page path settled as validation does. Each feed's
 * listing holds its items unless `listed` gives a listing's items; there are no archives.
 */
function settledSite(
  feeds: FeedDocument[],
  config: SiteConfig,
  options: { listed?: FeedItem[][]; redirects?: Redirect[] } = {},
): SiteDocument {
  const settle = (item: FeedItem) => {
    const pagePath = itemPagePath(item.url, config.url);
    return { ...item, ...(pagePath ? { pagePath } : {}) };
  };
  const settled = feeds.map((feed) => ({ ...feed, items: feed.items.map(settle) }));
  return {
    title: config.title,
    description: config.description,
    url: config.url,
    language: config.language,
    languages: config.languages,
    timezone: config.timezone,
    ...(config.copyright ? { copyright: config.copyright } : {}),
    ...(config.icon ? { icon: config.icon } : {}),
    items: (options.listed?.[0] ?? settled[0]?.items ?? []).map(settle),
    feeds: settled,
    archives: [],
    listings: settled.map((feed, i) => ({
      feed,
      items: options.listed?.[i]?.map(settle) ?? feed.items,
    })),
    pageSize: config.limit,
    redirects: options.redirects ?? [],
    withdrawn: [],
  };
}

/** The pages a build renders for these feeds. */
function renderSitePages(
  feeds: FeedDocument[],
  config: SiteConfig,
  options: { listed?: FeedItem[][]; redirects?: Redirect[] } = {},
): OutputFile[] {
  return renderPages(settledSite(feeds, config, options));
}

/** The files a site writes at its root besides pages and feeds (`feeds.opml`, …), by URL. */
function siteFileUrls(site: SiteDocument): string[] {
  return siteFilePlans(site)
    .flatMap((plan) => plan.paths)
    .map((path) => new URL(path, site.url).href);
}

// ---------------------------------------------------------------------------------------------
// Factories

const SITE_URL = 'https://user.github.io/repo/';

function makeConfig(overrides: Partial<SiteConfig> = {}): SiteConfig {
  const title = overrides.title ?? 'Test Site';
  const description = overrides.description ?? 'A site for tests.';
  return {
    title,
    description,
    url: SITE_URL,
    language: 'en-CA',
    // The one language, named as the config names the site.
    languages: [{ tag: 'en-CA', folder: '', title, description, text: BUILT_IN_TEXT.en }],
    timezone: 'America/Toronto',
    author: { name: 'Desk' },
    limit: 50,
    archiveSize: 100,
    archiveContent: 'summary',
    permalink: '/posts/:year/:slug/',
    html: 'sanitize',
    hubs: [],
    authors: {},
    tagFeeds: true,
    ...overrides,
  };
}

let counter = 0;
function makeItem(overrides: Partial<FeedItem> = {}): FeedItem {
  counter++;
  const url = overrides.url ?? `${SITE_URL}posts/2026/post-${counter}/`;
  const published = overrides.published ?? new Date(Date.UTC(2026, 10, 20 - counter, 15));
  return {
    source: `post-${counter}.md`,
    language: 'en-CA',
    contentKey: `key of post ${counter}`,
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
    siteUrl: config.url,
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

/** Scripts that would run: a story's JSON-LD is data, every other script is a defect. */
function scriptsOf(doc: Document): Element[] {
  return byTag(doc, 'script').filter(
    (el) => DomUtils.getAttributeValue(el, 'type') !== 'application/ld+json',
  );
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

  it('gives every story of the site listing a page, not only the feed’s', () => {
    const config = makeConfig();
    const old = makeItem({ categories: [politics] });
    const feeds = [makeFeed(config, []), makeFeed(config, [old], politics)];
    const files = renderSitePages(feeds, config, { listed: [[old], [old]] });
    expect(files.map((file) => file.path)).toEqual([
      'index.html',
      'categories/politics/index.html',
      itemPagePath(old.url, config.url),
    ]);
    const index = parse(page(files, 'index.html'));
    expect(byTag(index, 'h3').map(text)).toEqual([old.title]);
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
    expect(scriptsOf(doc)).toHaveLength(0);
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
    expect(scriptsOf(doc)).toHaveLength(0);
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
        // The landing page links to feeds.opml.
        ...siteFileUrls(settledSite(feeds, config)),
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

describe('pagePlans', () => {
  const config = makeConfig();
  const twoItems = (second: Partial<FeedItem> = {}) => {
    counter = 200;
    return [makeItem({ categories: [politics] }), makeItem(second)];
  };
  const keysOf = (site: SiteDocument) =>
    Object.fromEntries(pagePlans(site).map((plan) => [plan.paths[0], plan.key]));

  it('plans every page as one output, keyed, in the order renderSitePages writes them', () => {
    const site = settledSite(makeFeeds(config, twoItems()), config);
    const plans = pagePlans(site);
    for (const plan of plans) expect(plan.paths).toHaveLength(1);
    const rendered = plans.flatMap((plan) => plan.render());
    expect(rendered).toEqual(renderPages(site));
    expect(rendered.map((file) => file.path)).toEqual(plans.map((plan) => plan.paths[0]));
    for (const plan of plans) expect(plan.key).toMatch(/^[\w-]+$/);
    expect(new Set(plans.map((plan) => plan.key)).size).toBe(plans.length);
  });

  it('says an item page needs its story’s HTML, and listing and redirect pages need none', () => {
    const [a, b] = twoItems() as [FeedItem, FeedItem];
    const site = settledSite(makeFeeds(config, [a, b]), config, {
      redirects: [{ path: 'old/index.html', from: '/old/', to: a }],
    });
    expect(pagePlans(site).map((plan) => [plan.paths[0], plan.needs])).toEqual([
      ['index.html', []],
      ['categories/politics/index.html', []],
      [itemPagePath(a.url, config.url), [a.source]],
      [itemPagePath(b.url, config.url), [b.source]],
      ['old/index.html', []],
    ]);
  });

  it('gives the same documents the same keys', () => {
    const before = keysOf(settledSite(makeFeeds(config, twoItems()), config));
    expect(keysOf(settledSite(makeFeeds(config, twoItems()), config))).toEqual(before);
  });

  it('changes only the keys of pages that show a changed item', () => {
    const before = keysOf(settledSite(makeFeeds(config, twoItems()), config));
    const retitled = twoItems({ title: 'A new title' });
    const after = keysOf(settledSite(makeFeeds(config, retitled), config));
    const changed = Object.keys(before).filter((path) => before[path] !== after[path]);
    expect(changed).toEqual(['index.html', itemPagePath(retitled[1]?.url ?? '', config.url)]);
  });

  it('keys pages without the items’ HTML: their content keys stand for it', () => {
    const before = keysOf(settledSite(makeFeeds(config, twoItems()), config));
    const skeleton = twoItems({ contentHtml: '', pending: true });
    expect(keysOf(settledSite(makeFeeds(config, skeleton), config))).toEqual(before);
    const otherHtml = twoItems({ contentHtml: '<p>Other</p>' });
    expect(keysOf(settledSite(makeFeeds(config, otherHtml), config))).toEqual(before);
    // A new content key (the body changed, its summary not) changes the story's page only: the
    // landing page shows the summary, which is part of its key.
    const rekeyed = twoItems({ contentKey: 'a new key' });
    const after = keysOf(settledSite(makeFeeds(config, rekeyed), config));
    const changed = Object.keys(before).filter((path) => before[path] !== after[path]);
    expect(changed).toEqual([itemPagePath(rekeyed[1]?.url ?? '', config.url)]);
  });

  it('changes the key of a story’s page when a feed it links to is renamed, and no other story’s', () => {
    const [a, b] = twoItems() as [FeedItem, FeedItem];
    const site = settledSite(makeFeeds(config, [a, b]), config);
    const renamed: SiteDocument = {
      ...site,
      feeds: site.feeds.map((doc) =>
        doc.category?.slug === 'politics' ? { ...doc, title: 'Politics and power' } : doc,
      ),
    };
    const before = keysOf(site);
    const after = keysOf(renamed);
    const page = (item: FeedItem) => itemPagePath(item.url, config.url) as string;
    expect(after[page(a)]).not.toBe(before[page(a)]);
    expect(after[page(b)]).toBe(before[page(b)]);
  });

  it('changes every key when the site itself changes', () => {
    const before = keysOf(settledSite(makeFeeds(config, twoItems()), config));
    const renamed = makeConfig({ title: 'Renamed' });
    const after = keysOf(settledSite(makeFeeds(config, twoItems()), renamed));
    for (const path of Object.keys(before)) expect(after[path], path).not.toBe(before[path]);
  });

  describe('keys carried from an earlier build (takenPageKeys)', () => {
    const contextOf = (site: SiteDocument) => takenPageKeys(site, pagePlans(site)).context;
    const storyPages = (plans: OutputPlan[]) =>
      plans.filter((plan) => plan.needs.length > 0).map((plan) => plan.paths[0]);

    it('lists the keys taken of stories’ pages by file, and the context they hold in', () => {
      const [a, b] = twoItems() as [FeedItem, FeedItem];
      const site = settledSite(makeFeeds(config, [a, b]), config);
      const plans = pagePlans(site);
      const taken = takenPageKeys(site, plans);
      expect(taken.context).toMatch(/^[\w-]+$/);
      // None taken until asked.
      expect(taken.keys.size).toBe(0);
      const keys = Object.fromEntries(plans.map((plan) => [plan.paths[0], plan.key]));
      const page = (item: FeedItem) => itemPagePath(item.url, config.url) as string;
      expect(takenPageKeys(site, plans).keys).toEqual(
        new Map([
          [a.source, keys[page(a)]],
          [b.source, keys[page(b)]],
        ]),
      );
    });

    it('gives a story’s page the key known for its item in the same page context, and asks only of stories', () => {
      const [a, b] = twoItems() as [FeedItem, FeedItem];
      const site = settledSite(makeFeeds(config, [a, b]), config);
      const context = contextOf(site);
      const asked: string[] = [];
      const contexts: string[] = [];
      const plans = pagePlans(site, undefined, (pageContext) => {
        contexts.push(pageContext);
        return ({ source, contentKey }) => {
          asked.push(source);
          return source === a.source && contentKey === a.contentKey ? 'known' : undefined;
        };
      });
      expect(contexts).toEqual([context]);
      expect(asked.sort()).toEqual([a.source, b.source].sort());
      const byPath = new Map(plans.map((plan) => [plan.paths[0], plan]));
      expect(byPath.get(itemPagePath(a.url, config.url))?.key).toBe('known');
      // Unknown: taken as it would be.
      const fresh = Object.fromEntries(pagePlans(site).map((p) => [p.paths[0], p.key]));
      const pageB = itemPagePath(b.url, config.url) as string;
      expect(byPath.get(pageB)?.key).toBe(fresh[pageB]);
      expect(storyPages(plans)).toHaveLength(2);
      expect(takenPageKeys(site, plans).keys.get(a.source)).toBe('known');
    });

    it('has a page context that changes with what every story’s page shows, not with a story', () => {
      const site = settledSite(makeFeeds(config, twoItems()), config);
      const context = contextOf(site);
      expect(contextOf(settledSite(makeFeeds(config, twoItems()), config))).toBe(context);
      // A story retitled, or its body changed: its item's key says so, not the context.
      const retitled = twoItems({ title: 'A new title', contentKey: 'a new key' });
      expect(contextOf(settledSite(makeFeeds(config, retitled), config))).toBe(context);
      // A section's feed renamed: every story's page may link to it.
      const renamed: SiteDocument = {
        ...site,
        feeds: site.feeds.map((doc) =>
          doc.category?.slug === 'politics' ? { ...doc, title: 'Politics and power' } : doc,
        ),
      };
      expect(contextOf(renamed)).not.toBe(context);
      // The site retitled; a section more.
      const retitledSite = settledSite(makeFeeds(config, twoItems()), makeConfig({ title: 'R' }));
      expect(contextOf(retitledSite)).not.toBe(context);
      const more = twoItems({ categories: [{ name: 'Sports', slug: 'sports' }] });
      expect(contextOf(settledSite(makeFeeds(config, more), config))).not.toBe(context);
      // No pages, no context.
      const empty = settledSite([], config);
      expect(takenPageKeys(empty, pagePlans(empty)).context).toBeUndefined();
    });
  });

  describe('with more categories than the navigation lists', () => {
    const navNames = Array.from({ length: NAV_CATEGORIES }, (_, i) => `C${i}`);
    const cat = (name: string): Category => ({ name, slug: name.toLowerCase() });
    /** Two stories in every category of the navigation, then one story per list of names. */
    const site = (...rest: string[][]) => {
      counter = 500;
      const items = [
        makeItem({ categories: navNames.map(cat) }),
        makeItem({ categories: navNames.map(cat) }),
        ...rest.map((names) => makeItem({ categories: names.map(cat) })),
      ];
      return settledSite(makeFeeds(config, items), config);
    };

    it('keeps the keys of pages that do not show a category added outside the navigation', () => {
      const before = keysOf(site(['Rare']));
      const after = keysOf(site(['Rare'], ['Rarer']));
      const changed = Object.keys(before).filter((path) => before[path] !== after[path]);
      // The landing page shows the new story and counts the categories; the index lists them.
      expect(changed).toEqual(['index.html', 'categories/index.html']);
      expect(Object.keys(after).filter((path) => !(path in before))).toEqual([
        'categories/rarer/index.html',
        itemPagePath(`${SITE_URL}posts/2026/post-504/`, config.url),
      ]);
    });

    it('changes every page’s key when the navigation changes', () => {
      const before = keysOf(site(['Rare']));
      // Rare, now in three stories, takes the place of the last category in the navigation.
      const after = keysOf(site(['Rare'], ['Rare'], ['Rare']));
      for (const path of Object.keys(before)) expect(after[path], path).not.toBe(before[path]);
    });
  });

  it('keys a redirect page by where it sends readers', () => {
    const [a, b] = twoItems() as [FeedItem, FeedItem];
    const keyOf = (to: FeedItem) =>
      keysOf(
        settledSite(makeFeeds(config, [a, b]), config, {
          redirects: [{ path: 'old/index.html', from: '/old/', to }],
        }),
      )['old/index.html'];
    expect(keyOf(a)).toBe(keyOf({ ...a, summary: 'Another summary', contentKey: 'other' }));
    expect(keyOf(a)).not.toBe(keyOf(b));
    expect(keyOf(a)).not.toBe(keyOf({ ...a, title: 'Retitled' }));
  });

  it('plans nothing for a site without feeds', () => {
    const site = settledSite([], config);
    expect(pagePlans(site)).toEqual([]);
  });
});

describe('keyOf', () => {
  it('tells apart parts that only join alike', () => {
    expect(keyOf(['ab', 'c'])).not.toBe(keyOf(['a', 'bc']));
    expect(keyOf(['a', 'b'])).toBe(keyOf(['a', 'b']));
  });
});

describe('withLazyKey', () => {
  it('takes the key when it is first read, and only then', () => {
    const take = vi.fn(() => 'the key');
    const plan = withLazyKey({ paths: ['a.html'], needs: ['a.md'], render: () => [] }, take);
    expect(take).not.toHaveBeenCalled();
    expect(plan.paths).toEqual(['a.html']);
    expect(plan.needs).toEqual(['a.md']);
    expect(plan.render()).toEqual([]);
    expect(take).not.toHaveBeenCalled();
    expect(plan.key).toBe('the key');
    expect(plan.key).toBe('the key');
    expect(take).toHaveBeenCalledTimes(1);
  });

  it('gives every page plan one shape, with no accessor of its own, and takes its key once', () => {
    const config = makeConfig({ limit: 2 });
    const site = siteOf([makePost({ slug: 'a' }, config), makePost({ slug: 'b' }, config)], config);
    const plans = pagePlans(site);
    expect(plans.length).toBeGreaterThan(2);
    for (const plan of plans) {
      expect(Object.getOwnPropertyDescriptor(plan, 'key')).toBeUndefined();
      expect(Object.getPrototypeOf(plan)).toBe(Object.getPrototypeOf(plans[0]));
    }
    // A story's page needs its story's HTML; a listing needs none.
    const page = plans.find((p) => p.needs.length > 0) as OutputPlan;
    expect(page.needs).toHaveLength(1);
    expect(page.paths[0]).toMatch(/index\.html$/);
    expect(plans.filter((p) => p.needs.length > 0)).toHaveLength(2);
    expect(page.key).toBe(pagePlans(site).find((p) => p.paths[0] === page.paths[0])?.key);
    expect(page.render()[0]?.content).toContain('<html');
  });

  it('takes no key it was given from another thread (keyTaken), and keeps one taken already', () => {
    const take = vi.fn(() => 'taken here');
    const given = withLazyKey({ paths: ['a.html'], needs: [], render: () => [] }, take);
    keyTaken(given, 'taken there');
    expect(given.key).toBe('taken there');
    expect(take).not.toHaveBeenCalled();
    const known = withLazyKey({ paths: ['b.html'], needs: [], render: () => [] }, take);
    expect(known.key).toBe('taken here');
    keyTaken(known, 'taken there');
    expect(known.key).toBe('taken here');
  });
});

describe('pagination', () => {
  const config = makeConfig({ limit: 2 });
  const items = () => {
    counter = 300;
    return Array.from({ length: 5 }, (_, i) =>
      makeItem(i % 2 === 0 ? { categories: [politics] } : {}),
    );
  };
  const files = renderSitePages(makeFeeds(config, items()), config);
  const listingPaths = [
    'index.html',
    'page/2/index.html',
    'page/3/index.html',
    'categories/politics/index.html',
    'categories/politics/page/2/index.html',
  ];
  const relLinks = (file: OutputFile | undefined, rel: string) =>
    where(parse(file), (el) => el.name === 'link' && attr(el, 'rel') === rel).map((el) =>
      attr(el, 'href'),
    );

  it('writes the listing pages of the site and each category before the item pages', () => {
    const posts = items().map((item) => itemPagePath(item.url, config.url));
    expect(files.map((file) => file.path)).toEqual([...listingPaths, ...posts]);
  });

  it('shows each listing page its own stories, newest first', () => {
    const titles = (path: string) => byTag(parse(page(files, path)), 'h3').map(text);
    const all = items().map((item) => item.title);
    expect(titles('index.html')).toEqual(all.slice(0, 2));
    expect(titles('page/2/index.html')).toEqual(all.slice(2, 4));
    expect(titles('page/3/index.html')).toEqual(all.slice(4));
    expect(titles('categories/politics/index.html')).toEqual([all[0], all[2]]);
    expect(titles('categories/politics/page/2/index.html')).toEqual([all[4]]);
  });

  it('links each page to its neighbours in the nav and in the head, relative to it', () => {
    const neighbours = listingPaths.map((path) => {
      const file = page(files, path);
      const nav = where(parse(file), (el) => hasClass(el, 'pagination'))[0];
      const navLinks = nav
        ? DomUtils.getElementsByTagName('a', nav).map((a) => [attr(a, 'rel'), attr(a, 'href')])
        : [];
      return [path, navLinks, relLinks(file, 'prev'), relLinks(file, 'next')];
    });
    expect(neighbours).toEqual([
      ['index.html', [['next', 'page/2/']], [], ['page/2/']],
      [
        'page/2/index.html',
        [
          ['prev', '../../'],
          ['next', '../../page/3/'],
        ],
        ['../../'],
        ['../../page/3/'],
      ],
      ['page/3/index.html', [['prev', '../../page/2/']], ['../../page/2/'], []],
      [
        'categories/politics/index.html',
        [['next', '../../categories/politics/page/2/']],
        [],
        ['../../categories/politics/page/2/'],
      ],
      [
        'categories/politics/page/2/index.html',
        [['prev', '../../../../categories/politics/']],
        ['../../../../categories/politics/'],
        [],
      ],
    ]);
    // Resolved against the page's own URL, each link reaches the page it names.
    const resolve = (from: string, href: string | undefined) =>
      new URL(href ?? '', pageUrl(config, from)).href;
    expect(resolve('page/3/index.html', '../../page/2/')).toBe(`${SITE_URL}page/2/`);
    expect(
      resolve('categories/politics/page/2/index.html', '../../../../categories/politics/'),
    ).toBe(`${SITE_URL}categories/politics/`);
  });

  it('heads older pages as such, each with its own canonical URL', () => {
    const heads = listingPaths.map((path) => {
      const doc = parse(page(files, path));
      return [
        path,
        byTag(doc, 'h2').map(text)[0],
        where(doc, (el) => el.name === 'link' && attr(el, 'rel') === 'canonical').map((el) =>
          attr(el, 'href'),
        ),
      ];
    });
    expect(heads).toEqual([
      ['index.html', 'Latest stories', [SITE_URL]],
      ['page/2/index.html', 'Older stories, page 2 of 3', [`${SITE_URL}page/2/`]],
      ['page/3/index.html', 'Older stories, page 3 of 3', [`${SITE_URL}page/3/`]],
      ['categories/politics/index.html', 'Latest stories', [`${SITE_URL}categories/politics/`]],
      [
        'categories/politics/page/2/index.html',
        'Older stories, page 2 of 2',
        [`${SITE_URL}categories/politics/page/2/`],
      ],
    ]);
  });

  it('writes no pagination and no prev/next on an item page', () => {
    const path = itemPagePath(items()[0]?.url ?? '', config.url) ?? '';
    expect(where(parse(page(files, path)), (el) => hasClass(el, 'pagination'))).toEqual([]);
    expect([relLinks(page(files, path), 'prev'), relLinks(page(files, path), 'next')]).toEqual([
      [],
      [],
    ]);
  });

  it('writes one listing page, without pagination, for an empty site', () => {
    const empty = renderSitePages(makeFeeds(config, []), config);
    expect(empty.map((file) => file.path)).toEqual(['index.html']);
    expect(where(parse(empty[0]), (el) => hasClass(el, 'pagination'))).toEqual([]);
  });
});

describe('redirect pages', () => {
  const config = makeConfig();
  counter = 400;
  const moved = makeItem({ title: 'Moved story' });
  const files = renderSitePages(makeFeeds(config, [moved]), config, {
    redirects: [
      { path: '2019/old-slug/index.html', from: '/2019/old-slug/', to: moved },
      { path: 'index.html', from: '/', to: moved },
    ],
  });

  it('writes a page at each old address after the real pages, never over one', () => {
    expect(files.map((file) => file.path)).toEqual([
      'index.html',
      itemPagePath(moved.url, config.url),
      '2019/old-slug/index.html',
    ]);
    expect(byTag(parse(page(files, 'index.html')), 'h1').map(text)).toEqual(['Test Site']);
  });

  it('sends readers to the story’s absolute URL, and asks not to be indexed', () => {
    const doc = parse(page(files, '2019/old-slug/index.html'));
    const metas = byTag(doc, 'meta');
    expect(
      metas.filter((m) => attr(m, 'http-equiv') === 'refresh').map((m) => attr(m, 'content')),
    ).toEqual([`0; url=${moved.url}`]);
    expect(
      metas.filter((m) => attr(m, 'name') === 'robots').map((m) => attr(m, 'content')),
    ).toEqual(['noindex']);
    const canonical = where(doc, (el) => el.name === 'link' && attr(el, 'rel') === 'canonical');
    expect(canonical.map((el) => attr(el, 'href'))).toEqual([moved.url]);
    expect(byTag(doc, 'a').map((a) => [text(a), attr(a, 'href')])).toEqual([
      ['Moved story', moved.url],
    ]);
  });
});

describe('every page is reachable', () => {
  /** Posts a day apart over three categories, some with old addresses. */
  const config = siteConfig({ limit: 2, archiveSize: 3, url: SITE_URL });
  const names = ['Politics', 'Economy', 'Culture'];
  const posts = Array.from({ length: 11 }, (_, i) =>
    makePost(
      {
        slug: `story-${i}`,
        title: `Story ${i}`,
        date: new Date(Date.UTC(2026, 0, i + 1, 12)),
        categories: i % 4 === 3 ? [] : [names[i % 3] as string],
        ...(i === 2
          ? { aliases: [{ path: '/2019/story-two/', page: '2019/story-two/index.html' }] }
          : {}),
      },
      config,
    ),
  ).reverse();
  const site = siteOf(posts, config);
  const files = renderPages(site);
  const byUrl = new Map(files.map((file) => [pageUrl(config, file.path), file]));

  it('reaches every item and listing page from index.html through <a href> links alone', () => {
    const seen = new Set<string>(['index.html']);
    const queue = ['index.html'];
    while (queue.length > 0) {
      const path = queue.shift() as string;
      const base = pageUrl(config, path);
      for (const a of byTag(parse(page(files, path)), 'a')) {
        const href = attr(a, 'href');
        if (!href) continue;
        const target = new URL(href, base);
        target.hash = '';
        const file = byUrl.get(target.href);
        if (file && !seen.has(file.path)) {
          seen.add(file.path);
          queue.push(file.path);
        }
      }
    }
    const itemPages = posts.map((post) => post.pagePath);
    expect(itemPages).toHaveLength(11);
    for (const path of itemPages) expect(seen.has(path ?? ''), path).toBe(true);
    // Every page but the redirect (an old address, linked from nowhere) is reachable.
    const unseen = files.map((file) => file.path).filter((path) => !seen.has(path));
    expect(unseen).toEqual(['2019/story-two/index.html']);
    expect(seen.size).toBe(files.length - 1);
  });

  it('links every page only to pages and feeds the site has, inside its sub-path', () => {
    const known = new Set([
      ...byUrl.keys(),
      ...site.feeds.flatMap((doc) => [doc.urls.rss, doc.urls.atom, doc.urls.json]),
      // The landing page links to feeds.opml.
      ...siteFileUrls(site),
    ]);
    for (const file of files) {
      const base = pageUrl(config, file.path);
      for (const a of byTag(parse(file), 'a')) {
        const href = attr(a, 'href') ?? '';
        if (/^[a-z]+:/.test(href)) continue;
        const target = new URL(href, base);
        target.hash = '';
        expect(target.href.startsWith(SITE_URL), `${href} from ${file.path}`).toBe(true);
        expect(known.has(target.href), `${href} from ${file.path}`).toBe(true);
      }
    }
  });

  it('gives every page but the redirect one h1 and the landmarks, and none a script', () => {
    for (const file of files) {
      const doc = parse(file);
      expect(scriptsOf(doc), file.path).toHaveLength(0);
      if (file.path === '2019/story-two/index.html') continue;
      expect(byTag(doc, 'h1'), file.path).toHaveLength(1);
      for (const landmark of ['header', 'nav', 'main', 'footer']) {
        expect(byTag(doc, landmark).length, `${landmark} in ${file.path}`).toBeGreaterThan(0);
      }
    }
  });

  it('pages the site and every category back to its first story', () => {
    const paths = files.map((file) => file.path);
    expect(paths.filter((path) => !path.startsWith('posts/'))).toEqual([
      'index.html',
      'page/2/index.html',
      'page/3/index.html',
      'page/4/index.html',
      'page/5/index.html',
      'page/6/index.html',
      'categories/culture/index.html',
      'categories/culture/page/2/index.html',
      'categories/economy/index.html',
      'categories/economy/page/2/index.html',
      'categories/politics/index.html',
      'categories/politics/page/2/index.html',
      '2019/story-two/index.html',
    ]);
  });
});
