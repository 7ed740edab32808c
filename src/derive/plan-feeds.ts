import type { Category, PostRef, SiteConfig } from '../model.js';
import { groupCategories } from './categories.js';
import { nextDue, type SelectOptions, selectPublished } from './select.js';

/** One feed's posts: its subscription document, its whole history, and its archive documents. */
export interface PlannedFeed<P extends PostRef = PostRef> {
  /** Set for per-category feeds. */
  category?: Category;
  /** The subscription document: the newest `limit` posts. */
  posts: P[];
  /** Every published post of the feed, newest first: its listing pages. */
  all: P[];
  /**
   * Its archive documents (RFC 5005), oldest first, each newest-first inside. Cut from the oldest
   * end in runs of `archiveSize`, so a full one never changes when a post is added; the last one
   * is the open one, which fills up (and may be empty, so the newest full one's `next-archive`
   * link is known the day it fills). None for a feed with no posts.
   */
  archives: P[][];
}

/** Which posts go in which feed: the site's and one per category. */
export interface FeedPlan<P extends PostRef = PostRef> {
  feeds: PlannedFeed<P>[];
  /** Every category, by its folded name. */
  categoryByKey: Map<string, Category>;
}

/** The feed plan of a site, with what was selected to make it. */
export interface SitePlan<P extends PostRef = PostRef> extends FeedPlan<P> {
  /** Every published post, newest first. */
  published: P[];
  /**
   * The posts a subscription document holds (and an open archive, when archives carry the full
   * text): their HTML is kept between builds, since those documents change whenever a post is
   * added.
   */
  current: P[];
  /** When a post now left out for its date comes due (epoch ms), or Infinity. */
  nextDue: number;
}

/** Selects the published posts and plans every feed. */
export function planSite<P extends PostRef>(
  posts: readonly P[],
  config: Pick<SiteConfig, 'limit' | 'archiveSize' | 'archiveContent'>,
  options: SelectOptions,
): SitePlan<P> {
  const published = selectPublished(posts, options);
  const plan = planFeeds(published, config);
  const current = currentPosts(plan, config.archiveContent === 'full');
  return { ...plan, published, current, nextDue: nextDue(posts, options) };
}

/** The site feed and one per category, from published posts in order (newest first). */
export function planFeeds<P extends PostRef>(
  published: readonly P[],
  config: Pick<SiteConfig, 'limit' | 'archiveSize'>,
): FeedPlan<P> {
  const groups = groupCategories(published);
  const feed = (all: P[], category?: Category): PlannedFeed<P> => ({
    ...(category ? { category } : {}),
    posts: all.slice(0, config.limit),
    all,
    archives: archiveRuns(all, config.archiveSize),
  });
  return {
    feeds: [
      feed([...published]),
      ...[...groups.values()].map(({ category, posts }) => feed(posts, category)),
    ],
    categoryByKey: new Map([...groups].map(([key, g]) => [key, g.category])),
  };
}

/** Runs of `size` posts from the oldest, newest first inside; the last one open (maybe empty). */
export function archiveRuns<P>(newestFirst: readonly P[], size: number): P[][] {
  if (newestFirst.length === 0) return [];
  const oldestFirst = [...newestFirst].reverse();
  const runs: P[][] = [];
  for (let start = 0; start <= oldestFirst.length; start += size) {
    runs.push(oldestFirst.slice(start, start + size).reverse());
  }
  return runs;
}

/** Every post that lands in some subscription document, once each, in first-seen order. */
export function postsInFeeds<P extends PostRef>(plan: FeedPlan<P>): P[] {
  return [...new Set(plan.feeds.flatMap((feed) => feed.posts))];
}

/** Every post a subscription document (or, with `openArchives`, an open archive) holds, once. */
function currentPosts<P extends PostRef>(plan: FeedPlan<P>, openArchives: boolean): P[] {
  const open = openArchives ? plan.feeds.flatMap((feed) => feed.archives.at(-1) ?? []) : [];
  return [...new Set([...postsInFeeds(plan), ...open])];
}
