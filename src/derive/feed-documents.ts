import { hashBytes, hashParts } from '../hash.js';
import type {
  Author,
  Category,
  FeedDocument,
  FeedFiles,
  FeedHistory,
  FeedItem,
  FeedSummary,
  ImageFile,
  Language,
  Post,
  PostRef,
  Redirect,
  SiteConfig,
  SiteDocument,
  StoredHtml,
  Translation,
} from '../model.js';
import { storyText } from '../stored-html.js';
import { fillText } from '../text.js';
import { feedPaths, OWN_FOLDERS } from '../urls.js';
import { ownTags } from './categories.js';
import { forFeeds } from './feed-content.js';
import { itemHtml } from './item-html.js';
import { type FeedPlan, groupKey, type PlannedFeed } from './plan-feeds.js';

/** `updated` of a feed with no items: fixed, so an empty feed's bytes never change. */
const EMPTY_FEED_DATE = new Date(0);

/** What the documents need of a planned post. */
export interface StoryView {
  post: Post;
  /** As text, or where the build cache keeps it (see `Story.summary`). */
  summary: string | StoredHtml;
  /** A hash of `summary` to key it by (see `FeedItem.summaryKey`), when the story has one. */
  summaryKey?: string;
  /**
   * Absent while the body is not at hand: its item then has `contentHtml` ''. On disk in a
   * writing build (see `stored-html.ts`).
   */
  contentHtml?: string | StoredHtml;
  /** Changes whenever the post's bytes do; by default, a hash of the rest of the view. */
  contentKey?: string;
}

/**
 * Everything the site shows, from a plan: each feed's subscription document, its archive
 * documents and its listing, and the redirects of old addresses. `story` gives a planned post
 * with its body; it is asked once per post.
 */
export function siteDocument<P extends PostRef>(
  plan: FeedPlan<P> & { withdrawn?: readonly P[]; published?: readonly P[] },
  config: SiteConfig,
  story: (ref: P) => StoryView,
  images: ReadonlyMap<string, ImageFile> = new Map(),
): SiteDocument {
  const published = plan.published ?? plan.feeds[0]?.all ?? [];
  const translations = translationsOf(published, config.languages);
  const context: ItemContext = {
    ...plan,
    config,
    images,
    translations,
    spelled: new Map(),
    resolved: new Map(),
    bylines: new Map(),
  };
  // One entry a post, made on first ask: its view, its item, and the item as the feeds carry it.
  // One lookup serves all three (a site document asks ~6 times a post: 0.5 s at 100,000 posts).
  const made = new Map<P, { view: StoryView; item?: FeedItem; shown?: FeedItem }>();
  const entryOf = (ref: P) => {
    let entry = made.get(ref);
    if (!entry) {
      entry = { view: story(ref) };
      made.set(ref, entry);
    }
    return entry;
  };
  const viewFor = (ref: P) => entryOf(ref).view;
  const itemOf = (entry: { view: StoryView; item?: FeedItem }) => {
    entry.item ??= toFeedItem(entry.view, context);
    return entry.item;
  };
  const itemFor = (ref: P) => itemOf(entryOf(ref));
  // The feeds carry a story too large for them as its summary and link; pages show it whole.
  const feedItemFor = (ref: P) => {
    const entry = entryOf(ref);
    entry.shown ??= forFeeds(itemOf(entry));
    return entry.shown;
  };
  const feeds = plan.feeds.map((feed) => feedWithArchives(config, feed, feedItemFor));
  return {
    title: config.title,
    description: config.description,
    url: config.url,
    language: config.language,
    languages: config.languages,
    timezone: config.timezone,
    ...(config.copyright ? { copyright: config.copyright } : {}),
    ...(config.icon ? { icon: config.icon } : {}),
    items: published.map(itemFor),
    feeds: feeds.map((f) => f.current),
    archives: feeds.flatMap((f) => f.archives),
    listings: feeds.map((f, i) => ({
      feed: f.current,
      items: plan.feeds[i]?.all.map(itemFor) ?? [],
    })),
    pageSize: config.limit,
    redirects: redirectsOf(published, itemFor, viewFor),
    withdrawn: (plan.withdrawn ?? []).map(itemFor),
  };
}

