import type { Category, PostRef, SiteConfig } from '../model.js';
import { groupCategories } from './categories.js';
import { nextDue, type SelectOptions, selectPublished } from './select.js';

/** Which posts go in which feed: the site's and one per category, newest `limit` each. */
export interface FeedPlan<P extends PostRef = PostRef> {
  feeds: { category?: Category; posts: P[] }[];
  /** Every category, by its folded name. */
  categoryByKey: Map<string, Category>;
}

/** The feed plan of a site, with what was selected to make it. */
export interface SitePlan<P extends PostRef = PostRef> extends FeedPlan<P> {
  /** Every published post, newest first. */
  published: P[];
  /** Every post that lands in some feed, once each: the only ones whose bodies are read. */
  selected: P[];
  /** When a post now left out for its date comes due (epoch ms), or Infinity. */
  nextDue: number;
}

/** Selects the published posts and plans every feed. */
export function planSite<P extends PostRef>(
  posts: readonly P[],
  config: Pick<SiteConfig, 'limit'>,
  options: SelectOptions,
): SitePlan<P> {
  const published = selectPublished(posts, options);
  const plan = planFeeds(published, config);
  return { ...plan, published, selected: postsInFeeds(plan), nextDue: nextDue(posts, options) };
}

export function planFeeds<P extends PostRef>(
  published: readonly P[],
  config: Pick<SiteConfig, 'limit'>,
): FeedPlan<P> {
  const groups = groupCategories(published);
  return {
    feeds: [
      { posts: published.slice(0, config.limit) },
      ...[...groups.values()].map(({ category, posts }) => ({
        category,
        posts: posts.slice(0, config.limit),
      })),
    ],
    categoryByKey: new Map([...groups].map(([key, g]) => [key, g.category])),
  };
}

/** Every post that lands in some feed, once each, in first-seen order. */
export function postsInFeeds<P extends PostRef>(plan: FeedPlan<P>): P[] {
  return [...new Set(plan.feeds.flatMap((feed) => feed.posts))];
}
