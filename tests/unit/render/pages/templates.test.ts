import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import type { FeedDocument, FeedItem, Redirect, SiteDocument } from '../../../../src/model.js';
import { NAV_CATEGORIES } from '../../../../src/render/pages/category-lists.js';
import { type Context, feedDir, pageContext } from '../../../../src/render/pages/links.js';
import { pageCount, pageItems } from '../../../../src/render/pages/plan-pages.js';
import {
  groupPage,
  itemPage,
  landingPage,
  olderPage,
  type PageOf,
  redirectPage,
  withdrawnPage,
} from '../../../../src/render/pages/templates.js';
import { all, attr, type HtmlDocument, type HtmlElement, text } from '../../../helpers/html.js';
import { makePost, siteConfig, siteOf, type TestPost } from '../../../helpers/model.js';

type Document = HtmlDocument;
type Element = HtmlElement;

const hostile = `<script>alert("x")</script> & 'q' ]]> שלום`;

function contextOf(site: SiteDocument): Context {
  const ctx = pageContext(site);
  if (!ctx) throw new Error('no site feed');
  return ctx;
}

const config = siteConfig({ copyright: '© Test News' });

/** A post of the default test site (newest first is the caller's job). */
function post(overrides: Partial<TestPost>): TestPost {
  return makePost(overrides, config);
}

function context(posts: TestPost[], title?: string): Context {
  const site = title ? siteConfig({ title }) : config;
  return contextOf(siteOf(posts, site));
}

/** Page `page` of the listing of `doc` (the site feed unless given), as the pages plan it. */
function pageOf(ctx: Context, page = 1, doc: FeedDocument = ctx.siteFeed): PageOf {
  const listing = ctx.site.listings.find((l) => l.feed === doc);
  if (!listing) throw new Error(`no listing for ${doc.paths.rss}`);
  const size = ctx.site.pageSize;
  return { page, pages: pageCount(listing, size), items: pageItems(listing, page, size) };
}

function feedOf(ctx: Context, slug: string): FeedDocument {
  const doc = ctx.categories.find((feed) => feed.category?.slug === slug);
  if (!doc) throw new Error(`no feed ${slug}`);
  return doc;
}

function itemOf(ctx: Context, title: string): FeedItem {
  const item = ctx.siteFeed.items.find((i) => i.title === title);
  if (!item) throw new Error(`no item ${title}`);
  return item;
}

function byClass(doc: Document | Element, name: string): Element[] {
  return DomUtils.findAll(
    (el) => (attr(el, 'class') ?? '').split(/\s+/).includes(name),
    doc.children,
  );
}

function headOf(doc: Document) {
  const links = (rel: string) =>
    all(doc, 'link')
      .filter((el) => attr(el, 'rel') === rel)
      .map((el) => attr(el, 'href'));
  return {
    title: all(doc, 'title').map(text),
    description: all(doc, 'meta')
      .filter((el) => attr(el, 'name') === 'description')
      .map((el) => attr(el, 'content')),
    canonical: links('canonical'),
    alternates: links('alternate'),
  };
}

/** The head's links to the newer and older page of a listing. */
function neighbours(doc: Document): { prev: (string | undefined)[]; next: (string | undefined)[] } {
  const links = (rel: string) =>
    all(doc, 'link')
      .filter((el) => attr(el, 'rel') === rel)
      .map((el) => attr(el, 'href'));
  return { prev: links('prev'), next: links('next') };
}

/** The pagination nav: its links (text, rel, href) and its "Page n of m". */
function pagination(doc: Document) {
  const navs = byClass(doc, 'pagination');
  return navs.map((nav) => ({
    label: attr(nav, 'aria-label'),
    links: all(nav, 'a').map((a) => [text(a), attr(a, 'rel'), attr(a, 'href')]),
    pageOf: byClass(nav, 'page-of').map(text),
  }));
}

function currentNav(doc: Document): string[] {
  const [nav] = all(doc, 'nav');
  return nav
    ? all(nav, 'a')
        .filter((a) => attr(a, 'aria-current') === 'page')
        .map(text)
    : [];
}

