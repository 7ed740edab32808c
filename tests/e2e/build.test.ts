import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decodeHtmlText,
  expectValidJsonFeed,
  expectWellFormed,
  parseAtomFeed,
  parseJsonFeed,
  parseRssFeed,
  parseWithFeedsmith,
  parseWithRowanmanning,
  parseXml,
} from '../helpers/feeds.js';
import { CLI, hashTree, makeConfig, postText, read, runCli, siteMaker } from '../helpers/site.js';

const makeSite = siteMaker();

// What each post must look like in every format, written out by hand (not derived by our code).
const EXPECTED = [
  {
    file: '2026/11/newest.md',
    url: 'https://news.example.com/posts/newest/',
    id: 'https://news.example.com/posts/newest/',
    title: 'Newest & <best> "story"',
    published: '2026-11-24T14:00:00.000Z',
    modified: '2026-11-24T20:30:00.000Z',
    categories: ['Politics', 'Économie'],
    summary: 'Explicit summary with <tags> & ampersands.',
    contentIncludes: '<h2 id="section">Section</h2>',
  },
  {
    file: 'more.md',
    url: 'https://news.example.com/posts/more/',
    id: 'tag:news.example.com,2026:more',
    title: 'A post with a more marker',
    published: '2026-11-20T05:00:00.000Z',
    modified: '2026-11-20T05:00:00.000Z',
    categories: ['Economy'],
    summary: 'Everything before the marker is the excerpt. Both paragraphs.',
    contentIncludes: '<p>After the marker.</p>',
  },
  {
    file: 'no-summary.md',
    url: 'https://elsewhere.example.org/article?id=1&lang=en',
    id: 'https://elsewhere.example.org/article?id=1&lang=en',
    title: 'No summary: the first paragraph is used',
    published: '2026-11-10T12:00:00.000Z',
    modified: '2026-11-10T12:00:00.000Z',
    categories: ['politics'],
    summary: 'First paragraph with a link and code.',
    contentIncludes: '<a href="https://elsewhere.example.org/relative/page">a link</a>',
  },
];

