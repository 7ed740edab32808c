/** How pages link to each other: relative, so the site works under a sub-path. */
import type { FeedDocument, FeedItem, Language, SiteDocument } from '../../model.js';
import { httpUrl } from '../../urls.js';
import {
  type CategoryEntry,
  categoryEntries,
  NAV_CATEGORIES,
  navEntries,
} from './category-lists.js';

/** What every page knows of the site. */
export interface Context {
  site: SiteDocument;
  /** The language of the pages: their text, and the folder their listings are in. */
  language: Language;
  /** The site feed of every language, the default first (one for a site in one language). */
  homes: FeedDocument[];
  /** The site-wide feed of the pages' language. */
  siteFeed: FeedDocument;
  /** Every category's feed, in the site's order. */
  categories: FeedDocument[];
  /** Category slug → its folder, e.g. `categories/politics/`. */
  categoryDirs: Map<string, string>;
  /** Category slug → its feed. */
  categoryFeeds: Map<string, FeedDocument>;
  /** Every category with its number of posts, in the categories index's order. */
  entries: CategoryEntry[];
  /** The categories the navigation lists (the `NAV_CATEGORIES` most used, alphabetically). */
  nav: CategoryEntry[];
  /** Byline slug → its feed (and page). */
  authorFeeds: Map<string, FeedDocument>;
  /** Tag slug → its feed (and page), when tag feeds are on. */
  tagFeeds: Map<string, FeedDocument>;
}

/**
 * What every page in `language` (the default one unless given) knows of a site: that language's
 * feeds; undefined for a site without feeds.
 */
export function pageContext(
  site: SiteDocument,
  language: Language | undefined = site.languages[0],
): Context | undefined {
  if (!language) return undefined;
  const [siteFeed, ...rest] = site.feeds.filter((doc) => doc.language === language.tag);
  if (!siteFeed) return undefined;
  const homes = site.feeds.filter((doc) => !groupOf(doc));
  // Each kind of feed by its group's slug.
  const bySlug = (pick: (doc: FeedDocument) => { slug: string } | undefined) =>
    new Map(
      rest.flatMap((doc) => {
        const group = pick(doc);
        return group ? [[group.slug, doc] as const] : [];
      }),
    );
  const categoryFeeds = bySlug((doc) => doc.category);
  const categories = [...categoryFeeds.values()];
  const categoryDirs = new Map([...categoryFeeds].map(([slug, doc]) => [slug, feedDir(doc)]));
  const authorFeeds = bySlug((doc) => doc.writer);
  const tagFeeds = bySlug((doc) => doc.tag);
  const entries = categoryEntries(site, language.tag);
  const nav = navEntries(entries, NAV_CATEGORIES);
  return {
    // The site as this language's pages name it.
    site: { ...site, title: language.title, description: language.description },
    language,
    homes,
    siteFeed,
    categories,
    categoryDirs,
    categoryFeeds,
    entries,
    nav,
    authorFeeds,
    tagFeeds,
  };
}

/** What a feed gathers (a category, a byline or a tag), in words; undefined for the site feed. */
export function groupOf(
  doc: FeedDocument,
): { kind: 'Category' | 'Author' | 'Tag'; name: string; slug: string } | undefined {
  if (doc.category) return { kind: 'Category', ...doc.category };
  if (doc.writer) return { kind: 'Author', name: doc.writer.name, slug: doc.writer.slug };
  if (doc.tag) return { kind: 'Tag', ...doc.tag };
  return undefined;
}

/** Which navigation entry is the page itself: the landing page, the index, or a category. */
export type Current = 'home' | 'categories' | { slug: string } | undefined;

/** A page's view of the site: how to reach the root and other outputs from where it lives. */
export interface Here {
  path: string;
  /** `../` repeated up to the output root; `''` at the root. */
  root: string;
}

export function here(path: string): Here {
  return { path, root: '../'.repeat(path.split('/').length - 1) };
}

/** Relative link from `at` to an output path (a file, or a folder ending in `/`). */
export function rel(at: Here, target: string): string {
  // Most paths hold nothing to encode: a listing page links ~150 of them.
  const encoded = PLAIN_PATH.test(target)
    ? target
    : target.split('/').map(encodeURIComponent).join('/');
  const href = at.root + encoded;
  return href === '' ? './' : href;
}

/** A path `encodeURIComponent` leaves as it is, segment by segment. */
const PLAIN_PATH = /^[\w\-.!~*'()/]*$/;

/** The folder a feed lives in, `''` for the site feed. */
export function feedDir(doc: FeedDocument): string {
  const slash = doc.paths.rss.lastIndexOf('/');
  return slash === -1 ? '' : doc.paths.rss.slice(0, slash + 1);
}

/** The link for an item: relative when the site hosts its page, else its absolute URL. */
export function itemHref(at: Here, item: Pick<FeedItem, 'pagePath' | 'url'>): string | undefined {
  const path = item.pagePath;
  if (path) {
    const target = path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
    return rel(at, target);
  }
  return httpUrl(item.url);
}
