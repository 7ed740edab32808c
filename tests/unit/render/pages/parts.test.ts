import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import type { FeedDocument, SiteDocument } from '../../../../src/model.js';
import { NAV_CATEGORIES } from '../../../../src/render/pages/category-lists.js';
import type { SafeHtml } from '../../../../src/render/pages/html-template.js';
import {
  type Context,
  type Current,
  here,
  pageContext,
} from '../../../../src/render/pages/links.js';
import {
  categoryLinks,
  formatLinks,
  latestSection,
  pageNeighbours,
  pager,
  paginationNav,
  people,
  SUMMARY_CATEGORIES,
  siteNav,
  subscribeSection,
  withOneH1,
} from '../../../../src/render/pages/parts.js';
import {
  makeItem,
  makePost,
  nestedCategoryPosts,
  siteConfig,
  siteOf,
} from '../../../helpers/model.js';

type Element = ReturnType<typeof DomUtils.getElementsByTagName>[number];

const hostile = `<script>alert("x")</script> & 'q' ]]> שלום`;

function contextOf(site: SiteDocument): Context {
  const ctx = pageContext(site);
  if (!ctx) throw new Error('no site feed');
  return ctx;
}

/** A site with one post filed under each of `categories` (feeds in the order a build gives). */
function context(categories: string[] = ['Politics', 'Economy'], title = 'Test News'): Context {
  const config = siteConfig({ title });
  return contextOf(siteOf([makePost({ categories }, config)], config));
}

/**
 * A site with `n` categories, `Topic 0` the most used and `Topic <n - 1>` the least: post i is
 * filed under Topic i and every later one.
 */
function manyCategories(n: number): Context {
  const config = siteConfig();
  const names = Array.from({ length: n }, (_, i) => `Topic ${i}`);
  const posts = nestedCategoryPosts(names, config);
  return contextOf(siteOf(posts, config));
}

function feedOf(ctx: Context, slug: string): FeedDocument {
  const doc = ctx.categories.find((feed) => feed.category?.slug === slug);
  if (!doc) throw new Error(`no feed ${slug}`);
  return doc;
}

function dom(markup: SafeHtml | string) {
  return parseDocument(String(markup));
}

function all(markup: SafeHtml | string, tag: string): Element[] {
  return DomUtils.getElementsByTagName(tag, dom(markup), true);
}

function text(markup: SafeHtml | string | Element): string {
  return typeof markup === 'object' && 'name' in markup
    ? DomUtils.textContent(markup)
    : DomUtils.textContent(dom(markup));
}

function attr(el: Element | undefined, name: string): string | undefined {
  return el ? DomUtils.getAttributeValue(el, name) : undefined;
}

function byClass(markup: SafeHtml | string, name: string): Element[] {
  return DomUtils.findAll(
    (el) => (attr(el, 'class') ?? '').split(/\s+/).includes(name),
    dom(markup).children,
  );
}

const links = (markup: SafeHtml | string) =>
  all(markup, 'a').map((a) => [text(a), attr(a, 'href')]);

