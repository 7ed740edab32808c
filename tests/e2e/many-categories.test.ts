/**
 * A site with a few hundred categories, built by the real CLI under a sub-path: every category
 * can be reached from the landing page by links, and no page grows with the number of categories.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DomUtils } from 'htmlparser2';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_SITE_CATEGORIES } from '../../src/derive/category-limits.js';
import { INDEX_PAGE_SIZE, NAV_CATEGORIES } from '../../src/render/pages/category-lists.js';
import { all, attr, type HtmlDocument, type HtmlElement, parseHtml } from '../helpers/html.js';
import { makeConfig, postText, runCli, siteMaker } from '../helpers/site.js';

const makeSite = siteMaker();
const SITE_URL = 'https://user.github.io/repo/';
const POSTS = 100;
/** Topic 0–99 and 100–199 have one story each, Topic 200–239 two, Topic 240–259 one. */
const CATEGORIES = 260;

function posts(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < POSTS; i++) {
    const date = new Date(Date.UTC(2026, 0, 1, i)).toISOString();
    const categories = [`Topic ${i}`, `Topic ${100 + i}`, `Topic ${200 + (i % 60)}`];
    files[`post-${i}.md`] = postText({ title: `Story ${i}`, date, categories });
  }
  return files;
}

/** Every HTML file of the output, by its path, parsed. */
async function pages(out: string): Promise<Map<string, HtmlDocument>> {
  const found = new Map<string, HtmlDocument>();
  const walk = async (rel: string) => {
    for (const entry of await readdir(path.join(out, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (child.endsWith('.html')) {
        found.set(child, parseHtml(await readFile(path.join(out, child), 'utf8')));
      }
    }
  };
  await walk('');
  return found;
}

/** The output path an href on page `from` leads to, when it stays on the site. */
function target(from: string, href: string): string | undefined {
  const url = new URL(href, new URL(from, SITE_URL));
  if (!url.href.startsWith(SITE_URL)) return undefined;
  const rel = decodeURIComponent(url.pathname.slice(new URL(SITE_URL).pathname.length));
  return rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
}

function navOf(doc: HtmlDocument): HtmlElement | undefined {
  return all(doc, 'nav').find((nav) => attr(nav, 'aria-label') === 'Sections');
}

function byClass(el: HtmlElement | HtmlDocument, name: string): HtmlElement[] {
  return DomUtils.findAll(
    (node) => (attr(node, 'class') ?? '').split(/\s+/).includes(name),
    el.children,
  );
}

/** The category folders a part of a page links to. */
function categoryLinks(from: string, el: HtmlElement): string[] {
  return all(el, 'a').flatMap((a) => {
    const to = target(from, attr(a, 'href') ?? '');
    return to && /^categories\/[^/]+\/index\.html$/.test(to) && !to.startsWith('categories/page/')
      ? [to]
      : [];
  });
}

describe(`a site with ${CATEGORIES} categories (real CLI)`, () => {
  let site: Map<string, HtmlDocument>;
  let categoryPages: string[];

  beforeAll(async () => {
    const dir = await makeSite(posts(), makeConfig({ url: SITE_URL }));
    const run = runCli(dir, ['build', '--no-cache']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    site = await pages(path.join(dir, 'dist'));
    categoryPages = [...site.keys()].filter((p) => /^categories\/topic-\d+\/index\.html$/.test(p));
  });

  it('has a page for every category, and an index of them in two pages', () => {
    expect(categoryPages).toHaveLength(CATEGORIES);
    expect(site.has('categories/index.html')).toBe(true);
    expect(site.has('categories/page/2/index.html')).toBe(true);
    expect(site.has('categories/page/3/index.html')).toBe(false);
  });

  it('reaches every category page from the landing page through links alone', () => {
    const seen = new Set(['index.html']);
    const queue = ['index.html'];
    while (queue.length > 0) {
      const from = queue.shift() as string;
      const doc = site.get(from);
      for (const a of doc ? all(doc, 'a') : []) {
        const to = target(from, attr(a, 'href') ?? '');
        if (to && site.has(to) && !seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    expect(categoryPages.filter((p) => !seen.has(p))).toEqual([]);
    expect(seen.size).toBe(site.size);
  });

  it(`lists at most ${NAV_CATEGORIES} categories in the navigation of any page`, () => {
    for (const [from, doc] of site) {
      const nav = navOf(doc);
      if (!nav) continue; // a redirect page
      expect(categoryLinks(from, nav).length, from).toBeLessThanOrEqual(NAV_CATEGORIES);
      const labels = all(nav, 'a').map((a) => DomUtils.textContent(a));
      expect(labels, from).toContain('All categories');
    }
  });

  it('lists the most used categories in the navigation', () => {
    const doc = site.get('index.html');
    const nav = doc && navOf(doc);
    expect(nav && categoryLinks('index.html', nav)).toEqual(
      Array.from({ length: NAV_CATEGORIES }, (_, i) => `categories/topic-${200 + i}/index.html`),
    );
  });

  it(`lists at most ${INDEX_PAGE_SIZE} categories on a page of the index, each once`, () => {
    const listed = ['categories/index.html', 'categories/page/2/index.html'].flatMap((from) => {
      const doc = site.get(from);
      const [list] = doc ? byClass(doc, 'category-index') : [];
      const links = list ? categoryLinks(from, list) : [];
      expect(links.length, from).toBeLessThanOrEqual(INDEX_PAGE_SIZE);
      return links;
    });
    expect(listed).toHaveLength(CATEGORIES);
    expect(new Set(listed)).toEqual(new Set(categoryPages));
  });

  it('offers few feeds on any page, and announces one feed for autodiscovery', () => {
    for (const [from, doc] of site) {
      const [subscribe] = all(doc, 'section').filter((s) => attr(s, 'id') === 'subscribe');
      const feeds = subscribe ? byClass(subscribe, 'feed-name') : [];
      // The landing page: the site's and the navigation's; a story: the site's and its three.
      expect(feeds.length, from).toBeLessThanOrEqual(NAV_CATEGORIES + 1);
      const alternates = all(doc, 'link').filter((l) => attr(l, 'rel') === 'alternate');
      expect(alternates.length, from).toBeLessThanOrEqual(3);
    }
  });
});

describe('categories over the limits (real CLI)', () => {
  const DATE = '2026-01-01T09:00:00Z';

  it('refuses a post in more than 20 categories, naming it, and writes nothing', async () => {
    const categories = Array.from({ length: 21 }, (_, i) => `Topic ${i}`);
    const dir = await makeSite(
      {
        'fine.md': postText({ title: 'Fine', date: DATE, categories: ['Politics'] }),
        'crowded.md': postText({ title: 'Crowded', date: DATE, categories }),
      },
      makeConfig({}),
    );
    const run = runCli(dir, ['build', '--no-cache']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/posts\/crowded\.md.*21 categories; a post may have at most 20/s);
    await expect(readdir(path.join(dir, 'dist'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it(`refuses a site of more than ${MAX_SITE_CATEGORIES.toLocaleString('en-US')} categories before rendering anything`, async () => {
    // 1,001 posts of 20 categories each: 20,020 categories.
    const files: Record<string, string> = {};
    for (let i = 0; i <= MAX_SITE_CATEGORIES / 20; i++) {
      const categories = Array.from({ length: 20 }, (_, k) => `C${i * 20 + k}`);
      files[`p-${String(i).padStart(4, '0')}.md`] = postText({
        title: `P ${i}`,
        date: DATE,
        categories,
      });
    }
    const dir = await makeSite(files, makeConfig({}));
    const run = runCli(dir, ['build', '--no-cache']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /posts\/p-1000\.md.*20,020 different categories; a site may have at most 20,000/s,
    );
    await expect(readdir(path.join(dir, 'dist'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