const politicsPost = post({
  slug: 'budget',
  title: 'Budget passes',
  date: new Date('2026-05-02T12:00:00Z'),
  categories: ['Politics'],
  summary: 'It passed.',
});
const economyPost = post({
  slug: 'rates',
  title: 'Rates fall',
  date: new Date('2026-05-01T12:00:00Z'),
  categories: ['Economy'],
});
const externalPost = post({
  slug: 'elsewhere',
  title: 'Read elsewhere',
  date: new Date('2026-04-30T12:00:00Z'),
  link: 'https://other.example/story',
  url: 'https://other.example/story',
});

describe('landingPage', () => {
  const ctx = context([politicsPost, economyPost, externalPost]);
  const doc = parseDocument(landingPage(ctx, pageOf(ctx)));

  it('has one h1, the site title, with the site description under it', () => {
    expect(all(doc, 'h1').map(text)).toEqual(['Test News']);
    expect(byClass(doc, 'lede').map(text)).toEqual(['News for tests']);
  });

  it('lists every story of the site feed, newest first', () => {
    expect(all(doc, 'h3').map(text)).toEqual(['Budget passes', 'Rates fall', 'Read elsewhere']);
    const hrefs = all(doc, 'h3').map((h) => attr(all(h, 'a')[0], 'href'));
    expect(hrefs).toEqual(['posts/budget/', 'posts/rates/', 'https://other.example/story']);
  });

  it('labels a story hosted elsewhere with its host', () => {
    expect(byClass(doc, 'host').map(text)).toEqual(['on other.example']);
  });

  it('offers the site feed and every category feed to subscribe to', () => {
    expect(byClass(doc, 'feed-name').map(text)).toEqual([
      'Everything from Test News',
      'Economy',
      'Politics',
    ]);
    const subscribe = all(doc, 'section').find((el) => attr(el, 'id') === 'subscribe');
    expect(subscribe && all(subscribe, 'a').map(text)).not.toContain('All feeds, by category');
  });

  it('offers only the most used categories’ feeds, and links to all of them, on a big site', () => {
    const names = Array.from({ length: NAV_CATEGORIES + 2 }, (_, i) => `Topic ${i}`);
    // Topic 0 is in every post, Topic 11 in one: the two least used are left out.
    const posts = names.map((_, i) =>
      post({
        slug: `p${i}`,
        date: new Date(Date.UTC(2026, 0, 30 - i)),
        categories: names.slice(0, i + 1),
      }),
    );
    const big = context(posts);
    const page = parseDocument(landingPage(big, pageOf(big)));
    expect(byClass(page, 'feed-name').map(text)).toEqual([
      'Everything from Test News',
      ...names.slice(0, NAV_CATEGORIES),
    ]);
    const subscribe = all(page, 'section').find((el) => attr(el, 'id') === 'subscribe');
    const more = subscribe && all(subscribe, 'a').filter((a) => !attr(a, 'class'));
    expect(more?.map((a) => [text(a), attr(a, 'href')])).toEqual([
      [`All ${NAV_CATEGORIES + 2} categories and their feeds`, 'categories/'],
      ['Every feed in one file', 'feeds.opml'],
    ]);
    // Autodiscovery still announces the site feed alone.
    expect(headOf(page).alternates).toHaveLength(3);
  });

  it('links to every feed in one file, feeds.opml: absolutely in its head, relatively under Subscribe', () => {
    const [head] = all(doc, 'head');
    const outlines = (head ? all(head, 'link') : []).filter((el) => attr(el, 'rel') === 'outline');
    expect(outlines.map((el) => [attr(el, 'type'), attr(el, 'title'), attr(el, 'href')])).toEqual([
      ['text/x-opml', 'Every feed', 'https://news.example.com/feeds.opml'],
    ]);
    const subscribe = all(doc, 'section').find((el) => attr(el, 'id') === 'subscribe');
    const last = subscribe && all(subscribe, 'p').at(-1);
    expect(text(last)).toBe('Every feed in one file (OPML: most readers import it in one step)');
    expect(
      (last ? all(last, 'a') : []).map((a) => [text(a), attr(a, 'href'), attr(a, 'type')]),
    ).toEqual([['Every feed in one file', 'feeds.opml', 'text/x-opml']]);
  });

  it('is titled, described and announced as the site, with the site URL as canonical', () => {
    expect(headOf(doc)).toEqual({
      title: ['Test News'],
      description: ['News for tests'],
      canonical: ['https://news.example.com/'],
      alternates: [
        'https://news.example.com/rss.xml',
        'https://news.example.com/atom.xml',
        'https://news.example.com/feed.json',
      ],
    });
    expect(currentNav(doc)).toEqual(['Latest']);
  });

  it('has no pagination and no prev/next links when the listing fits on one page', () => {
    expect(pagination(doc)).toEqual([]);
    expect(neighbours(doc)).toEqual({ prev: [], next: [] });
    expect(all(doc, 'h2').map(text)[0]).toBe('Latest stories');
  });

  it('says "No stories yet." for a site without stories', () => {
    const emptyCtx = context([]);
    const empty = parseDocument(landingPage(emptyCtx, pageOf(emptyCtx)));
    expect(all(empty, 'h3')).toHaveLength(0);
    expect(text(all(empty, 'main')[0])).toContain('No stories yet.');
  });

  it('keeps a hostile site title as text', () => {
    const hostileCtx = context([politicsPost], hostile);
    const hostileDoc = parseDocument(landingPage(hostileCtx, pageOf(hostileCtx)));
    expect(all(hostileDoc, 'script')).toHaveLength(0);
    expect(all(hostileDoc, 'h1').map(text)).toEqual([hostile]);
    expect(headOf(hostileDoc).title).toEqual([hostile]);
  });
});

