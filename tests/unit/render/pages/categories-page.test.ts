import { DomUtils } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { categoriesPage } from '../../../../src/render/pages/categories-page.js';
import { categoryIndex } from '../../../../src/render/pages/category-lists.js';
import { type Context, pageContext } from '../../../../src/render/pages/links.js';
import {
  all,
  attr,
  type HtmlDocument,
  type HtmlElement,
  parseHtml,
  text,
} from '../../../helpers/html.js';
import { nestedCategoryPosts, siteConfig, siteOf } from '../../../helpers/model.js';

const hostile = `<script>alert("x")</script> & 'q' ]]> שלום`;
const config = siteConfig({ url: 'https://user.github.io/repo/', title: 'Test News' });

/** A site whose posts are filed under these names (post i under the first i + 1 of them). */
function context(names: string[]): Context {
  const posts = nestedCategoryPosts(names, config);
  const ctx = pageContext(siteOf(posts, config));
  if (!ctx) throw new Error('no site feed');
  return ctx;
}

function byClass(doc: HtmlDocument | HtmlElement, name: string): HtmlElement[] {
  return DomUtils.findAll(
    (el) => (attr(el, 'class') ?? '').split(/\s+/).includes(name),
    'children' in doc ? doc.children : [],
  );
}

/** The index's rows: the category's name, its link, its count and its feed links. */
function rows(doc: HtmlDocument) {
  const [list] = byClass(doc, 'category-index');
  return (list ? all(list, 'li') : []).map((li) => {
    const [name] = byClass(li, 'feed-name');
    return {
      name: text(name),
      href: attr(name, 'href'),
      count: byClass(li, 'count').map(text),
      feeds: byClass(li, 'format').map((a) => attr(a, 'href')),
    };
  });
}

function links(doc: HtmlDocument, rel: string): (string | undefined)[] {
  return all(doc, 'link')
    .filter((el) => attr(el, 'rel') === rel)
    .map((el) => attr(el, 'href'));
}

const five = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon'];

