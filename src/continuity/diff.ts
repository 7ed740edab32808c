/**
 * What readers will be notified of, feed by feed, when the new build replaces what they saw
 * before: items new, updated and removed — and whatever breaks continuity.
 */
import { FEED_FILES, feedPaths } from '../urls.js';
import { type BrokenContinuity, brokenContinuity, type SiteContext } from './broken.js';
import { FEED_KEYS, MANIFEST_KEYS, type Matching, matchItems, sameUrlKey } from './match-items.js';
import {
  type ContinuityFeed,
  type ContinuityItem,
  compareFeedPaths,
  type ManifestSnapshot,
  type Snapshot,
} from './snapshot.js';

/** An item as a report names it. */
export interface ReportItem {
  id: string;
  url: string;
  title: string;
  source?: string;
  /** Gone on purpose: past its `expires`. */
  withdrawn?: true;
}

export interface FeedChanges {
  /** The feed's RSS path, e.g. `rss.xml` or `categories/tech/rss.xml`. */
  path: string;
  title: string;
  /** In the new subscription document, never published before. */
  new: ReportItem[];
  /** In the new subscription document, changed since readers saw it. */
  updated: ReportItem[];
  /** Published before, no longer published at all. */
  removed: ReportItem[];
}

export interface ContinuityReport {
  /** Distinct items (one story in three feeds counts once), and broken-continuity problems. */
  summary: { new: number; updated: number; removed: number; broken: number };
  /** The feeds with changes, the site feed first. */
  feeds: FeedChanges[];
  broken: BrokenContinuity[];
}

export interface DiffContext extends SiteContext {
  /** The post files that exist now, relative to the posts folder. */
  postFiles: Iterable<string>;
}

/** A feed to report on: its items now, and the items it showed that are gone. */
interface ComparedFeed {
  path: string;
  title: string;
  items: readonly string[];
  removed: ContinuityItem[];
}

/**
 * Compares the new build with what readers saw before: a manifest (every feed, every published
 * item) or one feed file (compared with the new feed at its self link, else the site feed).
 */
export function diffSnapshots(
  previous: Snapshot,
  current: ManifestSnapshot,
  context: DiffContext,
): ContinuityReport {
  const keys = previous.kind === 'manifest' ? MANIFEST_KEYS : FEED_KEYS;
  const matching = matchItems(previous.items, current.items, keys);
  const compared =
    previous.kind === 'manifest'
      ? manifestFeeds(previous.feeds, current.feeds, matching.gone)
      : [fileFeed(previous.selfUrl, previous.title, current.feeds, matching.gone, context)];
  const changed = previous.kind === 'manifest' ? contentChanged : shownChanged;
  const byId = new Map(current.items.map((item) => [item.id, item]));
  const withdrawn = new Set(current.withdrawn);
  const reportItem = (item: ContinuityItem) => ({
    ...reportOf(item),
    ...(withdrawn.has(item.id) ? { withdrawn: true as const } : {}),
  });
  const feeds = compared
    .map((feed) => feedChanges(feed, byId, matching, changed, reportItem))
    .filter((feed) => feed.new.length + feed.updated.length + feed.removed.length > 0);
  // A story withdrawn on purpose is removed, not broken.
  const kept = { ...matching, gone: matching.gone.filter((item) => !withdrawn.has(item.id)) };
  const broken = brokenContinuity(kept, context.postFiles, context);
  const distinct = (pick: (feed: FeedChanges) => ReportItem[]) =>
    new Set(feeds.flatMap((feed) => pick(feed).map((item) => item.id))).size;
  return {
    summary: {
      new: distinct((feed) => feed.new),
      updated: distinct((feed) => feed.updated),
      removed: distinct((feed) => feed.removed),
      broken: broken.length,
    },
    feeds,
    broken,
  };
}