describe('siteNav', () => {
  it('lists Latest, every category and Subscribe, linked relative to the page', () => {
    const ctx = context();
    expect(links(siteNav(ctx, here('index.html'), undefined))).toEqual([
      ['Latest', './'],
      ['Economy', 'categories/economy/'],
      ['Politics', 'categories/politics/'],
      ['Subscribe', './#subscribe'],
    ]);
    expect(links(siteNav(ctx, here('posts/post/index.html'), undefined))).toEqual([
      ['Latest', '../../'],
      ['Economy', '../../categories/economy/'],
      ['Politics', '../../categories/politics/'],
      ['Subscribe', '../../#subscribe'],
    ]);
  });

  it('is a navigation landmark with a name', () => {
    const nav = all(siteNav(context(), here('index.html'), undefined), 'nav');
    expect(nav.map((el) => attr(el, 'aria-label'))).toEqual(['Sections']);
  });

  it('marks only the current entry with aria-current="page"', () => {
    const ctx = context();
    const current = (key: Current) =>
      all(siteNav(ctx, here('index.html'), key), 'a')
        .filter((a) => attr(a, 'aria-current') !== undefined)
        .map((a) => [text(a), attr(a, 'aria-current')]);
    expect(current('home')).toEqual([['Latest', 'page']]);
    expect(current({ slug: 'politics' })).toEqual([['Politics', 'page']]);
    expect(current(undefined)).toEqual([]);
    expect(current({ slug: 'nothing-like-it' })).toEqual([]);
  });

  it(`lists only the ${NAV_CATEGORIES} most used categories, then a link to all of them`, () => {
    const ctx = manyCategories(NAV_CATEGORIES + 5);
    const entries = links(siteNav(ctx, here('posts/post/index.html'), undefined));
    expect(entries).toHaveLength(NAV_CATEGORIES + 3);
    expect(entries.slice(0, 4)).toEqual([
      ['Latest', '../../'],
      ['Topic 0', '../../categories/topic-0/'],
      ['Topic 1', '../../categories/topic-1/'],
      ['Topic 2', '../../categories/topic-2/'],
    ]);
    expect(entries.slice(-2)).toEqual([
      ['All categories', '../../categories/'],
      ['Subscribe', '../../#subscribe'],
    ]);
  });

  it('marks "All categories" current on the categories index', () => {
    const ctx = manyCategories(NAV_CATEGORIES + 1);
    const current = all(siteNav(ctx, here('categories/index.html'), 'categories'), 'a').filter(
      (a) => attr(a, 'aria-current') === 'page',
    );
    expect(current.map(text)).toEqual(['All categories']);
  });

  it('has no "All categories" entry when it lists every category already', () => {
    const ctx = manyCategories(NAV_CATEGORIES);
    const names = links(siteNav(ctx, here('index.html'), undefined)).map(([name]) => name);
    expect(names).toHaveLength(NAV_CATEGORIES + 2);
    expect(names).not.toContain('All categories');
  });

  it('marks nothing for a category the navigation does not list', () => {
    const ctx = manyCategories(NAV_CATEGORIES + 5);
    const at = here('categories/topic-14/index.html');
    const marked = all(siteNav(ctx, at, { slug: 'topic-14' }), 'a').filter((a) =>
      attr(a, 'aria-current'),
    );
    expect(marked).toEqual([]);
  });

  it('keeps a hostile category name as text', () => {
    const nav = siteNav(context([hostile]), here('index.html'), undefined);
    expect(all(nav, 'script')).toHaveLength(0);
    expect(all(nav, 'a').map(text)).toContain(hostile);
  });
});