describe('groupPage', () => {
  const ctx = context([politicsPost, economyPost, externalPost]);
  const politics = feedOf(ctx, 'politics');
  const doc = parseDocument(
    groupPage(ctx, politics, 'categories/politics/index.html', pageOf(ctx, 1, politics)),
  );

  it('has one h1, the category name, under a "Category" kicker', () => {
    expect(all(doc, 'h1').map(text)).toEqual(['Politics']);
    expect(byClass(doc, 'kicker').map(text)).toEqual(['Category']);
    expect(byClass(doc, 'lede').map(text)).toEqual(['Stories filed under Politics on Test News.']);
  });

  it('lists only the stories filed under the category', () => {
    expect(all(doc, 'h3').map(text)).toEqual(['Budget passes']);
    expect(all(all(doc, 'h3')[0] ?? doc, 'a').map((a) => attr(a, 'href'))).toEqual([
      '../../posts/budget/',
    ]);
  });

  it('offers the category feed, then the site feed, and links to all feeds', () => {
    expect(byClass(doc, 'feed-name').map(text)).toEqual(['Politics', 'Everything from Test News']);
    const all_ = all(doc, 'a').find((a) => text(a) === 'All feeds, by category');
    expect(attr(all_, 'href')).toBe('../../#subscribe');
  });

  it('links to the categories index for all feeds when the site has one', () => {
    const names = Array.from({ length: NAV_CATEGORIES + 1 }, (_, i) => `Topic ${i}`);
    const big = context([post({ slug: 'all', categories: names })]);
    const topic = feedOf(big, 'topic-3');
    const page = parseDocument(
      groupPage(big, topic, 'categories/topic-3/index.html', pageOf(big, 1, topic)),
    );
    const link = all(page, 'a').find((a) => text(a) === 'All feeds, by category');
    expect(attr(link, 'href')).toBe('../../categories/');
  });

  it('is titled, described and announced as the category, its folder as canonical', () => {
    expect(headOf(doc)).toEqual({
      title: ['Politics — Test News'],
      description: ['Politics from Test News.'],
      canonical: ['https://news.example.com/categories/politics/'],
      alternates: [
        'https://news.example.com/categories/politics/rss.xml',
        'https://news.example.com/categories/politics/atom.xml',
        'https://news.example.com/categories/politics/feed.json',
      ],
    });
    expect(currentNav(doc)).toEqual(['Politics']);
  });

  it('keeps a hostile category name as text', () => {
    const hostileCtx = context([post({ categories: [hostile] })]);
    const [feed] = hostileCtx.categories;
    if (!feed) throw new Error('no category feed');
    const hostileDoc = parseDocument(
      groupPage(hostileCtx, feed, `${feedDir(feed)}index.html`, pageOf(hostileCtx, 1, feed)),
    );
    expect(all(hostileDoc, 'script')).toHaveLength(0);
    expect(all(hostileDoc, 'h1').map(text)).toEqual([hostile]);
    expect(headOf(hostileDoc).title).toEqual([`${hostile} — Test News`]);
  });
});

