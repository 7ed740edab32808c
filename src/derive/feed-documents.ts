import type {
  Category,
  FeedDocument,
  FeedItem,
  FeedSummary,
  PostRef,
  RenderedPost,
  SiteConfig,
  SiteDocument,
} from '../model.js';
import { foldName } from '../text.js';
import { feedPaths } from '../urls.js';
import type { FeedPlan } from './plan-feeds.js';

/** `updated` of a feed with no items: fixed, so an empty feed's bytes never change. */
const EMPTY_FEED_DATE = new Date(0);

/**
 * Feed documents from a plan. `rendered` gives a planned post with its body; it is asked once
 * for each post that lands in some feed.
 */
export function feedDocuments<P extends PostRef>(
  plan: FeedPlan<P>,
  config: SiteConfig,
  rendered: (ref: P) => RenderedPost,
): FeedDocument[] {
  const items = new Map<P, FeedItem>();
  const itemFor = (ref: P) => {
    let item = items.get(ref);
    if (!item) {
      item = toFeedItem(rendered(ref), plan.categoryByKey);
      items.set(ref, item);
    }
    return item;
  };
  return plan.feeds.map((feed) => feedDocument(config, feed.posts.map(itemFor), feed.category));
}

/** What the pages show: the site and its feeds (the site feed first). */
export function siteDocument(config: SiteConfig, feeds: FeedDocument[]): SiteDocument {
  return {
    title: config.title,
    description: config.description,
    url: config.url,
    language: config.language,
    timezone: config.timezone,
    ...(config.copyright ? { copyright: config.copyright } : {}),
    ...(config.icon ? { icon: config.icon } : {}),
    feeds,
  };
}

/** A feed without its items: what a build reports of it. */
export function feedSummary(doc: FeedDocument): FeedSummary {
  const { title, description, homeUrl, paths, urls, category } = doc;
  return { title, description, homeUrl, paths, urls, ...(category ? { category } : {}) };
}

export function toFeedItem(
  { post, summary, contentHtml }: RenderedPost,
  categoryByKey: ReadonlyMap<string, Category>,
): FeedItem {
  const categories = post.categories.flatMap((name) => {
    const category = categoryByKey.get(foldName(name));
    return category ? [{ name, slug: category.slug }] : [];
  });
  return {
    id: post.id ?? post.url,
    idIsUrl: post.id === undefined,
    url: post.url,
    ...(post.pagePath ? { pagePath: post.pagePath } : {}),
    title: post.title,
    published: post.date,
    modified: post.updated ?? post.date,
    summary,
    contentHtml,
    categories,
    tags: post.tags.filter((tag) => !post.categories.some((c) => foldName(c) === foldName(tag))),
    authors: post.authors,
    ...(post.image ? { image: post.image } : {}),
  };
}

function feedDocument(config: SiteConfig, items: FeedItem[], category?: Category): FeedDocument {
  const dir = category ? `categories/${category.slug}/` : '';
  const paths = feedPaths(dir);
  const url = (path: string) => new URL(path, config.url).href;
  const newest = Math.max(
    EMPTY_FEED_DATE.getTime(),
    ...items.map((item) => item.modified.getTime()),
  );
  return {
    title: category ? `${config.title} — ${category.name}` : config.title,
    description: category ? `${category.name} from ${config.title}.` : config.description,
    homeUrl: category ? url(dir) : config.url,
    paths,
    urls: { rss: url(paths.rss), atom: url(paths.atom), json: url(paths.json) },
    language: config.language,
    updated: new Date(newest),
    author: config.author,
    hubs: config.hubs,
    items,
    ...(config.copyright ? { copyright: config.copyright } : {}),
    ...(config.icon ? { icon: config.icon } : {}),
    ...(config.logo ? { logo: config.logo } : {}),
    ...(category ? { category } : {}),
  };
}