describe('latestSection', () => {
  it('says "No stories yet." and lists nothing when there are no items', () => {
    const section = latestSection(context(), here('index.html'), []);
    expect(byClass(section, 'items')).toHaveLength(0);
    expect(all(section, 'p').map(text)).toEqual(['No stories yet.']);
    expect(all(section, 'h2').map(text)).toEqual(['Latest stories']);
  });

  it('lists each item with its title linked, its date, categories and summary', () => {
    const ctx = context();
    const item = makeItem({
      title: 'Budget passes',
      pagePath: 'posts/budget/index.html',
      summary: 'It passed.',
      categories: [{ name: 'Politics', slug: 'politics' }],
    });
    const section = latestSection(ctx, here('index.html'), [item]);
    expect(all(section, 'li')).toHaveLength(1);
    const [h3] = all(section, 'h3');
    expect(h3 && text(h3)).toBe('Budget passes');
    expect(links(section)).toEqual([
      ['Budget passes', 'posts/budget/'],
      ['Politics', 'categories/politics/'],
    ]);
    expect(all(section, 'time').map((t) => attr(t, 'datetime'))).toEqual([
      '2026-05-01T12:00:00.000Z',
    ]);
    expect(byClass(section, 'summary').map(text)).toEqual(['It passed.']);
    expect(byClass(section, 'host')).toHaveLength(0);
  });

  it('keeps the items in the order given', () => {
    const items = ['C', 'A', 'B'].map((title) =>
      makeItem({ title, pagePath: `posts/${title}/index.html` }),
    );
    const section = latestSection(context(), here('index.html'), items);
    expect(all(section, 'h3').map(text)).toEqual(['C', 'A', 'B']);
  });

  it('labels an external item with its host and links it to where it lives', () => {
    const item = makeItem({
      title: 'Elsewhere',
      pagePath: undefined,
      url: 'https://other.example:8443/story?id=1',
    });
    const section = latestSection(context(), here('index.html'), [item]);
    expect(links(section)).toEqual([['Elsewhere', 'https://other.example:8443/story?id=1']]);
    expect(byClass(section, 'host').map(text)).toEqual(['on other.example:8443']);
  });

  it('gives no link and no host for an external item whose URL is not http(s)', () => {
    const item = makeItem({ title: 'Bad', pagePath: undefined, url: 'javascript:alert(1)' });
    const section = latestSection(context(), here('index.html'), [item]);
    expect(all(section, 'a')).toHaveLength(0);
    expect(all(section, 'h3').map(text)).toEqual(['Bad']);
    expect(byClass(section, 'host')).toHaveLength(0);
    expect(String(section)).not.toContain('javascript:');
  });

  it('calls an item without a title "Untitled" and leaves out an empty summary', () => {
    const item = makeItem({ title: '', summary: '' });
    const section = latestSection(context(), here('index.html'), [item]);
    expect(all(section, 'h3').map(text)).toEqual(['Untitled']);
    expect(byClass(section, 'summary')).toHaveLength(0);
  });

  it('keeps hostile titles and summaries as text', () => {
    const item = makeItem({ title: hostile, summary: hostile });
    const section = latestSection(context(), here('index.html'), [item]);
    expect(all(section, 'script')).toHaveLength(0);
    expect(all(section, 'h3').map(text)).toEqual([hostile]);
    expect(byClass(section, 'summary').map(text)).toEqual([hostile]);
  });
});

describe('latestSection with pagination', () => {
  it('takes its own heading, and puts the pagination after the list', () => {
    const ctx = context();
    const at = here('page/2/index.html');
    const nav = paginationNav(ctx, at, ctx.siteFeed, { page: 2, pages: 3 });
    if (!nav) throw new Error('no pagination');
    const items = [makeItem({ title: 'Old one', pagePath: 'posts/old/index.html' })];
    const section = latestSection(ctx, at, items, nav, 'Older stories, page 2 of 3');
    expect(all(section, 'h2').map(text)).toEqual(['Older stories, page 2 of 3']);
    const [el] = all(section, 'section');
    const kids = (el?.children ?? []).filter((node) => node.type === 'tag') as Element[];
    expect(kids.map((kid) => [kid.name, attr(kid, 'class')])).toEqual([
      ['h2', undefined],
      ['ol', 'items'],
      ['nav', 'pagination'],
    ]);
    expect(links(section)).toEqual([
      ['Old one', '../../posts/old/'],
      ['Newer stories', '../../'],
      ['Older stories', '../../page/3/'],
    ]);
  });

  it('has no pagination when given none', () => {
    const section = latestSection(context(), here('index.html'), [makeItem()]);
    expect(byClass(section, 'pagination')).toEqual([]);
    expect(all(section, 'nav')).toEqual([]);
  });
});

