import { existsSync } from 'node:fs';
import { mkdir, readFile, unlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BuildProgress, build } from '../../src/build.js';
import { FeedwrightError } from '../../src/diagnostics.js';
import type { FeedSummary } from '../../src/model.js';
import { parseRssFeed } from '../helpers/feeds.js';
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
  'index.html',
  'categories/arts/index.html',
  'categories/tech/index.html',
  'posts/tech/index.html',
  'posts/arts/index.html',
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
    expect(seen.filter((p) => p.stage === 'render').at(-1)).toEqual({
      stage: 'render',
      done: 2,
      total: 2,
    });
  });

  it('gives the same output with threads as without', async () => {
    const dir = await makeSite(POSTS);
    await build({ cwd: dir, outDir: 'one', threads: 1, cacheDir: false });
    await build({ cwd: dir, outDir: 'three', threads: 3, cacheDir: false });
    expect(await hashTree(path.join(dir, 'three'))).toEqual(await hashTree(path.join(dir, 'one')));
  });
});
