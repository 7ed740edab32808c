/**
 * How much of a story the feeds carry. A story's full HTML goes into RSS `content:encoded`,
 * Atom `content` and JSON Feed `content_html` as one text node; libxml2-based readers refuse a
 * text node over 10,000,000 bytes (XML_MAX_TEXT_LENGTH) and Google News an article over 1 MB.
 * Past `MAX_FEED_CONTENT_BYTES` the feeds carry the story's summary and a link to it instead;
 * its page still shows all of it.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { FeedItem, ItemHtml } from '../model.js';
import { htmlText, storedByteBounds, storyText } from '../stored-html.js';
import { escapeHtml, escapeHtmlText } from '../text.js';

/**
 * Full content larger than this (1 MB of HTML, as UTF-8) is left out of the feeds. Escaped as
 * XML text, which at worst makes it five times longer, it is still half of libxml2's limit.
 */
export const MAX_FEED_CONTENT_BYTES = 1_000_000;

/** True when `html` is small enough to go into the feeds whole. */
export function fitsInFeeds(html: ItemHtml): boolean {
  if (typeof html !== 'string') {
    // A stored body is read back only when whether its lead is shown decides it.
    const { least, most } = storedByteBounds(html);
    return (
      most <= MAX_FEED_CONTENT_BYTES ||
      (least <= MAX_FEED_CONTENT_BYTES && fitsInFeeds(htmlText(html)))
    );
  }
  // A UTF-16 code unit takes one to three bytes in UTF-8: count only when it matters.
  if (html.length * 3 <= MAX_FEED_CONTENT_BYTES) return true;
  if (html.length > MAX_FEED_CONTENT_BYTES) return false;
  return Buffer.byteLength(html, 'utf8') <= MAX_FEED_CONTENT_BYTES;
}

/**
 * The item as the feeds show it: itself, or, when its full content is too large, the same item
 * with its summary and a link to the whole story as its content. An item whose body is not at
 * hand yet stays as it is (its key does not depend on its HTML, so it is the same either way).
 */
export function forFeeds(item: FeedItem): FeedItem {
  if (item.pending || fitsInFeeds(item.contentHtml)) return item;
  const link = `<p><a href="${escapeHtml(item.url)}">${escapeHtmlText(item.url)}</a></p>`;
  const summary = item.summary ? `<p>${escapeHtmlText(storyText(item.summary))}</p>\n` : '';
  return { ...item, contentHtml: `${summary}${link}` };
}

/** The warning for a story whose content the feeds leave out, if they do (see `forFeeds`). */
export function feedContentWarning(html: string, file: string): Diagnostic | undefined {
  if (fitsInFeeds(html)) return undefined;
  const size = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  return {
    severity: 'warning',
    code: 'content-too-large-for-feeds',
    file,
    field: 'body',
    message: `its HTML is ${size(Buffer.byteLength(html, 'utf8'))}, more than the ${size(MAX_FEED_CONTENT_BYTES)} a feed carries of a story: the feeds carry its summary and a link to it instead (its page shows all of it)`,
    fix: 'split it into several posts to have each whole in the feeds',
  };
}
