/**
 * Every story keeps its address (issue 9), end to end on a site of a few hundred posts with a
 * small `limit`: a page for every post, every page reachable from the landing page, archived
 * feeds (RFC 5005) that reach every item and never change once full.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectValidJsonFeed,
  expectWellFormed,
  parseAtomFeed,
  parseRssFeed,
  parseWithRowanmanning,
  parseXml,
  textOf,
} from '../helpers/feeds.js';
import { all, attr, parseHtml } from '../helpers/html.js';
import { hashTree, makeConfig, postText, runCli, siteMaker } from '../helpers/site.js';

const SITE = 'https://news.example.com/';
const POSTS = 240;
const SIZE = 25;
/** Archives that are full (they never change); one more, open, holds the rest. */
const FULL = Math.floor(POSTS / SIZE);
const CATEGORIES = ['Politics', 'Economy', 'Culture', 'Local'];
const FH = 'http://purl.org/syndication/history/1.0';
const makeSite = siteMaker();

function post(i: number, extra = '', lead = `Lead paragraph of story ${i}.`): string {
  const day = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  return postText(
    { title: `Story ${i} & <more>`, date: `${day} 09:00`, categories: [CATEGORIES[i % 4]] },
    `${lead}\n\nSecond paragraph.${extra}\n`,
  );
}

/** The output path an absolute URL on the site is served from. */
function fileOf(url: string): string {
  const rest = url.slice(SITE.length);
  return rest === '' || rest.endsWith('/') ? `${rest}index.html` : rest;
}