describe('itemPage', () => {
  const corrected = post({
    slug: 'corrected',
    title: 'Corrected',
    date: new Date('2026-11-21T03:30:00Z'),
    updated: new Date('2026-11-22T17:05:00Z'),
    categories: ['Politics', 'Economy'],
    authors: [
      { name: 'Ada' },
      { name: 'Grace', url: 'https://example.org/grace' },
      { name: 'Lin' },
    ],
    summary: 'A correction.',
    body: '# Own heading\n\n## Sub\n\nText with [a link](/about/).\n',
  });
  const plain = post({
    slug: 'plain',
    title: 'Plain',
    date: new Date('2026-11-20T12:00:00Z'),
    authors: [],
    body: '## Sub\n\nJust text.\n',
  });
  const ctx = context([corrected, plain]);
  const render = (title: string) => {
    const item = itemOf(ctx, title);
    return parseDocument(itemPage(ctx, item, item.pagePath ?? ''));
  };
  const doc = render('Corrected');
  const plainDoc = render('Plain');
  const header = (d: Document) => byClass(d, 'post-header')[0];

  it('has one h1, the title, with the content’s own headings moved one level down', () => {
    expect(all(doc, 'h1').map(text)).toEqual(['Corrected']);
    const [content] = byClass(doc, 'content');
    expect(content && all(content, 'h2').map(text)).toEqual(['Own heading']);
    expect(content && all(content, 'h3').map(text)).toEqual(['Sub']);
  });

  it('keeps content without an h1 at its own heading levels', () => {
    const [content] = byClass(plainDoc, 'content');
    expect(content && all(content, 'h2').map(text)).toEqual(['Sub']);
    expect(all(plainDoc, 'h1').map(text)).toEqual(['Plain']);
  });

  it('shows when it was published and updated, in the site’s zone', () => {
    const times = all(header(doc) ?? doc, 'time').map((t) => [attr(t, 'datetime'), text(t)]);
    expect(times).toEqual([
      ['2026-11-21T03:30:00.000Z', 'November 20, 2026, 10:30 PM GMT-5'],
      ['2026-11-22T17:05:00.000Z', 'November 22, 2026, 12:05 PM GMT-5'],
    ]);
    expect(text(header(doc))).toContain('Updated');
  });

  it('shows no "Updated" for a story never corrected', () => {
    expect(all(header(plainDoc) ?? plainDoc, 'time')).toHaveLength(1);
    expect(text(header(plainDoc))).not.toContain('Updated');
  });

  it('names its authors and the categories it is filed under', () => {
    const lines = byClass(header(doc) ?? doc, 'meta').map(text);
    expect(lines).toContain('By Ada, Grace and Lin');
    expect(lines).toContain('Filed under Politics, Economy');
    // Each byline links to its page on the site (its own URL is on that page).
    const links = all(header(doc) ?? doc, 'a').map((a) => [text(a), attr(a, 'href')]);
    expect(links).toEqual([
      ['Ada', '../../authors/ada/'],
      ['Grace', '../../authors/grace/'],
      ['Lin', '../../authors/lin/'],
      ['Politics', '../../categories/politics/'],
      ['Economy', '../../categories/economy/'],
    ]);
  });

  it('credits the site’s author when a story names none, and leaves out categories and tags it lacks', () => {
    const lines = byClass(header(plainDoc) ?? plainDoc, 'meta').map(text);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Published /);
    expect(lines[1]).toBe(`By ${config.author.name}`);
    expect(all(header(plainDoc) ?? plainDoc, 'a')).toHaveLength(0);
  });

  it('links back home and offers the site feed and its categories’ feeds', () => {
    const back = all(doc, 'a').find((a) => text(a) === 'Back to all stories');
    expect(attr(back, 'href')).toBe('../../');
    expect(byClass(doc, 'feed-name').map(text)).toEqual([
      'Everything from Test News',
      'Politics',
      'Economy',
      'Stories by Ada',
      'Stories by Grace',
      'Stories by Lin',
    ]);
    expect(byClass(plainDoc, 'feed-name').map(text)).toEqual(['Everything from Test News']);
  });

  it('is titled and described by the story, announces the site feed, its URL canonical', () => {
    expect(headOf(doc)).toEqual({
      title: ['Corrected — Test News'],
      description: ['A correction.'],
      canonical: ['https://news.example.com/posts/corrected/'],
      alternates: [
        'https://news.example.com/rss.xml',
        'https://news.example.com/atom.xml',
        'https://news.example.com/feed.json',
      ],
    });
    expect(currentNav(doc)).toEqual([]);
  });

  it('inserts the content with its absolute links', () => {
    const [content] = byClass(doc, 'content');
    const link = content && all(content, 'a')[0];
    expect([text(link), attr(link, 'href')]).toEqual(['a link', 'https://news.example.com/about/']);
  });

  it('calls a story without a title "Untitled"', () => {
    const item = { ...itemOf(ctx, 'Plain'), title: '' };
    const untitled = parseDocument(itemPage(ctx, item, item.pagePath ?? ''));
    expect(all(untitled, 'h1').map(text)).toEqual(['Untitled']);
    expect(headOf(untitled).title).toEqual(['Untitled — Test News']);
  });

  it('keeps hostile titles, summaries and author names as text', () => {
    const item = {
      ...itemOf(ctx, 'Plain'),
      title: hostile,
      summary: hostile,
      authors: [{ name: hostile }],
    };
    const hostileDoc = parseDocument(itemPage(ctx, item, item.pagePath ?? ''));
    // The one script is its JSON-LD, which reads back as the same text.
    const scripts = all(hostileDoc, 'script');
    expect(scripts.map((s) => attr(s, 'type'))).toEqual(['application/ld+json']);
    expect(JSON.parse(text(scripts[0])).headline).toBe(hostile);
    expect(all(hostileDoc, 'h1').map(text)).toEqual([hostile]);
    expect(headOf(hostileDoc).description).toEqual([hostile]);
    expect(all(hostileDoc, 'bdi').map(text)).toContain(hostile);
  });
});

