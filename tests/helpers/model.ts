import { renderBody } from '../../src/bodies/render-body.js';
import { validateConfig } from '../../src/config/validate-config.js';
import { siteDocument } from '../../src/derive/feed-documents.js';
import { planFeeds } from '../../src/derive/plan-feeds.js';
import type {
  FeedDocument,
  FeedItem,
  ItemXml,
  Post,
  SiteConfig,
  SiteDocument,
  TakenKeys,
} from '../../src/model.js';
import { itemPagePath } from '../../src/urls.js';
import { postUrl } from '../../src/validate/permalink.js';
import { makeConfig } from './site.js';

export function siteConfig(overrides: Parameters<typeof makeConfig>[0] = {}): SiteConfig {
  const result = validateConfig(makeConfig(overrides), 'config');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.config;
}

/** A validated post with its Markdown body beside it, as a test fixture. */
export type TestPost = Post & { body: string };

/**
 * A post as validation would give it: its URL and page path are worked out from `config` (the
 * default test site) unless given.
 */
export function makePost(
  overrides: Partial<TestPost> = {},
  config: SiteConfig = siteConfig(),
): TestPost {
  const base = {
    sourcePath: `${overrides.slug ?? 'post'}.md`,
    title: 'A post',
    date: new Date('2026-05-01T12:00:00Z'),
    categories: [],
    tags: [],
    authors: [],
    slug: 'post',
    language: config.language,
    draft: false,
    body: 'Body.\n',
    ...overrides,
  };
  const folder = config.languages.find((l) => l.tag === base.language)?.folder ?? '';
  const url = overrides.url ?? postUrl(base, { ...config, url: config.url + folder });
  const pagePath = 'pagePath' in overrides ? overrides.pagePath : itemPagePath(url, config.url);
  return { ...base, url, ...(pagePath ? { pagePath } : {}) };
}

/**
 * The site document of posts already published and in order, through the stages a build runs:
 * plan, render each body, make the documents.
 */
export function siteOf(
  published: readonly TestPost[],
  config: SiteConfig,
  withdrawn: readonly TestPost[] = [],
): SiteDocument {
  const plan = { ...planFeeds(published, config), withdrawn, published };
  return siteDocument(plan, config, (post) => ({
    post,
    ...renderBody(post, post.body, config),
  }));
}

/** The subscription documents of posts already published and in order. */
export function feedsOf(published: readonly TestPost[], config: SiteConfig): FeedDocument[] {
  return siteOf(published, config).feeds;
}

export function makeItem(overrides: Partial<FeedItem> = {}): FeedItem {
  return {
    source: 'a.md',
    contentKey: 'key-of-a',
    id: 'https://news.example.com/posts/a/',
    idIsUrl: true,
    url: 'https://news.example.com/posts/a/',
    pagePath: 'posts/a/index.html',
    title: 'Title',
    language: 'en',
    published: new Date('2026-05-01T12:00:00Z'),
    modified: new Date('2026-05-01T12:00:00Z'),
    summary: 'Summary',
    contentHtml: '<p>Body</p>',
    categories: [],
    tags: [],
    authors: [{ name: 'Desk' }],
    ...overrides,
  };
}

/**
 * Posts filed under `names` so that the first is the most used and the last the least: post i
 * (dated a day before post i - 1) is filed under the first i + 1 names.
 */
export function nestedCategoryPosts(names: readonly string[], config: SiteConfig): TestPost[] {
  return names.map((_, i) =>
    makePost(
      {
        slug: `p${i}`,
        date: new Date(Date.UTC(2026, 0, 30 - i)),
        categories: names.slice(0, i + 1),
      },
      config,
    ),
  );
}

/** An item's element as feed documents are written from it (UTF-8), from its text's parts. */
export function itemXml(...parts: [string] | [string, string]): ItemXml {
  return parts.map((part) => new Uint8Array(Buffer.from(part, 'utf8'))) as unknown as ItemXml;
}

/** An item's element (`itemXml`) as the text of its parts. */
export function xmlText(xml: ItemXml | undefined): string[] | undefined {
  return xml?.map((part) => Buffer.from(part).toString('utf8'));
}

/** Keys taken as a build gives them (`TakenKeys`), from a row an item: file, content key, keys. */
export function takenKeysOf(
  rows: readonly (readonly [source: string, contentKey: string, key?: string, pageKey?: string])[],
  pageContext?: string,
): TakenKeys {
  return {
    sources: rows.map((row) => row[0]),
    contentKeys: rows.map((row) => row[1]),
    keys: rows.map((row) => row[2]),
    pageKeys: rows.map((row) => row[3]),
    ...(pageContext === undefined ? {} : { pageContext }),
  };
}
