import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import type { OutputFile } from '../../../../src/model.js';
import { INDEX_PAGE_SIZE } from '../../../../src/render/pages/category-lists.js';
import { renderSitePages } from '../../../../src/render/pages/render-pages.js';
import { STYLE } from '../../../../src/render/pages/stylesheet.js';
import { makePost, siteConfig, siteOf } from '../../../helpers/model.js';

type Element = ReturnType<typeof DomUtils.getElementsByTagName>[number];

/** Classes the templates emit on purpose without a rule of their own (they inherit `.meta`). */
const UNSTYLED = ['sep', 'cats', 'host', 'tags', 'withdrawn'];

/** Classes feedwright itself adds inside a story's content: its lead image and corrections. */
const ITEM_HTML = ['lead-image', 'credit', 'corrections', 'correction'];

/** The custom properties a `:root{…}` block defines, with their values. */
function properties(block: string): Map<string, string> {
  return new Map([...block.matchAll(/(--[\w-]+):([^;}]+)/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

function lightScheme(): Map<string, string> {
  const block = /^:root\{([^}]*)\}/.exec(STYLE)?.[1];
  if (!block) throw new Error('no light :root block');
  return properties(block);
}

function darkScheme(): Map<string, string> {
  const block = /@media \(prefers-color-scheme:dark\)\{:root\{([^}]*)\}\}/.exec(STYLE)?.[1];
  if (!block) throw new Error('no dark :root block');
  return properties(block);
}

/** WCAG 2 relative luminance of a `#rgb` or `#rrggbb` colour. */
function luminance(hex: string): number {
  const digits = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim())?.[1];
  if (!digits) throw new Error(`not a hex colour: ${hex}`);
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Every page of a site that uses every template part: categories, an update, an external item,
 * listings long enough to paginate, and a redirect from an old address; and of a site with
 * enough categories to page its categories index.
 */
function pages(): OutputFile[] {
  const config = siteConfig({
    limit: 1,
    authors: { ada: { name: 'Ada', bio: 'Writes.', image: '/ada.jpg' } },
  });
  const posts = [
    makePost(
      {
        slug: 'a',
        title: 'A',
        categories: ['Politics', 'Economy'],
        summary: 'Summary.',
        updated: new Date('2026-05-02T12:00:00Z'),
        authors: [{ name: 'Ada', key: 'ada', url: 'https://example.org/ada' }, { name: 'Lin' }],
        tags: ['Ottawa'],
        image: { url: 'https://news.example.com/a.png', credit: 'AP', caption: 'A caption.' },
        corrections: [{ date: new Date('2026-05-02T12:00:00Z'), text: 'Fixed.' }],
        body: '# Heading\n\n```js\ncode()\n```\n\n| a |\n|---|\n| 1 |\n',
        aliases: [{ path: '/2019/a/', page: '2019/a/index.html' }],
      },
      config,
    ),
    makePost(
      {
        slug: 'b',
        title: 'B',
        date: new Date('2026-04-01T12:00:00Z'),
        link: 'https://other.example/b',
        url: 'https://other.example/b',
      },
      config,
    ),
  ];
  // A story in more categories than one page of the categories index holds, so it has two.
  const many = makePost(
    { slug: 'many', categories: Array.from({ length: INDEX_PAGE_SIZE + 1 }, (_, i) => `C${i}`) },
    config,
  );
  const withdrawn = makePost({ slug: 'gone', expires: new Date('2026-05-03T00:00:00Z') }, config);
  const files = [
    ...renderSitePages(siteOf(posts, config, [withdrawn])),
    ...renderSitePages(siteOf([many], config)),
  ];
  const paths = files.map((file) => file.path);
  for (const path of [
    'page/2/index.html',
    '2019/a/index.html',
    'posts/a/index.html',
    'categories/page/2/index.html',
    'authors/ada/index.html',
    'tags/ottawa/index.html',
    'posts/gone/index.html',
  ]) {
    if (!paths.includes(path)) throw new Error(`the site has no ${path}: ${paths.join(', ')}`);
  }
  return files;
}

/** The class names on a page, leaving out the post's own content (the writer's markup). */
function classesOf(file: OutputFile): string[] {
  const names: string[] = [];
  const visit = (nodes: ReturnType<typeof parseDocument>['children']) => {
    for (const node of nodes) {
      if (node.type !== 'tag') continue;
      const el = node as Element;
      const classes = (DomUtils.getAttributeValue(el, 'class') ?? '').split(/\s+/).filter(Boolean);
      names.push(...classes);
      if (!classes.includes('content')) visit(el.children);
    }
  };
  visit(parseDocument(file.content).children);
  return names;
}

/** Class names the stylesheet has rules for. */
function styledClasses(): Set<string> {
  return new Set([...STYLE.matchAll(/\.(-?[A-Za-z_][\w-]*)/g)].map((m) => m[1] ?? ''));
}

describe('STYLE', () => {
  it('is one line, with no leading or trailing space', () => {
    expect(STYLE).not.toMatch(/[\r\n]/);
    expect(STYLE).toBe(STYLE.trim());
    expect(STYLE.length).toBeGreaterThan(0);
  });

  it('has balanced braces and no "</" that would end the inline <style> early', () => {
    const opened = STYLE.split('{').length - 1;
    const closed = STYLE.split('}').length - 1;
    expect(opened).toBe(closed);
    expect(STYLE).not.toContain('</');
  });

  it('defines the same custom properties in the light and the dark scheme', () => {
    const light = [...lightScheme().keys()].sort();
    const dark = [...darkScheme().keys()].sort();
    expect(light.length).toBeGreaterThan(0);
    expect(dark).toEqual(light);
  });

  it('defines every custom property it uses', () => {
    const defined = new Set(lightScheme().keys());
    const used = new Set([...STYLE.matchAll(/var\((--[\w-]+)\)/g)].map((m) => m[1] ?? ''));
    expect(used.size).toBeGreaterThan(0);
    for (const name of used) expect(defined.has(name), name).toBe(true);
  });

  it('styles every class the pages use, except the deliberately unstyled ones', () => {
    const styled = styledClasses();
    const emitted = new Set(pages().flatMap(classesOf));
    for (const name of UNSTYLED) expect(emitted.has(name), `${name} is emitted`).toBe(true);
    const missing = [...emitted].filter((name) => !styled.has(name) && !UNSTYLED.includes(name));
    expect(missing).toEqual([]);
    for (const name of UNSTYLED) expect(styled.has(name), `${name} is unstyled`).toBe(false);
  });

  it('styles the pagination of listing pages', () => {
    const emitted = new Set(pages().flatMap(classesOf));
    const styled = styledClasses();
    for (const name of ['pagination', 'page-of']) {
      expect(emitted.has(name), `${name} is emitted`).toBe(true);
      expect(styled.has(name), `${name} is styled`).toBe(true);
    }
  });

  it('has no rules for classes no page uses', () => {
    const emitted = new Set(pages().flatMap(classesOf));
    expect([...styledClasses()].filter((name) => !emitted.has(name))).toEqual(ITEM_HTML);
  });

  it('styles the lead image and the corrections feedwright adds to a story’s content', () => {
    const story = pages().find((file) => file.path === 'posts/a/index.html');
    const styled = styledClasses();
    for (const name of ITEM_HTML) {
      expect(story?.content, name).toContain(`class="${name}"`);
      expect(styled.has(name), name).toBe(true);
    }
  });

  it.each([
    ['light', lightScheme],
    ['dark', darkScheme],
  ])('meets WCAG AA (4.5:1) for text and links in the %s scheme', (_, scheme) => {
    const colours = scheme();
    const colour = (name: string) => {
      const value = colours.get(name);
      if (!value) throw new Error(`${name} is not defined`);
      return value;
    };
    const pairs = [
      ['--fg', '--bg'],
      ['--muted', '--bg'],
      ['--accent', '--bg'],
      ['--fg', '--card'],
      ['--muted', '--card'],
      ['--accent', '--card'],
      ['--accent', '--accent-bg'],
    ];
    for (const [text, background] of pairs) {
      const ratio = contrast(colour(text ?? ''), colour(background ?? ''));
      expect(ratio, `${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('contrast (the test’s own WCAG formula)', () => {
  it('gives 21:1 for black on white and 1:1 for a colour on itself', () => {
    expect(contrast('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrast('#0b57d0', '#0b57d0')).toBe(1);
    // The WCAG reference value for #777 on white is 4.48:1, just under AA.
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
