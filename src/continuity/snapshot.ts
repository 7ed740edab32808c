/**
 * What readers were shown, in one shape whatever it was read from: a build's manifest (every
 * published item and every feed's items) or one published feed file (only the items it holds).
 */
import type { Manifest } from '../manifest.js';
import { compareCodePoints } from '../text.js';
import { FEED_FILES } from '../urls.js';

/** One item as a reader saw it. Dates are ISO 8601 (from a feed file, with its own offsets). */
export interface ContinuityItem {
  id: string;
  url: string;
  title: string;
  /** Absent when a feed file gives the item no publication date. */
  published?: string;
  updated?: string;
  /** The post file, relative to the posts folder (manifests only). */
  source?: string;
  /** Changes whenever the post file's bytes change (manifests only). */
  hash?: string;
  /** Old site paths that redirect to the item. */
  aliases?: string[];
}

/** A subscription feed, by its RSS path, with its items' ids newest first. */
export interface ContinuityFeed {
  path: string;
  title: string;
  items: string[];
}

export interface ManifestSnapshot {
  kind: 'manifest';
  /** Every published item, newest first. */
  items: ContinuityItem[];
  /** The site feed first, then the others in code-point order of their paths. */
  feeds: ContinuityFeed[];
  /** Ids of stories withdrawn on purpose (past their `expires`). */
  withdrawn?: string[];
}

export interface FeedFileSnapshot {
  kind: 'feed';
  format: 'rss' | 'atom' | 'json';
  title: string;
  /** The file's own URL (RSS `atom:link rel="self"`, Atom `link rel="self"`, JSON `feed_url`). */
  selfUrl?: string;
  /** The items in the file, in its order. */
  items: ContinuityItem[];
}

export type Snapshot = ManifestSnapshot | FeedFileSnapshot;

export type SnapshotRead =
  | { ok: true; snapshot: ManifestSnapshot }
  | { ok: false; problem: 'no-items' | 'bad-items'; message: string };

/** Site feed first, then by path: the order feeds are reported in. */
export function compareFeedPaths(a: string, b: string): number {
  if (a === b) return 0;
  if (a === FEED_FILES.rss) return -1;
  if (b === FEED_FILES.rss) return 1;
  return compareCodePoints(a, b);
}

/** The items and feeds a manifest records, or why it records none a diff can use. */
export function manifestSnapshot(manifest: Manifest): SnapshotRead {
  const { items, feeds, withdrawn } = manifest;
  if (items === undefined || feeds === undefined) {
    return { ok: false, problem: 'no-items', message: 'it records no items' };
  }
  const problem = itemsProblem(items) ?? feedsProblem(feeds);
  if (problem) return { ok: false, problem: 'bad-items', message: problem };
  return {
    ok: true,
    snapshot: {
      kind: 'manifest',
      items,
      ...(Array.isArray(withdrawn) && withdrawn.every((id) => typeof id === 'string')
        ? { withdrawn }
        : {}),
      feeds: Object.entries(feeds)
        .map(([path, feed]) => ({ path, title: feed.title, items: feed.items }))
        .sort((a, b) => compareFeedPaths(a.path, b.path)),
    },
  };
}

function itemsProblem(items: unknown): string | undefined {
  if (!Array.isArray(items)) return '"items" is not a list';
  const bad = items.findIndex((item) => !isItem(item));
  return bad === -1 ? undefined : `items[${bad}] is not a complete item`;
}

function feedsProblem(feeds: unknown): string | undefined {
  if (typeof feeds !== 'object' || feeds === null || Array.isArray(feeds)) {
    return '"feeds" is not an object';
  }
  const bad = Object.entries(feeds).find(([, feed]) => !isFeed(feed));
  return bad ? `feeds["${bad[0]}"] is not a feed` : undefined;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringList = (value: unknown) => Array.isArray(value) && value.every(isString);

function isItem(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  const required = ['id', 'url', 'source', 'title', 'published', 'hash'];
  return (
    required.every((key) => isString(item[key])) &&
    (item.updated === undefined || isString(item.updated)) &&
    (item.aliases === undefined || isStringList(item.aliases))
  );
}

function isFeed(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const feed = value as Record<string, unknown>;
  return isString(feed.title) && isStringList(feed.items);
}
