import { hashBytes } from '../hash.js';
import type {
  Category,
  FeedDocument,
  FeedFiles,
  FeedHistory,
  FeedItem,
  FeedSummary,
  Post,
  PostRef,
  Redirect,
  SiteConfig,
  SiteDocument,
} from '../model.js';
import { foldName } from '../text.js';
import { feedPaths } from '../urls.js';
import { forFeeds } from './feed-content.js';
import type { FeedPlan, PlannedFeed } from './plan-feeds.js';

/** `updated` of a feed with no items: fixed, so an empty feed's bytes never change. */
const EMPTY_FEED_DATE = new Date(0);

/** What the documents need of a planned post. */
export interface StoryView {
  post: Post;
  summary: string;
  /** Absent while the body is not at hand: its item then has `contentHtml` ''. */
  contentHtml?: string;
  /** Changes whenever the post's bytes do; by default, a hash of the rest of the view. */
  contentKey?: string;
}

/**
 * Everything the site shows, from a plan: each feed's subscription document, its archive
 * documents and its listing, and the redirects of old addresses. `story` gives a planned post
 * with its body; it is asked once per post.
 */
export function siteDocument<P extends PostRef>(
  plan: FeedPlan<P>,
  config: SiteConfig,
  story: (ref: P) => StoryView,
): SiteDocument {
  const views = new Map<P, StoryView>();
  const viewFor = (ref: P) => {
    let view = views.get(ref);
    if (!view) {
      view = story(ref);
      views.set(ref, view);
    }
    return view;
  };
  const items = new Map<P, FeedItem>();
  const itemFor = (ref: P) => {
    let item = items.get(ref);
    if (!item) {
      item = toFeedItem(viewFor(ref), plan.categoryByKey);
      items.set(ref, item);
    }
    return item;
  };
  // The feeds carry a story too large for them as its summary and link; pages show it whole.
  const inFeeds = new Map<FeedItem, FeedItem>();
  const feedItemFor = (ref: P) => {
    const item = itemFor(ref);
    let shown = inFeeds.get(item);
    if (!shown) {
      shown = forFeeds(item);
      inFeeds.set(item, shown);
    }
    return shown;
  };
  const feeds = plan.feeds.map((feed) => feedWithArchives(config, feed, feedItemFor));
  return {
    title: config.title,
    description: config.description,
    url: config.url,
    language: config.language,
    timezone: config.timezone,
    ...(config.copyright ? { copyright: config.copyright } : {}),
    ...(config.icon ? { icon: config.icon } : {}),
    feeds: feeds.map((f) => f.current),
    archives: feeds.flatMap((f) => f.archives),
    listings: feeds.map((f, i) => ({
      feed: f.current,
      items: plan.feeds[i]?.all.map(itemFor) ?? [],
    })),
    pageSize: config.limit,
    redirects: redirectsOf(plan.feeds[0]?.all ?? [], itemFor, viewFor),
  };
}

/** The subscription documents alone (the site feed, then one per category). */
export function feedDocuments<P extends PostRef>(
  plan: FeedPlan<P>,
  config: SiteConfig,
  story: (ref: P) => StoryView,
): FeedDocument[] {
  return siteDocument(plan, config, story).feeds;
}

/** A feed without its items: what a build reports of it. */
export function feedSummary(doc: FeedDocument): FeedSummary {
  const { title, description, homeUrl, paths, urls, category } = doc;
  return { title, description, homeUrl, paths, urls, ...(category ? { category } : {}) };
}

