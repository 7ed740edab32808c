/**
 * Sitemaps (sitemaps.org 0.9) for search engines, and a news sitemap (Google News) for the
 * newest stories: `sitemap.xml` lists every page a reader may land on, with when it last changed
 * — or, past 50,000 URLs, is the index of `sitemap-1.xml`, `sitemap-2.xml`, … — and
 * `sitemap-news.xml` the stories of the last two days.
 *
 * "The last two days" are counted back from the newest story, not from the clock: the same posts
 * give the same bytes (a scheduled build that finds nothing new deploys nothing, and aggregators
 * see no change), and Google ignores an entry older than two days rather than refusing the file.
 */
import type { FeedItem, OutputFile, SiteDocument, Translation } from '../../model.js';
import { escapeXml, fileOfParts } from '../../text.js';
import { listingDir, type PagePlan, pageItems, planPages } from '../pages/plan-pages.js';

export const SITEMAP_FILE = 'sitemap.xml';
export const NEWS_SITEMAP_FILE = 'sitemap-news.xml';
/** The most URLs one sitemap file may list (sitemaps.org). */
export const MAX_SITEMAP_URLS = 50_000;
/** Google News: stories of the last two days, at most 1,000. */
export const NEWS_WINDOW_MS = 2 * 86_400_000;
export const MAX_NEWS_URLS = 1_000;

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** A page as a sitemap lists it. */
export interface SitemapEntry {
  url: string;
  lastmod?: Date;
  /** Every language version of the page, this one too (`xhtml:link` with `hreflang`). */
  versions?: Translation[];
}

/**
 * Every page a reader may land on, in the pages' order: listings (each page dated by its newest
 * story), the categories index, and each story's page (by its `updated`). Redirects and the pages
 * of withdrawn stories are left out: they ask not to be indexed.
 */
export function sitemapEntries(
  site: SiteDocument,
  pages: readonly PagePlan[] = planPages(site),
): SitemapEntry[] {
  const newest = (items: readonly FeedItem[]) =>
    items.length === 0 ? undefined : new Date(Math.max(...items.map((i) => i.modified.getTime())));
  return pages.flatMap((page): SitemapEntry[] => {
    if (page.kind === 'item') {
      const { item } = page;
      const versions = item.translations ? { versions: item.translations } : {};
      return [{ url: item.url, lastmod: item.modified, ...versions }];
    }
    if (page.kind === 'listing') {
      const items = pageItems(page.listing, page.page, site.pageSize);
      const lastmod = newest(items);
      const url = new URL(listingDir(page.listing.feed, page.page), site.url).href;
      return [{ url, ...(lastmod ? { lastmod } : {}) }];
    }
    if (page.kind === 'categories') {
      return [{ url: new URL(page.path.replace(/index\.html$/, ''), site.url).href }];
    }
    return [];
  });
}

/** The sitemap files for `count` URLs: `sitemap.xml`, then past `max` the index's parts. */
export function sitemapPaths(count: number, max = MAX_SITEMAP_URLS): string[] {
  if (count <= max) return [SITEMAP_FILE];
  const parts = Math.ceil(count / max);
  return [SITEMAP_FILE, ...Array.from({ length: parts }, (_, i) => `sitemap-${i + 1}.xml`)];
}

/**
 * The sitemap files (see `sitemapPaths`): one `sitemap.xml`, or an index and its parts. Each is
 * given in its lines (see `OutputFile.parts`): a part of 50,000 pages is never joined into one
 * text, which the writer would check and encode and V8 keep to the end of the build.
 */
