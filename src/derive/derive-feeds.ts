import type { Diagnostic } from '../diagnostics.js';
import type { Category, FeedDocument, FeedItem, Post, SiteConfig } from '../model.js';
import { markdownToPlainText, renderContentHtml, splitMore } from '../render/html-content.js';
import { collapseWhitespace, truncateAtWord } from '../text.js';
import { foldCategory, groupCategories } from './categories.js';
import { itemUrl } from './permalink.js';

export const SUMMARY_MAX_CHARS = 300;
/** `updated` of a feed with no items: fixed, so an empty feed's bytes never change. */
const EMPTY_FEED_DATE = new Date(0);

export interface SelectOptions {
  /** Reference time for leaving out scheduled posts. */
  now: Date;
  includeFuture?: boolean;
  includeDrafts?: boolean;
}

/** Newest first; equal dates by slug, so the order never depends on the file system. */
export function comparePosts(a: Post, b: Post): number {
  const byDate = b.date.getTime() - a.date.getTime();
  if (byDate !== 0) return byDate;
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

/** Posts that are published as of `now`, newest first. */
export function selectPublished(posts: readonly Post[], options: SelectOptions): Post[] {
  return posts
    .filter((post) => options.includeDrafts || !post.draft)
    .filter((post) => options.includeFuture || post.date.getTime() <= options.now.getTime())
    .sort(comparePosts);
}

/** Two posts that would share a slug, an id or a URL: each is named with the other's file. */
export function findCollisions(
  posts: readonly Post[],
  config: SiteConfig,
  display: (post: Post) => string,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = {
    slug: new Map<string, Post>(),
    id: new Map<string, Post>(),
    url: new Map<string, Post>(),
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

/** Plain-text summary: the writer's, else the `<!--more-->` excerpt, else the first paragraph. */
export function deriveSummary(post: Post): string {
  if (post.summary !== undefined) return collapseWhitespace(post.summary);
  const { excerpt } = splitMore(post.body);
  const text = collapseWhitespace(markdownToPlainText(excerpt ?? post.body, excerpt === undefined));
  return truncateAtWord(text, SUMMARY_MAX_CHARS);
}

export function toFeedItem(
  post: Post,
  config: SiteConfig,
  categorySlugs: Map<string, Category>,
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
    summary: deriveSummary(post),
    contentHtml: renderContentHtml(
      splitMore(post.body).body,
      { itemUrl: url, siteUrl: config.url },
      config.html,
    ),
    categories,
    tags: post.tags.filter(
      (tag) => !post.categories.some((c) => foldCategory(c) === foldCategory(tag)),
    ),
    authors: post.authors,
    ...(post.image ? { image: post.image } : {}),
  };
}

/**
 * The site feed and one feed per category, each holding its newest `limit` posts. Markdown is
 * rendered only for posts that land in some feed, once each.
 */
export function deriveFeeds(published: readonly Post[], config: SiteConfig): FeedDocument[] {
  const groups = groupCategories(published);
  const categoryByKey = new Map<string, Category>([...groups].map(([key, g]) => [key, g.category]));
  const items = new Map<Post, FeedItem>();
  const itemsFor = (posts: readonly Post[]) =>
    posts.slice(0, config.limit).map((post) => {
      let item = items.get(post);
      if (!item) {
        item = toFeedItem(post, config, categoryByKey);
        items.set(post, item);
      }
      return item;
    });

  const feeds: FeedDocument[] = [feedDocument(config, itemsFor(published))];
  for (const { category, posts } of groups.values()) {
    feeds.push(feedDocument(config, itemsFor(posts), category));
  }
  return feeds;
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
    description: category ? `${category.name}: ${config.description}` : config.description,
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
