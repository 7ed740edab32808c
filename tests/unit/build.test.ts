import { existsSync } from 'node:fs';
import { appendFile, mkdir, readdir, readFile, unlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BuildProgress, build } from '../../src/build.js';
import { FeedwrightError } from '../../src/diagnostics.js';
import { MANIFEST_FILE, type Manifest } from '../../src/manifest.js';
import type { FeedSummary } from '../../src/model.js';
import { parseRssFeed, parseXml } from '../helpers/feeds.js';
import { all, attr, parseHtml, text } from '../helpers/html.js';
import { hashTree, makeConfig, postText, siteMaker } from '../helpers/site.js';

const makeSite = siteMaker();

const SITE = 'https://news.example.com/';
const POSTS = {
  'tech.md': postText({ title: 'Tech post', date: '2026-03-02', categories: ['Tech'] }),
  'arts.md': postText({ title: 'Arts post', date: '2026-03-01', categories: ['Arts', 'Tech'] }),
};

/** What a build says of a feed, written out by hand. */
function summary(dir: string, title: string, description: string, category?: string): FeedSummary {
  const slug = category?.toLowerCase();
  const home = slug ? `${SITE}categories/${slug}/` : SITE;
  const paths = {
    rss: `${dir}rss.xml`,
    atom: `${dir}atom.xml`,
    json: `${dir}feed.json`,
  };
  return {
    title,
    description,
    homeUrl: home,
    paths,
    urls: {
      rss: `${SITE}${paths.rss}`,
      atom: `${SITE}${paths.atom}`,
      json: `${SITE}${paths.json}`,
    },
    language: 'en',
    ...(category && slug ? { category: { name: category, slug } } : {}),
  };
}

const FEEDS = [
  summary('', 'Test News', 'News for tests'),
  summary('categories/arts/', 'Test News — Arts', 'Arts from Test News.', 'Arts'),
  summary('categories/tech/', 'Test News — Tech', 'Tech from Test News.', 'Tech'),
];
const FILES = [
  'rss.xml',
  'atom.xml',
  'feed.json',
  'categories/arts/rss.xml',
  'categories/arts/atom.xml',
  'categories/arts/feed.json',
  'categories/tech/rss.xml',
  'categories/tech/atom.xml',
  'categories/tech/feed.json',
  // Each feed's archive (RFC 5005): one, open, holding every post while there are fewer than 100.
  'archive/1/rss.xml',
  'archive/1/atom.xml',
  'archive/1/feed.json',
  'categories/arts/archive/1/rss.xml',
  'categories/arts/archive/1/atom.xml',
  'categories/arts/archive/1/feed.json',
  'categories/tech/archive/1/rss.xml',
  'categories/tech/archive/1/atom.xml',
  'categories/tech/archive/1/feed.json',
  'index.html',
  'categories/arts/index.html',
  'categories/tech/index.html',
  'posts/tech/index.html',
  'posts/arts/index.html',
  // The files that describe the site, at its root: every feed in one list, sitemaps, robots.txt.
  'feeds.opml',
  'sitemap.xml',
  'sitemap-news.xml',
  'robots.txt',
].sort();

const WARNED = '---\ntitle: Warned\ndate: 2026-03-03\ncolour: red\n---\nBody.\n';