/**
 * A key of what makes the items of `siteDocument(plan, config, …, images)` besides their own posts
 * (see `ItemContext`): the plan's groups, the language versions of stories, the image files; the
 * config is the build cache's own key. An item made of the same post file (`contentKey`) in the
 * same context is the same item: its key can be the one taken of it before.
 */
export function itemContextKey<P extends PostRef>(
  plan: Pick<FeedPlan<P>, 'categoryByKey' | 'authorByKey' | 'tagByKey' | 'feeds'> & {
    published?: readonly P[];
  },
  config: Pick<SiteConfig, 'languages'>,
  images: ReadonlyMap<string, ImageFile> = new Map(),
): string {
  const published = plan.published ?? plan.feeds[0]?.all ?? [];
  const json = (map: ReadonlyMap<string, unknown> | undefined) => JSON.stringify([...(map ?? [])]);
  return hashParts(
    [
      json(plan.categoryByKey),
      json(plan.authorByKey),
      json(plan.tagByKey),
      json(translationsOf(published, config.languages)),
      json(images),
    ].map((part) => `${part}\u0000`),
  );
}

/** The subscription documents alone (the site feed, then one per category). */
export function feedDocuments<P extends PostRef>(
  plan: FeedPlan<P>,
  config: SiteConfig,
  story: (ref: P) => StoryView,
  images: ReadonlyMap<string, ImageFile> = new Map(),
): FeedDocument[] {
  return siteDocument(plan, config, story, images).feeds;
}

/** A feed without its items: what a build reports of it. */
export function feedSummary(doc: FeedDocument): FeedSummary {
  const { title, description, homeUrl, paths, urls, category, writer, tag, language } = doc;
  return {
    title,
    description,
    homeUrl,
    paths,
    urls,
    language,
    ...(category ? { category } : {}),
    ...(writer ? { writer } : {}),
    ...(tag ? { tag } : {}),
  };
}

/** What makes a post an item besides the post: the site's groups, config and image files. */
export interface ItemContext {
  /** The plan's groups, by `groupKey`. */
  categoryByKey: ReadonlyMap<string, Category>;
  authorByKey?: ReadonlyMap<string, Category>;
  tagByKey?: ReadonlyMap<string, Category>;
  config: Pick<SiteConfig, 'author' | 'timezone' | 'languages'>;
  /** What the site's image files say of them, by URL. */
  images?: ReadonlyMap<string, ImageFile>;
  /** Every language version of the stories that have more than one, by `translationKey`. */
  translations?: ReadonlyMap<string, Translation[]>;
  /**
   * The categories and tags items spell otherwise than their group (or that have no group: tags
   * of a site without tag feeds), by slug and name, made once for every item that spells them
   * alike: 100,000 stories of 20 tags each otherwise hold two million of them, on every thread
   * the site is sent to.
   */
  spelled?: Map<string, Category>;
  /**
   * What each category or tag name an item writes stands for (`null`: a category without a
   * group), by kind and language, then by name: made once per site document, not once per item
   * that writes it — the names are shared strings, whose hashes are kept.
   */
  resolved?: Map<string, Map<string, Category | null>>;
  /**
   * Each byline with its author feed's slug, one object for every item that writes it alike, by
   * slug and byline: a copy per item was ~100 bytes and, as V8 made most, a hidden class of its
   * own (~250 bytes more) — 33,000 of both at 30,000 posts, on every thread the site is sent to.
   */
  bylines?: Map<string, Author & { slug: string }>;
}

/**
 * The language versions of every story that has more than one (`translationKey`), in the site's
 * language order; one per language (the newest, when a language has two).
 */
export function translationsOf(
  published: readonly PostRef[],
  languages: readonly Pick<Language, 'tag'>[],
): Map<string, Translation[]> {
  const versions = new Map<string, Map<string, Translation>>();
  for (const post of published) {
    if (post.translationKey === undefined) continue;
    let byLanguage = versions.get(post.translationKey);
    if (!byLanguage) {
      byLanguage = new Map();
      versions.set(post.translationKey, byLanguage);
    }
    if (byLanguage.has(post.language)) continue;
    const { language, url, pagePath } = post;
    byLanguage.set(language, { language, url, ...(pagePath ? { pagePath } : {}) });
  }
  const order = languages.map((l) => l.tag);
  const rank = (t: Translation) => order.indexOf(t.language);
  const result = new Map<string, Translation[]>();
  for (const [key, byLanguage] of versions) {
    if (byLanguage.size > 1)
      result.set(
        key,
        [...byLanguage.values()].sort((a, b) => rank(a) - rank(b)),
      );
  }
  return result;
}