describe('categoriesPage', () => {
  it('lists every category A to Z with its number of stories and its three feeds', () => {
    const ctx = context(['Beta', 'Alpha']);
    const doc = parseHtml(categoriesPage(ctx, categoryIndex(ctx.entries), 1));
    expect(all(doc, 'h1').map(text)).toEqual(['Categories']);
    expect(rows(doc)).toEqual([
      {
        name: 'Alpha',
        href: '../categories/alpha/',
        count: ['1 story'],
        feeds: [
          '../categories/alpha/rss.xml',
          '../categories/alpha/atom.xml',
          '../categories/alpha/feed.json',
        ],
      },
      {
        name: 'Beta',
        href: '../categories/beta/',
        count: ['2 stories'],
        feeds: [
          '../categories/beta/rss.xml',
          '../categories/beta/atom.xml',
          '../categories/beta/feed.json',
        ],
      },
    ]);
    expect(text(byClass(doc, 'lede')[0])).toBe(
      'All 2 categories of Test News, A to Z, each with its number of stories and its own feeds.',
    );
  });

  it('announces only the site feed for autodiscovery, and its own address as canonical', () => {
    const ctx = context(five);
    const doc = parseHtml(categoriesPage(ctx, categoryIndex(ctx.entries), 1));
    expect(links(doc, 'alternate')).toEqual([
      'https://user.github.io/repo/rss.xml',
      'https://user.github.io/repo/atom.xml',
      'https://user.github.io/repo/feed.json',
    ]);
    expect(links(doc, 'canonical')).toEqual(['https://user.github.io/repo/categories/']);
    expect(all(doc, 'title').map(text)).toEqual(['Categories — Test News']);
  });

  it('has no page list or pager when every category fits on one page', () => {
    const ctx = context(five);
    const doc = parseHtml(categoriesPage(ctx, categoryIndex(ctx.entries), 1));
    expect(byClass(doc, 'index-pages')).toEqual([]);
    expect(byClass(doc, 'pagination')).toEqual([]);
    expect([links(doc, 'prev'), links(doc, 'next')]).toEqual([[], []]);
  });

  it('lists its page’s categories only, and every page by the names it runs between', () => {
    const ctx = context(five);
    const doc = parseHtml(categoriesPage(ctx, categoryIndex(ctx.entries, 2), 2));
    expect(rows(doc).map((row) => [row.name, row.href])).toEqual([
      ['Delta', '../../../categories/delta/'],
      ['Epsilon', '../../../categories/epsilon/'],
    ]);
    const [pages] = byClass(doc, 'index-pages');
    expect(attr(pages, 'aria-label')).toBe('Categories by page');
    const entries = (pages ? all(pages, 'a') : []).map((a) => [
      text(a),
      attr(a, 'href'),
      attr(a, 'aria-current'),
    ]);
    expect(entries).toEqual([
      ['Alpha – Beta', '../../../categories/', undefined],
      ['Delta – Epsilon', '../../../categories/page/2/', 'page'],
      ['Gamma – Gamma', '../../../categories/page/3/', undefined],
    ]);
  });

  it('links each page to the one before and after, in a pager and in the head', () => {
    const ctx = context(five);
    const index = categoryIndex(ctx.entries, 2);
    const pager = (page: number) => {
      const doc = parseHtml(categoriesPage(ctx, index, page));
      const [nav] = byClass(doc, 'pagination');
      return {
        label: attr(nav, 'aria-label'),
        links: (nav ? all(nav, 'a') : []).map((a) => [text(a), attr(a, 'rel'), attr(a, 'href')]),
        of: byClass(doc, 'page-of').map(text),
        head: [links(doc, 'prev'), links(doc, 'next')],
        title: all(doc, 'title').map(text),
      };
    };
    expect(pager(1)).toEqual({
      label: 'More categories',
      links: [['Next categories', 'next', '../categories/page/2/']],
      of: ['Page 1 of 3'],
      head: [[], ['../categories/page/2/']],
      title: ['Categories — Test News'],
    });
    expect(pager(3)).toEqual({
      label: 'More categories',
      links: [['Previous categories', 'prev', '../../../categories/page/2/']],
      of: ['Page 3 of 3'],
      head: [['../../../categories/page/2/'], []],
      title: ['Categories — page 3 — Test News'],
    });
  });

  it('has hrefs that resolve inside the site’s sub-path', () => {
    const ctx = context(five);
    const doc = parseHtml(categoriesPage(ctx, categoryIndex(ctx.entries, 2), 2));
    const base = 'https://user.github.io/repo/categories/page/2/';
    for (const a of all(doc, 'a')) {
      const href = new URL(attr(a, 'href') ?? '', base).href;
      expect(href.startsWith('https://user.github.io/repo/'), href).toBe(true);
    }
  });

  it('marks "All categories" as the current entry of a navigation that lists only some', () => {
    const names = Array.from({ length: 12 }, (_, i) => `Topic ${i}`);
    const ctx = context(names);
    const doc = parseHtml(categoriesPage(ctx, categoryIndex(ctx.entries), 1));
    const [nav] = all(doc, 'nav');
    const current = (nav ? all(nav, 'a') : []).filter((a) => attr(a, 'aria-current'));
    expect(current.map((a) => [text(a), attr(a, 'href')])).toEqual([
      ['All categories', '../categories/'],
    ]);
    expect(rows(doc)).toHaveLength(12);
  });

  it('keeps a hostile category name as text', () => {
    const ctx = context([hostile]);
    const page = categoriesPage(ctx, categoryIndex(ctx.entries), 1);
    const doc = parseHtml(page);
    expect(all(doc, 'script')).toEqual([]);
    expect(rows(doc).map((row) => row.name)).toEqual([hostile]);
  });
});
