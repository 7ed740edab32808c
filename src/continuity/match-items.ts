/** Which item of the new build each item readers saw before has become. */
import { httpUrl } from '../urls.js';
import type { ContinuityItem } from './snapshot.js';

export interface ItemPair {
  previous: ContinuityItem;
  current: ContinuityItem;
}

export interface Matching {
  pairs: ItemPair[];
  /** Items seen before that match nothing in the new build, in their order. */
  gone: ContinuityItem[];
  /** Items of the new build that match nothing seen before, in their order. */
  fresh: ContinuityItem[];
  /** The item seen before that each matched new item was. */
  previousOf: Map<ContinuityItem, ContinuityItem>;
}

/** What an item is recognised by; undefined when it has no such value. */
export type MatchKey = (item: ContinuityItem) => string | undefined;

/** The same link however it was spelled (`HTTPS://Example.com` is `https://example.com/`). */
export const sameUrlKey = (url: string): string => httpUrl(url) ?? url;

/** Against a manifest: by post file (the same post), then by id, then by link (a renamed file). */
export const MANIFEST_KEYS: readonly MatchKey[] = [
  (item) => item.source,
  (item) => item.id,
  (item) => sameUrlKey(item.url),
];

/** Against a feed file, which names no post files: by id, then by link, then by exact title. */
export const FEED_KEYS: readonly MatchKey[] = [
  (item) => item.id,
  (item) => sameUrlKey(item.url),
  (item) => item.title || undefined,
];

/**
 * Pairs items key by key, in the order of `keys`: a pair is made only when the value is unique
 * among the items still unpaired on both sides (two posts titled "Notes" match nothing by title).
 */
export function matchItems(
  previous: readonly ContinuityItem[],
  current: readonly ContinuityItem[],
  keys: readonly MatchKey[],
): Matching {
  const previousOf = new Map<ContinuityItem, ContinuityItem>();
  const paired = new Set<ContinuityItem>();
  for (const key of keys) {
    const before = uniqueBy(
      previous.filter((item) => !paired.has(item)),
      key,
    );
    const now = uniqueBy(
      current.filter((item) => !previousOf.has(item)),
      key,
    );
    for (const [value, old] of before) {
      const item = now.get(value);
      if (!item) continue;
      previousOf.set(item, old);
      paired.add(old);
    }
  }
  return {
    pairs: current.flatMap((item) => {
      const old = previousOf.get(item);
      return old ? [{ previous: old, current: item }] : [];
    }),
    gone: previous.filter((item) => !paired.has(item)),
    fresh: current.filter((item) => !previousOf.has(item)),
    previousOf,
  };
}

/** Items by key value, leaving out values that more than one item has. */
function uniqueBy(items: readonly ContinuityItem[], key: MatchKey): Map<string, ContinuityItem> {
  const found = new Map<string, ContinuityItem | null>();
  for (const item of items) {
    const value = key(item);
    if (value !== undefined) found.set(value, found.has(value) ? null : item);
  }
  const unique = new Map<string, ContinuityItem>();
  for (const [value, item] of found) if (item) unique.set(value, item);
  return unique;
}
