import { describe, expect, it } from 'vitest';
import {
  MAX_NEWS_URLS,
  newsItems,
  renderNewsSitemap,
  renderRobots,
  renderSitemaps,
  sitemapEntries,
  sitemapPaths,
} from '../../../../src/render/site-files/sitemaps.js';
import { expectWellFormedAs, parseXml, textOf } from '../../../helpers/feeds.js';
import { makePost, siteConfig, siteOf } from '../../../helpers/model.js';

const config = siteConfig({ limit: 2, language: 'fr-CA' });
const day = (n: number) => new Date(Date.UTC(2026, 10, 20) - n * 43_200_000); // n half-days back
const posts = Array.from({ length: 6 }, (_, i) =>
  makePost(
    { slug: `s${i}`, title: `Story ${i} & co`, date: day(i), categories: ['Politics'] },
    config,
  ),
);
const gone = makePost({ slug: 'gone', date: day(1), expires: day(0) }, config);
const site = siteOf(posts, config, [gone]);

/** The `<url>` entries of a urlset, read back. */
function urls(xml: string): Record<string, unknown>[] {
  const set = parseXml(xml).urlset;
  return [set.url].flat().filter(Boolean);
}

describe('sitemapEntries and renderSitemaps', () => {
  it('lists every listing page and story page, dated, and no redirect or withdrawn page', () => {
    const entries = sitemapEntries(site);
    const listed = entries.map((e) => e.url);
    expect(listed).toContain('https://news.example.com/');
    expect(listed).toContain('https://news.example.com/page/3/');
    expect(listed).toContain('https://news.example.com/categories/politics/page/2/');
    for (const post of posts) expect(listed).toContain(post.url);
    expect(listed).not.toContain(gone.url);
    const story = entries.find((e) => e.url === posts[3]?.url);
    expect(story?.lastmod).toEqual(day(3));
    // A listing page is as new as its newest story.
    expect(entries.find((e) => e.url === 'https://news.example.com/page/2/')?.lastmod).toEqual(
      day(2),
    );
  });

  it('writes one urlset with every entry, as the sitemaps.org schema has it', () => {
    const [file, ...more] = renderSitemaps(site);
    expect(more).toEqual([]);
    expect(file?.path).toBe('sitemap.xml');
    expectWellFormedAs(file?.content ?? '', 'urlset');
    expect(parseXml(file?.content ?? '').urlset['@xmlns']).toBe(
      'http://www.sitemaps.org/schemas/sitemap/0.9',
    );
    const read = urls(file?.content ?? '');
    expect(read.map((u) => textOf(u.loc))).toEqual(sitemapEntries(site).map((e) => e.url));
    expect(read.every((u) => Object.keys(u).every((k) => ['loc', 'lastmod'].includes(k)))).toBe(
      true,
    );
  });

  it('splits past the limit into parts under a sitemap index, each part dated by its newest page', () => {
    const entries = sitemapEntries(site);
    const files = renderSitemaps(site, entries, 4);
    const parts = Math.ceil(entries.length / 4);
    expect(files.map((f) => f.path)).toEqual([
      'sitemap.xml',
      ...Array.from({ length: parts }, (_, i) => `sitemap-${i + 1}.xml`),
    ]);
    expectWellFormedAs(files[0]?.content ?? '', 'sitemapindex');
    const index = [parseXml(files[0]?.content ?? '').sitemapindex.sitemap].flat();
    expect(index.map((s) => textOf(s.loc))).toEqual(
      files.slice(1).map((f) => `https://news.example.com/${f.path}`),
    );
    expect(
      files
        .slice(1)
        .flatMap((f) => urls(f.content))
        .map((u) => textOf(u.loc)),
    ).toEqual(entries.map((e) => e.url));
    // Each part given in its lines, a page a line: never joined unless its content is read.
    for (const file of files.slice(1)) {
      expect(file.parts?.length).toBe(urls(file.content).length + 2);
      expect((file.parts ?? []).join('')).toBe(file.content);
    }
  });
});

