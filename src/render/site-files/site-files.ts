/**
 * The files that describe the site rather than show it: its feed list (OPML), its sitemaps and
 * `robots.txt`. Each is an output like a feed or a page: keyed by what it lists, rendered only
 * when its key changed.
 */
import { hashLines } from '../../hash.js';
import type { SiteDocument } from '../../model.js';
import { type PagePlan, planPages } from '../pages/plan-pages.js';
import { keyOf, type OutputPlan, withLazyKey } from '../pages/render-pages.js';
import { OPML_FILE, renderOpml } from './opml.js';
import {
  NEWS_SITEMAP_FILE,
  newsItems,
  renderNewsSitemap,
  renderRobots,
  renderSitemaps,
  type SitemapEntry,
  sitemapEntries,
  sitemapPaths,
} from './sitemaps.js';

export const ROBOTS_FILE = 'robots.txt';

/**
 * `feeds.opml`, the sitemaps and `robots.txt`; none for a site without feeds. `pages` are the
 * site's pages as `planPages` gives them, when at hand.
 */
export function siteFilePlans(
  site: SiteDocument,
  pages: readonly PagePlan[] = planPages(site),
): OutputPlan[] {
  if (site.feeds.length === 0) return [];
  const about = JSON.stringify([site.title, site.url, site.language]);
  const entries = sitemapEntries(site, pages);
  return [
    withLazyKey(
      {
        paths: [OPML_FILE],
        needs: [],
        render: () => [{ path: OPML_FILE, content: renderOpml(site) }],
      },
      () =>
        keyOf([
          about,
          ...site.feeds.map((doc) =>
            JSON.stringify([doc.title, doc.description, doc.urls.rss, doc.homeUrl, doc.updated]),
          ),
        ]),
    ),
    withLazyKey(
      {
        paths: sitemapPaths(entries.length),
        needs: [],
        render: () => renderSitemaps(site, entries),
      },
      () => hashLines(entries, sitemapKeyLine),
    ),
    withLazyKey(
      {
        paths: [NEWS_SITEMAP_FILE],
        needs: [],
        render: () => [{ path: NEWS_SITEMAP_FILE, content: renderNewsSitemap(site) }],
      },
      () =>
        keyOf([
          about,
          ...newsItems(site).map((i) => JSON.stringify([i.url, i.title, i.published])),
        ]),
    ),
    withLazyKey(
      {
        paths: [ROBOTS_FILE],
        needs: [],
        render: () => [{ path: ROBOTS_FILE, content: renderRobots(site) }],
      },
      () => keyOf([site.url]),
    ),
  ];
}

/**
 * All a sitemap shows of a page — its address, its date, its language versions — as a line of
 * JSON (which ends itself), for `hashLines`: a sitemap of 100,000 pages is hashed a run of lines
 * at a time, not from one JSON text of them all (~13 MB, kept by the collector to the build's end).
 */
function sitemapKeyLine(e: SitemapEntry): string {
  const versions = e.versions?.map((v) => [v.language, v.url]) ?? null;
  return `${JSON.stringify([e.url, e.lastmod?.getTime() ?? null, versions])}\n`;
}
