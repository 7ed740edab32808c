import { JSON_FEED_VERSION, jsonFeedItemProblem, jsonFeedProblem } from '../../json-feed-check.js';
import type { Author, FeedDocument, FeedItem, TextPart } from '../../model.js';
import { htmlText, storyText } from '../../stored-html.js';
import { joinParts } from '../../text.js';
import { refuse, showsFullText, storedFragment } from './feed-items.js';

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
  return { ...jsonFeedHead(doc), items: doc.items.map((item) => jsonFeedItem(doc, item)) };
}

/** The document's members but its items. */
function jsonFeedHead(doc: FeedDocument): Omit<JsonFeed, 'items'> {
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
  };
}

/** An item as `doc` shows it: in full, or (an archive of excerpts) its summary as its text. */
function jsonFeedItem(doc: FeedDocument, item: FeedItem): JsonFeedItem {
  const summary = storyText(item.summary);
  return {
    id: item.id,
    url: item.url,
    title: item.title,
    // Spec: content_html or content_text must be present; an empty body is still "content".
    // An archive of excerpts carries the summary as its text.
    ...(showsFullText(doc, item)
      ? { content_html: htmlText(item.contentHtml) }
      : { content_text: summary }),
    ...(summary ? { summary } : {}),
    ...(item.image ? { image: item.image.url } : {}),
    date_published: item.published.toISOString(),
    date_modified: item.modified.toISOString(),
    authors: item.authors.map(author),
    ...(item.categories.length + item.tags.length > 0
      ? { tags: [...item.categories, ...item.tags].map((c) => c.name) }
      : {}),
  };
}

/**
 * The document as JSON Feed 1.1 text. Checked as it is made: its members on the value, the JSON
 * itself by `JSON.stringify` — a file that needs no parsing before it is written.
 */
export function renderJsonFeed(doc: FeedDocument): string {
  return joinParts(jsonFeedParts(doc));
}

/**
 * The same text in parts (see `OutputFile.parts`): the document's JSON around its items, each
 * item's JSON as `JSON.stringify` indents it there, and the closing newline. An item's JSON is
 * written once on a thread, and kept for the other documents that show it in the same form (a
 * story is in its site's, its sections' and its bylines' archives), as `itemsXml` keeps its XML.
 */
export function jsonFeedParts(doc: FeedDocument): TextPart[] {
  const head = { ...jsonFeedHead(doc), items: [] };
  refuse(jsonFeedProblem(head), doc.paths.json, 'the JSON Feed');
  const text = JSON.stringify(head, null, 2);
  if (doc.items.length === 0) return [text, '\n'];
  // `items` is the last member: its empty array is the last `[]` of the text.
  const at = text.lastIndexOf('[]');
  const parts: TextPart[] = [text.slice(0, at), '[\n'];
  doc.items.forEach((item, i) => {
    if (i > 0) parts.push(',\n');
    parts.push(
      storedFragment(item, `json\u0000${showsFullText(doc, item)}`, () => itemJson(doc, i)),
    );
  });
  parts.push(`\n${ITEM_INDENT.slice(2)}]`, text.slice(at + 2), '\n');
  return parts;
}

/** How deep `JSON.stringify(feed, null, 2)` indents an item of the feed's `items`. */
const ITEM_INDENT = '    ';

/** Item `i` of `doc` as `JSON.stringify` writes it in the document, checked. */
function itemJson(doc: FeedDocument, i: number): string {
  const item = jsonFeedItem(doc, doc.items[i] as FeedItem);
  refuse(jsonFeedItemProblem(item, i), doc.paths.json, 'the JSON Feed');
  // A JSON text holds no raw line break but between its members: each line is indented alike.
  return ITEM_INDENT + JSON.stringify(item, null, 2).replaceAll('\n', `\n${ITEM_INDENT}`);
}