describe('paginated listings', () => {
  const paged = siteConfig({ limit: 2 });
  /** Story 5 … Story 1, a day apart; stories 5, 3 and 1 filed under Politics. */
  const stories = [5, 4, 3, 2, 1].map((n) =>
    makePost(
      {
        slug: `story-${n}`,
        title: `Story ${n}`,
        date: new Date(Date.UTC(2026, 4, n, 12)),
        categories: n % 2 ? ['Politics'] : [],
      },
      paged,
    ),
  );
  const ctx = contextOf(siteOf(stories, paged));
  const politics = feedOf(ctx, 'politics');
  const landing = parseDocument(landingPage(ctx, pageOf(ctx, 1)));
  const second = parseDocument(olderPage(ctx, ctx.siteFeed, 'page/2/index.html', pageOf(ctx, 2)));
  const last = parseDocument(olderPage(ctx, ctx.siteFeed, 'page/3/index.html', pageOf(ctx, 3)));

  it('shows the first page of stories on the landing page, with a link to older ones', () => {
    expect(all(landing, 'h3').map(text)).toEqual(['Story 5', 'Story 4']);
    expect(pagination(landing)).toEqual([
      {
        label: 'More stories',
        links: [['Older stories', 'next', 'page/2/']],
        pageOf: ['Page 1 of 3'],
      },
    ]);
    expect(neighbours(landing)).toEqual({ prev: [], next: ['page/2/'] });
  });

  it('links a middle page both ways, relative to its folder', () => {
    expect(all(second, 'h3').map(text)).toEqual(['Story 3', 'Story 2']);
    expect(pagination(second)).toEqual([
      {
        label: 'More stories',
        links: [
          ['Newer stories', 'prev', '../../'],
          ['Older stories', 'next', '../../page/3/'],
        ],
        pageOf: ['Page 2 of 3'],
      },
    ]);
    expect(neighbours(second)).toEqual({ prev: ['../../'], next: ['../../page/3/'] });
    const hrefs = all(second, 'h3').map((h) => attr(all(h, 'a')[0], 'href'));
    expect(hrefs).toEqual(['../../posts/story-3/', '../../posts/story-2/']);
  });

  it('links the last page only to newer stories', () => {
    expect(all(last, 'h3').map(text)).toEqual(['Story 1']);
    expect(pagination(last)).toEqual([
      {
        label: 'More stories',
        links: [['Newer stories', 'prev', '../../page/2/']],
        pageOf: ['Page 3 of 3'],
      },
    ]);
    expect(neighbours(last)).toEqual({ prev: ['../../page/2/'], next: [] });
  });

  it('heads an older page "Older stories, page n of m" under the site title', () => {
    expect(all(second, 'h1').map(text)).toEqual(['Test News']);
    expect(all(second, 'h2').map(text)[0]).toBe('Older stories, page 2 of 3');
    expect(byClass(second, 'kicker')).toEqual([]);
    expect(headOf(second)).toEqual({
      title: ['Test News — page 2 — Test News'],
      description: ['News for tests'],
      canonical: ['https://news.example.com/page/2/'],
      alternates: [
        'https://news.example.com/rss.xml',
        'https://news.example.com/atom.xml',
        'https://news.example.com/feed.json',
      ],
    });
    expect(currentNav(second)).toEqual(['Latest']);
  });

  it('pages a category the same way, its older pages under its own folder', () => {
    const first = parseDocument(
      groupPage(ctx, politics, 'categories/politics/index.html', pageOf(ctx, 1, politics)),
    );
    expect(all(first, 'h3').map(text)).toEqual(['Story 5', 'Story 3']);
    const next = '../../categories/politics/page/2/';
    expect(pagination(first)[0]?.links).toEqual([['Older stories', 'next', next]]);
    expect(neighbours(first)).toEqual({ prev: [], next: [next] });
    expect(new URL(next, 'https://news.example.com/categories/politics/').href).toBe(
      'https://news.example.com/categories/politics/page/2/',
    );

    const path = 'categories/politics/page/2/index.html';
    const older = parseDocument(olderPage(ctx, politics, path, pageOf(ctx, 2, politics)));
    expect(all(older, 'h3').map(text)).toEqual(['Story 1']);
    expect(byClass(older, 'kicker').map(text)).toEqual(['Category']);
    expect(all(older, 'h1').map(text)).toEqual(['Politics']);
    expect(all(older, 'h2').map(text)[0]).toBe('Older stories, page 2 of 2');
    expect(pagination(older)[0]?.links).toEqual([
      ['Newer stories', 'prev', '../../../../categories/politics/'],
    ]);
    expect(neighbours(older)).toEqual({ prev: ['../../../../categories/politics/'], next: [] });
    expect(headOf(older)).toEqual({
      title: ['Politics — page 2 — Test News'],
      description: ['Politics from Test News.'],
      canonical: ['https://news.example.com/categories/politics/page/2/'],
      alternates: [
        'https://news.example.com/categories/politics/rss.xml',
        'https://news.example.com/categories/politics/atom.xml',
        'https://news.example.com/categories/politics/feed.json',
      ],
    });
    expect(currentNav(older)).toEqual(['Politics']);
    // Every relative link on the nested page resolves inside the site.
    const base = 'https://news.example.com/categories/politics/page/2/';
    for (const a of all(older, 'a')) {
      const href = attr(a, 'href') ?? '';
      if (/^[a-z]+:/.test(href)) continue;
      expect(new URL(href, base).href.startsWith('https://news.example.com/'), href).toBe(true);
    }
  });
});