export function toFeedItem(
  { post, summary, summaryKey, contentHtml, contentKey }: StoryView,
  context: ItemContext,
): FeedItem {
  const key = (name: string) => groupKey(post.language, name);
  const category = namesIn(context, 'category', post.language, context.categoryByKey);
  const categories: Category[] = [];
  for (const name of post.categories) {
    const found = category(name);
    if (found) categories.push(found);
  }
  const tag = namesIn(context, 'tag', post.language, context.tagByKey);
  const image = post.image && { ...post.image, ...context.images?.get(post.image.url) };
  const translations = post.translationKey
    ? context.translations?.get(post.translationKey)
    : undefined;
  const language = languageOf(context.config, post.language);
  // Its fields first, then each field it may lack set when it has it: spread in conditionally
  // (`...(x ? { x } : {})`), each cost a copy of a new object (~2 µs an item; a build makes an
  // item of every story, 100,000 of them after one post was touched).
  const item: FeedItem = {
    source: post.sourcePath,
    contentKey:
      contentKey ??
      hashBytes(
        JSON.stringify([post, storyText(summary), storyText(contentHtml ?? ''), image ?? null]),
      ),
    id: post.id ?? post.url,
    idIsUrl: post.id === undefined,
    url: post.url,
    title: post.title,
    language: language.tag,
    published: post.date,
    modified: post.updated ?? post.date,
    summary,
    contentHtml:
      contentHtml === undefined
        ? ''
        : itemHtml(
            contentHtml,
            { image, corrections: post.corrections },
            {
              timezone: context.config.timezone,
              language,
            },
          ),
    categories,
    tags: ownTags(post).map((name) => tag(name) as Category),
    authors:
      post.authors.length === 0
        ? [context.config.author]
        : post.authors.map((author) => {
            const slug = context.authorByKey?.get(key(author.name))?.slug;
            return slug ? bylineOf(context, author, slug) : author;
          }),
  };
  if (post.pagePath) item.pagePath = post.pagePath;
  if (translations?.some((t) => t.url === post.url)) item.translations = translations;
  if (summaryKey !== undefined) item.summaryKey = summaryKey;
  if (contentHtml === undefined) item.pending = true;
  if (image) item.image = image;
  if (post.corrections) item.corrections = post.corrections;
  if (post.feed === 'summary') item.excerpt = true;
  if (post.expires) item.expires = post.expires;
  return item;
}

/** `author` with `slug`, the one copy `context` keeps of it (see `ItemContext.bylines`). */
function bylineOf(context: ItemContext, author: Author, slug: string): Author & { slug: string } {
  const key = `${slug}\u0000${JSON.stringify(author)}`;
  let byline = context.bylines?.get(key);
  if (!byline) {
    byline = { ...author, slug };
    context.bylines?.set(key, byline);
  }
  return byline;
}

/**
 * What a name written in `language` stands for among `kind`, grouped in `byKey`: its group, or
 * the one category or tag object of its spelling (see `ItemContext.spelled`); `null` for a
 * category without a group (an item lists only those that have one; a tag is never `null`).
 * Remembered in `context.resolved`.
 */
function namesIn(
  context: ItemContext,
  kind: 'category' | 'tag',
  language: string,
  byKey: ReadonlyMap<string, Category> | undefined,
): (name: string) => Category | null {
  const at = `${kind}\u0000${language}`;
  let known = context.resolved?.get(at);
  if (!known) {
    known = new Map();
    context.resolved?.set(at, known);
  }
  const memo = known;
  return (name) => {
    let found = memo.get(name);
    if (found === undefined) {
      const group = byKey?.get(groupKey(language, name));
      found = group || kind === 'tag' ? spelledAs(context, name, group) : null;
      memo.set(name, found);
    }
    return found;
  };
}

/**
 * The group itself when a post writes its name the same way, else the one object of that spelling:
 * a site's items share a few hundred of these, not one apiece (100,000 stories hold a million
 * categories and tags).
 */