describe('feedwright build (end to end, real CLI)', () => {
  let dir: string;
  let stdout: string;

  beforeAll(async () => {
    dir = await makeSite({
      '2026/11/newest.md': postText(
        {
          title: 'Newest & <best> "story"',
          date: '2026-11-24 09:00',
          updated: '2026-11-24T15:30:00-05:00',
          categories: ['Politics', ' Économie '],
          summary: 'Explicit summary with <tags> &  ampersands.',
          author: { name: 'Ada <Lovelace>', email: 'ada@example.com' },
        },
        '## Section\n\nBody with ![a photo](img/photo.jpg) and [home](/).\n',
      ),
      'more.md': postText(
        {
          title: 'A post with a more marker',
          date: '2026-11-20',
          id: 'tag:news.example.com,2026:more',
          category: 'Economy',
        },
        'Everything before the marker is the excerpt.\n\nBoth paragraphs.\n\n<!--more-->\n\nAfter the marker.\n',
      ),
      'no-summary.md': postText(
        {
          title: 'No summary: the first paragraph is used',
          date: '2026-11-10T12:00:00Z',
          categories: ['politics'],
          link: 'https://elsewhere.example.org/article?id=1&lang=en',
        },
        '# Heading first\n\nFirst paragraph with [a link](relative/page) and `code`.\n\nSecond paragraph.\n',
      ),
      'draft.md': postText({ title: 'Draft', date: '2026-11-01', draft: true }),
      'future.md': postText({ title: 'Scheduled', date: '2099-01-01' }),
      'notes.txt': 'not a post',
      '.hidden.md': postText({ title: 'Hidden', date: '2026-11-01' }),
    });
    const run = runCli(dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    stdout = run.stdout;
  });

  it('prints a one-line summary', () => {
    expect(stdout).toMatch(
      // 4 feeds and their 4 archives, 3 files each; the landing page, 3 category pages, and a
      // page for each of the 2 posts the site hosts (no-summary.md links elsewhere); feeds.opml,
      // sitemap.xml, sitemap-news.xml and robots.txt.
      /^feedwright: 5 posts read, 3 published, 5 feeds \(41 files: 41 written, 0 unchanged\) in \d+\.\d\ds\n$/,
    );
  });

  it('writes the site feeds and three feeds per category', async () => {
    for (const feedDir of [
      '',
      'categories/politics/',
      'categories/economie/',
      'categories/economy/',
    ]) {
      for (const file of ['rss.xml', 'atom.xml', 'feed.json']) {
        await expect(readFile(path.join(dir, 'dist', feedDir, file))).resolves.toBeTruthy();
      }
    }
  });

  it("writes each feed's archive, well-formed and valid, holding every post of the feed", async () => {
    for (const [feedDir, count] of [
      ['', 3],
      ['categories/politics/', 2],
      ['categories/economie/', 1],
      ['categories/economy/', 1],
    ] as const) {
      const archive = `dist/${feedDir}archive/1/`;
      const rss = await read(dir, `${archive}rss.xml`);
      const atom = await read(dir, `${archive}atom.xml`);
      const json = await read(dir, `${archive}feed.json`);
      expectWellFormed(rss, 'rss');
      expectWellFormed(atom, 'feed');
      expectValidJsonFeed(json);
      expect(parseRssFeed(rss).items).toHaveLength(count);
      expect(parseAtomFeed(atom).entries).toHaveLength(count);
      expect(JSON.parse(json).items).toHaveLength(count);
      expect(parseXml(rss).rss.channel['fh:archive']).toBeDefined();
    }
  });

  it('records in the manifest every published item, newest first, and each feed', async () => {
    const manifest = JSON.parse(await read(dir, 'dist/.feedwright-manifest.json'));
    expect(manifest.nextDue).toBe('2099-01-01T05:00:00.000Z');
    expect(
      manifest.items.map((i: Record<string, string>) => [i.source, i.id, i.url, i.published]),
    ).toEqual(EXPECTED.map((e) => [e.file, e.id, e.url, e.published]));
    expect(manifest.items[0].updated).toBe(EXPECTED[0]?.modified);
    expect('updated' in manifest.items[1]).toBe(false);
    expect(Object.keys(manifest.feeds).sort()).toEqual([
      'authors/ada-lovelace/rss.xml',
      'categories/economie/rss.xml',
      'categories/economy/rss.xml',
      'categories/politics/rss.xml',
      'rss.xml',
    ]);
    expect(manifest.feeds['categories/politics/rss.xml']).toEqual({
      title: 'Test News — Politics',
      items: [EXPECTED[0]?.id, EXPECTED[2]?.id],
    });
  });

  it('RSS: well-formed, and every field read back exactly by feedsmith', async () => {
    const xml = await read(dir, 'dist/rss.xml');
    expectWellFormed(xml, 'rss');
    expect(parseWithFeedsmith(xml).format).toBe('rss');
    const feed = parseRssFeed(xml);
    expect(feed.title).toBe('Test News');
    expect(feed.atom?.links?.[0]).toMatchObject({
      href: 'https://news.example.com/rss.xml',
      rel: 'self',
    });
    expect(feed.items).toHaveLength(EXPECTED.length);
    EXPECTED.forEach((want, i) => {
      const item = feed.items?.[i];
      expect(item?.title).toBe(want.title);
      expect(item?.link).toBe(want.url);
      expect(item?.guid?.value).toBe(want.id);
      expect(new Date(item?.pubDate ?? '').toISOString()).toBe(want.published);
      expect(item?.categories?.map((c) => c.name)).toEqual(want.categories);
      expect(decodeHtmlText(item?.description ?? '')).toBe(want.summary);
      expect(item?.content?.encoded).toContain(want.contentIncludes);
    });
    expect(feed.items?.[0]?.dc?.creators).toEqual(['Ada <Lovelace>']);
    expect(feed.items?.[0]?.authors).toBeUndefined();
  });

  it('RSS: guid isPermaLink is true only when the id is the URL', async () => {
    const rss = parseXml(await read(dir, 'dist/rss.xml'));
    const guids = rss.rss.channel.item.map(
      (item: { guid: Record<string, string> }) => item.guid['@isPermaLink'],
    );
    expect(guids).toEqual(['true', 'false', 'true']);
  });

  it('RSS: channel dates come from the newest item, never the clock', async () => {
    const rss = parseXml(await read(dir, 'dist/rss.xml'));
    expect(rss.rss.channel.lastBuildDate).toBe('Tue, 24 Nov 2026 20:30:00 GMT');
  });

  it('Atom: well-formed, and every field read back exactly by feedsmith', async () => {
    const xml = await read(dir, 'dist/atom.xml');
    expectWellFormed(xml, 'feed');
    expect(parseWithFeedsmith(xml).format).toBe('atom');
    const feed = parseAtomFeed(xml);
    expect(feed.updated).toBe('2026-11-24T20:30:00.000Z');
    EXPECTED.forEach((want, i) => {
      const entry = feed.entries?.[i];
      expect(entry?.title).toEqual({ value: want.title, type: 'text' });
      expect(entry?.id).toBe(want.id);
      expect(entry?.links?.[0]?.href).toBe(want.url);
      expect(entry?.published).toBe(want.published);
      expect(entry?.updated).toBe(want.modified);
      expect(entry?.summary).toEqual({ value: want.summary, type: 'text' });
      expect(entry?.categories?.map((c) => [c.term, c.label])).toEqual(
        want.categories.map((c) => [c, c]),
      );
      expect(entry?.content?.type).toBe('html');
      expect(entry?.content?.value).toContain(want.contentIncludes);
    });
    expect(feed.entries?.[0]?.authors).toEqual([
      { name: 'Ada <Lovelace>', email: 'ada@example.com' },
    ]);
    expect(feed.entries?.[1]?.authors).toEqual([{ name: 'Desk', email: 'desk@example.com' }]);
  });

  it('RSS and Atom read the same through @rowanmanning/feed-parser', async () => {
    for (const file of ['dist/rss.xml', 'dist/atom.xml']) {
      const feed = parseWithRowanmanning(await read(dir, file));
      EXPECTED.forEach((want, i) => {
        const item = feed.items[i];
        expect(item?.title).toBe(want.title);
        expect(item?.url).toBe(want.url);
        expect(item?.id).toBe(want.id);
        expect(item?.published?.toISOString()).toBe(want.published);
        expect(item?.categories.map((c) => c.label)).toEqual(want.categories);
        expect(decodeHtmlText(item?.description ?? '')).toBe(want.summary);
      });
    }
  });

  it('JSON Feed 1.1: required members, and every field exact', async () => {
    const text = await read(dir, 'dist/feed.json');
    expectValidJsonFeed(text);
    const feed = JSON.parse(text);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe('https://news.example.com/feed.json');
    expect(feed.author).toBeUndefined();
    EXPECTED.forEach((want, i) => {
      const item = feed.items[i];
      expect(item.id).toBe(want.id);
      expect(item.url).toBe(want.url);
      expect(item.title).toBe(want.title);
      expect(item.date_published).toBe(want.published);
      expect(item.date_modified).toBe(want.modified);
      expect(item.tags).toEqual(want.categories);
      expect(item.summary).toBe(want.summary);
      expect(item.content_html).toContain(want.contentIncludes);
    });
    const viaFeedsmith = parseWithFeedsmith(text);
    expect(viaFeedsmith.format).toBe('json');
  });

  it('uses one id string in RSS guid, Atom id and JSON id', async () => {
    const rss = parseRssFeed(await read(dir, 'dist/rss.xml'));
    const atom = parseAtomFeed(await read(dir, 'dist/atom.xml'));
    const json = parseJsonFeed(await read(dir, 'dist/feed.json'));
    const ids = [
      rss.items?.map((i) => i.guid?.value),
      atom.entries?.map((e) => e.id),
      json.items?.map((i) => i.id),
    ];
    expect(ids[0]).toEqual(ids[1]);
    expect(ids[1]).toEqual(ids[2]);
  });

  it('makes relative URLs absolute: against the post URL, and "/" against the site root', async () => {
    const json = JSON.parse(await read(dir, 'dist/feed.json'));
    expect(json.items[0].content_html).toContain(
      'src="https://news.example.com/posts/newest/img/photo.jpg"',
    );
    expect(json.items[0].content_html).toContain('href="https://news.example.com/"');
  });

  it('per-category feeds group names case-insensitively and hold only their posts', async () => {
    const politics = JSON.parse(await read(dir, 'dist/categories/politics/feed.json'));
    expect(politics.title).toBe('Test News — Politics');
    expect(politics.feed_url).toBe('https://news.example.com/categories/politics/feed.json');
    expect(politics.items.map((i: { title: string }) => i.title)).toEqual([
      EXPECTED[0]?.title,
      EXPECTED[2]?.title,
    ]);
    const atom = parseAtomFeed(await read(dir, 'dist/categories/economie/atom.xml'));
    expect(atom.entries?.map((e) => e.title?.value)).toEqual([EXPECTED[0]?.title]);
  });

  it('a second build gives byte-identical files and rewrites none of them', async () => {
    const before = await hashTree(path.join(dir, 'dist'));
    const run = runCli(dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('0 written, 41 unchanged');
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(before);
  });

  it('gives the same bytes in any TZ', async () => {
    const utc = runCli(dir, ['build', '--out', 'dist-utc'], { TZ: 'UTC' });
    const kolkata = runCli(dir, ['build', '--out', 'dist-kolkata'], { TZ: 'Asia/Kolkata' });
    expect(utc.status).toBe(0);
    expect(kolkata.status).toBe(0);
    expect(await hashTree(path.join(dir, 'dist-kolkata'))).toEqual(
      await hashTree(path.join(dir, 'dist-utc')),
    );
  });
});

describe('feedwright build (end to end): more posts than limit, aliases, a scheduled post', () => {
  let dir: string;
  let run: ReturnType<typeof runCli>;
  const SITE = 'https://news.example.com/';
  /** Post `n`, dated March `n`, in Tech; p2 used to live at /2019/second/. */
  const post = (n: number) =>
    postText({
      title: `Post ${n}`,
      date: `2026-03-0${n}`,
      categories: ['Tech'],
      ...(n === 2 ? { aliases: ['/2019/second/'] } : {}),
    });

  beforeAll(async () => {
    dir = await makeSite(
      {
        ...Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`p${n}.md`, post(n)])),
        'later.md': postText({ title: 'Later', date: '2099-01-01' }),
      },
      makeConfig({ limit: 2, archiveSize: 3 }),
    );
    run = runCli(dir, ['build', '--verbose']);
  });

  it('says when the next scheduled post is due, with --verbose', () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      /\nfeedwright: next scheduled post due at 2099-01-01T05:00:00\.000Z\n$/,
    );
  });

  it('writes a page per post, listing pages, archives of archiveSize and the redirect', async () => {
    const feedFiles = (folder: string) =>
      ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `${folder}${f}`);
    const expected = [
      '.feedwright-manifest.json',
      ...['', 'categories/tech/'].flatMap((feed) => [
        ...feedFiles(feed),
        ...feedFiles(`${feed}archive/1/`),
        ...feedFiles(`${feed}archive/2/`),
        `${feed}index.html`,
        `${feed}page/2/index.html`,
        `${feed}page/3/index.html`,
      ]),
      ...[1, 2, 3, 4, 5].map((n) => `posts/p${n}/index.html`),
      '2019/second/index.html',
      'feeds.opml',
      'sitemap.xml',
      'sitemap-news.xml',
      'robots.txt',
    ].sort();
    expect(Object.keys(await hashTree(path.join(dir, 'dist'))).sort()).toEqual(expected);
    // Every file but the manifest.
    expect(run.stdout).toMatch(/ \(34 files: 34 written, 0 unchanged\) /);
    const titles = async (file: string) =>
      (parseRssFeed(await read(dir, `dist/${file}`)).items ?? []).map((i) => i.title);
    expect(await titles('rss.xml')).toEqual(['Post 5', 'Post 4']);
    expect(await titles('archive/1/rss.xml')).toEqual(['Post 3', 'Post 2', 'Post 1']);
    expect(await titles('archive/2/rss.xml')).toEqual(['Post 5', 'Post 4']);
    const page2 = await read(dir, 'dist/page/2/index.html');
    expect(page2).toContain('Older stories, page 2 of 3');
    expect(page2).toContain('>Post 3</a>');
    expect(page2).toContain('>Post 2</a>');
    expect(page2).not.toContain('>Post 4</a>');
  });

  it('sends the old address to the post, and lists it with the item in the manifest', async () => {
    const redirect = await read(dir, 'dist/2019/second/index.html');
    expect(redirect).toContain(`<link rel="canonical" href="${SITE}posts/p2/">`);
    expect(redirect).toContain(`<meta http-equiv="refresh" content="0; url=${SITE}posts/p2/">`);
    const manifest = JSON.parse(await read(dir, 'dist/.feedwright-manifest.json'));
    expect(manifest.items.map((i: { source: string }) => i.source)).toEqual([
      'p5.md',
      'p4.md',
      'p3.md',
      'p2.md',
      'p1.md',
    ]);
    expect(manifest.items[3].aliases).toEqual(['/2019/second/']);
    expect(manifest.items.filter((i: { aliases?: string[] }) => i.aliases)).toHaveLength(1);
    expect(manifest.feeds['rss.xml'].items).toEqual([`${SITE}posts/p5/`, `${SITE}posts/p4/`]);
  });

  it("refuses an alias that is the post's own address", async () => {
    const bad = await makeSite({
      'a.md': postText({ title: 'A', date: '2026-03-01', aliases: ['/posts/a/'] }),
    });
    const failed = runCli(bad);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(
      /^posts\/a\.md:5:3 {2}aliases {2}an alias is the post's own address \(https:\/\/news\.example\.com\/posts\/a\/\) — list only addresses the post had before\n/,
    );
  });
});