describe('paginationNav', () => {
  const navOf = (markup: SafeHtml | false) => {
    if (!markup) throw new Error('no pagination');
    const [nav] = all(markup, 'nav');
    return {
      nav: [attr(nav, 'class'), attr(nav, 'aria-label')],
      parts: (nav?.children ?? [])
        .filter((node) => node.type === 'tag')
        .map((node) => {
          const el = node as Element;
          return [el.name, attr(el, 'rel') ?? attr(el, 'class'), attr(el, 'href'), text(el)];
        }),
    };
  };

  it('is nothing for a listing of one page', () => {
    const ctx = context();
    expect(paginationNav(ctx, here('index.html'), ctx.siteFeed, { page: 1, pages: 1 })).toBe(false);
    expect(paginationNav(ctx, here('index.html'), ctx.siteFeed, { page: 1, pages: 0 })).toBe(false);
  });

  it('links the first page to the older one only', () => {
    const ctx = context();
    expect(
      navOf(paginationNav(ctx, here('index.html'), ctx.siteFeed, { page: 1, pages: 3 })),
    ).toEqual({
      nav: ['pagination', 'More stories'],
      parts: [
        ['span', 'page-of', undefined, 'Page 1 of 3'],
        ['a', 'next', 'page/2/', 'Older stories'],
      ],
    });
  });

  it('links a middle page both ways, newer first, relative to where it is', () => {
    const ctx = context();
    const at = here('page/2/index.html');
    expect(navOf(paginationNav(ctx, at, ctx.siteFeed, { page: 2, pages: 3 }))).toEqual({
      nav: ['pagination', 'More stories'],
      parts: [
        ['a', 'prev', '../../', 'Newer stories'],
        ['span', 'page-of', undefined, 'Page 2 of 3'],
        ['a', 'next', '../../page/3/', 'Older stories'],
      ],
    });
  });

  it('links the last page to the newer one only', () => {
    const ctx = context();
    const at = here('page/3/index.html');
    expect(navOf(paginationNav(ctx, at, ctx.siteFeed, { page: 3, pages: 3 }))).toEqual({
      nav: ['pagination', 'More stories'],
      parts: [
        ['a', 'prev', '../../page/2/', 'Newer stories'],
        ['span', 'page-of', undefined, 'Page 3 of 3'],
      ],
    });
  });

  it('pages a category inside its own folder', () => {
    const ctx = context();
    const politics = feedOf(ctx, 'politics');
    const at = here('categories/politics/page/2/index.html');
    const nav = navOf(paginationNav(ctx, at, politics, { page: 2, pages: 3 }));
    expect(nav.parts.map((part) => part[2])).toEqual([
      '../../../../categories/politics/',
      undefined,
      '../../../../categories/politics/page/3/',
    ]);
    const base = 'https://news.example.com/categories/politics/page/2/';
    expect(nav.parts.flatMap(([, , href]) => (href ? [new URL(href, base).href] : []))).toEqual([
      'https://news.example.com/categories/politics/',
      'https://news.example.com/categories/politics/page/3/',
    ]);
    const first = navOf(
      paginationNav(ctx, here('categories/politics/index.html'), politics, { page: 1, pages: 3 }),
    );
    expect(first.parts.at(-1)?.[2]).toBe('../../categories/politics/page/2/');
  });
});