describe('redirectPage', () => {
  const ctx = context([politicsPost]);
  const to = itemOf(ctx, 'Budget passes');
  const moved = (overrides: Partial<FeedItem> = {}): Redirect => ({
    path: '2019/old-budget/index.html',
    from: '/2019/old-budget/',
    to: { ...to, ...overrides },
  });
  const refreshOf = (doc: Document) =>
    all(doc, 'meta')
      .filter((el) => attr(el, 'http-equiv') === 'refresh')
      .map((el) => attr(el, 'content'));

  it('sends readers and search engines to the story’s page in every way it can', () => {
    const source = redirectPage(ctx, moved());
    expect(source.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    const doc = parseDocument(source);
    expect(all(doc, 'title').map(text)).toEqual(['Budget passes — Test News']);
    expect(headOf(doc).canonical).toEqual(['https://news.example.com/posts/budget/']);
    expect(refreshOf(doc)).toEqual(['0; url=https://news.example.com/posts/budget/']);
    expect(
      all(doc, 'meta')
        .filter((el) => attr(el, 'name') === 'robots')
        .map((el) => attr(el, 'content')),
    ).toEqual(['noindex']);
    expect(all(doc, 'a').map((a) => [text(a), attr(a, 'href')])).toEqual([
      ['Budget passes', 'https://news.example.com/posts/budget/'],
    ]);
    expect(text(all(doc, 'body')[0]).trim()).toBe('This story has moved: Budget passes.');
    expect(all(doc, 'script')).toHaveLength(0);
  });

  it('gives no refresh, canonical or link for a URL that is not http(s)', () => {
    const doc = parseDocument(redirectPage(ctx, moved({ url: 'javascript:alert(1)' })));
    expect(refreshOf(doc)).toEqual([]);
    expect(headOf(doc).canonical).toEqual([]);
    expect(all(doc, 'a')).toEqual([]);
    expect(text(all(doc, 'body')[0]).trim()).toBe('This story has moved: Budget passes.');
    expect(
      all(doc, 'meta')
        .filter((el) => attr(el, 'name') === 'robots')
        .map((el) => attr(el, 'content')),
    ).toEqual(['noindex']);
  });

  it('keeps the URL exact and a hostile title as text', () => {
    const url = 'https://news.example.com/posts/a/?x=1&y="2"';
    const doc = parseDocument(redirectPage(ctx, moved({ url, title: hostile })));
    expect(all(doc, 'script')).toHaveLength(0);
    expect(all(doc, 'title').map(text)).toEqual([`${hostile} — Test News`]);
    expect(all(doc, 'a').map((a) => [text(a), attr(a, 'href')])).toEqual([
      [hostile, 'https://news.example.com/posts/a/?x=1&y=%222%22'],
    ]);
    expect(refreshOf(doc)).toEqual(['0; url=https://news.example.com/posts/a/?x=1&y=%222%22']);
  });

  it('calls a story without a title "Untitled"', () => {
    const doc = parseDocument(redirectPage(ctx, moved({ title: '' })));
    expect(all(doc, 'title').map(text)).toEqual(['Untitled — Test News']);
    expect(all(doc, 'a').map(text)).toEqual(['Untitled']);
  });
});

describe('bylines’ and tags’ pages', () => {
  const profiled = siteConfig({
    authors: {
      jdoe: {
        name: 'Jane Doe',
        bio: 'Jane covers Parliament.',
        image: '/jane.jpg',
        url: 'https://jane.example/',
      },
    },
  });
  const stories = [
    makePost(
      {
        slug: 'a',
        title: 'A',
        authors: [{ name: 'Jane Doe', key: 'jdoe' }],
        tags: ['Ottawa'],
      },
      profiled,
    ),
    makePost(
      { slug: 'b', title: 'B', authors: [{ name: 'Sam' }], date: new Date('2026-04-01T00:00:00Z') },
      profiled,
    ),
  ];
  const ctx = contextOf(siteOf(stories, profiled));
  const render = (feeds: Map<string, FeedDocument>, slug: string) => {
    const doc = feeds.get(slug);
    if (!doc) throw new Error(`no feed ${slug}`);
    return parseDocument(groupPage(ctx, doc, `${feedDir(doc)}index.html`, pageOf(ctx, 1, doc)));
  };

  it('shows an author’s profile, their stories and their feeds, announced in the head', () => {
    const page = render(ctx.authorFeeds, 'jdoe');
    expect(all(page, 'h1').map(text)).toEqual(['Jane Doe']);
    expect(byClass(page, 'kicker').map(text)).toEqual(['Author']);
    expect(byClass(page, 'lede').map(text)).toEqual(['Jane covers Parliament.']);
    expect(attr(byClass(page, 'portrait')[0], 'src')).toBe('https://news.example.com/jane.jpg');
    expect(all(page, 'a').some((a) => attr(a, 'href') === 'https://jane.example/')).toBe(true);
    expect(all(page, 'h3').map(text)).toEqual(['A']);
    expect(headOf(page).alternates).toEqual([
      'https://news.example.com/authors/jdoe/rss.xml',
      'https://news.example.com/authors/jdoe/atom.xml',
      'https://news.example.com/authors/jdoe/feed.json',
    ]);
    expect(byClass(page, 'feed-name').map(text)).toEqual([
      'Stories by Jane Doe',
      'Everything from Test News',
    ]);
  });

  it('describes a byline without a profile by its name', () => {
    const page = render(ctx.authorFeeds, 'sam');
    expect(byClass(page, 'lede').map(text)).toEqual(['Stories by Sam on Test News.']);
    expect(byClass(page, 'portrait')).toHaveLength(0);
  });

  it('lists a tag’s stories under its name, and the story page links to it', () => {
    const page = render(ctx.tagFeeds, 'ottawa');
    expect(byClass(page, 'kicker').map(text)).toEqual(['Tag']);
    expect(byClass(page, 'lede').map(text)).toEqual(['Stories tagged Ottawa on Test News.']);
    const item = itemOf(ctx, 'A');
    const story = parseDocument(itemPage(ctx, item, item.pagePath ?? ''));
    const tagged = byClass(story, 'meta').find((p) => text(p).startsWith('Tagged'));
    expect(all(tagged ?? story, 'a').map((a) => attr(a, 'href'))).toEqual(['../../tags/ottawa/']);
  });
});

describe('withdrawnPage', () => {
  const gone = makePost(
    { slug: 'gone', title: 'Gone', summary: 'Secret.', expires: new Date('2026-06-01T04:00:00Z') },
    config,
  );
  const site = siteOf([post({ slug: 'kept', title: 'Kept' })], config, [gone]);
  const ctx = contextOf(site);
  const [item] = site.withdrawn;
  if (!item) throw new Error('no withdrawn item');
  const page = parseDocument(withdrawnPage(ctx, item, item.pagePath ?? ''));

  it('answers at the story’s address, says when it was withdrawn, and shows none of it', () => {
    expect(all(page, 'h1').map(text)).toEqual(['Gone']);
    expect(text(byClass(page, 'notice')[0])).toBe(
      'This story is no longer available: it was withdrawn on June 1, 2026.',
    );
    expect(text(page)).not.toContain('Secret.');
    expect(byClass(page, 'content')).toHaveLength(0);
    expect(headOf(page).canonical).toEqual(['https://news.example.com/posts/gone/']);
    const robots = all(page, 'meta').find((m) => attr(m, 'name') === 'robots');
    expect(attr(robots, 'content')).toBe('noindex');
  });
});
