/**
 * Output folders as a build leaves them, written by hand for the `check` tests: feed documents
 * from a few item fields, the manifest that lists them, and image files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatManifest, MANIFEST_FILE, type Manifest } from '../../src/manifest.js';
import { escapeXml } from '../../src/text.js';

export const SITE = 'https://news.example.com/';

export interface FixtureItem {
  /** The slug: id and link are `${SITE}posts/${slug}/`, the source `${slug}.md`. */
  slug: string;
  title: string;
  description?: string;
  /** The full text; undefined: none (a `feed: summary` story). */
  content?: string;
  /** RFC 822 or ISO 8601; default 2026-03-01. */
  date?: string;
  image?: { url: string; credit?: string; enclosure?: boolean };
  /** `dc:language` of the item. */
  language?: string;
}

export interface FixtureFeed {
  title?: string;
  /** Default `en`; null: no `<language>`. */
  language?: string | null;
  /** Default `SITE`. */
  site?: string;
  items: FixtureItem[];
}

export const itemUrl = (slug: string, site = SITE) => `${site}posts/${slug}/`;

function rssItem(item: FixtureItem, site: string): string {
  const url = itemUrl(item.slug, site);
  const image = item.image;
  return [
    '<item>',
    `<title>${escapeXml(item.title)}</title>`,
    `<link>${url}</link>`,
    `<guid isPermaLink="true">${url}</guid>`,
    `<pubDate>${new Date(item.date ?? '2026-03-01T09:00:00Z').toUTCString()}</pubDate>`,
    item.description === undefined
      ? ''
      : `<description>${escapeXml(item.description)}</description>`,
    item.content === undefined
      ? ''
      : `<content:encoded>${escapeXml(item.content)}</content:encoded>`,
    item.language ? `<dc:language>${item.language}</dc:language>` : '',
    image && image.enclosure !== false
      ? `<enclosure url="${escapeXml(image.url)}" length="0" type="image/png"/>`
      : '',
    image
      ? `<media:content url="${escapeXml(image.url)}" medium="image" type="image/png">${
          image.credit ? `<media:credit role="photographer">${image.credit}</media:credit>` : ''
        }</media:content>`
      : '',
    '</item>',
  ].join('');
}

/** An RSS 2.0 document at output path `file` with Media RSS, Dublin Core and content. */
export function rssXml(feed: FixtureFeed, file = 'rss.xml'): string {
  const site = feed.site ?? SITE;
  const language = feed.language === undefined ? 'en' : feed.language;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">',
    `<channel><title>${escapeXml(feed.title ?? 'Test News')}</title><link>${site}</link>`,
    '<description>News</description>',
    language === null ? '' : `<language>${language}</language>`,
    `<atom:link href="${site}${file}" rel="self" type="application/rss+xml"/>`,
    ...feed.items.map((item) => rssItem(item, site)),
    '</channel></rss>',
  ].join('\n');
}

/** An Atom 1.0 document of the same feed (no images: enough for size and parsing tests). */
export function atomXml(feed: FixtureFeed, file = 'atom.xml'): string {
  const site = feed.site ?? SITE;
  const entries = feed.items.map((item) =>
    [
      '<entry>',
      `<title type="text">${escapeXml(item.title)}</title>`,
      `<id>${itemUrl(item.slug, site)}</id>`,
      `<link href="${itemUrl(item.slug, site)}"/>`,
      '<updated>2026-03-01T09:00:00Z</updated>',
      item.content === undefined ? '' : `<content type="html">${escapeXml(item.content)}</content>`,
      '</entry>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${site}${file}</id><title>${escapeXml(feed.title ?? 'Test News')}</title>`,
    '<updated>2026-03-01T09:00:00Z</updated>',
    `<link rel="self" href="${site}${file}"/><link href="${site}"/>`,
    ...entries,
    '</feed>',
  ].join('\n');
}

/**
 * Writes a build into `dir`: each feed (keyed by its folder, `''` for the site feed) as RSS and
 * Atom, the manifest listing them and `files`, and `files` themselves.
 */
export async function writeBuild(
  dir: string,
  feeds: Record<string, FixtureFeed>,
  files: Record<string, string | Buffer> = {},
): Promise<void> {
  const all: Record<string, string | Buffer> = { ...files };
  const listed: NonNullable<Manifest['feeds']> = {};
  const manifest: Manifest = { generator: 'feedwright', files: {}, feeds: listed, items: [] };
  const items = new Map<string, FixtureItem>();
  for (const [folder, feed] of Object.entries(feeds)) {
    all[`${folder}rss.xml`] = rssXml(feed, `${folder}rss.xml`);
    all[`${folder}atom.xml`] = atomXml(feed, `${folder}atom.xml`);
    const ids = feed.items.map((item) => itemUrl(item.slug, feed.site));
    listed[`${folder}rss.xml`] = { title: feed.title ?? 'Test News', items: ids };
    for (const item of feed.items) items.set(itemUrl(item.slug, feed.site), item);
  }
  manifest.items = [...items].map(([id, item]) => ({
    id,
    url: id,
    source: `${item.slug}.md`,
    title: item.title,
    published: '2026-03-01T09:00:00.000Z',
    hash: 'h',
  }));
  for (const [file, content] of Object.entries(all)) {
    manifest.files[file] = 'digest';
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  await writeFile(path.join(dir, MANIFEST_FILE), formatManifest(manifest));
}
