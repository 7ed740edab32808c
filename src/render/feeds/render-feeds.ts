import type { FeedDocument, OutputFile, TextPart } from '../../model.js';
import { fileOfParts, partsBytes } from '../../text.js';
import { atomParts, rssParts } from './feed-adapter.js';
import { jsonFeedParts } from './json-feed.js';

/** Every feed in all three formats, in a fixed order. */
export function renderFeeds(feeds: readonly FeedDocument[]): OutputFile[] {
  return feeds.flatMap(renderFeed);
}

/** One feed in all three formats, each in the parts it was put together from. */
export function renderFeed(doc: FeedDocument): OutputFile[] {
  return [
    fromParts(doc.paths.rss, withNewline(rssParts(doc))),
    fromParts(doc.paths.atom, withNewline(atomParts(doc))),
    fromParts(doc.paths.json, jsonFeedParts(doc)),
  ];
}

/** A file checked as it was put together (see `withItems` and `jsonFeedParts`), in its parts. */
function fromParts(path: string, parts: readonly TextPart[]): OutputFile {
  return fileOfParts(path, parts, true);
}

/** The parts, ending in a newline. */
function withNewline(parts: TextPart[]): TextPart[] {
  const last = parts.findLast((part) => part.length > 0) ?? '';
  const newline = typeof last === 'string' ? last.endsWith('\n') : last.at(-1) === 0x0a;
  return newline ? parts : [...parts, '\n'];
}

/** The bytes (UTF-8) of a feed document's largest format: what a size budget is checked against. */
export function feedBytes(doc: FeedDocument): number {
  // Parts meet between elements, never inside a character: their lengths add up.
  return Math.max(...renderFeed(doc).map((file) => partsBytes(file.parts ?? [file.content])));
}
