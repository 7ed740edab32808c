/**
 * Keys of what an item shows, which the keys of the outputs showing it are made of, and which name
 * the XML a feed writes for it from one build to the next.
 */
import { hashBytes } from '../hash.js';
import type { Category, FeedItem } from '../model.js';

const itemKeys = new WeakMap<FeedItem, { shown: string; withHtml?: string }>();

/**
 * A key of what an item shows, without its HTML: its `contentKey` stands for that, so
 * a key is known before the body is rendered. Taken once per item, however many outputs show it.
 * `withHtml` false: the key for an output that shows the item but not its HTML (an archive of
 * summaries, a listing page), which then stays as it was when only the rest of the body changes.
 */
export function itemKey(item: FeedItem, withHtml = true): string {
  let keys = itemKeys.get(item);
  if (keys === undefined) {
    const {
      contentHtml: _html,
      pending: _pending,
      contentKey: _key,
      summary,
      summaryKey,
      categories,
      tags,
      ...rest
    } = item;
    // Hashed: an item is part of several outputs' keys (its page, listings, feeds, archives),
    // and each of them hashes its parts again; short parts keep that cheap. The summary, most of
    // an item's text, by its own hash when its story took one (base64url, so never the summary's
    // JSON, which starts with a quote). JSON never holds a raw U+0000, so the parts cannot run
    // into each other.
    const said = summaryKey ?? JSON.stringify(summary);
    const text = `${JSON.stringify(withIsoDates(rest))}\u0000${said}\u0000${groupsJson(categories)}\u0000${groupsJson(tags)}`;
    keys = { shown: hashBytes(text) };
    itemKeys.set(item, keys);
  }
  if (!withHtml) return keys.shown;
  // Not hashed again: every key it goes into is (base64url on both sides, so `.` parts them).
  keys.withHtml ??= `${item.contentKey}.${keys.shown}`;
  return keys.withHtml;
}

/** JSON of each category or tag, by object: a site's items share a few hundred of them. */
const groupTexts = new WeakMap<Category, string>();

/** The JSON of each group in `list`, one after another. */
function groupsJson(list: readonly Category[]): string {
  let out = '';
  for (const group of list) {
    let text = groupTexts.get(group);
    if (text === undefined) {
      text = JSON.stringify(group);
      groupTexts.set(group, text);
    }
    out += text;
  }
  return out;
}

/**
 * `shown` with its dates as the ISO strings `JSON.stringify` would write for them, so it writes the
 * very same text: asking each Date for its `toJSON` was about half the cost of writing an item.
 */
function withIsoDates<
  T extends Pick<FeedItem, 'published' | 'modified' | 'expires' | 'corrections'>,
>(
  shown: T,
): Omit<T, 'published' | 'modified' | 'expires' | 'corrections'> & Record<string, unknown> {
  const { published, modified, expires, corrections } = shown;
  return {
    ...shown,
    published: published.toISOString(),
    modified: modified.toISOString(),
    ...(expires ? { expires: expires.toISOString() } : {}),
    ...(corrections
      ? { corrections: corrections.map((c) => ({ ...c, date: c.date.toISOString() })) }
      : {}),
  };
}

/** `itemKey` for an output that shows items' summaries only. */
export const summaryKey = (item: FeedItem): string => itemKey(item, false);
