/**
 * `feedwright check`: the built feeds against an aggregator's documented rules. Every
 * subscription feed is read in the formats the aggregator takes; the feed-size rule is asked of
 * each of those documents, every other rule of the feed's first one (RSS, when it is read: the
 * formats carry the same items). Each finding names the rule, the feed, and for an item the post
 * file it came from (matched by id through the build's manifest).
 */
import { feedProblem, insecureSelf, isFeedCheck } from './feed-rules.js';
import { imageProblem, isImageCheck } from './image-rules.js';
import { type ItemContext, isItemCheck, itemProblem } from './item-rules.js';
import { type ImageMeasure, ImageMeter } from './measure-image.js';
import type { BuiltItem } from './parse-feed.js';
import type { Profile, Rule, Severity } from './profiles.js';
import {
  type BuiltDocument,
  type BuiltSite,
  type FeedSet,
  readBuiltDocument,
  readBuiltSite,
  siteUrlOf,
} from './read-built-feeds.js';

export interface Finding {
  severity: Severity;
  /** The rule's id, e.g. `msn/title-length`. */
  rule: string;
  /** Output path of the document the finding is about (for an item: its feed's first one). */
  feed: string;
  /** The post the item came from, relative to the posts folder (as the manifest records it). */
  source?: string;
  /** The item's title (its id when it has none). */
  item?: string;
  /** What is wrong: the measured value, the limit, and the fix. */
  message: string;
}

export interface CheckReport {
  profiles: Profile[];
  /** Every subscription feed of the build, the site feed first. */
  feeds: FeedSet[];
  findings: Finding[];
}

export interface CheckOptions {
  /** What "now" is for the date rules (default: the clock). */
  now?: Date;
  /** The output folder as the user typed it, for messages (default: `outDir`). */
  display?: string;
}

/** Checks the build in `outDir` against `profiles`; throws `FeedwrightError` when there is none. */
export async function checkFeeds(
  outDir: string,
  profiles: readonly Profile[],
  options: CheckOptions = {},
): Promise<CheckReport> {
  const site = await readBuiltSite(outDir, options.display);
  const formats = new Set(profiles.flatMap((profile) => profile.formats));
  const documents = new Map<string, BuiltDocument>();
  for (const feed of site.feeds) {
    for (const format of formats) {
      const file = feed.paths[format];
      if (file) documents.set(file, await readBuiltDocument(outDir, file, format, options.display));
    }
  }
  const measured = await measureImages(outDir, [...documents.values()]);
  const now = options.now ?? new Date();
  const findings = profiles.flatMap((profile) =>
    site.feeds.flatMap((feed) => {
      const docs = profile.formats.flatMap((format) => {
        const file = feed.paths[format];
        const doc = file === undefined ? undefined : documents.get(file);
        return doc ? [doc] : [];
      });
      return checkFeed(profile, docs, { site, measured, now });
    }),
  );
  return { profiles: [...profiles], feeds: site.feeds, findings };
}

/** Every image URL of every item, measured once (the site's own files are read). */
async function measureImages(
  outDir: string,
  docs: readonly BuiltDocument[],
): Promise<Map<string, ImageMeasure>> {
  const siteUrl = docs.map(siteUrlOf).find((url) => url !== undefined);
  const meter = new ImageMeter(outDir, siteUrl);
  const urls = new Set(docs.flatMap((doc) => doc.items.flatMap((i) => i.images.map((m) => m.url))));
  const measured = new Map<string, ImageMeasure>();
  for (const url of urls) measured.set(url, await meter.measure(url));
  return measured;
}

interface FeedRun {
  site: BuiltSite;
  measured: ReadonlyMap<string, ImageMeasure>;
  now: Date;
}

/** One profile's findings for one feed, given the documents of it the profile reads. */
function checkFeed(profile: Profile, docs: readonly BuiltDocument[], run: FeedRun): Finding[] {
  const [primary] = docs;
  if (!primary) return [];
  const context = itemContext(primary, run.now);
  const findings: Finding[] = [];
  for (const rule of profile.rules) {
    const { check } = rule;
    if (isFeedCheck(check)) {
      for (const doc of check.kind === 'feed-size' ? docs : [primary]) {
        const message = feedProblem(check, doc);
        if (message) findings.push(finding(rule, doc.path, message));
      }
    }
    if (!isItemCheck(check) && !isImageCheck(check)) continue;
    for (const item of primary.items) {
      const message = isItemCheck(check)
        ? itemProblem(check, item, context)
        : imageProblem(check, item, run.measured);
      if (message) findings.push(itemFinding(rule, primary.path, item, message, run.site));
    }
  }
  return findings;
}

function itemContext(doc: BuiltDocument, now: Date): ItemContext {
  const language = doc.language ?? doc.items.flatMap((item) => item.languages)[0];
  const insecure = insecureSelf(doc);
  const origin = insecure && URL.canParse(insecure) ? new URL(insecure).origin : undefined;
  return {
    now,
    ...(language ? { language } : {}),
    ...(origin ? { insecureOrigin: origin } : {}),
  };
}

function finding(rule: Rule, feed: string, message: string): Finding {
  return { severity: rule.severity, rule: rule.id, feed, message };
}

function itemFinding(
  rule: Rule,
  feed: string,
  item: BuiltItem,
  message: string,
  site: BuiltSite,
): Finding {
  const source = item.id === undefined ? undefined : site.sources.get(item.id)?.source;
  const name = item.title || item.id;
  return {
    ...finding(rule, feed, message),
    ...(source ? { source } : {}),
    ...(name ? { item: name } : {}),
  };
}