function feedChanges(
  feed: ComparedFeed,
  byId: ReadonlyMap<string, ContinuityItem>,
  matching: Matching,
  changed: (before: ContinuityItem, now: ContinuityItem) => boolean,
  reportItem: (item: ContinuityItem) => ReportItem,
): FeedChanges {
  const items = feed.items.flatMap((id) => byId.get(id) ?? []);
  return {
    path: feed.path,
    title: feed.title,
    new: items.filter((item) => !matching.previousOf.has(item)).map(reportItem),
    updated: items
      .filter((item) => {
        const before = matching.previousOf.get(item);
        return before !== undefined && changed(before, item);
      })
      .map(reportItem),
    removed: feed.removed.map(reportItem),
  };
}

/**
 * Every feed of either build. A gone item is reported in the feeds that showed it; one no feed
 * showed any more (an old story) in the site feed, whose archives held it.
 */
function manifestFeeds(
  before: readonly ContinuityFeed[],
  now: readonly ContinuityFeed[],
  gone: readonly ContinuityItem[],
): ComparedFeed[] {
  const paths = [...new Set([...now, ...before].map((feed) => feed.path))];
  const shownIn = (item: ContinuityItem) =>
    before.filter((feed) => feed.items.includes(item.id)).map((feed) => feed.path);
  const unshown = gone.filter((item) => shownIn(item).length === 0);
  if (unshown.length > 0 && !paths.includes(FEED_FILES.rss)) paths.push(FEED_FILES.rss);
  return paths.sort(compareFeedPaths).map((path) => {
    const feed = now.find((f) => f.path === path);
    return {
      path,
      title: feed?.title ?? before.find((f) => f.path === path)?.title ?? '',
      items: feed?.items ?? [],
      removed: [
        ...gone.filter((item) => shownIn(item).includes(path)),
        ...(path === FEED_FILES.rss ? unshown : []),
      ],
    };
  });
}

/** The new feed a feed file corresponds to: the one at its self link, else the site feed. */
function fileFeed(
  selfUrl: string | undefined,
  title: string,
  now: readonly ContinuityFeed[],
  gone: ContinuityItem[],
  site: SiteContext,
): ComparedFeed {
  const self = selfUrl === undefined ? undefined : sameUrlKey(selfUrl);
  const feed =
    now.find((f) => self !== undefined && feedUrls(f.path, site.siteUrl).includes(self)) ??
    now.find((f) => f.path === FEED_FILES.rss) ??
    now[0];
  return feed
    ? { path: feed.path, title: feed.title, items: feed.items, removed: gone }
    : { path: FEED_FILES.rss, title, items: [], removed: gone };
}

/** The URLs of a feed's three documents (its RSS path names the folder they share). */
function feedUrls(rssPath: string, siteUrl: string): string[] {
  if (!rssPath.endsWith(FEED_FILES.rss)) return [new URL(rssPath, siteUrl).href];
  const paths = feedPaths(rssPath.slice(0, -FEED_FILES.rss.length));
  return [paths.rss, paths.atom, paths.json].map((p) => new URL(p, siteUrl).href);
}

/** Against a manifest: the post file's bytes or its `updated` date changed. */
function contentChanged(before: ContinuityItem, now: ContinuityItem): boolean {
  return before.hash !== now.hash || !sameInstant(before.updated, now.updated);
}

/**
 * Against a feed file, which carries no hash: the title or a date it shows changed. A format
 * without an updated date (plain RSS) is compared on its publication date only.
 */
function shownChanged(before: ContinuityItem, now: ContinuityItem): boolean {
  if (before.title !== now.title) return true;
  if (before.published && !sameInstant(before.published, now.published)) return true;
  return before.updated !== undefined && !sameInstant(before.updated, now.updated ?? now.published);
}

function sameInstant(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return Date.parse(a) === Date.parse(b);
}

function reportOf(item: ContinuityItem): ReportItem {
  return {
    id: item.id,
    url: item.url,
    title: item.title,
    ...(item.source !== undefined ? { source: item.source } : {}),
  };
}
