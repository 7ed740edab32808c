/**
 * A built feed document (RSS 2.0, Atom 1.0 or JSON Feed 1.1), parsed by feedsmith — the feed
 * parser feedwright already depends on, loaded only when a check runs — into what the
 * aggregators' rules look at: per item its id, title, description as plain text, full text,
 * date, declared languages and images, whatever the format.
 */
import type { AtomFeed, JsonFeed, RssFeed } from 'feedsmith';
import { htmlToText } from '../continuity/html-text.js';
import { collapseWhitespace } from '../text.js';
import { contentImages } from './content-urls.js';
import type { FeedFormat, ImageRole } from './profiles.js';

export interface BuiltImage {
  url: string;
  role: ImageRole;
  /** As the document declares them (Media RSS), not measured. */
  width?: number;
  height?: number;
  /** `media:credit` (Media RSS only). */
  credit?: string;
}

export interface BuiltItem {
  /** RSS guid (else link), Atom id, JSON Feed id. */
  id?: string;
  title?: string;
  link?: string;
  /** RSS description, Atom summary, JSON Feed summary: as plain text. */
  description?: string;
  /** The full text: RSS content:encoded, Atom content, JSON Feed content_html. */
  contentHtml?: string;
  published?: Date;
  /** Languages the item declares (RSS dc:language, Atom xml:lang, JSON Feed language). */
  languages: string[];
  images: BuiltImage[];
}

export interface ParsedFeed {
  title?: string;
  /** Where the document says it is served (`rel="self"`, JSON Feed `feed_url`). */
  selfUrl?: string;
  homeUrl?: string;
  /** RSS language, Atom xml:lang on the root, JSON Feed language. */
  language?: string;
  items: BuiltItem[];
}

/** The document `text` in `format`; throws feedsmith's error when it cannot be read. */
export async function parseBuiltFeed(format: FeedFormat, text: string): Promise<ParsedFeed> {
  const feedsmith = await import('feedsmith');
  if (format === 'rss') return rssFeed(feedsmith.parseRssFeed<string>(text));
  if (format === 'atom') return atomFeed(feedsmith.parseAtomFeed<string>(text));
  return jsonFeed(feedsmith.parseJsonFeed<string>(JSON.parse(text)));
}

function rssFeed(feed: RssFeed.Feed<string>): ParsedFeed {
  return withoutUndefined({
    title: feed.title,
    selfUrl: feed.atom?.links?.find((link) => link.rel === 'self')?.href,
    homeUrl: feed.link,
    language: feed.language,
    items: (feed.items ?? []).map(rssItem),
  });
}

function rssItem(item: RssFeed.Item<string>): BuiltItem {
  const content = item.content?.encoded;
  return withoutUndefined({
    id: item.guid?.value ?? item.link,
    title: item.title === undefined ? undefined : collapseWhitespace(item.title),
    link: item.link,
    // RSS description is HTML.
    description: item.description === undefined ? undefined : htmlToText(item.description),
    contentHtml: content,
    published: dateOf(item.pubDate),
    languages: item.dc?.languages ?? [],
    images: [
      ...mediaImages(item.media),
      ...(item.enclosures ?? []).flatMap((e) => enclosureImage(e.url, e.type)),
      ...contentImageList(content),
    ],
  });
}

function atomFeed(feed: AtomFeed.Feed<string>): ParsedFeed {
  return withoutUndefined({
    title: atomText(feed.title),
    selfUrl: feed.links?.find((link) => link.rel === 'self')?.href,
    homeUrl: feed.links?.find((link) => (link.rel ?? 'alternate') === 'alternate')?.href,
    language: feed.xml?.lang,
    items: (feed.entries ?? []).map(atomEntry),
  });
}

function atomEntry(entry: AtomFeed.Entry<string>): BuiltItem {
  const content = entry.content?.value;
  const links = entry.links ?? [];
  return withoutUndefined({
    id: entry.id,
    title: atomText(entry.title),
    link: links.find((link) => (link.rel ?? 'alternate') === 'alternate')?.href,
    description: atomText(entry.summary),
    // Atom content of type text is no HTML, but still the full text.
    contentHtml: content,
    published: dateOf(entry.published ?? entry.updated),
    languages: entry.xml?.lang ? [entry.xml.lang] : [],
    images: [
      ...mediaImages(entry.media),
      ...links.flatMap((l) => (l.rel === 'enclosure' ? enclosureImage(l.href, l.type) : [])),
      ...contentImageList(entry.content?.type === 'text' ? undefined : content),
    ],
  });
}

function jsonFeed(feed: JsonFeed.Feed<string>): ParsedFeed {
  return withoutUndefined({
    title: feed.title,
    selfUrl: feed.feed_url,
    homeUrl: feed.home_page_url,
    language: feed.language,
    items: (feed.items ?? []).map(
      (item): BuiltItem =>
        withoutUndefined({
          id: item.id === undefined ? undefined : String(item.id),
          title: item.title === undefined ? undefined : collapseWhitespace(item.title),
          link: item.url,
          description: item.summary === undefined ? undefined : collapseWhitespace(item.summary),
          contentHtml: item.content_html,
          published: dateOf(item.date_published),
          languages: item.language ? [item.language] : [],
          images: [
            ...(item.image ? [{ url: item.image, role: 'json' as const }] : []),
            ...contentImageList(item.content_html),
          ],
        }),
    ),
  });
}

type Media = RssFeed.Item<string>['media'];

/** Media RSS images: `media:content` (image medium or type) and `media:thumbnail`. */
function mediaImages(media: Media): BuiltImage[] {
  const contents = (media?.contents ?? []).filter(
    (c) => c.url && (c.medium === 'image' || c.type?.startsWith('image/')),
  );
  return [
    ...contents.map((c) =>
      withoutUndefined({
        url: c.url as string,
        role: 'media' as const,
        width: c.width,
        height: c.height,
        credit: c.credits?.find((credit) => credit.value)?.value,
      }),
    ),
    ...(media?.thumbnails ?? []).flatMap((t) =>
      t.url
        ? [
            withoutUndefined({
              url: t.url,
              role: 'thumbnail' as const,
              width: t.width,
              height: t.height,
            }),
          ]
        : [],
    ),
  ];
}

function enclosureImage(url: string | undefined, type: string | undefined): BuiltImage[] {
  return url && type?.startsWith('image/') ? [{ url, role: 'enclosure' }] : [];
}

function contentImageList(html: string | undefined): BuiltImage[] {
  return html ? contentImages(html).map((url) => ({ url, role: 'content' as const })) : [];
}

/** An Atom text construct as plain text (`type="html"` decoded). */
function atomText(text: { value?: string; type?: string } | undefined): string | undefined {
  if (text?.value === undefined) return undefined;
  return text.type === 'html' || text.type === 'xhtml'
    ? htmlToText(text.value)
    : collapseWhitespace(text.value);
}

function dateOf(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `value` without its undefined members, so results compare and print cleanly. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, member]) => member !== undefined),
  ) as T;
}