function spelledAs(context: ItemContext, name: string, group: Category | undefined): Category {
  if (group?.name === name) return group;
  const slug = group?.slug ?? '';
  const spelled = `${slug}\u0000${name}`;
  let own = context.spelled?.get(spelled);
  if (!own) {
    own = { name, slug };
    context.spelled?.set(spelled, own);
  }
  return own;
}

/** The site language `tag` names (the default one when it names none). */
export function languageOf(config: Pick<SiteConfig, 'languages'>, tag: string): Language {
  const found = config.languages.find((l) => l.tag === tag) ?? config.languages[0];
  if (!found) throw new Error('a site config has at least one language');
  return found;
}

/** A feed's subscription document and its archive documents, linked as RFC 5005 says. */
function feedWithArchives<P extends PostRef>(
  config: SiteConfig,
  feed: PlannedFeed<P>,
  itemFor: (ref: P) => FeedItem,
): { current: FeedDocument; archives: FeedDocument[] } {
  const dir = feedFolder(feed);
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
  const { category, writer, tag } = at.feed;
  const paths = feedPaths(at.dir);
  const home = feedFolder(at.feed);
  const newest = Math.max(
    EMPTY_FEED_DATE.getTime(),
    ...items.map((item) => item.modified.getTime()),
  );
  const language = languageOf(config, at.feed.language.tag);
  const { title, description } = aboutFeed(at.feed, language);
  const archiveTitle = (n: number) => fillText(language.text.archiveTitle, { title, n: String(n) });
  return {
    title: at.archive ? archiveTitle(at.archive) : title,
    description,
    homeUrl: new URL(home, config.url).href,
    paths,
    urls: feedUrls(config, paths),
    siteUrl: config.url + language.folder,
    language: language.tag,
    updated: new Date(newest),
    author: config.author,
    hubs: at.archive ? [] : config.hubs,
    items,
    ...(config.copyright ? { copyright: config.copyright } : {}),
    ...(config.icon ? { icon: config.icon } : {}),
    ...(config.logo ? { logo: config.logo } : {}),
    ...(category ? { category } : {}),
    ...(writer ? { writer } : {}),
    ...(tag ? { tag } : {}),
    ...(at.archive ? { archive: at.archive } : {}),
    ...(at.archive && config.archiveContent === 'summary' ? { excerpts: true as const } : {}),
    ...(at.history ? { history: at.history } : {}),
  };
}

/** The folder of a feed (and its listing pages): its language's (`''` for the default) for the site's. */
export function feedFolder(
  feed: Pick<PlannedFeed, 'category' | 'writer' | 'tag'> & { language?: { folder: string } },
): string {
  const base = feed.language?.folder ?? '';
  if (feed.category) return `${base}${OWN_FOLDERS.categories}${feed.category.slug}/`;
  if (feed.writer) return `${base}${OWN_FOLDERS.authors}${feed.writer.slug}/`;
  if (feed.tag) return `${base}${OWN_FOLDERS.tags}${feed.tag.slug}/`;
  return base;
}

/** A feed's title and description, from what it gathers, in its language. */
function aboutFeed(
  feed: Pick<PlannedFeed, 'category' | 'writer' | 'tag'>,
  { text, title: site, description }: Language,
): { title: string; description: string } {
  const { category, writer, tag } = feed;
  const group = category ?? writer ?? tag;
  if (!group) return { title: site, description };
  const about = { site, name: group.name };
  const title = fillText(tag ? text.feedTitleTag : text.feedTitleCategory, about);
  if (category) return { title, description: fillText(text.feedDescriptionCategory, about) };
  if (writer) {
    return { title, description: writer.bio ?? fillText(text.feedDescriptionAuthor, about) };
  }
  return { title, description: fillText(text.feedDescriptionTag, about) };
}

/** A redirect page at each old address of every published post. */
function redirectsOf<P extends PostRef>(
  published: readonly P[],
  itemFor: (ref: P) => FeedItem,
  story: (ref: P) => StoryView,
): Redirect[] {
  const redirects: Redirect[] = [];
  for (const ref of published) {
    const aliases = story(ref).post.aliases;
    if (aliases)
      for (const alias of aliases)
        redirects.push({ path: alias.page, from: alias.path, to: itemFor(ref) });
  }
  return redirects;
}
