import type { FeedDocument, OutputFile } from '../../model.js';
import { renderAtom, renderRss } from './feed-adapter.js';
import { renderJsonFeed } from './json-feed.js';

/** Every feed in all three formats, in a fixed order. */
export function renderFeeds(feeds: readonly FeedDocument[]): OutputFile[] {
  return feeds.flatMap(renderFeed);
}

/** One feed in all three formats. */
export function renderFeed(doc: FeedDocument): OutputFile[] {
  return [
    // Checked as they were put together (see `withItems` and `renderJsonFeed`).
    { path: doc.paths.rss, content: withNewline(renderRss(doc)), checked: true },
    { path: doc.paths.atom, content: withNewline(renderAtom(doc)), checked: true },
    { path: doc.paths.json, content: renderJsonFeed(doc), checked: true },
  ];
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** The bytes (UTF-8) of a feed document's largest format: what a size budget is checked against. */
export function feedBytes(doc: FeedDocument): number {
  return Math.max(...renderFeed(doc).map((file) => Buffer.byteLength(file.content, 'utf8')));
}
