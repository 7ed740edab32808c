import { parseFeed as parseWithRowanmanning } from '@rowanmanning/feed-parser';
import { XMLParser } from 'fast-xml-parser';
import {
  parseAtomFeed,
  parseJsonFeed,
  parseRssFeed,
  parseFeed as parseWithFeedsmith,
} from 'feedsmith';
import { verifyJsonFeed, verifyXml } from '../../src/write/verify-output.js';

// Settings that keep every attribute, CDATA section and entity as written (see shared notes).
const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  processEntities: true,
  htmlEntities: true,
  isArray: (name) =>
    ['item', 'entry', 'category', 'dc:creator', 'author', 'link', 'atom:link'].includes(name),
});

// biome-ignore lint/suspicious/noExplicitAny: a parsed XML tree has whatever shape the document has.
export function parseXml(xml: string): Record<string, any> {
  return xmlParser.parse(xml);
}

/** Text of a fast-xml-parser node that may be plain text, CDATA, or a mix of both. */
export function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map(textOf).join('');
  const record = node as Record<string, unknown>;
  if ('#cdata' in record) return textOf(record['#cdata']);
  if ('#text' in record) return textOf(record['#text']);
  return '';
}

export { parseAtomFeed, parseJsonFeed, parseRssFeed, parseWithFeedsmith, parseWithRowanmanning };

/** Fails the test with the parser's message if the document is not well-formed. */
export function expectWellFormed(xml: string, root: 'rss' | 'feed'): void {
  expectWellFormedAs(xml, root);
}

/** Well-formed XML (a strict, namespace-aware parser) whose root element is `root`. */
export function expectWellFormedAs(xml: string, root: string): void {
  const problem = verifyXml(xml, root);
  if (problem) throw new Error(problem);
}

export function expectValidJsonFeed(json: string): void {
  const problem = verifyJsonFeed(json);
  if (problem) throw new Error(problem);
}

/** How a reader shows an RSS description: XML-decoded, then HTML-decoded. */
export function decodeHtmlText(html: string): string {
  return html.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? '',
  );
}
