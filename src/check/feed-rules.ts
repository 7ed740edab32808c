/**
 * The rules about a feed as a whole: how large each document is, how many items it carries,
 * whether it names its language, whether it is served over https. Each returns what is wrong —
 * the measured value, the limit and the fix — or undefined when the feed keeps the rule.
 */
import type { RuleCheck } from './profiles.js';
import type { BuiltDocument } from './read-built-feeds.js';

const n = (value: number) => value.toLocaleString('en-US');

/** True for the checks `feedProblem` answers. */
export function isFeedCheck(check: RuleCheck): boolean {
  return ['feed-size', 'item-count', 'language', 'https'].includes(check.kind);
}

/**
 * What `doc` does wrong by `check`, or undefined. `feed-size` is asked of every document the
 * aggregator reads (sizes differ per format); the others of the feed's first such document.
 */
export function feedProblem(check: RuleCheck, doc: BuiltDocument): string | undefined {
  switch (check.kind) {
    case 'feed-size':
      if (doc.bytes <= check.maxBytes) return undefined;
      return `${doc.path} is ${n(doc.bytes)} bytes, limit ${n(check.maxBytes)} — set "maxFeedBytes": ${check.maxBytes} in the config (the oldest stories then carry their summaries), or lower "limit"`;
    case 'item-count':
      return itemCountProblem(doc.items.length, check.min, check.max);
    case 'language':
      if (!check.declared || doc.language) return undefined;
      return `the feed names no language — set "language" in the config (e.g. "en-CA")`;
    case 'https': {
      const url = insecureSelf(doc);
      if (url === undefined) return undefined;
      return `the feed is served over http (${url}), and so are its links — set "url" in the config to the site's https:// address`;
    }
    default:
      return undefined;
  }
}

function itemCountProblem(count: number, min?: number, max?: number): string | undefined {
  const items = `${n(count)} item${count === 1 ? '' : 's'}`;
  if (max !== undefined && count > max) {
    return `the feed carries ${items}, limit ${max} — set "limit": ${max} (or fewer) in the config`;
  }
  if (min !== undefined && count < min) {
    return `the feed carries ${items}, at least ${min} wanted — submit a feed with more stories (the site feed), or raise "limit" in the config if it is below ${min}`;
  }
  return undefined;
}

/**
 * The `http:` self URL of a document served over http (its links are reported with it, once),
 * or undefined.
 */
export function insecureSelf(doc: Pick<BuiltDocument, 'selfUrl' | 'homeUrl'>): string | undefined {
  const url = doc.selfUrl ?? doc.homeUrl;
  return url?.toLowerCase().startsWith('http:') ? url : undefined;
}