export function toFeedItem(
  { post, summary, contentHtml, contentKey }: StoryView,
  categoryByKey: ReadonlyMap<string, Category>,
): FeedItem {
  const categories = post.categories.flatMap((name) => {
    const category = categoryByKey.get(foldName(name));
    return category ? [{ name, slug: category.slug }] : [];
  });
  return {
    source: post.sourcePath,
    contentKey: contentKey ?? hashBytes(JSON.stringify([post, summary, contentHtml ?? ''])),
    id: post.id ?? post.url,
    idIsUrl: post.id === undefined,
    url: post.url,
    ...(post.pagePath ? { pagePath: post.pagePath } : {}),
    title: post.title,
    published: post.date,
    modified: post.updated ?? post.date,
    summary,
    contentHtml: contentHtml ?? '',
    ...(contentHtml === undefined ? { pending: true as const } : {}),
    categories,
    tags: post.tags.filter((tag) => !post.categories.some((c) => foldName(c) === foldName(tag))),
    authors: post.authors,
    ...(post.image ? { image: post.image } : {}),
  };
}

/** A feed's subscription document and its archive documents, linked as RFC 5005 says. */
function feedWithArchives<P extends PostRef>(
  config: SiteConfig,
  feed: PlannedFeed<P>,
  itemFor: (ref: P) => FeedItem,
): { current: FeedDocument; archives: FeedDocument[] } {
  const dir = feed.category ? `categories/${feed.category.slug}/` : '';
  const archiveDir = (n: number) => `${dir}archive/${n}/`;
  const urlsOf = (folder: string) => feedUrls(config, feedPaths(folder));
  const count = feed.archives.length;
  // The subscription document points at the newest archive that holds anything.
  const newest = feed.archives.at(-1)?.length ? count : count - 1;
  const history = newest > 0 ? { prev: urlsOf(archiveDir(newest)) } : undefined;
  const current = feedDocument(config, feed.posts.map(itemFor), { dir, feed, history });
  const archives = feed.archives.map((posts, k) =>
    feedDocument(config, posts.map(itemFor), {
      dir: archiveDir(k + 1),
      feed,
      archive: k + 1,
      history: {
        current: current.urls,
        ...(k > 0 ? { prev: urlsOf(archiveDir(k)) } : {}),
        ...(k + 1 < count ? { next: urlsOf(archiveDir(k + 2)) } : {}),
      },
    }),
  );
  return { current, archives };
}

function feedUrls(config: SiteConfig, paths: FeedFiles): FeedFiles {
  const url = (path: string) => new URL(path, config.url).href;
  return { rss: url(paths.rss), atom: url(paths.atom), json: url(paths.json) };
}

function feedDocument<P extends PostRef>(
  config: SiteConfig,
  items: FeedItem[],
  at: { dir: string; feed: PlannedFeed<P>; archive?: number; history?: FeedHistory | undefined },
): FeedDocument {
  const { category } = at.feed;
  const paths = feedPaths(at.dir);
  const home = category ? `categories/${category.slug}/` : '';
  const newest = Math.max(
    EMPTY_FEED_DATE.getTime(),
    ...items.map((item) => item.modified.getTime()),
  );
  const title = category ? `${config.title} — ${category.name}` : config.title;
  return {
    title: at.archive ? `${title} — archive ${at.archive}` : title,
    description: category ? `${category.name} from ${config.title}.` : config.description,
    homeUrl: new URL(home, config.url).href,
    paths,
    urls: feedUrls(config, paths),
    language: config.language,
    updated: new Date(newest),
    author: config.author,
    hubs: at.archive ? [] : config.hubs,
    items,
    ...(config.copyright ? { copyright: config.copyright } : {}),
    ...(config.icon ? { icon: config.icon } : {}),
    ...(config.logo ? { logo: config.logo } : {}),
    ...(category ? { category } : {}),
    ...(at.archive ? { archive: at.archive } : {}),
    ...(at.archive && config.archiveContent === 'summary' ? { excerpts: true as const } : {}),
    ...(at.history ? { history: at.history } : {}),
  };
}

/** A redirect page at each old address of every published post. */
function redirectsOf<P extends PostRef>(
  published: readonly P[],
  itemFor: (ref: P) => FeedItem,
  story: (ref: P) => StoryView,
): Redirect[] {
  return published.flatMap((ref) =>
    (story(ref).post.aliases ?? []).map((alias) => ({
      path: alias.page,
      from: alias.path,
      to: itemFor(ref),
    })),
  );
}
