import type { Diagnostic } from '../diagnostics.js';
import type { Category, FeedDocument, FeedItem, Post, PostRef, SiteConfig } from '../model.js';
import { foldCategory, groupCategories } from './categories.js';
import { itemUrl } from './permalink.js';
import type { RenderedBody } from './render-body.js';

/** `updated` of a feed with no items: fixed, so an empty feed's bytes never change. */
const EMPTY_FEED_DATE = new Date(0);

export interface SelectOptions {
  /** Reference time for leaving out scheduled posts. */
  now: Date;
  includeFuture?: boolean;
  includeDrafts?: boolean;
}

/** Newest first; equal dates by slug, so the order never depends on the file system. */
export function comparePosts(a: PostRef, b: PostRef): number {
  const byDate = b.date.getTime() - a.date.getTime();
  if (byDate !== 0) return byDate;
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

/** Posts that are published as of `now`, newest first. */
export function selectPublished<P extends PostRef>(
  posts: readonly P[],
  options: SelectOptions,
): P[] {
  return posts
    .filter((post) => options.includeDrafts || !post.draft)
    .filter((post) => options.includeFuture || post.date.getTime() <= options.now.getTime())
    .sort(comparePosts);
}

/** Two posts that would share a slug, an id or a URL: each is named with the other's file. */
export function findCollisions(
  posts: readonly PostRef[],
  config: SiteConfig,
  display: (post: PostRef) => string,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = {
    slug: new Map<string, PostRef>(),
    id: new Map<string, PostRef>(),
    url: new Map<string, PostRef>(),
  };
  for (const post of [...posts].sort((a, b) => (a.sourcePath < b.sourcePath ? -1 : 1))) {
    const url = itemUrl(post, config);
    const keys = { slug: post.slug, id: post.id ?? url, url };
    for (const kind of ['slug', 'id', 'url'] as const) {
      const other = seen[kind].get(keys[kind]);
      if (other && !(kind !== 'slug' && other.slug === post.slug)) {
        diagnostics.push({
          severity: 'error',
          code: `duplicate-${kind}`,
          file: display(post),
          field: kind === 'url' ? 'link' : kind,
          message: `${kind} "${keys[kind]}" is also used by ${display(other)}`,
          fix:
            kind === 'slug'
              ? 'give one of the two posts a different slug'
              : `give one of the two posts a different ${kind === 'id' ? 'id' : 'link'}`,
        });
      } else if (!other) seen[kind].set(keys[kind], post);
    }
  }
  return diagnostics;
}

export function toFeedItem(
  post: Post,
  config: SiteConfig,
  categorySlugs: Map<string, Category>,
  rendered: RenderedBody,
): FeedItem {
  const url = itemUrl(post, config);
  const categories = post.categories.flatMap((name) => {
    const category = categorySlugs.get(foldCategory(name));
    return category ? [{ name, slug: category.slug }] : [];
  });
  return {
    id: post.id ?? url,
    idIsUrl: post.id === undefined,
    url,
    title: post.title,
    published: post.date,
    modified: post.updated ?? post.date,
    summary: rendered.summary,
    contentHtml: rendered.contentHtml,
    categories,
    tags: post.tags.filter(
      (tag) => !post.categories.some((c) => foldCategory(c) === foldCategory(tag)),
    ),
    authors: post.authors,
    ...(post.image ? { image: post.image } : {}),
  };
}

/** Which posts go in which feed: the site's and one per category, newest `limit` each. */
export interface FeedPlan<P extends PostRef = PostRef> {
  feeds: { category?: Category; posts: P[] }[];
  categoryByKey: Map<string, Category>;
}

export function planFeeds<P extends PostRef>(
  published: readonly P[],
  config: SiteConfig,
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

/**
 * Feed documents from a plan. `full` gives the complete post for a planned one, `rendered` its
 * body; both are asked only for posts that land in some feed, once each.
 */
export function feedDocuments<P extends PostRef>(
  plan: FeedPlan<P>,
  config: SiteConfig,
  full: (ref: P) => Post,
  rendered: (post: Post) => RenderedBody,
): FeedDocument[] {
  const items = new Map<P, FeedItem>();
  const itemFor = (ref: P) => {
    let item = items.get(ref);
    if (!item) {
      const post = full(ref);
      item = toFeedItem(post, config, plan.categoryByKey, rendered(post));
      items.set(ref, item);
    }
    return item;
  };
  return plan.feeds.map((feed) => feedDocument(config, feed.posts.map(itemFor), feed.category));
}

function feedDocument(config: SiteConfig, items: FeedItem[], category?: Category): FeedDocument {
  const dir = category ? `categories/${category.slug}/` : '';
  const paths = { rss: `${dir}rss.xml`, atom: `${dir}atom.xml`, json: `${dir}feed.json` };
  const url = (path: string) => new URL(path, config.url).href;
  const newest = Math.max(
    EMPTY_FEED_DATE.getTime(),
    ...items.map((item) => item.modified.getTime()),
  );
  const updated = new Date(newest);
  return {
    title: category ? `${config.title} — ${category.name}` : config.title,
    description: category ? `${category.name} from ${config.title}.` : config.description,
    homeUrl: category ? url(dir) : config.url,
    paths,
    urls: { rss: url(paths.rss), atom: url(paths.atom), json: url(paths.json) },
    language: config.language,
    updated,
    author: config.author,
    hubs: config.hubs,
    items,
    ...(config.copyright ? { copyright: config.copyright } : {}),
    ...(config.icon ? { icon: config.icon } : {}),
    ...(config.logo ? { logo: config.logo } : {}),
    ...(category ? { category } : {}),
  };
}
