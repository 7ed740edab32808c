/**
 * Values that would put script in every feed, break every URL, take a page feedwright writes, or
 * need a file name no file system takes: each is a clear error (or a warning) from the real CLI,
 * and a long name is cut so the site still builds.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from '../helpers/feeds.js';
import { type CliRun, makeConfig, postText, read, runCli, siteMaker } from '../helpers/site.js';

const makeSite = siteMaker();

/** Every file and folder name under `dir`, relative paths included. */
async function everyPath(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map((entry) => entry.split(path.sep).join('/'));
}

/** The diagnostic line that starts with `where` (a file, or `file:line`). */
function lineFor(stderr: string, where: string, field: string): string {
  const line = stderr.split('\n').find((l) => l.startsWith(where) && l.includes(`  ${field}  `));
  if (!line) throw new Error(`no diagnostic for ${where} ${field} in:\n${stderr}`);
  return line;
}

describe('a config with unsafe URLs fails with every problem named, and no stack trace', () => {
  let run: CliRun;

  beforeAll(async () => {
    const config = makeConfig({
      url: 'https://news.example.com/site?utm=1',
      icon: 'javascript:alert(document.cookie)',
      logo: 'http://',
      hubs: ['data:text/plain,hub', 'https://ada:token@hub.example/'],
      permalink: '/categories/:slug/',
    });
    const dir = await makeSite({ 'a.md': postText({ title: 'A', date: '2026-05-01' }) }, config);
    run = runCli(dir);
  });

  it('exits 1, writes nothing, and prints no stack', () => {
    expect(run.status).toBe(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).toMatch(/build failed: 6 errors; nothing was written/);
  });

  it('refuses a url with a query, instead of doubling every slash', () => {
    expect(lineFor(run.stderr, 'feedwright.config.json:', 'url')).toMatch(
      /url must not have a query or fragment — use the site root/,
    );
  });

  it('refuses a javascript: icon and a malformed logo, each at its key', () => {
    expect(lineFor(run.stderr, 'feedwright.config.json:', 'icon')).toMatch(
      /icon "javascript:alert\(document\.cookie\)" is a javascript: URL; it must be an http\(s\) URL or a site path — use a site path such as "\/icon\.png"/,
    );
    expect(lineFor(run.stderr, 'feedwright.config.json:', 'logo')).toMatch(
      /logo "http:\/\/" is not a valid URL — use a site path such as "\/logo\.png"/,
    );
  });

  it('refuses a data: hub and a hub with a password', () => {
    expect(lineFor(run.stderr, 'feedwright.config.json:', 'hubs[0]')).toMatch(
      /hubs\[0\] "data:text\/plain,hub" is not an absolute http\(s\) URL/,
    );
    expect(lineFor(run.stderr, 'feedwright.config.json:', 'hubs[1]')).toMatch(
      /hubs\[1\] holds a user name or password, which every feed would show/,
    );
  });

  it('refuses a permalink that puts posts among the category pages', () => {
    expect(lineFor(run.stderr, 'feedwright.config.json:', 'permalink')).toMatch(
      /permalink puts posts where feedwright writes the category pages and feeds \("\/categories\/a-post\/" is categories\/a-post\/index\.html\) — use e\.g\. "\/posts\/:slug\/"/,
    );
  });
});