export function renderSitemaps(
  site: SiteDocument,
  entries: readonly SitemapEntry[] = sitemapEntries(site),
  max = MAX_SITEMAP_URLS,
): OutputFile[] {
  const [, ...partPaths] = sitemapPaths(entries.length, max);
  if (partPaths.length === 0) return [fileOfParts(SITEMAP_FILE, urlset(entries))];
  const parts = partPaths.map((path, i) => {
    const slice = entries.slice(i * max, (i + 1) * max);
    const dates = slice.flatMap((e) => (e.lastmod ? [e.lastmod.getTime()] : []));
    return {
      path,
      lines: urlset(slice),
      ...(dates.length > 0 ? { lastmod: new Date(Math.max(...dates)) } : {}),
    };
  });
  const index = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<sitemapindex xmlns="${SITEMAP_NS}">`,
    ...parts.map(
      (part) =>
        `  <sitemap><loc>${escapeXml(new URL(part.path, site.url).href)}</loc>${lastmodOf(part.lastmod)}</sitemap>`,
    ),
    '</sitemapindex>',
    '',
  ].join('\n');
  return [
    { path: SITEMAP_FILE, content: index },
    ...parts.map(({ path, lines }) => fileOfParts(path, lines)),
  ];
}

/** The stories a news sitemap lists: hosted here, within two days of the newest, at most 1,000. */
export function newsItems(site: SiteDocument): FeedItem[] {
  const hosted = site.items.filter((item) => item.pagePath !== undefined);
  const newest = Math.max(...hosted.map((item) => item.published.getTime()));
  return hosted
    .filter((item) => item.published.getTime() > newest - NEWS_WINDOW_MS)
    .slice(0, MAX_NEWS_URLS);
}

/** A language as Google News takes it: ISO 639 (only Chinese keeps its region: zh-cn, zh-tw). */
export function newsLanguage(tag: string): string {
  const lower = tag.toLowerCase();
  return lower.startsWith('zh-') ? lower : (lower.split('-')[0] ?? lower);
}

export function renderNewsSitemap(site: SiteDocument): string {
  const nameIn = (tag: string) => site.languages.find((l) => l.tag === tag)?.title ?? site.title;
  const urls = newsItems(site).map((item) =>
    [
      `  <url>`,
      `    <loc>${escapeXml(item.url)}</loc>`,
      '    <news:news>',
      '      <news:publication>',
      `        <news:name>${escapeXml(nameIn(item.language))}</news:name>`,
      `        <news:language>${escapeXml(newsLanguage(item.language))}</news:language>`,
      '      </news:publication>',
      `      <news:publication_date>${item.published.toISOString()}</news:publication_date>`,
      `      <news:title>${escapeXml(item.title)}</news:title>`,
      '    </news:news>',
      '  </url>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">`,
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}

/** `robots.txt`: everything may be crawled; here are the sitemaps. */
export function renderRobots(site: SiteDocument): string {
  const sitemap = (file: string) => `Sitemap: ${new URL(file, site.url).href}`;
  return [
    'User-agent: *',
    'Allow: /',
    '',
    sitemap(SITEMAP_FILE),
    sitemap(NEWS_SITEMAP_FILE),
    '',
  ].join('\n');
}

/** A `urlset` of `entries`, a line a part (each with its newline). */
function urlset(entries: readonly SitemapEntry[]): string[] {
  // The XHTML namespace only where a page has language versions: other sites keep their bytes.
  const xhtml = entries.some((entry) => entry.versions) ? ` xmlns:xhtml="${XHTML_NS}"` : '';
  return [
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NS}"${xhtml}>\n`,
    ...entries.map(
      (entry) =>
        `  <url><loc>${escapeXml(entry.url)}</loc>${lastmodOf(entry.lastmod)}${versionsOf(entry.versions)}</url>\n`,
    ),
    '</urlset>\n',
  ];
}

/** Google's `xhtml:link rel="alternate" hreflang` for each language version of a page. */
function versionsOf(versions: readonly Translation[] | undefined): string {
  return (versions ?? [])
    .map(
      (v) =>
        `<xhtml:link rel="alternate" hreflang="${escapeXml(v.language)}" href="${escapeXml(v.url)}"/>`,
    )
    .join('');
}

function lastmodOf(date: Date | undefined): string {
  return date ? `<lastmod>${date.toISOString()}</lastmod>` : '';
}
