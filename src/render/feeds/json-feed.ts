import { JSON_FEED_VERSION, jsonFeedProblem } from '../../json-feed-check.js';
import type { Author, FeedDocument } from '../../model.js';
import { htmlText } from '../../stored-html.js';
import { refuse, showsFullText } from './feed-items.js';

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/); `feed` only writes 1.0. */
export interface JsonFeed {
  version: typeof JSON_FEED_VERSION;
  title: string;
  home_page_url?: string;
  feed_url?: string;
  /** The next page of older items: the newest archive, or from an archive the next older one. */
  next_url?: string;
  description?: string;
  icon?: string;
  favicon?: string;
  authors?: JsonFeedAuthor[];
  language?: string;
  hubs?: { type: string; url: string }[];
  items: JsonFeedItem[];
}

export interface JsonFeedAuthor {
  name?: string;
  url?: string;
  avatar?: string;
}

export interface JsonFeedItem {
  id: string;
  url?: string;
  title?: string;
  content_html?: string;
  content_text?: string;
  summary?: string;
  image?: string;
  date_published?: string;
  date_modified?: string;
  authors?: JsonFeedAuthor[];
  tags?: string[];
  language?: string;
}

function author(person: Author): JsonFeedAuthor {
  return {
    name: person.name,
    ...(person.url ? { url: person.url } : {}),
    ...(person.image ? { avatar: person.image } : {}),
  };
}

export function toJsonFeed(doc: FeedDocument): JsonFeed {
  return {
    version: JSON_FEED_VERSION,
    title: doc.title,
    home_page_url: doc.homeUrl,
    feed_url: doc.urls.json,
    ...(doc.history?.prev ? { next_url: doc.history.prev.json } : {}),
    description: doc.description,
    ...(doc.logo ? { icon: doc.logo } : {}),
    ...(doc.icon ? { favicon: doc.icon } : {}),
    authors: [author(doc.author)],
    language: doc.language,
    ...(doc.hubs.length > 0 ? { hubs: doc.hubs.map((url) => ({ type: 'WebSub', url })) } : {}),
    items: doc.items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      // Spec: content_html or content_text must be present; an empty body is still "content".
      // An archive of excerpts carries the summary as its text.
      ...(showsFullText(doc, item)
        ? { content_html: htmlText(item.contentHtml) }
        : { content_text: item.summary }),
      ...(item.summary ? { summary: item.summary } : {}),
      ...(item.image ? { image: item.image.url } : {}),
      date_published: item.published.toISOString(),
      date_modified: item.modified.toISOString(),
      authors: item.authors.map(author),
      ...(item.categories.length + item.tags.length > 0
        ? { tags: [...item.categories, ...item.tags].map((c) => c.name) }
        : {}),
    })),
  };
}

/**
 * The document as JSON Feed 1.1 text. Checked as it is made: its members on the value, the JSON
 * itself by `JSON.stringify` — a file that needs no parsing before it is written.
 */
export function renderJsonFeed(doc: FeedDocument): string {
  return jsonFeedParts(doc).join('');
}

/**
 * The same text in two parts, the JSON and its closing newline (see `OutputFile.parts`): the
 * JSON of a large feed is not copied to add one character.
 */
export function jsonFeedParts(doc: FeedDocument): string[] {
  const feed = toJsonFeed(doc);
  refuse(jsonFeedProblem(feed), doc.paths.json, 'the JSON Feed');
  return [JSON.stringify(feed, null, 2), '\n'];
}
