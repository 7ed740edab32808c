import { readdir, readFile, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { UserConfig } from '../../src/config/validate-config.js';
import { png } from '../helpers/png.js';
import { hashTree, makeConfig, postText, runCli, runCliAsync, siteMaker } from '../helpers/site.js';

const makeSite = siteMaker();

const CATEGORIES = ['Politics', 'Economy', 'Tech', 'Culture'];

async function makeArchive(count: number, config: Partial<UserConfig> = {}) {
  const posts: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    posts[`2026/${String((i % 12) + 1).padStart(2, '0')}/post-${i}.md`] = postText(
      {
        title: `Post ${i}`,
        date: `2025-${String((i % 12) + 1).padStart(2, '0')}-${day} ${String(i % 24).padStart(2, '0')}:00`,
        categories: [CATEGORIES[i % 4], CATEGORIES[(i + 1) % 4]],
        ...(i % 3 ? { summary: `Summary ${i}` } : {}),
      },
      `First paragraph of post ${i} with [a link](../other/) and ![img](/img/${i}.jpg).\n\nMore text.\n`,
    );
  }
  return makeSite(posts, makeConfig({ limit: 10, ...config }));
}

const verbose = (dir: string, extra: string[] = []) =>
  runCli(dir, ['build', '--verbose', ...extra]);
const cacheDir = (dir: string) => path.join(dir, 'node_modules/.cache/feedwright');