describe('posts with unsafe values fail, each named by file, line and field', () => {
  let run: CliRun;
  let dir: string;

  beforeAll(async () => {
    dir = await makeSite(
      {
        'good.md': postText({ title: 'Good', date: '2026-05-01' }),
        'script-id.md': postText({ title: 'X', date: '2026-05-01', id: 'javascript:alert(1)' }),
        'data-id.md': postText({ title: 'Y', date: '2026-05-01', id: 'data:text/html,<b>x</b>' }),
        'old-listing.md': postText({ title: 'Z', date: '2026-05-01', aliases: ['/page/2/'] }),
        'categories.md': postText({ title: 'Categories', date: '2026-05-01' }),
        'home.md': postText({
          title: 'Home',
          date: '2026-05-01',
          link: 'https://news.example.com/index.html',
        }),
        'typo-year.md': postText({ title: 'Typo', date: '0206-05-01' }),
      },
      makeConfig({ permalink: '/:slug/' }),
    );
    run = runCli(dir);
  });

  it('exits 1 and writes nothing', async () => {
    expect(run.status).toBe(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(dir)).not.toContain('dist');
  });

  it('refuses javascript: and data: ids at their line', () => {
    expect(lineFor(run.stderr, 'posts/script-id.md:4:', 'id')).toMatch(
      /id "javascript:alert\(1\)" is a javascript: URI; ids must be http\(s\) URLs or tag: or urn: URIs .+ — use a URL or a tag URI such as "tag:example\.com,2026:my-post", and never change it/,
    );
    expect(lineFor(run.stderr, 'posts/data-id.md:4:', 'id')).toMatch(/is a data: URI/);
  });

  it('refuses an old address that is a listing page', () => {
    expect(lineFor(run.stderr, 'posts/old-listing.md:', 'aliases[0]')).toMatch(
      /aliases\[0\] "\/page\/2\/" is where feedwright writes a listing page \(page\/2\/index\.html\)/,
    );
  });

  it('refuses a post whose file name puts it on the category index', () => {
    expect(lineFor(run.stderr, 'posts/categories.md', 'file name')).toBe(
      'posts/categories.md  file name  the post\'s address https://news.example.com/categories/ is where feedwright writes the category pages and feeds (categories/index.html) — set another slug: in the front matter, or keep posts in a folder of their own with "permalink": "/posts/:slug/" in the config',
    );
  });

  it('refuses a link that is the landing page', () => {
    expect(lineFor(run.stderr, 'posts/home.md:', 'link')).toMatch(
      /the post's address https:\/\/news\.example\.com\/index\.html is where feedwright writes the landing page \(index\.html\) — link to the article’s own address/,
    );
  });

  it('refuses a date before the year 1000', () => {
    expect(lineFor(run.stderr, 'posts/typo-year.md:3:', 'date')).toMatch(
      /"0206-05-01" is outside the years 1000 to 9999 \(UTC\) feeds can carry/,
    );
  });
});

