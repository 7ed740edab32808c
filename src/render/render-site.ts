import type { FeedDocument, KeptFile, OutputFile, SiteDocument } from '../model.js';
import { renderFeed } from './feeds/render-feeds.js';
import { renderSitePages } from './pages/render-pages.js';

/** What of the last output may be carried over unchanged, by digest (see `Incremental.reuse`). */
export interface SiteReuse {
  /** The digests of a feed's RSS, Atom and JSON files, when the feed is unchanged. */
  feed: (doc: FeedDocument) => string[] | undefined;
  /** The digest of a page, when its key is the one it had. */
  page: (path: string, key: string) => string | undefined;
}

export interface RenderedSite {
  /** Every feed in its three formats, then every page; carried-over ones by digest. */
  files: (OutputFile | KeptFile)[];
  /** Every page's key, for the next build's `reuse`. */
  pageKeys: Record<string, string>;
}

/** Every file the site is made of: the feeds, then the pages. */
export function renderSite(site: SiteDocument, reuse?: SiteReuse): RenderedSite {
  const feeds = site.feeds.flatMap<OutputFile | KeptFile>((doc) => {
    const kept = reuse?.feed(doc);
    if (!kept) return renderFeed(doc);
    return [doc.paths.rss, doc.paths.atom, doc.paths.json].map((path, i) => ({
      path,
      keep: kept[i] as string,
    }));
  });
  const pages = renderSitePages(site, reuse?.page);
  return { files: [...feeds, ...pages.files], pageKeys: pages.keys };
}