describe('the build cache and threads never change the output', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeArchive(60);
  });

  it('cached, uncached, single-thread and multi-thread builds are byte-identical', async () => {
    const runs = [
      ['--no-cache', '--threads', '1', '--out', 'out-single'],
      ['--no-cache', '--threads', '3', '--out', 'out-multi'],
      ['--out', 'out-cached'], // fills the cache
      ['--out', 'out-cached'], // reads from it
    ];
    for (const args of runs) expect(runCli(dir, ['build', ...args]).status).toBe(0);
    const single = await hashTree(path.join(dir, 'out-single'));
    expect(Object.keys(single).length).toBeGreaterThan(20);
    expect(await hashTree(path.join(dir, 'out-multi'))).toEqual(single);
    expect(await hashTree(path.join(dir, 'out-cached'))).toEqual(single);
    // The threaded first write staged into a folder made ahead (its pages' folders made by a
    // worker meanwhile): moved in as the output, nothing of it is left beside.
    expect((await readdir(dir)).filter((name) => name.startsWith('.out-'))).toEqual([]);
  });

  it('with the cache lost, every file is rendered again, those the output holds are left in place and the rest restored', async () => {
    expect(verbose(dir, ['--threads', '2']).status).toBe(0);
    const out = path.join(dir, 'dist');
    const before = await hashTree(out);
    const page = path.join(out, 'posts/post-7/index.html');
    const feed = path.join(out, 'categories/tech/rss.xml');
    const kept = path.join(out, 'rss.xml');
    const { ino, mtimeMs } = await stat(kept);
    // By hand: a page edited (same size, other bytes), a feed deleted.
    const text = await readFile(page, 'utf8');
    await writeFile(page, text.replace('Post 7', 'Post X'));
    await rm(feed);
    await rm(cacheDir(dir), { recursive: true });
    const run = verbose(dir, ['--threads', '2']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('front matter read for 60 of 60 posts, 60 bodies rendered');
    expect(run.stdout).toMatch(/\((\d+) files: 2 written, \d+ unchanged\)/);
    expect(await hashTree(out)).toEqual(before);
    expect(await stat(kept)).toMatchObject({ ino, mtimeMs });
    // Nothing staged is left beside the output.
    expect((await readdir(dir)).filter((name) => name.startsWith('.dist'))).toEqual([]);
  });

  it('a warm build reads no front matter and renders nothing', async () => {
    expect(verbose(dir).status).toBe(0);
    const warm = verbose(dir);
    expect(warm.stderr).toContain('front matter read for 0 of 60 posts, 0 bodies rendered');
    expect(warm.stdout).toMatch(/0 written/);
  });

  it('after one body changes, only that post is read and rendered, and only its feeds rewritten', async () => {
    verbose(dir);
    const file = path.join(dir, 'posts/2026/12/post-59.md');
    await writeFile(file, `${await readFile(file, 'utf8')}\nA correction.\n`);
    const run = verbose(dir);
    expect(run.stderr).toContain('front matter read for 1 of 60 posts, 1 bodies rendered');
    const feed = JSON.parse(await readFile(path.join(dir, 'dist/feed.json'), 'utf8'));
    expect(feed.items.find((i: { title: string }) => i.title === 'Post 59').content_html).toContain(
      'A correction.',
    );
    // Its page is rendered again; the other pages are carried over.
    expect(await readFile(path.join(dir, 'dist/posts/post-59/index.html'), 'utf8')).toContain(
      'A correction.',
    );
    expect(run.stdout).not.toMatch(/ 0 written/);
  });

  it('a touched but unchanged file reuses its rendered body (content hash)', async () => {
    verbose(dir);
    const file = path.join(dir, 'posts/2026/12/post-59.md');
    const later = new Date(Date.now() + 60_000);
    await utimes(file, later, later);
    expect(verbose(dir).stderr).toContain('front matter read for 1 of 60 posts, 0 bodies rendered');
  });

  it('a new post is read and rendered alone', async () => {
    verbose(dir);
    await writeFile(
      path.join(dir, 'posts/new.md'),
      postText({ title: 'Brand new', date: '2026-01-01', categories: ['Tech'] }),
    );
    const run = verbose(dir);
    expect(run.stderr).toContain('front matter read for 1 of 61 posts, 1 bodies rendered');
    expect(
      JSON.parse(await readFile(path.join(dir, 'dist/feed.json'), 'utf8')).items[0].title,
    ).toBe('Brand new');
  });

  it('an output file edited by hand is noticed and written again', async () => {
    verbose(dir);
    const feed = path.join(dir, 'dist/categories/politics/rss.xml');
    const original = await readFile(feed, 'utf8');
    await writeFile(feed, original.replace('Post', 'Edited'));
    const run = verbose(dir);
    expect(run.status).toBe(0);
    expect(await readFile(feed, 'utf8')).toBe(original);
  });

  it('a page and a feed edited by hand are rendered again alone, with the one body they lack', async () => {
    expect(verbose(dir).status).toBe(0);
    const page = path.join(dir, 'dist/posts/post-7/index.html');
    const feed = path.join(dir, 'dist/categories/politics/rss.xml');
    const [pageText, feedText] = [await readFile(page, 'utf8'), await readFile(feed, 'utf8')];
    await writeFile(page, pageText.replace('Post 7', 'Edited'));
    await writeFile(feed, feedText.replace('Post', 'Edited'));
    const run = verbose(dir);
    expect(run.status, run.stderr).toBe(0);
    // The page's story is the one body not at hand (a feed's stories' HTML is kept); the feed's
    // three files are written as they were, two of them unchanged.
    expect(run.stderr).toMatch(/front matter read for 0 of \d+ posts, 1 bodies rendered/);
    expect(run.stdout).toMatch(/2 written, \d+ unchanged/);
    expect(await readFile(page, 'utf8')).toBe(pageText);
    expect(await readFile(feed, 'utf8')).toBe(feedText);
  });

  it('output files edited or deleted by hand, then a post edited: the output of a cold build', async () => {
    expect(verbose(dir).status).toBe(0);
    const feed = path.join(dir, 'dist/categories/politics/rss.xml');
    await writeFile(feed, (await readFile(feed, 'utf8')).replace('Post', 'Edited'));
    await rm(path.join(dir, 'dist/posts/post-7/index.html'));
    const post = path.join(dir, 'posts/2026/02/post-1.md');
    const before = await readFile(post, 'utf8');
    await writeFile(post, before.replace('More text.', 'More text, edited.'));
    try {
      const run = verbose(dir);
      expect(run.status, run.stderr).toBe(0);
      expect(runCli(dir, ['build', '--no-cache', '--out', 'out-cold']).status).toBe(0);
      expect(await hashTree(path.join(dir, 'dist'))).toEqual(
        await hashTree(path.join(dir, 'out-cold')),
      );
    } finally {
      await writeFile(post, before);
      await rm(path.join(dir, 'out-cold'), { recursive: true, force: true });
    }
  });

  it('a build that failed on a shared slug fails again from the cache, and passes once fixed', async () => {
    const twin = path.join(dir, 'posts/twin/post-1.md');
    await import('node:fs/promises').then((fs) =>
      fs.mkdir(path.dirname(twin), { recursive: true }),
    );
    await writeFile(twin, postText({ title: 'Twin', date: '2026-01-01' }));
    expect(verbose(dir).status).toBe(1);
    const again = verbose(dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('slug "post-1" is also used by');
    await rm(twin);
    expect(verbose(dir).status).toBe(0);
  });

  it('a config change invalidates the cache', async () => {
    verbose(dir);
    const configFile = path.join(dir, 'feedwright.config.json');
    const config = JSON.parse(await readFile(configFile, 'utf8'));
    await writeFile(configFile, JSON.stringify({ ...config, title: 'Renamed' }));
    const run = verbose(dir);
    expect(run.stderr).toContain('the config or feedwright changed: starting with an empty cache');
    expect(run.stderr).toContain('front matter read for 61 of 61 posts');
    expect(JSON.parse(await readFile(path.join(dir, 'dist/feed.json'), 'utf8')).title).toBe(
      'Renamed',
    );
  });

  it('a corrupt or truncated cache is detected, discarded and rebuilt', async () => {
    await rm(cacheDir(dir), { recursive: true });
    expect(verbose(dir).status).toBe(0);
    const expected = await hashTree(path.join(dir, 'dist'));
    const names = await readdir(cacheDir(dir));
    // The index, and beside it the heads and the stories of the published posts, in files by
    // path (the stories' summaries in files of their own), the keys of the items, the items of
    // the feeds, and feedwright's code fingerprint with what it was taken from.
    const isStories = (f: string) => /^build-[0-9a-f]{16}\.stories-\d+\.bin$/.test(f);
    const isSummaries = (f: string) =>
      /^build-[0-9a-f]{16}\.stories-\d+\.summaries-[\w-]+\.txt$/.test(f);
    const isHeads = (f: string) => /^build-[0-9a-f]{16}\.heads-\d+\.bin$/.test(f);
    const isShard = (f: string) => isStories(f) || isSummaries(f) || isHeads(f);
    expect(names.filter(isSummaries).length).toBe(names.filter(isStories).length);
    expect(names.filter((f) => !isShard(f)).sort()).toEqual([
      expect.stringMatching(/^build-[0-9a-f]{16}\.bin$/),
      expect.stringMatching(/^build-[0-9a-f]{16}\.item-keys\.bin$/),
      expect.stringMatching(/^build-[0-9a-f]{16}\.items\.bin$/),
      'code-fingerprint.json',
    ]);
    // A damaged fingerprint record is worked out again, to the same fingerprint: nothing to read.
    await writeFile(path.join(cacheDir(dir), 'code-fingerprint.json'), '{"fingerprint":');
    expect(verbose(dir).stderr).toContain('front matter read for 0 of');
    expect(names.filter(isStories).length).toBeGreaterThan(1);
    expect(names.filter(isHeads).length).toBeGreaterThan(1);
    const isIndex = (f: string) => /^build-[0-9a-f]{16}\.bin$/.test(f);
    const cacheFile = path.join(cacheDir(dir), names.find(isIndex) as string);
    const itemsFile = cacheFile.replace(/\.bin$/, '.items.bin');
    const itemKeysFile = cacheFile.replace(/\.bin$/, '.item-keys.bin');
    const storiesFile = path.join(cacheDir(dir), names.find(isStories) as string);
    const headsFile = path.join(cacheDir(dir), names.find(isHeads) as string);
    // A damaged shard of heads: its files' front matter is read again, the rest is trusted.
    await writeFile(headsFile, 'garbage');
    const reread = verbose(dir);
    expect(reread.status).toBe(0);
    expect(reread.stderr).toMatch(/front matter read for [1-9]\d* of \d+ posts, 0 bodies rendered/);
    expect(reread.stderr).not.toMatch(/front matter read for (\d+) of \1 posts/);
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(expected);
    expect(verbose(dir).stderr).toContain('front matter read for 0 of');
    await truncate(cacheFile, (await stat(cacheFile)).size - 10);
    const truncated = verbose(dir);
    expect(truncated.status).toBe(0);
    expect(truncated.stderr).toContain('the build cache was corrupt and has been discarded');
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(expected);

    const bytes = await readFile(cacheFile);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    await writeFile(cacheFile, bytes);
    expect(verbose(dir).stderr).toContain('corrupt and has been discarded');
    expect(verbose(dir).stderr).toContain('front matter read for 0 of');

    // A damaged store of stories is rendered again, never trusted; damaged items written again,
    // and damaged items' keys taken again.
    await writeFile(storiesFile, 'garbage');
    await writeFile(itemsFile, 'garbage');
    await writeFile(itemKeysFile, 'garbage');
    await rm(path.join(dir, 'dist'), { recursive: true });
    const rerendered = verbose(dir);
    expect(rerendered.stderr).toMatch(
      /front matter read for 0 of \d+ posts, [1-9]\d* bodies rendered/,
    );
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(expected);

    // A damaged file of summaries, of the same size: its shard's stories are rendered again.
    const summaries = path.join(
      cacheDir(dir),
      (await readdir(cacheDir(dir))).find(isSummaries) ?? '',
    );
    const text = await readFile(summaries);
    text[0] = (text[0] ?? 0) ^ 0x01;
    await writeFile(summaries, text);
    await rm(path.join(dir, 'dist'), { recursive: true });
    const resummed = verbose(dir);
    expect(resummed.status).toBe(0);
    expect(resummed.stderr).toMatch(
      /front matter read for 0 of \d+ posts, [1-9]\d* bodies rendered/,
    );
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(expected);
    expect(verbose(dir).stderr).toContain('front matter read for 0 of');
  });

  it('two builds started at once on the same folder both succeed and corrupt nothing', async () => {
    const expected = await hashTree(path.join(dir, 'dist'));
    await writeFile(
      path.join(dir, 'posts/race.md'),
      postText({ title: 'Race', date: '2026-01-02' }),
    );
    const [a, b] = await Promise.all([runCliAsync(dir, ['build']), runCliAsync(dir, ['build'])]);
    expect([a.status, b.status, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
    const after = await hashTree(path.join(dir, 'dist'));
    expect(after).not.toEqual(expected);
    expect((await readdir(dir)).filter((f) => f.startsWith('.dist'))).toEqual([]);
    const warm = verbose(dir);
    expect(warm.stderr).not.toContain('corrupt');
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(after);
  });
});

/** The files whose bytes differ between two `hashTree`s, or that only one of them has. */
function changed(before: Record<string, string>, after: Record<string, string>): string[] {
  const paths = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...paths].filter((p) => before[p] !== after[p]).sort();
}

describe('touching one post of a large site', () => {
  // 60 posts, 10 per feed and listing page, archives of 20: the site feed's archives hold
  // posts 0–19, 20–39, 40–59 (by date) and an empty open one; each category (30 posts) has a
  // full archive of its 20 oldest and an open one of the other 10.
  let dir: string;
  let before: Record<string, string>;
  beforeAll(async () => {
    dir = await makeArchive(60, { archiveSize: 20 });
    expect(verbose(dir).status).toBe(0);
    before = await hashTree(path.join(dir, 'dist'));
  });

  it('a second build reads nothing, renders nothing and writes nothing', async () => {
    const again = verbose(dir);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('front matter read for 0 of 60 posts, 0 bodies rendered');
    expect(again.stdout).toMatch(/\((\d+) files: 0 written, \1 unchanged\)/);
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(before);
  });

  it('editing an old post re-renders only its page, the archives and listing pages that show it, and the manifest', async () => {
    // post-0 is the oldest (2025-01-01), in Politics and Economy, with no summary of its own:
    // its first paragraph is its summary, shown in the archives and on the listing pages.
    const file = path.join(dir, 'posts/2026/01/post-0.md');
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text.replace('First paragraph of post 0', 'Corrected paragraph of post 0'),
    );
    const run = verbose(dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('front matter read for 1 of 60 posts, 1 bodies rendered');
    const after = await hashTree(path.join(dir, 'dist'));
    const formats = (folder: string) =>
      ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `${folder}${f}`);
    expect(changed(before, after)).toEqual(
      [
        '.feedwright-manifest.json',
        'posts/post-0/index.html',
        ...formats('archive/1/'),
        ...formats('categories/politics/archive/1/'),
        ...formats('categories/economy/archive/1/'),
        // The last listing page of each: 60 posts are 6 pages, 30 are 3.
        'page/6/index.html',
        'categories/politics/page/3/index.html',
        'categories/economy/page/3/index.html',
      ].sort(),
    );
    const page = await readFile(path.join(dir, 'dist/posts/post-0/index.html'), 'utf8');
    expect(page).toContain('Corrected paragraph of post 0');
    const archive = JSON.parse(await readFile(path.join(dir, 'dist/archive/1/feed.json'), 'utf8'));
    expect(archive.items.at(-1).summary).toContain('Corrected paragraph of post 0');
    before = after;
  });

  it('editing the rest of an old post’s body changes only its page (the archives and listings show its summary), as a cold build would', async () => {
    const file = path.join(dir, 'posts/2026/01/post-0.md');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('More text.', 'More text, added.'),
    );
    const run = verbose(dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('front matter read for 1 of 60 posts, 1 bodies rendered');
    const after = await hashTree(path.join(dir, 'dist'));
    expect(changed(before, after)).toEqual([
      '.feedwright-manifest.json',
      'posts/post-0/index.html',
    ]);
    expect(runCli(dir, ['build', '--no-cache', '--out', 'cold']).status).toBe(0);
    expect(await hashTree(path.join(dir, 'cold'))).toEqual(after);
    await rm(path.join(dir, 'cold'), { recursive: true });
    before = after;
  });

  it('adding a post changes no full archive document', async () => {
    const archives = Object.keys(before).filter((p) => /(^|\/)archive\/\d+\/feed\.json$/.test(p));
    const full: string[] = [];
    for (const json of archives) {
      const doc = JSON.parse(await readFile(path.join(dir, 'dist', json), 'utf8'));
      if (doc.items.length === 20) full.push(json.replace(/feed\.json$/, ''));
    }
    // The site's archives 1–3, and each category's first.
    expect(full.sort()).toEqual([
      'archive/1/',
      'archive/2/',
      'archive/3/',
      'categories/culture/archive/1/',
      'categories/economy/archive/1/',
      'categories/politics/archive/1/',
      'categories/tech/archive/1/',
    ]);
    await writeFile(
      path.join(dir, 'posts/newest.md'),
      postText({ title: 'Newest', date: '2026-01-01', categories: ['Tech'] }),
    );
    const run = verbose(dir);
    expect(run.stderr).toContain('front matter read for 1 of 61 posts, 1 bodies rendered');
    const after = await hashTree(path.join(dir, 'dist'));
    const diff = changed(before, after);
    expect(diff.filter((p) => full.some((folder) => p.startsWith(folder)))).toEqual([]);
    // The open archives that take it do change, and a page is added for it.
    expect(diff).toEqual(expect.arrayContaining(['archive/4/rss.xml', 'posts/newest/index.html']));
    expect(diff).toContain('categories/tech/archive/2/feed.json');
    expect(diff).not.toContain('categories/culture/archive/2/feed.json');
  });
});