describe('categoryLinks', () => {
  it('links each category to its folder, separated by commas', () => {
    const item = makeItem({
      categories: [
        { name: 'Politics', slug: 'politics' },
        { name: 'Economy', slug: 'economy' },
      ],
    });
    const markup = categoryLinks(context(), here('posts/a/index.html'), item);
    expect(text(markup)).toBe('Politics, Economy');
    expect(links(markup)).toEqual([
      ['Politics', '../../categories/politics/'],
      ['Economy', '../../categories/economy/'],
    ]);
    expect(byClass(markup, 'cats')).toHaveLength(1);
  });

  it('names a category that has no page without linking it', () => {
    const item = makeItem({ categories: [{ name: 'Gone', slug: 'gone' }] });
    const markup = categoryLinks(context(), here('index.html'), item);
    expect(all(markup, 'a')).toHaveLength(0);
    expect(all(markup, 'bdi').map(text)).toEqual(['Gone']);
  });

  it('is empty for an item with no categories', () => {
    expect(text(categoryLinks(context(), here('index.html'), makeItem()))).toBe('');
  });

  const categories = ['Politics', 'Economy', 'Culture', 'Sport'].map((name) => ({
    name,
    slug: name.toLowerCase(),
  }));

  it('shows the first `max`, then how many more, linked to the story’s page', () => {
    const item = makeItem({ categories, pagePath: 'posts/a/index.html' });
    const markup = categoryLinks(context(), here('index.html'), item, 2);
    expect(text(markup)).toBe('Politics, Economy and 2 more categories');
    expect(links(markup)).toEqual([
      ['Politics', 'categories/politics/'],
      ['Economy', 'categories/economy/'],
      ['2 more categories', 'posts/a/'],
    ]);
    const one = categoryLinks(context(), here('index.html'), item, 3);
    expect(text(one)).toBe('Politics, Economy, Culture and 1 more category');
  });

  it('says how many more without a link for a story hosted elsewhere', () => {
    const item = makeItem({ categories, pagePath: undefined, url: 'https://other.example/x' });
    const markup = categoryLinks(context(), here('index.html'), item, 3);
    expect(text(markup)).toBe('Politics, Economy, Culture and 1 more category');
    expect(links(markup).map(([name]) => name)).toEqual(['Politics', 'Economy']);
  });

  it(`shows ${SUMMARY_CATEGORIES} of a story's categories in a listing`, () => {
    const many = Array.from({ length: SUMMARY_CATEGORIES + 3 }, (_, i) => ({
      name: `C${i}`,
      slug: `c${i}`,
    }));
    const item = makeItem({ categories: many, pagePath: 'posts/a/index.html' });
    const section = latestSection(context(), here('index.html'), [item]);
    const [cats] = byClass(section, 'cats');
    expect(cats && text(cats)).toBe('C0, C1, C2, C3, C4 and 3 more categories');
  });
});

describe('pager', () => {
  const words = {
    label: 'More things',
    prev: 'Before',
    next: 'After',
    pageOf: 'Page {page} of {pages}',
  };

  it('links the pages before and after with the words given, folders from `dirOf`', () => {
    const at = here('things/page/2/index.html');
    const markup = pager(at, (page) => `things/page/${page}/`, { page: 2, pages: 3 }, words);
    if (!markup) throw new Error('no pager');
    expect(all(markup, 'nav').map((nav) => attr(nav, 'aria-label'))).toEqual(['More things']);
    expect(links(markup)).toEqual([
      ['Before', '../../../things/page/1/'],
      ['After', '../../../things/page/3/'],
    ]);
    expect(byClass(markup, 'page-of').map(text)).toEqual(['Page 2 of 3']);
  });

  it('is nothing for one page', () => {
    expect(pager(here('index.html'), String, { page: 1, pages: 1 }, words)).toBe(false);
  });
});

describe('pageNeighbours', () => {
  it('gives the page before and after, relative to the page, and none past either end', () => {
    const dirOf = (page: number) => (page === 1 ? 'list/' : `list/page/${page}/`);
    const at = here('list/page/2/index.html');
    expect(pageNeighbours(at, dirOf, { page: 2, pages: 3 })).toEqual({
      prev: '../../../list/',
      next: '../../../list/page/3/',
    });
    expect(pageNeighbours(at, dirOf, { page: 1, pages: 1 })).toEqual({});
  });
});