describe('renderNewsSitemap', () => {
  it('lists the stories within two days of the newest, with the news elements Google requires', () => {
    const xml = renderNewsSitemap(site);
    expectWellFormedAs(xml, 'urlset');
    const read = urls(xml);
    // Half-days 0 to 3 are within two days of the newest (half-day 0); 4 is exactly two days.
    expect(read.map((u) => textOf(u.loc))).toEqual(posts.slice(0, 4).map((p) => p.url));
    const news = read[0]?.['news:news'] as Record<string, Record<string, unknown>>;
    expect(news['news:publication']).toMatchObject({
      'news:name': config.title,
      'news:language': 'fr',
    });
    expect(news['news:publication_date']).toBe(day(0).toISOString());
    expect(news['news:title']).toBe('Story 0 & co');
  });

  it('lists at most 1,000 stories, and none for a site with no story of its own', () => {
    const many = Array.from({ length: MAX_NEWS_URLS + 5 }, (_, i) =>
      makePost({ slug: `m${i}`, date: new Date(Date.UTC(2026, 0, 1) - i * 60_000) }, config),
    );
    expect(newsItems(siteOf(many, config))).toHaveLength(MAX_NEWS_URLS);
    expect(urls(renderNewsSitemap(siteOf([], config)))).toEqual([]);
  });
});

describe('renderRobots', () => {
  it('allows everything and points at both sitemaps', () => {
    expect(renderRobots(site)).toBe(
      'User-agent: *\nAllow: /\n\nSitemap: https://news.example.com/sitemap.xml\nSitemap: https://news.example.com/sitemap-news.xml\n',
    );
  });
});

describe('sitemapPaths', () => {
  it('is sitemap.xml alone up to the limit, then the index and one part per limit’s worth', () => {
    expect(sitemapPaths(50_000)).toEqual(['sitemap.xml']);
    expect(sitemapPaths(50_001)).toEqual(['sitemap.xml', 'sitemap-1.xml', 'sitemap-2.xml']);
    expect(sitemapPaths(9, 4)).toEqual([
      'sitemap.xml',
      'sitemap-1.xml',
      'sitemap-2.xml',
      'sitemap-3.xml',
    ]);
  });
});

describe('sitemaps of a site in several languages', () => {
  const bilingual = siteConfig({ language: undefined, languages: ['en-CA', 'fr-CA'] });
  const two = siteOf(
    [
      makePost({ slug: 'f', language: 'fr-CA', translationKey: 'k' }, bilingual),
      makePost({ slug: 'e', language: 'en-CA', translationKey: 'k' }, bilingual),
      makePost({ slug: 'solo', language: 'en-CA' }, bilingual),
    ],
    bilingual,
  );

  it('lists each language version of a story with xhtml:link hreflang, only where it has some', () => {
    const [sitemap] = renderSitemaps(two);
    const text = sitemap?.content ?? '';
    expectWellFormedAs(text, 'urlset');
    expect(text).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    const byUrl = Object.fromEntries(
      [parseXml(text).urlset.url].flat().map((u: Record<string, unknown>) => [textOf(u.loc), u]),
    );
    const links = (url: string) =>
      ([byUrl[url]?.['xhtml:link'] ?? []].flat() as Record<string, string>[]).map((l) => [
        l['@hreflang'],
        l['@href'],
      ]);
    const both = [
      ['en-CA', 'https://news.example.com/posts/e/'],
      ['fr-CA', 'https://news.example.com/fr/posts/f/'],
    ];
    expect(links('https://news.example.com/posts/e/')).toEqual(both);
    expect(links('https://news.example.com/fr/posts/f/')).toEqual(both);
    expect(links('https://news.example.com/posts/solo/')).toEqual([]);
  });

  it('has no XHTML namespace on a site without translations (its bytes stay as they were)', () => {
    expect(renderSitemaps(site)[0]?.content).not.toContain('xhtml');
  });

  it('names each story’s own language in the news sitemap', () => {
    const urls = [parseXml(renderNewsSitemap(two)).urlset.url].flat();
    const languageOf = (u: { 'news:news': { 'news:publication': { 'news:language': string } } }) =>
      u['news:news']['news:publication']['news:language'];
    expect(urls.map((u) => [textOf(u.loc), languageOf(u)])).toEqual([
      ['https://news.example.com/fr/posts/f/', 'fr'],
      ['https://news.example.com/posts/e/', 'en'],
      ['https://news.example.com/posts/solo/', 'en'],
    ]);
  });
});
