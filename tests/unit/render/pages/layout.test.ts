import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import type { SiteDocument } from '../../../../src/model.js';
import { html } from '../../../../src/render/pages/html-template.js';
import { layout, type PageParts } from '../../../../src/render/pages/layout.js';
import { type Context, here, pageContext } from '../../../../src/render/pages/links.js';
import { STYLE } from '../../../../src/render/pages/stylesheet.js';
import { all, attr, type HtmlDocument, type HtmlElement, text } from '../../../helpers/html.js';
import { makePost, siteConfig, siteOf } from '../../../helpers/model.js';

type Document = HtmlDocument;
type Element = HtmlElement;

const hostile = `<script>alert("x")</script> & 'q' ]]> שלום`;

function contextOf(site: SiteDocument): Context {
  const ctx = pageContext(site);
  if (!ctx) throw new Error('no site feed');
  return ctx;
}

/** A site with one post in Politics, from a config built from `config`. */
function context(config: Parameters<typeof siteConfig>[0] = {}): Context {
  const site = siteConfig(config);
  return contextOf(siteOf([makePost({ categories: ['Politics'] }, site)], site));
}

function parts(ctx: Context, overrides: Partial<PageParts> = {}): PageParts {
  return {
    title: 'Page title',
    description: 'Page description',
    alternates: ctx.siteFeed,
    canonical: 'https://news.example.com/',
    current: 'home',
    main: html`<p id="marker">Main content</p>`,
    ...overrides,
  };
}

function page(ctx: Context, overrides: Partial<PageParts> = {}, path = 'index.html') {
  const source = layout(ctx, here(path), parts(ctx, overrides));
  return { source, doc: parseDocument(source) };
}

function linksWithRel(doc: Document, rel: string): Element[] {
  return all(doc, 'link').filter((el) => attr(el, 'rel') === rel);
}

function meta(doc: Document, name: string): Element | undefined {
  return all(doc, 'meta').find((el) => attr(el, 'name') === name);
}