describe('subscribeSection', () => {
  it('lists each feed by name with its three format links', () => {
    const ctx = context();
    const section = subscribeSection(ctx, here('index.html'), [
      ctx.siteFeed,
      feedOf(ctx, 'politics'),
    ]);
    expect(byClass(section, 'feed-name').map(text)).toEqual([
      'Everything from Test News',
      'Politics',
    ]);
    expect(all(section, 'a').map((a) => attr(a, 'href'))).toEqual([
      'rss.xml',
      'atom.xml',
      'feed.json',
      'categories/politics/rss.xml',
      'categories/politics/atom.xml',
      'categories/politics/feed.json',
    ]);
  });

  it('is the #subscribe section, and explains what a feed is', () => {
    const ctx = context();
    const section = subscribeSection(ctx, here('index.html'), [ctx.siteFeed]);
    const [el] = all(section, 'section');
    expect(attr(el, 'id')).toBe('subscribe');
    expect(attr(el, 'aria-labelledby')).toBe('subscribe-heading');
    expect(all(section, 'h2').map((h) => [attr(h, 'id'), text(h)])).toEqual([
      ['subscribe-heading', 'Subscribe'],
    ]);
    expect(text(section)).toContain('Not sure which format? Choose RSS.');
  });

  it('shows the first feed’s absolute RSS address to copy', () => {
    const ctx = context();
    const politics = feedOf(ctx, 'politics');
    const section = subscribeSection(ctx, here('index.html'), [politics, ctx.siteFeed]);
    expect(all(section, 'code').map(text)).toEqual([politics.urls.rss]);
  });

  it('shows no address to copy when there are no feeds', () => {
    const section = subscribeSection(context(), here('index.html'), []);
    expect(all(section, 'code')).toHaveLength(0);
    expect(all(section, 'li')).toHaveLength(0);
  });

  it('links to every feed on the landing page, in the words given, only when asked', () => {
    const ctx = context();
    const at = here('categories/politics/index.html');
    const without = subscribeSection(ctx, at, [ctx.siteFeed]);
    expect(links(without).find(([label]) => label === 'All feeds, by category')).toBeUndefined();
    const withAll = subscribeSection(ctx, at, [ctx.siteFeed], 'All feeds, by category');
    expect(links(withAll).find(([label]) => label === 'All feeds, by category')).toEqual([
      'All feeds, by category',
      '../../#subscribe',
    ]);
  });

  it('links to the categories index instead when the site has one', () => {
    const ctx = manyCategories(NAV_CATEGORIES + 1);
    const at = here('categories/topic-3/index.html');
    const section = subscribeSection(ctx, at, [ctx.siteFeed], 'All feeds, by category');
    expect(links(section).find(([label]) => label === 'All feeds, by category')).toEqual([
      'All feeds, by category',
      '../../categories/',
    ]);
  });

  it('has no link to the categories index on a site without categories', () => {
    const ctx = context([]);
    const section = subscribeSection(ctx, here('index.html'), [ctx.siteFeed], 'All feeds');
    expect(links(section).map(([label]) => label)).not.toContain('All feeds');
  });

  it('keeps a hostile site title as text in the site feed’s name', () => {
    const ctx = context([], hostile);
    const section = subscribeSection(ctx, here('index.html'), [ctx.siteFeed]);
    expect(all(section, 'script')).toHaveLength(0);
    expect(byClass(section, 'feed-name').map(text)).toEqual([`Everything from ${hostile}`]);
  });
});

describe('formatLinks', () => {
  it('shows RSS, Atom and JSON Feed, each named for the feed it is for', () => {
    const ctx = context();
    const markup = formatLinks(ctx, here('index.html'), feedOf(ctx, 'economy'), 'Economy');
    expect(links(markup)).toEqual([
      ['RSS feed for Economy', 'categories/economy/rss.xml'],
      ['Atom feed for Economy', 'categories/economy/atom.xml'],
      ['JSON Feed for Economy', 'categories/economy/feed.json'],
    ]);
    // The words after the format are for screen readers only.
    for (const a of all(markup, 'a')) expect(attr(a, 'class')).toBe('format');
    const hidden = byClass(markup, 'vh').map(text);
    expect(hidden).toEqual([' feed for Economy', ' feed for Economy', ' for Economy']);
  });

  it('links relative to a nested page', () => {
    const ctx = context();
    const markup = formatLinks(ctx, here('posts/a/index.html'), ctx.siteFeed, 'the whole site');
    expect(all(markup, 'a').map((a) => attr(a, 'href'))).toEqual([
      '../../rss.xml',
      '../../atom.xml',
      '../../feed.json',
    ]);
  });

  it('keeps a hostile feed name as text', () => {
    const ctx = context();
    const markup = formatLinks(ctx, here('index.html'), ctx.siteFeed, hostile);
    expect(all(markup, 'script')).toHaveLength(0);
    expect(all(markup, 'a').map(text)[0]).toBe(`RSS feed for ${hostile}`);
  });
});

