/**
 * What describes the site (issue 12): the feed list (OPML 2.0), the sitemaps and robots.txt, end
 * to end through the real CLI, read back with parsers we did not write.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseOpml } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectWellFormedAs, parseXml, textOf } from '../helpers/feeds.js';
import { hashTree, makeConfig, postText, runCli, siteMaker } from '../helpers/site.js';

const SITE = 'https://news.example.com/';
const makeSite = siteMaker();

const posts = {
  'a.md': postText({
    title: 'Budget passes',
    date: '2026-11-20 09:00',
    categories: ['Politics'],
    tags: ['Ottawa'],
    author: 'Jane Doe',
    aliases: ['/2019/budget/'],
  }),
  'b.md': postText({ title: 'Rates held', date: '2026-11-17 09:00', categories: ['Economy'] }),
  'c.md': postText({ title: 'Old story', date: '2026-10-01 09:00', categories: ['Economy'] }),
  'gone.md': postText({ title: 'Gone', date: '2026-10-02 09:00', expires: '2026-10-03 09:00' }),
};

async function files(dir: string, sub = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, sub), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? files(dir, `${sub}${e.name}/`) : [`${sub}${e.name}`])),
  );
  return nested.flat();
}

describe('feed list, sitemaps and robots.txt (end to end, real CLI)', () => {
  let dir: string;
  const read = (file: string) => readFile(path.join(dir, 'dist', file), 'utf8');

  beforeAll(async () => {
    dir = await makeSite(posts, makeConfig({ language: 'en-CA' }));
    const run = runCli(dir);
    expect(run.status, run.stderr).toBe(0);
  });

  it('lists every subscription feed in feeds.opml, which parses as OPML 2.0', async () => {
    const text = await read('feeds.opml');
    expectWellFormedAs(text, 'opml');
    const opml = parseOpml(text);
    const outlines = (opml.body?.outlines ?? []).flatMap((o) => [o, ...(o.outlines ?? [])]);
    const listed = outlines.flatMap((o) => (o.xmlUrl ? [o.xmlUrl] : []));
    const manifest = JSON.parse(await read('.feedwright-manifest.json'));
    expect(listed.sort()).toEqual(
      Object.keys(manifest.feeds)
        .map((p) => `${SITE}${p}`)
        .sort(),
    );
    expect(await read('index.html')).toContain('href="feeds.opml"');
  });

  it('lists every page a reader may land on in sitemap.xml, and no redirect or withdrawn page', async () => {
    const text = await read('sitemap.xml');
    expectWellFormedAs(text, 'urlset');
    const listed = [parseXml(text).urlset.url].flat().map((u) => textOf(u.loc));
    const pages = (await files(path.join(dir, 'dist')))
      .filter((f) => f.endsWith('.html') && !f.startsWith('2019/') && !f.startsWith('posts/gone/'))
      .map((f) => `${SITE}${f.replace(/index\.html$/, '')}`);
    expect(listed.sort()).toEqual(pages.sort());
  });

  it('lists the stories of the two days before the newest in sitemap-news.xml', async () => {
    const text = await read('sitemap-news.xml');
    expectWellFormedAs(text, 'urlset');
    const urls = [parseXml(text).urlset.url].flat();
    expect(urls.map((u) => textOf(u.loc))).toEqual([`${SITE}posts/a/`]);
    expect(urls[0]['news:news']['news:publication']['news:language']).toBe('en');
  });

  it('names both sitemaps in robots.txt', async () => {
    expect(await read('robots.txt')).toContain(`Sitemap: ${SITE}sitemap-news.xml`);
  });

  it('writes the same bytes again when nothing changed', async () => {
    const before = await hashTree(path.join(dir, 'dist'));
    const again = runCli(dir);
    expect(again.stdout).toContain(' 0 written');
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(before);
  });
});

describe('a site’s own robots.txt', () => {
  it('is published instead of feedwright’s, with a note, and the build succeeds', async () => {
    const dir = await makeSite(posts);
    await mkdir(path.join(dir, 'public'), { recursive: true });
    await writeFile(path.join(dir, 'public/robots.txt'), 'User-agent: *\nDisallow: /drafts/\n');
    const run = runCli(dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('public/robots.txt');
    expect(await readFile(path.join(dir, 'dist/robots.txt'), 'utf8')).toBe(
      'User-agent: *\nDisallow: /drafts/\n',
    );
    const again = runCli(dir);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(' 0 written');
  });
});
