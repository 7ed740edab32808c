/**
 * Which categories each page lists, so that no page grows with the number of categories: the
 * navigation (and the landing page's Subscribe box) lists the most used few, and the categories
 * index lists every one, alphabetically, a bounded number per page.
 */
import type { FeedDocument, SiteDocument } from '../../model.js';
import { compareCodePoints, foldName } from '../../text.js';

/** Categories the navigation and the landing page's Subscribe box list: the most used. */
export const NAV_CATEGORIES = 10;

/** Categories per page of the categories index. */
export const INDEX_PAGE_SIZE = 250;

/** A category's feed and how many published posts it has. */
export interface CategoryEntry {
  feed: FeedDocument;
  count: number;
}

/** Every category, alphabetically, a page at a time: the categories index. */
export interface CategoryIndex {
  /** Every category, in index order. */
  entries: CategoryEntry[];
  /** `entries` cut into pages of `INDEX_PAGE_SIZE`; none for a site without categories. */
  pages: CategoryEntry[][];
}

/**
 * Every category of a language (the site's default one unless given) with its number of
 * published posts, alphabetically in that language
 * (numbers in names by value: "Week 9" before "Week 10"), then by code points, so the order is
 * the same on every machine with the same Node.js.
 */
export function categoryEntries(site: SiteDocument, language = site.language): CategoryEntry[] {
  const collator = collatorFor(language);
  const entries = site.listings.flatMap(({ feed, items }) =>
    feed.category && feed.language === language ? [{ feed, count: items.length }] : [],
  );
  const keyed = entries.map((entry) => {
    const name = entry.feed.category?.name ?? '';
    return { entry, name, folded: foldName(name), slug: entry.feed.category?.slug ?? '' };
  });
  keyed.sort(
    (a, b) =>
      collator.compare(a.name, b.name) ||
      compareCodePoints(a.folded, b.folded) ||
      compareCodePoints(a.slug, b.slug),
  );
  return keyed.map((k) => k.entry);
}

/**
 * The `max` most used categories (ties go to the first in index order), listed in index order:
 * what the navigation lists. The order does not follow the counts, so a new post changes the
 * navigation — and with it every page — only when it brings a category into the most used.
 * `entries` must be in index order.
 */
export function navEntries(
  entries: readonly CategoryEntry[],
  max: number = NAV_CATEGORIES,
): CategoryEntry[] {
  // Array.prototype.sort is stable: equal counts keep their alphabetical order.
  const chosen = new Set([...entries].sort((a, b) => b.count - a.count).slice(0, max));
  return entries.filter((entry) => chosen.has(entry));
}

/**
 * Whether the site has a categories index: when the navigation cannot list every category. (A
 * site with fewer lists them all in the navigation, and their feeds on the landing page.)
 */
export function hasIndex(entries: readonly CategoryEntry[]): boolean {
  return entries.length > NAV_CATEGORIES;
}

/** The categories index of `entries` (in index order). */
export function categoryIndex(
  entries: CategoryEntry[],
  size: number = INDEX_PAGE_SIZE,
): CategoryIndex {
  const pages: CategoryEntry[][] = [];
  for (let start = 0; start < entries.length; start += size) {
    pages.push(entries.slice(start, start + size));
  }
  return { entries, pages };
}

/**
 * The folder of the categories index's page `n`: `categories/`, then `categories/page/n/`,
 * inside a language's `folder` (`fr/categories/`).
 */
export function indexDir(page: number, folder = ''): string {
  return page === 1 ? `${folder}categories/` : `${folder}categories/page/${page}/`;
}

export function indexPath(page: number, folder = ''): string {
  return `${indexDir(page, folder)}index.html`;
}

function collatorFor(language: string): Intl.Collator {
  const options = { numeric: true, sensitivity: 'base' } as const;
  try {
    return new Intl.Collator(language, options);
  } catch {
    return new Intl.Collator('en', options);
  }
}
