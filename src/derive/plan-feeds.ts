import type { Author, AuthorProfile, Category, Language, PostRef, SiteConfig } from '../model.js';
import { foldName } from '../text.js';
import { type Groups, groupCategories, groupNames, ownTags } from './categories.js';
import { nextDue, type SelectOptions, selectPublished, withdrawnPosts } from './select.js';

/** One feed's posts: its subscription document, its whole history, and its archive documents. */
export interface PlannedFeed<P extends PostRef = PostRef> {
  /** The language of its posts, and the folder it lives in (`''` for the default language). */
  language: FeedLanguage;
  /** Set for per-category feeds. */
  category?: Category;
  /** Set for per-author feeds: the byline, its profile when it has one. */
  writer?: Author & { slug: string };
  /** Set for per-tag feeds. */
  tag?: Category;
  /** The subscription document: the newest `limit` posts that go in feeds. */
  posts: P[];
  /** Every published post of the feed, newest first: its listing pages (`feed: false` too). */
  all: P[];
  /**
   * Its archive documents (RFC 5005), oldest first, each newest-first inside. Cut from the oldest
   * end in runs of `archiveSize`, so a full one never changes when a post is added; the last one
   * is the open one, which fills up (and may be empty, so the newest full one's `next-archive`
   * link is known the day it fills). None for a feed with no posts.
   */
  archives: P[][];
}

/** What a feed needs to know of its language. */
export type FeedLanguage = Pick<Language, 'tag' | 'folder'>;

/** Which posts go in which feed: per language, the site's, then one per category, author and tag. */
export interface FeedPlan<P extends PostRef = PostRef> {
  feeds: PlannedFeed<P>[];
  /** Every category, by its `groupKey` (its language and folded name). */
  categoryByKey: Map<string, Category>;
  /** Every byline with a feed, by its `groupKey`. */
  authorByKey: Map<string, Category>;
  /** Every tag (its slug names its feed when tag feeds are on), by its `groupKey`. */
  tagByKey: Map<string, Category>;
}

/** The feed plan of a site, with what was selected to make it. */
export interface SitePlan<P extends PostRef = PostRef> extends FeedPlan<P> {
  /** Every published post, newest first. */
  published: P[];
  /** Posts past their `expires`, newest first: their pages say they were withdrawn. */
  withdrawn: P[];
  /** Every post the site has a page or an item for: `published`, then `withdrawn`. */
  hosted: P[];
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
  config: PlanConfig & Pick<SiteConfig, 'archiveContent'>,
  options: SelectOptions,
): SitePlan<P> {
  const published = selectPublished(posts, options);
  const withdrawn = withdrawnPosts(posts, options);
  const plan = planFeeds(published, config);
  const current = currentPosts(plan, config.archiveContent === 'full');
  const hosted = [...published, ...withdrawn];
  return { ...plan, published, withdrawn, hosted, current, nextDue: nextDue(posts, options) };
}

/**
 * What planning needs of the config (`authors` and `tagFeeds` default to none and on; without
 * `languages`, every post is in one language, `language` or none named).
 */
export type PlanConfig = Pick<SiteConfig, 'limit' | 'archiveSize'> &
  Partial<Pick<SiteConfig, 'authors' | 'tagFeeds' | 'language'>> & {
    languages?: readonly FeedLanguage[];
  };

/**
 * Per language, the site feed and one per category, byline and tag (tags only with `tagFeeds`),
 * from published posts in order (newest first). A post with `feed: false` is in listings, never
 * in a feed. Each language's groups are made from its own posts, so their slugs are unique in
 * its folder ("Montréal" in French is `montreal` even when English has "Montreal").
 */
export function planFeeds<P extends PostRef>(
  published: readonly P[],
  config: PlanConfig,
): FeedPlan<P> {
  // Without `languages`, the posts' own (a site in one language gives every post its tag).
  const only = config.language ?? published[0]?.language ?? '';
  const languages = config.languages ?? [{ tag: only, folder: '' }];
  const plan: FeedPlan<P> = {
    feeds: [],
    categoryByKey: new Map(),
    authorByKey: new Map(),
    tagByKey: new Map(),
  };
  for (const language of languages) {
    const posts =
      languages.length === 1 ? published : published.filter((p) => p.language === language.tag);
    const own = planLanguage(posts, { tag: language.tag, folder: language.folder }, config);
    plan.feeds.push(...own.feeds);
    for (const key of ['categoryByKey', 'authorByKey', 'tagByKey'] as const) {
      for (const [name, group] of own[key]) plan[key].set(groupKey(language.tag, name), group);
    }
  }
  return plan;
}

/**
 * How the plan's group maps are keyed: a group is a name (folded, as `foldName` does) in a
 * language. For a site in one language, every post's language is that one.
 */
export function groupKey(language: string, name: string): string {
  return `${language}\u0000${foldName(name)}`;
}

/** One language's feeds, from its posts; its group maps keyed by the folded name alone. */
function planLanguage<P extends PostRef>(
  published: readonly P[],
  language: FeedLanguage,
  config: PlanConfig,
): FeedPlan<P> {
  const categories = groupCategories(published);
  const bylines = groupAuthors(published, config.authors ?? {});
  const authors = bylines.groups;
  // Without tag feeds, tags need no slugs (nothing links to a tag).
  const tags: Groups<P> =
    config.tagFeeds === false ? new Map() : groupNames(published, ownTags, 'tag');
  const feed = feedMaker<P>(language, config);
  const each = (groups: Groups<P>, make: (c: Category) => Partial<PlannedFeed<P>>) =>
    [...groups.values()].map(({ category, posts }) => feed(posts, make(category)));
  const byKey = (groups: Groups<P>) => new Map([...groups].map(([key, g]) => [key, g.category]));
  return {
    feeds: [
      feed([...published]),
      ...each(categories, (category) => ({ category })),
      ...each(authors, (c) => ({ writer: { ...(bylines.profileOf(c.name) ?? c), slug: c.slug } })),
      ...each(tags, (tag) => ({ tag })),
    ],
    categoryByKey: byKey(categories),
    authorByKey: byKey(authors),
    tagByKey: byKey(tags),
  };
}

/** Makes a feed of `language` from its posts (newest first) and what it gathers. */
function feedMaker<P extends PostRef>(language: FeedLanguage, config: PlanConfig) {
  return (all: P[], group: Partial<PlannedFeed<P>> = {}): PlannedFeed<P> => {
    const fed = all.filter((post) => post.feed !== 'none');
    return {
      ...group,
      language,
      posts: fed.slice(0, config.limit),
      all,
      archives: archiveRuns(fed, config.archiveSize),
    };
  };
}

/**
 * Posts by byline. A name that some post gives as a profile's key is that profile everywhere
 * (a post may write the name alone): its folder is named by the key, its page shows the profile.
 */
function groupAuthors<P extends PostRef>(
  published: readonly P[],
  profiles: SiteConfig['authors'],
): { groups: Groups<P>; profileOf: (name: string) => AuthorProfile | undefined } {
  const keyOf = new Map<string, string>();
  for (const post of published) {
    for (const a of post.authors) {
      if (a.key && Object.hasOwn(profiles, a.key)) keyOf.set(foldName(a.name), a.key);
    }
  }
  const names = (post: P) => post.authors.map((a) => a.name);
  const slugSource = (name: string) => keyOf.get(foldName(name)) ?? name;
  return {
    groups: groupNames(published, names, 'author', slugSource),
    profileOf: (name) => {
      const key = keyOf.get(foldName(name));
      return key === undefined ? undefined : profiles[key];
    },
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
