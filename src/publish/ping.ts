/**
 * WebSub publish notifications: after a deploy, tell each hub which feeds changed so it
 * re-fetches them and pushes the new items to subscribers.
 */
import { parseHttpUrl } from '../urls.js';
import {
  type ChangedFeed,
  changedFeeds,
  inputError,
  loadCurrentManifest,
  loadPreviousManifest,
} from './changed-feeds.js';
import { type NotifyOptions, notifyHub, type PingOutcome } from './websub-client.js';

export type { ChangedFeed } from './changed-feeds.js';
export type { PingOutcome } from './websub-client.js';

export interface PingOptions {
  /** Output folder of `feedwright build`; its `.feedwright-manifest.json` lists the feeds. */
  outDir: string;
  /** Absolute site root the feeds are served under (`SiteConfig.url`). */
  siteUrl: string;
  /** WebSub hub endpoints to notify. */
  hubs: readonly string[];
  /**
   * Path to an older manifest (e.g. the one fetched from the live site before deploying). The
   * changed feeds are those whose hash differs from it (new feeds included). Without it, every
   * feed counts as changed.
   */
  previousManifest?: string;
  /** Injected for tests; default the global `fetch`. */
  fetch?: typeof fetch;
  /** Extra attempts after the first on 5xx, 408, 429, network errors and timeouts. Default 3. */
  retries?: number;
  /** First retry waits about this long; each further retry doubles it. Default 500. */
  baseDelayMs?: number;
  /** Longest single wait between attempts. Default 30 000. */
  maxDelayMs?: number;
  /**
   * Per-attempt limit, headers and body included (of an error answer only the first 4 KiB are
   * read). Default 10 000. A hub that gives up answering after every retry is not asked about
   * the remaining feeds, so a dead hub costs about (retries + 1) × timeoutMs plus the waits.
   */
  timeoutMs?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Also send `hub.topic=<feed URL>` (some hubs read that instead of `hub.url`). Default false. */
  sendTopic?: boolean;
  /** One line per attempt outcome, without trailing newline. */
  log?: (line: string) => void;
}

export interface PingResult {
  /** Hub URLs as notified (normalised, duplicates removed). */
  hubs: string[];
  /** The changed feeds, in manifest order. */
  feeds: ChangedFeed[];
  /**
   * What "changed" was measured against: `previous` (the `previousManifest` given) or `all`
   * (nothing to compare with, so every feed counts as changed).
   */
  basis: 'previous' | 'all';
  /** Feed-major, hub-minor: `outcomes[f * hubs.length + h]`. */
  outcomes: PingOutcome[];
  ok: number;
  failed: number;
  /** e.g. `pinged 2 hubs for 3 changed feeds: 6 ok, 0 failed`. */
  summary: string;
}

/**
 * Notifies every hub about every changed feed. Hub failures never throw: they are counted in
 * the result (callers decide the exit code). Throws `FeedwrightError` only for bad inputs:
 * no or unreadable manifest, bad previous manifest, bad site or hub URL.
 */
export async function pingHubs(options: PingOptions): Promise<PingResult> {
  const notify = notifyOptions(options);
  const concurrency = Math.max(1, nonNegativeInteger(options.concurrency ?? 4, 'concurrency'));
  const siteUrl = parseSiteUrl(options.siteUrl);
  const hubs = [...new Set(options.hubs.map((hub, i) => parseHubUrl(hub, i)))];
  const manifest = await loadCurrentManifest(options.outDir);
  const previous =
    options.previousManifest === undefined
      ? null
      : await loadPreviousManifest(options.previousManifest);
  const basis: PingResult['basis'] = previous ? 'previous' : 'all';
  const feeds = changedFeeds(manifest, previous, siteUrl);
  if (basis === 'all' && hubs.length > 0)
    notify.log('websub: no previous manifest to compare with: treating every feed as changed');

  const jobs = feeds.flatMap((feed) => hubs.map((hub) => ({ hub, feed: feed.url })));
  const outcomes: PingOutcome[] = new Array(jobs.length);
  const down = new Map<string, PingOutcome>();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < jobs.length; i = next++) {
      const { hub, feed } = jobs[i] as { hub: string; feed: string };
      const failed = down.get(hub);
      const outcome = failed ? notAsked(hub, feed, failed) : await notifyHub(hub, feed, notify);
      if (!failed && isDown(outcome)) down.set(hub, outcome);
      outcomes[i] = outcome;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));

  const ok = outcomes.filter((o) => o.ok).length;
  const failed = outcomes.length - ok;
  return { hubs, feeds, basis, outcomes, ok, failed, summary: summarize(hubs, feeds, ok, failed) };
}

/**
 * A hub that gave up answering (no answer in time, or 5xx) after every retry is not asked again
 * in the same run: with many changed feeds, each would wait out all its retries too.
 */
function isDown(outcome: PingOutcome): boolean {
  return !outcome.ok && (outcome.status === undefined || outcome.status >= 500);
}

function notAsked(hub: string, feed: string, failed: PingOutcome): PingOutcome {
  const error = `hub ${hub} was not asked about ${feed}: it had already failed for ${failed.feed}`;
  return { hub, feed, ok: false, attempts: 0, error };
}

function notifyOptions(options: PingOptions): NotifyOptions {
  return {
    doFetch: options.fetch ?? globalThis.fetch,
    retries: nonNegativeInteger(options.retries ?? 3, 'retries'),
    baseDelayMs: nonNegativeNumber(options.baseDelayMs ?? 500, 'baseDelayMs'),
    maxDelayMs: nonNegativeNumber(options.maxDelayMs ?? 30_000, 'maxDelayMs'),
    timeoutMs: positiveNumber(options.timeoutMs ?? 10_000, 'timeoutMs'),
    sendTopic: options.sendTopic ?? false,
    log: options.log ?? (() => {}),
  };
}

function summarize(hubs: string[], feeds: ChangedFeed[], ok: number, failed: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (hubs.length === 0) return 'no WebSub hubs configured: nothing to ping';
  if (feeds.length === 0)
    return `no feeds changed: nothing to ping (${plural(hubs.length, 'hub')} configured)`;
  return `pinged ${plural(hubs.length, 'hub')} for ${plural(feeds.length, 'changed feed')}: ${ok} ok, ${failed} failed`;
}

function parseSiteUrl(value: string): URL {
  const url = parseHttpUrl(value);
  if (!url)
    throw inputError(
      'ping-bad-site-url',
      'config',
      `site url "${value}" is not an absolute http(s) URL`,
      'set "url" in the config, e.g. "https://example.com/blog/"',
    );
  // The site root is a folder: without the slash, `new URL('rss.xml', …/blog)` drops `blog`.
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

function parseHubUrl(value: string, index: number): string {
  const url = parseHttpUrl(value);
  if (!url)
    throw inputError(
      'ping-bad-hub',
      'config',
      `hubs[${index}] "${value}" is not an absolute http(s) URL`,
      'use e.g. "https://pubsubhubbub.appspot.com/"',
    );
  return url.href;
}

function nonNegativeInteger(n: number, name: string): number {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`${name} must be a whole number ≥ 0, not ${n}`);
  return n;
}
function nonNegativeNumber(n: number, name: string): number {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`${name} must be ≥ 0, not ${n}`);
  return n;
}
function positiveNumber(n: number, name: string): number {
  if (!Number.isFinite(n) || n <= 0) throw new RangeError(`${name} must be > 0, not ${n}`);
  return n;
}