describe('build', () => {
  it('returns every feed, the site feed first, then the categories, and writes them', async () => {
    const dir = await makeSite(POSTS);
    const result = await build({ cwd: dir });
    expect(result.upToDate).toBe(false);
    expect(result.feeds).toEqual(FEEDS);
    expect(result.feedCount).toBe(3);
    expect(result.postFiles).toBe(2);
    expect(result.published).toBe(2);
    expect(result.diagnostics).toEqual([]);
    expect([...result.written].sort()).toEqual(FILES);
    expect(result.unchanged).toEqual([]);
    expect(result.files.map((f) => f.path).sort()).toEqual(FILES);
    expect(result.config.title).toBe('Test News');
    const written = await hashTree(path.join(dir, 'dist'));
    expect(Object.keys(written).sort()).toEqual(['.feedwright-manifest.json', ...FILES].sort());
    const rss = await parseRssFeed(await readFile(path.join(dir, 'dist/rss.xml'), 'utf8'));
    expect(rss.items?.map((i) => i.title)).toEqual(['Tech post', 'Arts post']);
  });

  it('on a second build finds the output up to date: same feeds, nothing rendered or written', async () => {
    const dir = await makeSite(POSTS);
    const first = await build({ cwd: dir });
    const before = await hashTree(path.join(dir, 'dist'));
    const second = await build({ cwd: dir });
    expect(second.upToDate).toBe(true);
    expect(second.feeds).toEqual(first.feeds);
    expect(second.feedCount).toBe(3);
    expect(second.published).toBe(2);
    expect(second.postFiles).toBe(2);
    expect(second.files).toEqual([]);
    expect(second.written).toEqual([]);
    expect([...second.unchanged].sort()).toEqual(FILES);
    expect(second.stats).toMatchObject({ parsed: 0, rendered: 0 });
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(before);
  });

  it('with write: false renders everything, returns the files and creates no output folder', async () => {
    const dir = await makeSite(POSTS);
    const result = await build({ cwd: dir, write: false });
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
    expect(result.upToDate).toBe(false);
    expect(result.written).toEqual([]);
    expect(result.unchanged).toEqual([]);
    expect(result.feeds).toEqual(FEEDS);
    expect(result.files.map((f) => f.path).sort()).toEqual(FILES);
    const rss = result.files.find((f) => f.path === 'categories/arts/rss.xml');
    const feed = await parseRssFeed(rss?.content ?? '');
    expect(feed.title).toBe('Test News — Arts');
    expect(feed.items?.map((i) => i.link)).toEqual([`${SITE}posts/arts/`]);
  });

  it('with write: false renders again every time, even after a written build', async () => {
    const dir = await makeSite(POSTS);
    await build({ cwd: dir });
    const result = await build({ cwd: dir, write: false });
    expect(result.upToDate).toBe(false);
    expect(result.files).toHaveLength(FILES.length);
  });

  it('takes the config as an object, without a config file', async () => {
    const dir = await makeSite(POSTS);
    await unlink(path.join(dir, 'feedwright.config.json'));
    const result = await build({
      cwd: dir,
      config: makeConfig({ title: 'Object News', url: 'https://object.example.org/blog/' }),
    });
    expect(result.config.title).toBe('Object News');
    expect(result.feeds[0]?.urls.rss).toBe('https://object.example.org/blog/rss.xml');
    const rss = await parseRssFeed(await readFile(path.join(dir, 'dist/rss.xml'), 'utf8'));
    expect(rss.title).toBe('Object News');
  });

  it('throws FeedwrightError for a config object that is not valid', async () => {
    const dir = await makeSite(POSTS);
    const error = await build({ cwd: dir, config: makeConfig({ url: 'not a url' }) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FeedwrightError);
    expect((error as FeedwrightError).diagnostics[0]).toMatchObject({
      severity: 'error',
      file: 'config',
      field: 'url',
    });
  });

  it('copies the public folder into the output, unless publicDir is false', async () => {
    const dir = await makeSite(POSTS);
    await mkdir(path.join(dir, 'public/img'), { recursive: true });
    await writeFile(path.join(dir, 'public/img/logo.svg'), '<svg/>');
    await build({ cwd: dir, outDir: 'with' });
    expect(await readFile(path.join(dir, 'with/img/logo.svg'), 'utf8')).toBe('<svg/>');
    const result = await build({ cwd: dir, outDir: 'without', publicDir: false });
    expect(existsSync(path.join(dir, 'without/img'))).toBe(false);
    expect([...result.written].sort()).toEqual(FILES);
  });

  it('refuses a public file that would replace a feed', async () => {
    const dir = await makeSite(POSTS);
    await mkdir(path.join(dir, 'static'));
    await writeFile(path.join(dir, 'static/rss.xml'), '<rss/>');
    const error = await build({ cwd: dir, publicDir: 'static' }).catch((e: unknown) => e);
    expect((error as FeedwrightError).diagnostics).toEqual([
      expect.objectContaining({ code: 'public-clash', file: 'static/rss.xml' }),
    ]);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('returns warnings, and with strict throws FeedwrightError on them instead', async () => {
    const dir = await makeSite({ ...POSTS, 'warned.md': WARNED });
    const lenient = await build({ cwd: dir, write: false });
    expect(lenient.diagnostics.map((d) => [d.severity, d.code, d.file, d.line])).toEqual([
      ['warning', 'unknown-key', 'posts/warned.md', 4],
    ]);
    const error = await build({ cwd: dir, strict: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedwrightError);
    expect((error as FeedwrightError).diagnostics).toEqual(lenient.diagnostics);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('with strict also fails a build that finds the output up to date but had warnings', async () => {
    const dir = await makeSite({ ...POSTS, 'warned.md': WARNED });
    await build({ cwd: dir });
    await expect(build({ cwd: dir, strict: true })).rejects.toThrow(FeedwrightError);
  });

  it('throws on a bad post, listing every problem, and leaves an existing output untouched', async () => {
    const dir = await makeSite(POSTS);
    await build({ cwd: dir });
    const before = await hashTree(path.join(dir, 'dist'));
    await writeFile(path.join(dir, 'posts/bad.md'), '---\ntitle: Bad\n---\n');
    await writeFile(path.join(dir, 'posts/worse.md'), '---\ndate: 2026-01-01\n---\n');
    const error = await build({ cwd: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedwrightError);
    expect((error as FeedwrightError).diagnostics.map((d) => [d.file, d.field])).toEqual([
      ['posts/bad.md', 'date'],
      ['posts/worse.md', 'title'],
    ]);
    expect((error as FeedwrightError).message).toMatch(/^2 errors:\nposts\/bad\.md {2}date/);
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(before);
  });

  it('throws when the posts folder or the config file is missing', async () => {
    const dir = await makeSite(POSTS);
    await expect(build({ cwd: dir, postsDir: 'articles' })).rejects.toMatchObject({
      diagnostics: [{ code: 'posts-missing', file: 'articles' }],
    });
    await expect(build({ cwd: dir, configFile: 'nope.json' })).rejects.toMatchObject({
      diagnostics: [{ code: 'config-missing', file: 'nope.json' }],
    });
  });

  it('counts front matter read and bodies rendered in stats', async () => {
    const dir = await makeSite({ ...POSTS, 'c.md': postText({ title: 'C', date: '2026-01-01' }) });
    const first = await build({ cwd: dir });
    expect(first.stats).toMatchObject({ parsed: 3, rendered: 3 });
    expect(first.stats.cacheProblem).toBeUndefined();
    expect(Object.keys(first.stats.timings)).toEqual([
      'discover',
      'cache-load',
      'read',
      'plan',
      'render-bodies',
      'render',
      'write',
      'cache-save',
    ]);
    const second = await build({ cwd: dir });
    expect(second.stats).toMatchObject({ parsed: 0, rendered: 0 });
  });

  it('after one post is touched, reads only that one and renders nothing', async () => {
    const dir = await makeSite(POSTS);
    await build({ cwd: dir });
    const later = new Date(Date.now() + 120_000);
    await utimes(path.join(dir, 'posts/arts.md'), later, later);
    const result = await build({ cwd: dir });
    expect(result.stats).toMatchObject({ parsed: 1, rendered: 0 });
    expect(result.written).toEqual([]);
  });

  it('after one post is edited, reads and renders only that one and rewrites its feeds', async () => {
    const dir = await makeSite(POSTS);
    await build({ cwd: dir });
    await writeFile(
      path.join(dir, 'posts/arts.md'),
      postText({ title: 'Arts post', date: '2026-03-01', categories: ['Arts', 'Tech'] }, 'New.\n'),
    );
    const result = await build({ cwd: dir });
    expect(result.stats).toMatchObject({ parsed: 1, rendered: 1 });
    expect(result.upToDate).toBe(false);
    expect(result.written).toContain('categories/arts/feed.json');
    expect(result.written).toContain('posts/arts/index.html');
    expect(result.written).not.toContain('posts/tech/index.html');
    const feed = JSON.parse(await readFile(path.join(dir, 'dist/feed.json'), 'utf8'));
    expect(feed.items[1].content_html).toBe('<p>New.</p>');
  });

  it('with cacheDir false keeps no cache, and reads everything every time', async () => {
    const dir = await makeSite(POSTS);
    await build({ cwd: dir, cacheDir: false });
    const again = await build({ cwd: dir, cacheDir: false });
    expect(again.stats).toMatchObject({ parsed: 2, rendered: 2 });
    expect(again.upToDate).toBe(false);
    expect(again.written).toEqual([]);
    expect(existsSync(path.join(dir, 'node_modules'))).toBe(false);
  });

  it('selects posts as of `now`, with drafts and future posts only when asked', async () => {
    const dir = await makeSite({
      ...POSTS,
      'later.md': postText({ title: 'Later', date: '2026-06-01T00:00:00Z' }),
      'draft.md': postText({ title: 'Draft', date: '2026-01-01', draft: true }),
    });
    const titles = (r: Awaited<ReturnType<typeof build>>) =>
      JSON.parse(r.files.find((f) => f.path === 'feed.json')?.content ?? '{}').items.map(
        (i: { title: string }) => i.title,
      );
    const march = new Date('2026-04-01T00:00:00Z');
    const base = { cwd: dir, write: false, cacheDir: false as const };
    expect(titles(await build({ ...base, now: march }))).toEqual(['Tech post', 'Arts post']);
    expect(titles(await build({ ...base, now: new Date('2026-07-01T00:00:00Z') }))).toEqual([
      'Later',
      'Tech post',
      'Arts post',
    ]);
    expect(
      titles(await build({ ...base, now: march, includeFuture: true, includeDrafts: true })),
    ).toEqual(['Later', 'Tech post', 'Arts post', 'Draft']);
  });

  it('reports progress for reading, rendering and writing', async () => {
    const dir = await makeSite(POSTS);
    const seen: BuildProgress[] = [];
    await build({ cwd: dir, onProgress: (p) => seen.push(p) });
    expect(seen.filter((p) => p.stage === 'write')).toEqual([
      { stage: 'write', done: 0, total: FILES.length },
      { stage: 'write', done: FILES.length, total: FILES.length },
    ]);
    expect(seen.filter((p) => p.stage === 'read').at(-1)).toEqual({
      stage: 'read',
      done: 2,
      total: 2,
    });
    // A cold build renders each body as it reads its file: reading is the whole of its progress.
    expect(seen.filter((p) => p.stage === 'render')).toEqual([]);
    // Once the cache knows the files, a changed body is rendered after the heads are read.
    const [first] = Object.keys(POSTS);
    await appendFile(path.join(dir, 'posts', first as string), '\nOne more line.\n');
    seen.length = 0;
    await build({ cwd: dir, onProgress: (p) => seen.push(p) });
    expect(seen.filter((p) => p.stage === 'read').at(-1)).toEqual({
      stage: 'read',
      done: 1,
      total: 1,
    });
    expect(seen.filter((p) => p.stage === 'render').at(-1)).toEqual({
      stage: 'render',
      done: 1,
      total: 1,
    });
  });

  it('puts bodies aside while it runs, writes what holding them writes, and leaves nothing behind', async () => {
    const embed = '<iframe src="https://www.youtube.com/embed/abc"></iframe>';
    const dir = await makeSite({
      ...POSTS,
      'embed.md': `${postText({ title: 'Embed', date: '2026-03-03' })}\n“Quoted” été.\n\n${embed}\n`,
    });
    const tmp = path.join(dir, 'tmp');
    await mkdir(tmp);
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      // A body's warning fails a strict build after every body was rendered and put aside.
      const failed = await build({ cwd: dir, strict: true }).catch((e: unknown) => e);
      expect((failed as FeedwrightError).diagnostics?.map((d) => d.file)).toEqual([
        'posts/embed.md',
      ]);
      expect(await readdir(tmp)).toEqual([]);
      // The cache it saved refers to nothing that went with it: the next build writes it all.
      const built = await build({ cwd: dir });
      expect(await readdir(tmp)).toEqual([]);
      const dry = await build({ cwd: dir, write: false, cacheDir: false });
      const held = Object.fromEntries(dry.files.map((f) => [f.path, f.content]));
      const page = await readFile(path.join(dir, 'dist/posts/embed/index.html'), 'utf8');
      expect(page).toContain('“Quoted” été.');
      for (const file of built.files)
        expect(await readFile(path.join(dir, 'dist', file.path), 'utf8'), file.path).toBe(
          held[file.path],
        );
      expect(built.files.map((f) => f.path).sort()).toEqual(Object.keys(held).sort());
    } finally {
      process.env.TMPDIR = before;
      if (before === undefined) delete process.env.TMPDIR;
    }
  });

  it('gives the same output with threads as without', async () => {
    const dir = await makeSite(POSTS);
    await build({ cwd: dir, outDir: 'one', threads: 1, cacheDir: false });
    await build({ cwd: dir, outDir: 'three', threads: 3, cacheDir: false });
    expect(await hashTree(path.join(dir, 'three'))).toEqual(await hashTree(path.join(dir, 'one')));
  });
});

/** Post `n` of a longer site: dated March `n`, in Tech. */
const numbered = (n: number, front: Record<string, unknown> = {}) =>
  postText({ title: `Post ${n}`, date: `2026-03-0${n}`, categories: ['Tech'], ...front });

const manifestOf = async (dir: string, out = 'dist'): Promise<Manifest> =>
  JSON.parse(await readFile(path.join(dir, out, MANIFEST_FILE), 'utf8'));

describe('build, a site with more posts than limit', () => {
  const POSTS5 = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`p${n}.md`, numbered(n)]));
  const CONFIG = makeConfig({ limit: 2, archiveSize: 3 });
  const feedFiles = (dir: string) => [`${dir}rss.xml`, `${dir}atom.xml`, `${dir}feed.json`];

  it('writes a page for every published post, listing pages page/2/…, and archive documents', async () => {
    const dir = await makeSite(POSTS5, CONFIG);
    const result = await build({ cwd: dir });
    const expected = [
      ...['', 'categories/tech/'].flatMap((feed) => [
        ...feedFiles(feed),
        // Archives of three from the oldest: [3 2 1], then the open one, [5 4].
        ...feedFiles(`${feed}archive/1/`),
        ...feedFiles(`${feed}archive/2/`),
        `${feed}index.html`,
        `${feed}page/2/index.html`,
        `${feed}page/3/index.html`,
      ]),
      ...[1, 2, 3, 4, 5].map((n) => `posts/p${n}/index.html`),
      'feeds.opml',
      'sitemap.xml',
      'sitemap-news.xml',
      'robots.txt',
    ].sort();
    expect([...result.written].sort()).toEqual(expected);
    expect(Object.keys(await hashTree(path.join(dir, 'dist'))).sort()).toEqual(
      [MANIFEST_FILE, ...expected].sort(),
    );

    // The subscription document holds `limit` posts; the archives hold the rest, oldest first.
    const titles = async (file: string) =>
      ((await parseRssFeed(await readFile(path.join(dir, 'dist', file), 'utf8'))).items ?? []).map(
        (i) => i.title,
      );
    expect(await titles('rss.xml')).toEqual(['Post 5', 'Post 4']);
    expect(await titles('archive/1/rss.xml')).toEqual(['Post 3', 'Post 2', 'Post 1']);
    expect(await titles('archive/2/rss.xml')).toEqual(['Post 5', 'Post 4']);
    expect(await titles('categories/tech/archive/1/rss.xml')).toEqual([
      'Post 3',
      'Post 2',
      'Post 1',
    ]);
  });

  it('links the subscription document and the archives as RFC 5005 says', async () => {
    const dir = await makeSite(POSTS5, CONFIG);
    await build({ cwd: dir });
    const links = async (file: string) => {
      const rss = parseXml(await readFile(path.join(dir, 'dist', file), 'utf8')).rss;
      const byRel = Object.fromEntries(
        (rss.channel['atom:link'] as { '@rel': string; '@href': string }[]).map((l) => [
          l['@rel'],
          l['@href'],
        ]),
      );
      return { byRel, archive: 'fh:archive' in rss.channel, fh: rss['@xmlns:fh'] };
    };
    const current = await links('rss.xml');
    expect(current.byRel['prev-archive']).toBe(`${SITE}archive/2/rss.xml`);
    expect(current.archive).toBe(false);
    const first = await links('archive/1/rss.xml');
    expect(first.byRel).toMatchObject({
      current: `${SITE}rss.xml`,
      'next-archive': `${SITE}archive/2/rss.xml`,
    });
    expect(first.byRel['prev-archive']).toBeUndefined();
    expect([first.archive, first.fh]).toEqual([true, 'http://purl.org/syndication/history/1.0']);
    const json = JSON.parse(await readFile(path.join(dir, 'dist/feed.json'), 'utf8'));
    expect(json.next_url).toBe(`${SITE}archive/2/feed.json`);
  });

  it('pages the listings: each page shows `limit` stories and links its neighbours', async () => {
    const dir = await makeSite(POSTS5, CONFIG);
    await build({ cwd: dir });
    const page = async (file: string) => {
      const doc = parseHtml(await readFile(path.join(dir, 'dist', file), 'utf8'));
      const here = new URL(file.replace(/index\.html$/, ''), SITE);
      const nav = all(doc, 'nav').find((el) => attr(el, 'class') === 'pagination');
      const rels = Object.fromEntries(
        all(nav ?? doc, 'a').map((a) => [
          attr(a, 'rel'),
          new URL(attr(a, 'href') ?? '', here).href,
        ]),
      );
      const stories = all(doc, 'h3').map((h) => text(h).trim());
      const pageOf = all(doc, 'span').find((el) => attr(el, 'class') === 'page-of');
      return { stories, rels, pageOf: text(pageOf) };
    };
    expect(await page('index.html')).toEqual({
      stories: ['Post 5', 'Post 4'],
      rels: { next: `${SITE}page/2/` },
      pageOf: 'Page 1 of 3',
    });
    expect(await page('page/2/index.html')).toEqual({
      stories: ['Post 3', 'Post 2'],
      rels: { prev: SITE, next: `${SITE}page/3/` },
      pageOf: 'Page 2 of 3',
    });
    expect(await page('categories/tech/page/3/index.html')).toEqual({
      stories: ['Post 1'],
      rels: { prev: `${SITE}categories/tech/page/2/` },
      pageOf: 'Page 3 of 3',
    });
  });

  it('cuts archives of archiveSize from the config', async () => {
    const dir = await makeSite(POSTS5, makeConfig({ limit: 2, archiveSize: 2 }));
    const result = await build({ cwd: dir });
    const archives = result.written.filter((p) => /^archive\/\d+\/rss\.xml$/.test(p)).sort();
    // [2 1], [4 3], [5] (open).
    expect(archives).toEqual(['archive/1/rss.xml', 'archive/2/rss.xml', 'archive/3/rss.xml']);
    const rss = await parseRssFeed(
      await readFile(path.join(dir, 'dist/archive/2/rss.xml'), 'utf8'),
    );
    expect(rss.items?.map((i) => i.title)).toEqual(['Post 4', 'Post 3']);
  });

  it('refuses an archiveSize that is not a whole number of at least 1', async () => {
    const dir = await makeSite(POSTS5, makeConfig({ archiveSize: 0 }));
    await expect(build({ cwd: dir })).rejects.toMatchObject({
      diagnostics: [{ code: 'bad-archive-size', field: 'archiveSize' }],
    });
  });
});

describe('build, scheduled posts', () => {
  const LATER = postText({ title: 'Later', date: '2026-06-01' });
  const now = new Date('2026-04-01T00:00:00Z');

  it('says when the next scheduled post is due, also when the output is up to date', async () => {
    const dir = await makeSite({ ...POSTS, 'later.md': LATER });
    const first = await build({ cwd: dir, now });
    // Midnight in the site's zone (Toronto, summer time).
    const due = new Date('2026-06-01T04:00:00Z');
    expect(first.nextDue).toEqual(due);
    expect(first.published).toBe(2);
    const second = await build({ cwd: dir, now });
    expect(second.upToDate).toBe(true);
    expect(second.nextDue).toEqual(due);
    expect((await manifestOf(dir)).nextDue).toBe('2026-06-01T04:00:00.000Z');
  });

  it('says nothing of it when no post is scheduled', async () => {
    const dir = await makeSite(POSTS);
    const result = await build({ cwd: dir, now });
    expect('nextDue' in result).toBe(false);
    expect('nextDue' in (await manifestOf(dir))).toBe(false);
  });
});

describe('build, the manifest', () => {
  it('lists every published item, newest first, and every feed with its items', async () => {
    const dir = await makeSite(
      { ...threePosts(), 'draft.md': postText({ title: 'D', date: '2026-03-09', draft: true }) },
      makeConfig({ limit: 2 }),
    );
    await build({ cwd: dir });
    const manifest = await manifestOf(dir);
    expect(Object.keys(manifest)).toEqual(['generator', 'files', 'feeds', 'items']);
    expect(manifest.items?.map((i) => [i.source, i.title, i.published])).toEqual([
      ['p3.md', 'Post 3', '2026-03-03T05:00:00.000Z'],
      ['p2.md', 'Post 2', '2026-03-02T05:00:00.000Z'],
      ['p1.md', 'Post 1', '2026-03-01T05:00:00.000Z'],
    ]);
    expect(manifest.items?.[0]).toEqual({
      id: `${SITE}posts/p3/`,
      url: `${SITE}posts/p3/`,
      source: 'p3.md',
      title: 'Post 3',
      published: '2026-03-03T05:00:00.000Z',
      hash: expect.stringMatching(/^[\w-]{27}$/),
    });
    expect(new Set(manifest.items?.map((i) => i.hash)).size).toBe(3);
    expect(manifest.feeds).toEqual({
      'rss.xml': { title: 'Test News', items: [`${SITE}posts/p3/`, `${SITE}posts/p2/`] },
      'categories/tech/rss.xml': {
        title: 'Test News — Tech',
        items: [`${SITE}posts/p3/`, `${SITE}posts/p2/`],
      },
    });
  });

  it("changes an item's hash when its file's bytes change, and only that one", async () => {
    const dir = await makeSite(threePosts());
    await build({ cwd: dir });
    const before = (await manifestOf(dir)).items ?? [];
    await writeFile(path.join(dir, 'posts/p2.md'), `${numbered(2)}More.\n`);
    await build({ cwd: dir });
    const after = (await manifestOf(dir)).items ?? [];
    expect(after.map((i) => i.hash === before.find((b) => b.source === i.source)?.hash)).toEqual([
      true,
      false,
      true,
    ]);
  });
});

/** Three posts, p1–p3, in Tech. */
function threePosts() {
  return Object.fromEntries([1, 2, 3].map((n) => [`p${n}.md`, numbered(n)]));
}

describe('build, aliases', () => {
  it('writes a page at each old address that redirects to the post, and lists it in the manifest', async () => {
    const dir = await makeSite({
      ...POSTS,
      'tech.md': postText({
        title: 'Tech post',
        date: '2026-03-02',
        categories: ['Tech'],
        aliases: ['/2019/old-tech/', '/tech.html'],
      }),
    });
    const result = await build({ cwd: dir });
    expect(result.written).toEqual(
      expect.arrayContaining(['2019/old-tech/index.html', 'tech.html']),
    );
    expect(result.written).toHaveLength(FILES.length + 2);
    const page = parseHtml(await readFile(path.join(dir, 'dist/2019/old-tech/index.html'), 'utf8'));
    const links = all(page, 'link').map((l) => [attr(l, 'rel'), attr(l, 'href')]);
    expect(links).toContainEqual(['canonical', `${SITE}posts/tech/`]);
    const refresh = all(page, 'meta').find((m) => attr(m, 'http-equiv') === 'refresh');
    expect(attr(refresh, 'content')).toBe(`0; url=${SITE}posts/tech/`);
    const robots = all(page, 'meta').find((m) => attr(m, 'name') === 'robots');
    expect(attr(robots, 'content')).toBe('noindex');
    expect(all(page, 'a').map((a) => [attr(a, 'href'), text(a)])).toEqual([
      [`${SITE}posts/tech/`, 'Tech post'],
    ]);

    const manifest = await manifestOf(dir);
    expect(manifest.items?.map((i) => [i.source, i.aliases])).toEqual([
      ['tech.md', ['/2019/old-tech/', '/tech.html']],
      ['arts.md', undefined],
    ]);
    expect(manifest.items && 'aliases' in (manifest.items[1] ?? {})).toBe(false);
  });

  it("refuses an alias that is the post's own address, and writes nothing", async () => {
    const dir = await makeSite({
      ...POSTS,
      'tech.md': postText({ title: 'Tech post', date: '2026-03-02', aliases: ['/posts/tech/'] }),
    });
    const error = await build({ cwd: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedwrightError);
    expect((error as FeedwrightError).diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'alias-is-own-address',
        file: 'posts/tech.md',
        field: 'aliases',
      }),
    ]);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});