describe('people', () => {
  it('joins names as "A", "A and B", "A, B and C"', () => {
    const named = (...names: string[]) => text(people(names.map((name) => ({ name }))));
    expect(named()).toBe('');
    expect(named('Ada')).toBe('Ada');
    expect(named('Ada', 'Grace')).toBe('Ada and Grace');
    expect(named('Ada', 'Grace', 'Lin')).toBe('Ada, Grace and Lin');
    expect(named('A', 'B', 'C', 'D')).toBe('A, B, C and D');
  });

  it('links a name only to an http(s) URL', () => {
    const markup = people([
      { name: 'Web', url: 'https://example.org/web?a=1&b=2' },
      { name: 'Plain', url: 'http://example.org/plain' },
      { name: 'Script', url: 'javascript:alert(1)' },
      { name: 'Mail', url: 'mailto:mail@example.org' },
      { name: 'None' },
    ]);
    expect(links(markup)).toEqual([
      ['Web', 'https://example.org/web?a=1&b=2'],
      ['Plain', 'http://example.org/plain'],
    ]);
    expect(String(markup)).not.toContain('javascript:');
    expect(all(markup, 'bdi').map(text)).toEqual(['Web', 'Plain', 'Script', 'Mail', 'None']);
  });

  it('isolates each name so right-to-left names do not reorder the list', () => {
    const markup = people([{ name: 'שלום' }, { name: 'Ada' }]);
    expect(all(markup, 'bdi').map(text)).toEqual(['שלום', 'Ada']);
    expect(text(markup)).toBe('שלום and Ada');
  });

  it('keeps hostile names as text', () => {
    const markup = people([{ name: hostile }]);
    expect(all(markup, 'script')).toHaveLength(0);
    expect(text(markup)).toBe(hostile);
  });
});

describe('withOneH1', () => {
  it('returns content without an h1 byte for byte', () => {
    for (const content of [
      '<p>Tom &amp; Jerry <a href="https://x.example/?a=1&amp;b=2">x</a></p>',
      '<h2 >Odd  spacing</h2><header>not a heading</header><h10>x</h10>',
      '<p>&#x3C;h1&#x3E; written as text</p>',
      '',
    ]) {
      expect(withOneH1(content)).toBe(content);
    }
  });

  it('moves every heading one level down when the content has an h1', () => {
    const out = withOneH1('<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4><h5>Five</h5>');
    expect(out).toBe('<h2>One</h2><h3>Two</h3><h4>Three</h4><h5>Four</h5><h6>Five</h6>');
  });

  it('leaves h6 at h6, as there is no lower level', () => {
    expect(withOneH1('<h1>a</h1><h6>b</h6>')).toBe('<h2>a</h2><h6>b</h6>');
  });

  it('finds an h1 whatever its case or attributes, and keeps attributes and content', () => {
    const out = withOneH1('<H1 id="t" class="x">T &amp; <em>e</em></H1><p>a &lt; b</p>');
    expect(all(out, 'h1')).toHaveLength(0);
    const [h2] = all(out, 'h2');
    expect(attr(h2, 'id')).toBe('t');
    expect(attr(h2, 'class')).toBe('x');
    expect(h2 && text(h2)).toBe('T & e');
    expect(all(out, 'p').map((p) => text(p))).toEqual(['a < b']);
  });
});