describe('build through a pipe read slowly', () => {
  it('prints every warning, in order, waiting for stderr to take them, and ends when all are taken', async () => {
    // 400 posts whose images are missing: ~650 KB of warnings, more than a pipe or a socket pair
    // holds (64 KB, ~200 KB).
    const posts: Record<string, string> = {};
    for (let i = 0; i < 400; i++)
      posts[`p${String(i).padStart(3, '0')}.md`] = postText({
        title: `Story ${i}`,
        date: '2026-11-20 09:00',
        image: `/images/missing-${i}-${'x'.repeat(700)}.jpg`,
      });
    const dir = await makeSite(posts);
    // stderr is a pipe to a reader that takes nothing for a while, then all of it.
    const reader = spawn('sh', ['-c', 'sleep 1.5; cat'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const child = spawn(process.execPath, [CLI, 'build'], {
      cwd: dir,
      env: { ...process.env, GITHUB_ACTIONS: '' },
      stdio: ['ignore', 'pipe', reader.stdin],
    });
    reader.stdin.destroy(); // the CLI holds the pipe's only writing end now
    child.stdout.resume();
    let stderr = '';
    reader.stdout.setEncoding('utf8');
    reader.stdout.on('data', (chunk: string) => {
      stderr += chunk;
    });
    const started = Date.now();
    const [status] = await Promise.all([
      new Promise((resolve) => child.on('close', resolve)),
      new Promise((resolve) => reader.on('close', resolve)),
    ]);
    expect(status).toBe(0);
    // It could not end before the reader took what it wrote.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    const warned = stderr.split('\n').filter((line) => line.startsWith('warning: '));
    expect(warned).toHaveLength(400);
    expect(warned.map((line) => /missing-(\d+)-/.exec(line)?.[1])).toEqual(
      Object.keys(posts).map((_, i) => `${i}`),
    );
  });
});
