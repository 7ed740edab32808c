import type { FeedDocument, FeedItem } from '../../model.js';
import { isSafePagePath } from '../../urls.js';
import { feedDir } from './links.js';

/** One page the site will have, at its output path. */
export type PagePlan =
  | { kind: 'landing'; path: string }
  | { kind: 'category'; path: string; feed: FeedDocument }
  | { kind: 'item'; path: string; item: FeedItem };

/**
 * The landing page, a page per category and one per story the site hosts (each once, however
 * many feeds it is in). A page that would clash with a feed file or another page, or sit on a
 * path that is not safe, is left out.
 */
export function planPages(siteFeed: FeedDocument, categories: readonly FeedDocument[]): PagePlan[] {
  const feeds = [siteFeed, ...categories];
  const taken = new PathSet();
  for (const doc of feeds) {
    for (const path of [doc.paths.rss, doc.paths.atom, doc.paths.json]) taken.add(path);
  }
  const pages: PagePlan[] = [];
  const claim = (page: PagePlan) => {
    if (!taken.fits(page.path)) return;
    taken.add(page.path);
    pages.push(page);
  };
  claim({ kind: 'landing', path: 'index.html' });
  for (const feed of categories) {
    const path = `${feedDir(feed)}index.html`;
    if (isSafePagePath(path)) claim({ kind: 'category', path, feed });
  }
  const seen = new Set<string>();
  for (const doc of feeds) {
    for (const item of doc.items) {
      if (seen.has(item.url)) continue;
      seen.add(item.url);
      if (item.pagePath) claim({ kind: 'item', path: item.pagePath, item });
    }
  }
  return pages;
}

/** Output paths already used, and the folders they imply, so no page clashes with a file. */
export class PathSet {
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>();

  add(path: string): void {
    this.files.add(path);
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) this.dirs.add(parts.slice(0, i).join('/'));
  }

  /** True when `path` is neither taken, nor a folder of a taken file, nor inside a taken file. */
  fits(path: string): boolean {
    if (this.files.has(path) || this.dirs.has(path)) return false;
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      if (this.files.has(parts.slice(0, i).join('/'))) return false;
    }
    return true;
  }
}
