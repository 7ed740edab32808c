/**
 * The files that describe the site rather than show it: its feed list (OPML), its sitemaps and
 * `robots.txt`. Each is an output like a feed or a page: keyed by what it lists, rendered only
 * when its key changed.
 */
import { hashBytes } from '../../hash.js';
import type { SiteDocument } from '../../model.js';
import { keyOf, type OutputPlan, withLazyKey } from '../pages/render-pages.js';
import { OPML_FILE, renderOpml } from './opml.js';
import {
  MAX_SITEMAP_URLS,
  NEWS_SITEMAP_FILE,
  newsItems,
  renderNewsSitemap,
  renderRobots,
  renderSitemaps,
  SITEMAP_FILE,
  sitemapEntries,
} from './sitemaps.js';

export const ROBOTS_FILE = 'robots.txt';

/** `feeds.opml`, the sitemaps and `robots.txt`; none for a site without feeds. */
export function siteFilePlans(site: SiteDocument): OutputPlan[] {
  if (site.feeds.length === 0) return [];
  const about = JSON.stringify([site.title, site.url, site.language]);
  const entries = sitemapEntries(site);
  const parts = Math.ceil(entries.length / MAX_SITEMAP_URLS);
  const sitemapPaths =
    parts <= 1
      ? [SITEMAP_FILE]
      : [SITEMAP_FILE, ...Array.from({ length: parts }, (_, i) => `sitemap-${i + 1}.xml`)];
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
      { paths: sitemapPaths, needs: [], render: () => renderSitemaps(site, entries) },
      () => hashBytes(JSON.stringify(entries.map((e) => [e.url, e.lastmod?.getTime() ?? null]))),
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
      () => keyOf([about]),
    ),
  ];
}