describe('layout', () => {
  it('writes an HTML5 document in the site’s language', () => {
    const { source, doc } = page(context({ language: 'fr-CA' }));
    expect(source.startsWith('<!doctype html>\n<html lang="fr-CA">')).toBe(true);
    expect(source.endsWith('</html>\n')).toBe(true);
    expect(all(doc, 'html').map((el) => attr(el, 'lang'))).toEqual(['fr-CA']);
    expect(all(doc, 'meta').some((el) => attr(el, 'charset') === 'utf-8')).toBe(true);
    expect(attr(meta(doc, 'viewport'), 'content')).toBe('width=device-width, initial-scale=1');
    expect(attr(meta(doc, 'color-scheme'), 'content')).toBe('light dark');
    expect(attr(meta(doc, 'generator'), 'content')).toBe('feedwright');
  });

  it('titles the page with the given title, as text', () => {
    const ctx = context();
    expect(all(page(ctx).doc, 'title').map(text)).toEqual(['Page title']);
    const hostileDoc = page(ctx, { title: hostile }).doc;
    expect(all(hostileDoc, 'title').map(text)).toEqual([hostile]);
    expect(all(hostileDoc, 'script')).toHaveLength(0);
  });

  it('writes a description meta only when there is a description', () => {
    const ctx = context();
    expect(attr(meta(page(ctx, { description: hostile }).doc, 'description'), 'content')).toBe(
      hostile,
    );
    expect(meta(page(ctx, { description: '' }).doc, 'description')).toBeUndefined();
  });

  it('writes a canonical link only when it is given', () => {
    const ctx = context();
    const canonical = 'https://news.example.com/posts/a/?x=1&y="2"';
    const withIt = linksWithRel(page(ctx, { canonical }).doc, 'canonical');
    expect(withIt.map((el) => attr(el, 'href'))).toEqual([canonical]);
    expect(linksWithRel(page(ctx, { canonical: undefined }).doc, 'canonical')).toEqual([]);
  });

  it('announces the given feed in three formats, each with its type and a title', () => {
    const ctx = context();
    const [politics] = ctx.categories;
    if (!politics) throw new Error('no category feed');
    const alternates = linksWithRel(page(ctx, { alternates: politics }).doc, 'alternate').map(
      (el) => [attr(el, 'type'), attr(el, 'title'), attr(el, 'href')],
    );
    expect(alternates).toEqual([
      [
        'application/rss+xml',
        'Test News — Politics (RSS)',
        'https://news.example.com/categories/politics/rss.xml',
      ],
      [
        'application/atom+xml',
        'Test News — Politics (Atom)',
        'https://news.example.com/categories/politics/atom.xml',
      ],
      [
        'application/feed+json',
        'Test News — Politics (JSON Feed)',
        'https://news.example.com/categories/politics/feed.json',
      ],
    ]);
  });

  it('keeps a hostile feed title as text in the alternate titles', () => {
    const ctx = context();
    const alternates = { ...ctx.siteFeed, title: hostile };
    const titles = linksWithRel(page(ctx, { alternates }).doc, 'alternate').map((el) =>
      attr(el, 'title'),
    );
    expect(titles).toEqual([`${hostile} (RSS)`, `${hostile} (Atom)`, `${hostile} (JSON Feed)`]);
  });

  it('links the newer and older page of a listing in the head only when given', () => {
    const ctx = context();
    const head = (overrides: Partial<PageParts>, path = 'page/2/index.html') => {
      const [el] = all(page(ctx, overrides, path).doc, 'head');
      if (!el) throw new Error('no head');
      return all(el, 'link')
        .filter((link) => ['prev', 'next'].includes(attr(link, 'rel') ?? ''))
        .map((link) => [attr(link, 'rel'), attr(link, 'href')]);
    };
    expect(head({ pages: { prev: '../../', next: '../../page/3/' } })).toEqual([
      ['prev', '../../'],
      ['next', '../../page/3/'],
    ]);
    expect(head({ pages: { next: 'page/2/' } }, 'index.html')).toEqual([['next', 'page/2/']]);
    expect(head({ pages: { prev: '../../page/2/' } }, 'page/3/index.html')).toEqual([
      ['prev', '../../page/2/'],
    ]);
    expect(head({ pages: {} })).toEqual([]);
    expect(head({})).toEqual([]);
  });

  it('puts the prev/next links after the feeds, before the icon', () => {
    const { doc } = page(context(), { pages: { prev: '../../', next: '../../page/3/' } });
    const [head] = all(doc, 'head');
    const rels = (head ? all(head, 'link') : []).map((el) => attr(el, 'rel'));
    expect(rels).toEqual([
      'canonical',
      'alternate',
      'alternate',
      'alternate',
      'prev',
      'next',
      'icon',
    ]);
  });

  it('uses the site icon, and falls back to an empty data: icon without one', () => {
    const icon = (ctx: Context) =>
      linksWithRel(page(ctx).doc, 'icon').map((el) => attr(el, 'href'));
    expect(icon(context({ icon: 'https://news.example.com/icon.png' }))).toEqual([
      'https://news.example.com/icon.png',
    ]);
    expect(icon(context())).toEqual(['data:,']);
    const ctx = context();
    const unsafe = { ...ctx, site: { ...ctx.site, icon: 'javascript:alert(1)' } };
    expect(icon(unsafe)).toEqual(['data:,']);
  });

  it('inlines the stylesheet and runs no script', () => {
    const { doc } = page(context());
    expect(all(doc, 'style').map(text)).toEqual([STYLE]);
    expect(all(doc, 'script')).toHaveLength(0);
  });

  it('starts the body with a skip link to the main content', () => {
    const { doc } = page(context());
    const [body] = all(doc, 'body');
    const first = body && DomUtils.findOne((el) => el.name === 'a', body.children);
    expect(first && [text(first), attr(first, 'href'), attr(first, 'class')]).toEqual([
      'Skip to content',
      '#main',
      'skip',
    ]);
    expect(all(doc, 'main').map((el) => attr(el, 'id'))).toEqual(['main']);
  });

  it('puts the main content inside <main> as it is', () => {
    const { doc } = page(context());
    const [main] = all(doc, 'main');
    expect(main && all(main, 'p').map((p) => [attr(p, 'id'), text(p)])).toEqual([
      ['marker', 'Main content'],
    ]);
  });

  it('links the site name home, marked current only on the landing page', () => {
    const ctx = context({ title: hostile });
    const brand = (doc: Document) => all(doc, 'a').find((a) => attr(a, 'class') === 'brand');
    const home = brand(page(ctx, { current: 'home' }).doc);
    expect([text(home), attr(home, 'href'), attr(home, 'aria-current')]).toEqual([
      hostile,
      './',
      'page',
    ]);
    const nested = brand(page(ctx, { current: undefined }, 'posts/a/index.html').doc);
    expect([attr(nested, 'href'), attr(nested, 'aria-current')]).toEqual(['../../', undefined]);
  });

  it('marks the current section in the navigation', () => {
    const ctx = context();
    const { doc } = page(ctx, { current: { slug: 'politics' } }, 'categories/politics/index.html');
    const [nav] = all(doc, 'nav');
    const current = nav && all(nav, 'a').filter((a) => attr(a, 'aria-current') === 'page');
    expect(current?.map((a) => [text(a), attr(a, 'href')])).toEqual([
      ['Politics', '../../categories/politics/'],
    ]);
  });

  it('writes the copyright in the footer only when the site has one', () => {
    const footer = (ctx: Context) => all(page(ctx).doc, 'footer')[0];
    const withIt = footer(context({ copyright: `© 2026 ${hostile}` }));
    expect(withIt && all(withIt, 'p').map(text)[0]).toBe(`© 2026 ${hostile}`);
    const without = footer(context());
    expect(without && all(without, 'p').map(text)).toEqual([
      'Follow every story: RSS feed for the whole site Atom feed for the whole site JSON Feed for the whole site',
      'Built with feedwright.',
    ]);
  });

  it('links the site feed from the footer of every page, relative to the page', () => {
    const { doc } = page(context(), { current: undefined }, 'posts/a/index.html');
    const [footer] = all(doc, 'footer');
    expect(footer && all(footer, 'a').map((a) => attr(a, 'href'))).toEqual([
      '../../rss.xml',
      '../../atom.xml',
      '../../feed.json',
    ]);
  });
});
