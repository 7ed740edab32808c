import { statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { cacheKey } from '../hash.js';
import { readManifest } from '../manifest.js';
import type { FeedSummary, FileStamp, PostRef } from '../model.js';

/** The output the last build wrote, and what went into it. */
export interface OutputRecord {
  /** Covers the config, feedwright's code and every feed's posts with their content hashes. */
  fingerprint: string;
  /** The manifest it wrote: path → sha256. */
  files: Record<string, string>;
  /** Content hashes of the posts in some feed: path → [front matter, body]. */
  posts: Record<string, [string, string]>;
  /** Warnings about those posts' bodies, repeated while the output stays the same. */
  diagnostics: Diagnostic[];
  /** Per feed (by its RSS path), a key of what went into it: an unchanged feed is not re-rendered. */
  feeds: Record<string, string>;
  /** Size and mtime of every file as written. */
  stamps: Record<string, FileStamp>;
  /** Per page, a key of everything it shows: an unchanged page is not rendered again. */
  pages: Record<string, string>;
  /** The earliest date of a post left out for being in the future: the output changes then. */
  nextDue: number;
  /** Which posts were selectable (drafts, future posts): a different choice changes the output. */
  selection: string;
  /** Covers the config, feedwright's code and the public files. */
  outputKey: string;
  /** What an up-to-date build reports: the counts and every feed it wrote. */
  published: number;
  summaries: FeedSummary[];
}

/** Which posts are in which feed, in order: what the fingerprint is taken over. */
export interface PlannedFeeds<P extends PostRef = PostRef> {
  feeds: readonly { category?: { slug: string; name: string }; posts: readonly P[] }[];
}

/**
 * Everything the output depends on besides the config, feedwright's code and the public files
 * (all in `outputKey`): which posts are in which feed, in order, and the bytes of each one's
 * front matter and body. Undefined when some post's hashes are not known without reading it.
 */
export function outputFingerprint<P extends PostRef>(
  outputKey: string,
  plan: PlannedFeeds<P>,
  hashesOf: (ref: P) => [string, string] | undefined,
): string | undefined {
  const feeds: unknown[] = [];
  for (const feed of plan.feeds) {
    const posts: unknown[] = [];
    for (const ref of feed.posts) {
      const hashes = hashesOf(ref);
      if (!hashes) return undefined;
      posts.push([ref.sourcePath, ...hashes]);
    }
    feeds.push([feed.category?.slug ?? '', feed.category?.name ?? '', posts]);
  }
  return cacheKey([outputKey, feeds]);
}

/**
 * True when the output folder is as the last build left it: the same manifest, and every file
 * with the size and mtime it had when written (a file edited by hand is noticed and rewritten).
 */
export async function outputMatches(outDir: string, last: OutputRecord): Promise<boolean> {
  const manifest = await readManifest(outDir);
  if (manifest === null || JSON.stringify(manifest.files) !== JSON.stringify(last.files))
    return false;
  for (const [file, stamp] of Object.entries(last.stamps)) {
    const info = statSync(path.join(outDir, file), { throwIfNoEntry: false });
    if (!info || info.size !== stamp.size || info.mtimeMs !== stamp.mtimeMs) return false;
  }
  return true;
}