describe('a few outputs of a live output, built with threads', () => {
  it('are the files a cold build writes, and the rest is left in place', async () => {
    // 60 posts, 10 a page: a new story changes the listings, feeds and sitemaps that show it —
    // too few of the site's outputs to share them with the worker, which read the new story.
    const dir = await makeArchive(60);
    expect(runCli(dir, ['build', '--threads', '1']).status).toBe(0);
    const kept = await stat(path.join(dir, 'dist/posts/post-7/index.html'));
    await writeFile(
      path.join(dir, 'posts/newest.md'),
      postText({ title: 'Newest', date: '2026-01-01', categories: ['Tech'] }),
    );
    const run = verbose(dir, ['--threads', '2']);
    expect(run.status).toBe(0);
    const [, written] = /\((\d+) files: (\d+) written/.exec(run.stdout)?.slice(1) ?? [];
    expect(Number(written)).toBeGreaterThan(10);
    expect(runCli(dir, ['build', '--no-cache', '--threads', '1', '--out', 'cold']).status).toBe(0);
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(await hashTree(path.join(dir, 'cold')));
    expect(await stat(path.join(dir, 'dist/posts/post-7/index.html'))).toMatchObject({
      ino: kept.ino,
      mtimeMs: kept.mtimeMs,
    });
    expect((await readdir(dir)).filter((name) => name.startsWith('.dist'))).toEqual([]);
  });
});

describe('the feed items a build keeps for the next', () => {
  it('are taken by builds after an edit, a retitled story and a new one, which give the bytes of a cold build', async () => {
    const dir = await makeArchive(40, { archiveSize: 10 });
    expect(verbose(dir).status).toBe(0);
    expect((await readdir(cacheDir(dir))).some((name) => name.endsWith('.items.bin'))).toBe(true);
    const cold = async () => {
      await rm(path.join(dir, 'cold'), { recursive: true, force: true });
      expect(runCli(dir, ['build', '--no-cache', '--out', 'cold']).status).toBe(0);
      return hashTree(path.join(dir, 'cold'));
    };
    const edit = async (file: string, from: string, to: string) => {
      const at = path.join(dir, 'posts', file);
      await writeFile(at, (await readFile(at, 'utf8')).replace(from, to));
    };
    // The body of a story in the feeds, then its title (what its item shows), then a new story.
    const steps = [
      () => edit('2026/12/post-35.md', 'More text.', 'More text, corrected.'),
      () => edit('2026/12/post-35.md', 'title: Post 35', 'title: Post 35, retitled'),
      () =>
        writeFile(
          path.join(dir, 'posts/newest.md'),
          postText({ title: 'Newest', date: '2026-01-01', categories: ['Tech'] }),
        ),
    ];
    for (const step of steps) {
      await step();
      const run = verbose(dir);
      expect(run.status).toBe(0);
      expect(run.stderr).toMatch(/front matter read for 1 of \d+ posts, 1 bodies rendered/);
      expect(await hashTree(path.join(dir, 'dist'))).toEqual(await cold());
    }
    const feed = await readFile(path.join(dir, 'dist/rss.xml'), 'utf8');
    expect(feed).toContain('Post 35, retitled');
    expect(feed).toContain('<title>Newest</title>');
  });
});

describe('the keys of pages a build keeps for the next', () => {
  it('are not taken when the navigation every page shows changed: stories added to a section outside it', async () => {
    // Eleven sections, two stories each but the eleventh's one: the navigation lists ten.
    const posts: Record<string, string> = {};
    const story = (section: number, k: number) =>
      postText(
        {
          title: `Story ${section}-${k}`,
          date: `2026-01-0${k} 10:00`,
          categories: [`S${section}`],
        },
        `Body ${section} ${k}.\n`,
      );
    for (let c = 0; c < 11; c++)
      for (let k = 1; k <= (c === 10 ? 1 : 2); k++) posts[`s${c}-${k}.md`] = story(c, k);
    const dir = await makeSite(posts, makeConfig({ limit: 3 }));
    expect(runCli(dir, ['build']).status).toBe(0);
    const page = path.join(dir, 'dist/posts/s0-1/index.html');
    const before = await readFile(page, 'utf8');
    expect(before).not.toContain('categories/s10/');
    // Two stories more in the eleventh: it is among the ten the navigation lists now.
    for (const k of [2, 3]) await writeFile(path.join(dir, `posts/s10-${k}.md`), story(10, k));
    const run = verbose(dir);
    expect(run.status, run.stderr).toBe(0);
    expect(await readFile(page, 'utf8')).toContain('categories/s10/');
    expect(runCli(dir, ['build', '--no-cache', '--out', 'out-cold']).status).toBe(0);
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(
      await hashTree(path.join(dir, 'out-cold')),
    );
  });
});

describe('a scheduled post', () => {
  it('appears once its time comes, even though no file changed', async () => {
    const { build } = await import('../../src/build.js');
    const dir = await makeSite({
      'now.md': postText({ title: 'Now', date: '2026-01-01' }),
      'later.md': postText({ title: 'Later', date: '2026-06-01' }),
    });
    const titles = async () =>
      JSON.parse(await readFile(path.join(dir, 'dist/feed.json'), 'utf8')).items.map(
        (i: { title: string }) => i.title,
      );
    await build({ cwd: dir, now: new Date('2026-03-01T00:00:00Z') });
    expect(await titles()).toEqual(['Now']);
    const same = await build({ cwd: dir, now: new Date('2026-04-01T00:00:00Z') });
    expect(same.upToDate).toBe(true);
    await build({ cwd: dir, now: new Date('2026-07-01T00:00:00Z') });
    expect(await titles()).toEqual(['Later', 'Now']);
  });
});

describe('the public folder', () => {
  it('is copied into the output as it is, and its changes are noticed', async () => {
    const dir = await makeSite({
      'a.md': postText({ title: 'A', date: '2026-01-01' }, '![x](/img/x.png)\n'),
    });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(dir, 'public/img'), { recursive: true });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 3]);
    await writeFile(path.join(dir, 'public/img/x.png'), png);
    expect(runCli(dir).status).toBe(0);
    expect(await readFile(path.join(dir, 'dist/img/x.png'))).toEqual(png);
    await writeFile(path.join(dir, 'public/img/x.png'), Buffer.concat([png, png]));
    const again = runCli(dir);
    expect(again.stdout).toMatch(/1 written/);
    expect((await readFile(path.join(dir, 'dist/img/x.png'))).length).toBe(png.length * 2);
  });

  it("measures a lead image once: later builds take its size from the cache until the file's size or mtime changes", async () => {
    const dir = await makeSite({
      'a.md': postText({ title: 'A', date: '2026-01-01', image: '/img/lead.png' }),
    });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(dir, 'public/img'), { recursive: true });
    const lead = path.join(dir, 'public/img/lead.png');
    const wide = png(800, 450);
    // The same bytes saying 450 × 800 (width and height are IHDR's first eight bytes).
    const tall = Buffer.from(wide);
    tall.writeUInt32BE(450, 16);
    tall.writeUInt32BE(800, 20);
    const at = async (seconds: number) => utimes(lead, seconds, seconds);
    await writeFile(lead, wide);
    await at(1_700_000_000);
    const width = async () =>
      /<media:content [^>]*width="(\d+)"/.exec(
        await readFile(path.join(dir, 'dist/rss.xml'), 'utf8'),
      )?.[1];
    expect(runCli(dir).status).toBe(0);
    expect(await width()).toBe('800');
    // Another picture in a file of the same size and mtime: the cache is trusted, as it is for
    // post files (a build after a new story reads no image it has read).
    await writeFile(lead, tall);
    await at(1_700_000_000);
    await writeFile(path.join(dir, 'posts/b.md'), postText({ title: 'B', date: '2026-01-02' }));
    expect(runCli(dir).status).toBe(0);
    expect(await width()).toBe('800');
    // Touched: read again.
    await at(1_700_000_005);
    expect(runCli(dir).status).toBe(0);
    expect(await width()).toBe('450');
  });

  it('may not replace a file feedwright writes', async () => {
    const dir = await makeSite({ 'a.md': postText({ title: 'A', date: '2026-01-01' }) });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(dir, 'public'), { recursive: true });
    await writeFile(path.join(dir, 'public/rss.xml'), '<rss/>');
    const run = runCli(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'public/rss.xml  this file would replace one that feedwright writes — rename it',
    );
  });
});
