/**
 * A feed file as feedsmith parsed it (RSS 2.0, Atom 1.0, JSON Feed 1.0/1.1, written by any tool)
 * → the items readers were shown. Only types come from feedsmith here: the caller loads it.
 */
import type { AnyFeed, AtomFeed, JsonFeed, RssFeed } from 'feedsmith';
import { collapseWhitespace } from '../text.js';
import { htmlToText } from './html-text.js';
import type { ContinuityItem, FeedFileSnapshot } from './snapshot.js';

/** The snapshot of a parsed feed; undefined for RSS 1.0 (RDF), which is not compared. */
export function feedFileSnapshot(parsed: AnyFeed): FeedFileSnapshot | undefined {
  switch (parsed.format) {
    case 'rss':
      return rssSnapshot(parsed.feed);
    case 'atom':
      return atomSnapshot(parsed.feed);
    case 'json':
      return jsonSnapshot(parsed.feed);
    default:
      return undefined;
  }
}

function rssSnapshot(feed: RssFeed.Feed<string>): FeedFileSnapshot {
  const selfUrl = feed.atom?.links?.find((link) => link.rel === 'self')?.href;
  const base = selfUrl ?? feed.link;
  const items = (feed.items ?? []).flatMap((item) => {
    const link = item.link ?? (item.guid?.isPermaLink !== false ? item.guid?.value : undefined);
    const url = absolute(link, base);
    return record({
      id: item.guid?.value ?? url,
      url,
      title: collapseWhitespace(item.title ?? ''),
      published: item.pubDate ?? item.dc?.dates?.[0] ?? item.atom?.published,
      updated: item.atom?.updated ?? item.dcterms?.modified?.[0],
    });
  });
  return snapshot('rss', collapseWhitespace(feed.title ?? ''), selfUrl, items);
}

function atomSnapshot(feed: AtomFeed.Feed<string>): FeedFileSnapshot {
  const selfUrl = feed.links?.find((link) => link.rel === 'self')?.href;
  const base = selfUrl ?? alternate(feed.links);
  const items = (feed.entries ?? []).flatMap((entry) =>
    record({
      id: entry.id,
      url: absolute(alternate(entry.links), base),
      title: atomText(entry.title),
      published: entry.published,
      updated: entry.updated,
    }),
  );
  return snapshot('atom', atomText(feed.title), selfUrl, items);
}

function jsonSnapshot(feed: JsonFeed.Feed<string>): FeedFileSnapshot {
  const selfUrl = feed.feed_url;
  const base = selfUrl ?? feed.home_page_url;
  const items = (feed.items ?? []).flatMap((item) =>
    record({
      id: item.id === undefined ? item.url : String(item.id),
      url: absolute(item.url ?? item.external_url, base),
      title: collapseWhitespace(item.title ?? ''),
      published: item.date_published,
      updated: item.date_modified,
    }),
  );
  return snapshot('json', collapseWhitespace(feed.title ?? ''), selfUrl, items);
}

function snapshot(
  format: FeedFileSnapshot['format'],
  title: string,
  selfUrl: string | undefined,
  items: ContinuityItem[],
): FeedFileSnapshot {
  return { kind: 'feed', format, title, ...(selfUrl ? { selfUrl } : {}), items };
}

interface RawItem {
  id: string | undefined;
  url: string | undefined;
  title: string;
  published: string | undefined;
  updated: string | undefined;
}

/** An item with what a reader keys it by; none when it has neither an id nor a link. */
function record(raw: RawItem): ContinuityItem[] {
  const id = raw.id?.trim() || raw.url;
  if (!id) return [];
  const published = isoDate(raw.published);
  const updated = isoDate(raw.updated);
  return [
    {
      id,
      url: raw.url ?? id,
      title: raw.title,
      ...(published ? { published } : {}),
      ...(updated ? { updated } : {}),
    },
  ];
}

/** The instant a feed date names (ISO 8601 or RFC 822, any offset), in ISO 8601 UTC. */
function isoDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** A link made absolute against the feed's own URL when it was written relative. */
function absolute(link: string | undefined, base: string | undefined): string | undefined {
  const value = link?.trim();
  if (!value) return undefined;
  if (base && URL.canParse(value, base)) return new URL(value, base).href;
  return URL.canParse(value) ? new URL(value).href : value;
}

function alternate(links: AtomFeed.Link<string>[] | undefined): string | undefined {
  const candidates = (links ?? []).filter((link) => !link.rel || link.rel === 'alternate');
  return (candidates.find((link) => !link.type || link.type === 'text/html') ?? candidates[0])
    ?.href;
}

/** An Atom text construct as plain text: `html` and `xhtml` are markup, `text` is not. */
function atomText(text: AtomFeed.Text | undefined): string {
  if (!text) return '';
  return text.type === 'html' || text.type === 'xhtml'
    ? htmlToText(text.value)
    : collapseWhitespace(text.value);
}