/** Every `<a href>` of a page, as output paths of pages on this site. */
function pageLinks(page: string, html: string): string[] {
  const base = new URL(page.replace(/index\.html$/, ''), SITE);
  return all(parseHtml(html), 'a').flatMap((a) => {
    const href = attr(a, 'href');
    if (!href || href.startsWith('#')) return [];
    const url = new URL(href, base).href.replace(/#.*$/, '');
    return url.startsWith(SITE) && !/\.(xml|json)$/.test(url) ? [fileOf(url)] : [];
  });
}

/** `rel` links of an RSS channel or an Atom feed, read with fast-xml-parser. */
function links(xml: string, format: 'rss' | 'atom'): Record<string, string> {
  const doc = parseXml(xml);
  const list = format === 'rss' ? doc.rss.channel['atom:link'] : doc.feed.link;
  const out: Record<string, string> = {};
  for (const link of list ?? []) out[link['@rel'] ?? 'alternate'] = link['@href'];
  return out;
}

describe('every story keeps its address', () => {
  let dir: string;
  let dist: string;
  const read = (file: string) => readFile(path.join(dist, file), 'utf8');

  beforeAll(async () => {
    const posts: Record<string, string> = {};
    for (let i = 0; i < POSTS; i++) posts[`${2024 + Math.floor(i / 120)}/story-${i}.md`] = post(i);
    dir = await makeSite(posts, makeConfig({ limit: 10, archiveSize: SIZE }));
    dist = path.join(dir, 'dist');
    const run = runCli(dir, ['build', '--threads', '2']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('writes a page for every published post, not only those in a feed window', async () => {
    const manifest = JSON.parse(await read('.feedwright-manifest.json'));
    expect(manifest.items).toHaveLength(POSTS);
    for (const item of manifest.items) {
      const html = await read(fileOf(item.url));
      expect(html).toContain(`<link rel="canonical" href="${item.url}">`);
    }
  });

  it('reaches every post from the landing page by following links', async () => {
    const seen = new Set<string>(['index.html']);
    const queue = ['index.html'];
    for (let page = queue.shift(); page !== undefined; page = queue.shift()) {
      for (const next of pageLinks(page, await read(page))) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    const manifest = JSON.parse(await read('.feedwright-manifest.json'));
    const missing = manifest.items.filter((item: { url: string }) => !seen.has(fileOf(item.url)));
    expect(missing).toEqual([]);
    expect(seen.has('page/24/index.html')).toBe(true);
    expect(seen.has('categories/politics/page/6/index.html')).toBe(true);
  });

  it('paginates with rel="prev"/"next" links in the head and in the page', async () => {
    const second = parseHtml(await read('page/2/index.html'));
    const head = all(second, 'link').map((l) => [attr(l, 'rel'), attr(l, 'href')]);
    expect(head).toContainEqual(['prev', '../../']);
    expect(head).toContainEqual(['next', '../../page/3/']);
    const nav = all(second, 'a').filter((a) => attr(a, 'rel'));
    expect(nav.map((a) => [attr(a, 'rel'), attr(a, 'href')])).toEqual([
      ['prev', '../../'],
      ['next', '../../page/3/'],
    ]);
    const last = parseHtml(await read('page/24/index.html'));
    expect(all(last, 'link').some((l) => attr(l, 'rel') === 'next')).toBe(false);
  });

  for (const format of ['rss', 'atom'] as const) {
    it(`following prev-archive from ${format} reaches every published item, each archive marked`, async () => {
      const file = format === 'rss' ? 'rss.xml' : 'atom.xml';
      const ids = new Set<string>();
      const subscription = await read(file);
      let next: string | undefined = links(subscription, format)['prev-archive'];
      let documents = 0;
      for (const id of idsOf(subscription, format)) ids.add(id);
      while (next) {
        const xml = await read(fileOf(next));
        documents++;
        expectWellFormed(xml, format === 'rss' ? 'rss' : 'feed');
        expect(xml).toContain(`xmlns:fh="${FH}"`);
        expect(xml).toContain('<fh:archive/>');
        expect(links(xml, format).current).toBe(`${SITE}${file}`);
        for (const id of idsOf(xml, format)) ids.add(id);
        next = links(xml, format)['prev-archive'];
      }
      expect(documents).toBe(FULL + 1);
      expect(ids.size).toBe(POSTS);
    });
  }

  it('pages JSON Feed with next_url down to the first story', async () => {
    const ids = new Set<string>();
    let next: string | undefined = `${SITE}feed.json`;
    while (next) {
      const text = await read(fileOf(next));
      expectValidJsonFeed(text);
      const feed = JSON.parse(text);
      for (const item of feed.items) ids.add(item.id);
      next = feed.next_url;
    }
    expect(ids.size).toBe(POSTS);
  });

  it("pages each category's feed to its first story", async () => {
    const ids = new Set<string>();
    let next: string | undefined = `${SITE}categories/culture/rss.xml`;
    while (next) {
      const xml = await read(fileOf(next));
      for (const id of idsOf(xml, 'rss')) ids.add(id);
      next = links(xml, 'rss')['prev-archive'];
    }
    expect(ids.size).toBe(POSTS / 4);
  });

  it('archive documents follow the validator rules the subscription feeds follow, site and categories', async () => {
    const manifest = JSON.parse(await read('.feedwright-manifest.json'));
    const archives = Object.keys(manifest.files).flatMap((file) => {
      const found = /^(.*?)archive\/(\d+)\/rss\.xml$/.exec(file);
      return found ? [{ feed: found[1] as string, n: Number(found[2]) }] : [];
    });
    const categoryArchives = archives.filter((a) => a.feed.startsWith('categories/'));
    expect(archives.filter((a) => a.feed === '')).toHaveLength(FULL + 1);
    expect(new Set(categoryArchives.map((a) => a.feed)).size).toBe(CATEGORIES.length);
    for (const { feed: home, n } of archives) {
      const at = `${home}archive/${n}/`;
      const rss = await read(`${at}rss.xml`);
      const channel = parseXml(rss).rss.channel;
      expect(links(rss, 'rss').self).toBe(`${SITE}${at}rss.xml`);
      expect(textOf(channel.description)).not.toBe('');
      for (const item of channel.item ?? []) {
        expect(textOf(item.pubDate)).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
        expect(item.author).toBeUndefined();
        expect(item['dc:creator']).toHaveLength(1);
      }
      expect(rss).not.toMatch(/<title>[^<]*&(amp|lt|gt);/);
      const atom = await read(`${at}atom.xml`);
      const feed = parseAtomFeed(atom);
      expect(feed.id).toBe(`${SITE}${home}atom.xml`);
      expect(links(atom, 'atom').self).toBe(`${SITE}${at}atom.xml`);
      for (const entry of feed.entries ?? []) {
        expect(entry.updated).toMatch(/Z$/);
        expect(entry.categories?.every((c) => c.term)).toBe(true);
        expect(entry.title).toMatchObject({ type: 'text' });
      }
      if (home === '')
        expect(parseWithRowanmanning(atom).items.length).toBe(
          n <= FULL ? SIZE : POSTS - FULL * SIZE,
        );
      expectValidJsonFeed(await read(`${at}feed.json`));
    }
  });

  it('adding a post changes no full archive document, and a second build writes nothing', async () => {
    const before = await hashTree(dist);
    await writeFile(path.join(dir, 'posts', 'newest.md'), post(POSTS));
    const run = runCli(dir);
    expect(run.status).toBe(0);
    const after = await hashTree(dist);
    for (let n = 1; n <= FULL; n++) {
      for (const name of ['rss.xml', 'atom.xml', 'feed.json']) {
        expect(after[`archive/${n}/${name}`], `archive/${n}/${name}`).toBe(
          before[`archive/${n}/${name}`],
        );
      }
    }
    expect(after[`archive/${FULL + 1}/rss.xml`]).not.toBe(before[`archive/${FULL + 1}/rss.xml`]);
    expect(runCli(dir).stdout).toMatch(/ 0 written/);
  });

  it('correcting an old post changes its page, and the archives only where they show it', async () => {
    // Story 30 is the 31st oldest: in site archive 2; the 8th oldest of Culture: its archive 1.
    const holding = [
      'archive/2/atom.xml',
      'archive/2/feed.json',
      'archive/2/rss.xml',
      'categories/culture/archive/1/atom.xml',
      'categories/culture/archive/1/feed.json',
      'categories/culture/archive/1/rss.xml',
    ];
    const changedBy = async (text: string) => {
      const before = await hashTree(dist);
      await writeFile(path.join(dir, 'posts/2024/story-30.md'), text);
      expect(runCli(dir).status).toBe(0);
      const after = await hashTree(dist);
      return Object.keys(after).filter((file) => after[file] !== before[file]);
    };
    const feedFiles = (files: string[]) =>
      files.filter((f) => /\.(xml|json)$/.test(f) && !f.startsWith('.')).sort();

    // A correction below the summary: archives show the summary, so no feed document changes.
    const body = await changedBy(post(30, '\n\nA correction.'));
    expect(body).toContain('posts/story-30/index.html');
    expect(feedFiles(body)).toEqual([]);
    expect(await read('posts/story-30/index.html')).toContain('A correction.');

    // A new summary: exactly the archive documents that hold the story change.
    const lead = await changedBy(post(30, '\n\nA correction.', 'A corrected lead.'));
    expect(feedFiles(lead)).toEqual(holding);
    expect(await read('archive/2/rss.xml')).toContain('A corrected lead.');
  });
});

/** Item ids of an RSS or Atom document, read by feedsmith. */
function idsOf(xml: string, format: 'rss' | 'atom'): string[] {
  if (format === 'rss') return (parseRssFeed(xml).items ?? []).map((i) => i.guid?.value ?? '');
  return (parseAtomFeed(xml).entries ?? []).map((e) => e.id ?? '');
}