describe('a site with long names, relative images, pinned ids and case twins builds', () => {
  const longCategory = `${'Politique économique '.repeat(15)}fin`; // 303 characters
  const otherLong = `${'Politique économique '.repeat(15)}suite`;
  // 680 characters, most of them 3 or 4 bytes, that transliterate to a 323-character slug.
  const cjk = `${'北京新闻 Beijing 😀 '.repeat(40)}end`;
  const cyrillicFile = `${'щ'.repeat(126)}.md`; // a 255-byte file name, a 378-character slug
  const fits = 'a'.repeat(255);
  let run: CliRun;
  let dir: string;

  beforeAll(async () => {
    dir = await makeSite(
      {
        'tag.md': postText({
          title: 'Tagged',
          date: '2026-05-01',
          id: 'tag:news.example.com,2026:tagged',
          categories: [longCategory, otherLong],
        }),
        'urn.md': postText({
          title: 'Urned',
          date: '2026-05-02',
          id: 'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66',
          slug: cjk,
          categories: [cjk],
        }),
        'fits.md': postText({ title: 'Fits', date: '2026-05-03', slug: fits }),
        'long.md': postText({ title: 'Long', date: '2026-05-04', slug: 'b'.repeat(300) }),
        [cyrillicFile]: postText({ title: 'Cyrillic', date: '2026-05-05' }),
      },
      makeConfig({ url: 'https://u.github.io/repo', icon: 'icon.png', logo: '/img/logo.png' }),
    );
    await mkdir(path.join(dir, 'public/img'), { recursive: true });
    await writeFile(path.join(dir, 'public/img/Logo.png'), 'one');
    await writeFile(path.join(dir, 'public/img/logo.png'), 'two');
    run = runCli(dir);
  });

  it('builds, warning of the public files that differ only in case and of the cut slug', () => {
    expect(run.status).toBe(0);
    const warnings = run.stderr.trim().split('\n');
    expect(warnings).toContain(
      'warning: public/img/logo.png  this file and public/img/Logo.png differ only in letter case: on a case-insensitive file system (macOS, Windows) one replaces the other — rename one of them, and the links to it',
    );
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /^warning: posts\/long\.md:4:7 {2}slug {2}slug has 300 characters, more than the 255 bytes a file or folder name may have; it is cut to 255, ending in -[0-9a-f]{8} — shorten it/,
      ),
    );
    // The CJK slug is not URL-safe: the usual warning, no more.
    expect(warnings.filter((w) => w.startsWith('warning: posts/urn.md'))).toHaveLength(1);
    expect(warnings).toHaveLength(3);
  });

  it('keeps every file and folder name within 255 bytes', async () => {
    const names = (await everyPath(path.join(dir, 'dist'))).flatMap((p) => p.split('/'));
    expect(Math.max(...names.map((n) => Buffer.byteLength(n)))).toBe(255);
  });

  it('keeps the URL of a slug that fits, and cuts a longer one with a hash', async () => {
    const rss = parseRssFeed(await read(dir, 'dist/rss.xml'));
    const links = Object.fromEntries(rss.items?.map((i) => [i.title, i.link]) ?? []);
    expect(links.Fits).toBe(`https://u.github.io/repo/posts/${fits}/`);
    expect(links.Long).toMatch(/^https:\/\/u\.github\.io\/repo\/posts\/b{246}-[0-9a-f]{8}\/$/);
    expect(links.Urned).toMatch(
      /^https:\/\/u\.github\.io\/repo\/posts\/(beijing-){30}beijin-[0-9a-f]{8}\/$/,
    );
    expect(links.Cyrillic).toMatch(
      /^https:\/\/u\.github\.io\/repo\/posts\/(sch){82}-[0-9a-f]{8}\/$/,
    );
  });

  it('gives two long categories that differ only at the end a folder each', async () => {
    const all = await readdir(path.join(dir, 'dist/categories'));
    const folders = all.filter((n) => n.startsWith('politique-economique'));
    expect(folders).toHaveLength(2);
    expect(all.filter((n) => n.startsWith('beijing-'))).toHaveLength(1);
    for (const folder of folders) {
      expect(Buffer.byteLength(folder)).toBe(255);
      expect(await everyPath(path.join(dir, 'dist/categories', folder))).toContain('rss.xml');
    }
  });

  it('carries the pinned tag: and urn: ids, and the icon and logo under the sub-path, in every feed', async () => {
    const atom = parseAtomFeed(await read(dir, 'dist/atom.xml'));
    const json = parseJsonFeed(JSON.parse(await read(dir, 'dist/feed.json')));
    const rss = parseRssFeed(await read(dir, 'dist/rss.xml'));
    const ids = [
      'tag:news.example.com,2026:tagged',
      'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66',
    ];
    for (const got of [
      atom.entries?.map((e) => e.id),
      json.items?.map((i) => i.id),
      rss.items?.map((i) => i.guid?.value),
    ]) {
      expect(got).toEqual(expect.arrayContaining(ids));
    }
    expect(atom.icon).toBe('https://u.github.io/repo/icon.png');
    expect(atom.logo).toBe('https://u.github.io/repo/img/logo.png');
    expect(json.favicon).toBe('https://u.github.io/repo/icon.png');
    expect(rss.image?.url).toBe('https://u.github.io/repo/img/logo.png');
  });

  it('adds the missing trailing slash to the site url, never a second one', async () => {
    const rss = await read(dir, 'dist/rss.xml');
    expect(rss).toContain('https://u.github.io/repo/rss.xml');
    expect(rss).not.toMatch(/https:\/\/u\.github\.io\/repo\/\//);
  });
});
