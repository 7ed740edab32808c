/**
 * What JSON Feed 1.1 requires of a feed's members, checked on the value itself: a feed built as
 * a value and written with `JSON.stringify` is valid JSON by construction, so its members are all
 * that is left to check, and they need no second parse.
 */

/** The `version` a JSON Feed 1.1 document declares. */
export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/** The first member of `feed` that JSON Feed 1.1 requires and it lacks, else undefined. */
export function jsonFeedProblem(feed: unknown): string | undefined {
  if (!isObject(feed)) return 'not a JSON object';
  if (feed.version !== JSON_FEED_VERSION) return 'version is not JSON Feed 1.1';
  if (typeof feed.title !== 'string') return 'title is missing';
  if (!Array.isArray(feed.items)) return 'items is missing';
  for (const [i, item] of (feed.items as unknown[]).entries()) {
    const problem = jsonFeedItemProblem(item, i);
    if (problem) return problem;
  }
  return undefined;
}

/** What JSON Feed 1.1 requires of an item and `item`, at place `i` of its feed, lacks. */
export function jsonFeedItemProblem(item: unknown, i: number): string | undefined {
  if (!isObject(item)) return `items[${i}] is not an object`;
  if (typeof item.id !== 'string' || item.id === '') return `items[${i}].id is missing`;
  if (typeof item.content_html !== 'string' && typeof item.content_text !== 'string') {
    return `items[${i}] has neither content_html nor content_text`;
  }
  return undefined;
}

/** The first problem of `text` as a JSON Feed 1.1 document: not JSON, or a member missing. */
export function jsonFeedTextProblem(text: string): string | undefined {
  let feed: unknown;
  try {
    feed = JSON.parse(text);
  } catch (error) {
    return `not valid JSON: ${(error as Error).message}`;
  }
  return jsonFeedProblem(feed);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
