import type { FeedDocument, FeedItem, Listing, Redirect, SiteDocument } from '../../model.js';
import { isSafePagePath } from '../../urls.js';
import { type CategoryIndex, categoryIndex, hasIndex, indexPath } from './category-lists.js';
import { type Context, feedDir, pageContext } from './links.js';

/** One page the site will have, at its output path. */
export type PagePlan =
  | { kind: 'listing'; path: string; listing: Listing; page: number; pages: number }
  | { kind: 'categories'; path: string; index: CategoryIndex; page: number; language: string }
  | { kind: 'item'; path: string; item: FeedItem }
  | { kind: 'withdrawn'; path: string; item: FeedItem }
  | { kind: 'redirect'; path: string; redirect: Redirect };

/**
 * Every page of the site: per language, the landing page and each category's page, each
 * paginated to its very first story (`page/2/`, `page/3/`, …), and the categories index
 * (`categories/`, paginated the same way) when the navigation cannot list every category; a page
 * per story the site hosts (each once, however many feeds it is in); and a redirect page at each
 * old address. A page that would clash with a feed file or an earlier page, or sit on a path that
 * is not safe, is left out. `contexts` are the pages' contexts per language, when already at hand.
 */
export function planPages(
  site: SiteDocument,
  contexts: readonly Context[] = languageContexts(site),
): PagePlan[] {
  const taken = new PathSet();
  for (const doc of [...site.feeds, ...site.archives]) {
    for (const path of [doc.paths.rss, doc.paths.atom, doc.paths.json]) taken.add(path);
  }
  const pages: PagePlan[] = [];
  const claim = (page: PagePlan) => {
    if (!isSafePagePath(page.path) || !taken.fits(page.path)) return;
    taken.add(page.path);
    pages.push(page);
  };
  for (const listing of site.listings) {
    const count = pageCount(listing, site.pageSize);
    for (let page = 1; page <= count; page++) {
      claim({
        kind: 'listing',
        path: listingPath(listing.feed, page),
        listing,
        page,
        pages: count,
      });
    }
  }
  for (const { entries, language } of contexts) {
    const index = categoryIndex(hasIndex(entries) ? entries : []);
    index.pages.forEach((_, i) => {
      const path = indexPath(i + 1, language.folder);
      claim({ kind: 'categories', path, index, page: i + 1, language: language.tag });
    });
  }
  const seen = new Set<string>();
  for (const item of site.items) {
    if (seen.has(item.url)) continue;
    seen.add(item.url);
    if (item.pagePath) claim({ kind: 'item', path: item.pagePath, item });
  }
  for (const item of site.withdrawn) {
    if (item.pagePath && !seen.has(item.url))
      claim({ kind: 'withdrawn', path: item.pagePath, item });
  }
  for (const redirect of site.redirects) claim({ kind: 'redirect', path: redirect.path, redirect });
  return pages;
}

/** The pages' context of every language that has feeds, the default first. */
export function languageContexts(site: SiteDocument): Context[] {
  return site.languages.flatMap((language) => pageContext(site, language) ?? []);
}

/** How many listing pages a listing has (one, even when it is empty). */
export function pageCount(listing: Listing, pageSize: number): number {
  return Math.max(1, Math.ceil(listing.items.length / pageSize));
}

/** The folder of a listing's page `n` (1 is the feed's own folder), `''` for the site root. */
export function listingDir(feed: FeedDocument, page: number): string {
  return page === 1 ? feedDir(feed) : `${feedDir(feed)}page/${page}/`;
}

export function listingPath(feed: FeedDocument, page: number): string {
  return `${listingDir(feed, page)}index.html`;
}

/** The stories on page `n` of a listing. */
export function pageItems(listing: Listing, page: number, pageSize: number): FeedItem[] {
  return listing.items.slice((page - 1) * pageSize, page * pageSize);
}

/** Output paths already used, and the folders they imply, so no page clashes with a file. */
export class PathSet {
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>();

  // Each folder above a path is the text before one of its slashes: cut, not split and joined
  // again (13,000 pages at 10,000 posts). Deepest first, up to the first one known: the folders
  // above a known one are known too (every one added brought those above it), so a story's page
  // beside others of its month adds one folder, not three.
  add(path: string): void {
    this.files.add(path);
    for (let i = path.lastIndexOf('/'); i !== -1; i = i > 0 ? path.lastIndexOf('/', i - 1) : -1) {
      const folder = path.slice(0, i);
      if (this.dirs.has(folder)) return;
      this.dirs.add(folder);
    }
  }

  /** True when `path` is neither taken, nor a folder of a taken file, nor inside a taken file. */
  fits(path: string): boolean {
    if (this.files.has(path) || this.dirs.has(path)) return false;
    for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1))
      if (this.files.has(path.slice(0, i))) return false;
    return true;
  }
}
