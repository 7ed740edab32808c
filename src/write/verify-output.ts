import { jsonFeedTextProblem } from '../json-feed-check.js';
import type { TextPart } from '../model.js';
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
  parts?: readonly TextPart[];
  checked?: true;
}): string | undefined {
  // `checked` and `parts` first: reading `content` of a file given in parts joins them.
  if (file.checked) return undefined;
  const root = ROOTS[file.path.split('/').pop() ?? ''];
  const xml = file.path.endsWith('.xml') || file.path.endsWith('.opml');
  const texts = file.parts?.every((part) => typeof part === 'string') ? file.parts : undefined;
  if (xml && texts) return verifyXml(texts as readonly string[], root);
  if (typeof file.content !== 'string') return undefined;
  if (xml) return verifyXml(file.content, root);
  if (file.path.endsWith('.json')) return verifyJsonFeed(file.content);
  return undefined;
}

/** Whether `xml` is well-formed (see `xmlProblem`): the problem, else undefined. */
export const verifyXml = xmlProblem;

/** Whether `text` is a JSON Feed 1.1 document (see `jsonFeedTextProblem`): the problem, else undefined. */
export const verifyJsonFeed = jsonFeedTextProblem;
