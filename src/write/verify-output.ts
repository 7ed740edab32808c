import { FEED_FILES } from '../urls.js';
import { xmlProblem } from '../xml-check.js';

/** The root element of each XML feed file. */
const ROOTS: Record<string, string> = {
  [FEED_FILES.rss]: 'rss',
  [FEED_FILES.atom]: 'feed',
  'feeds.opml': 'opml',
  'sitemap-news.xml': 'urlset',
};

/**
 * Checks one file before it may replace a published one: XML with a strict, namespace-aware
 * parser; JSON (every generated `.json` is a JSON Feed) with `JSON.parse` and the members 1.1
 * requires. Copied files (Buffers) are the user's own and are not checked, nor are files checked
 * as they were put together (`OutputFile.checked`). Returns the problem.
 */
export function verifyOutputFile(file: {
  path: string;
  content: string | Buffer;
  checked?: true;
}): string | undefined {
  if (typeof file.content !== 'string' || file.checked) return undefined;
  if (file.path.endsWith('.xml') || file.path.endsWith('.opml'))
    return verifyXml(file.content, ROOTS[file.path.split('/').pop() ?? '']);
  if (file.path.endsWith('.json')) return verifyJsonFeed(file.content);
  return undefined;
}

/** Whether `xml` is well-formed (see `xmlProblem`): the problem, else undefined. */
export const verifyXml = xmlProblem;

export function verifyJsonFeed(text: string): string | undefined {
  let feed: unknown;
  try {
    feed = JSON.parse(text);
  } catch (error) {
    return `not valid JSON: ${(error as Error).message}`;
  }
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject(feed)) return 'not a JSON object';
  const f = feed;
  if (f.version !== 'https://jsonfeed.org/version/1.1') return 'version is not JSON Feed 1.1';
  if (typeof f.title !== 'string') return 'title is missing';
  if (!Array.isArray(f.items)) return 'items is missing';
  for (const [i, item] of (f.items as unknown[]).entries()) {
    if (!isObject(item)) return `items[${i}] is not an object`;
    if (typeof item.id !== 'string' || item.id === '') return `items[${i}].id is missing`;
    if (typeof item.content_html !== 'string' && typeof item.content_text !== 'string') {
      return `items[${i}] has neither content_html nor content_text`;
    }
  }
  return undefined;
}
