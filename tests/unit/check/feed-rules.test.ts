import { describe, expect, it } from 'vitest';
import { feedProblem, insecureSelf, isFeedCheck } from '../../../src/check/feed-rules.js';
import type { BuiltItem } from '../../../src/check/parse-feed.js';
import type { BuiltDocument } from '../../../src/check/read-built-feeds.js';

const item: BuiltItem = { title: 'T', languages: [], images: [] };

function doc(overrides: Partial<BuiltDocument> = {}): BuiltDocument {
  return {
    path: 'rss.xml',
    format: 'rss',
    bytes: 1000,
    selfUrl: 'https://x.org/rss.xml',
    homeUrl: 'https://x.org/',
    language: 'en',
    items: [item],
    ...overrides,
  };
}

describe('isFeedCheck', () => {
  it('is true for the checks about a feed as a whole', () => {
    expect(isFeedCheck({ kind: 'feed-size', maxBytes: 1 })).toBe(true);
    expect(isFeedCheck({ kind: 'item-count', max: 1 })).toBe(true);
    expect(isFeedCheck({ kind: 'title-length', max: 1 })).toBe(false);
  });
});

describe('feedProblem', () => {
  it('feed-size: the measured bytes, the limit, and how to fit', () => {
    const check = { kind: 'feed-size', maxBytes: 2_000_000 } as const;
    expect(feedProblem(check, doc({ bytes: 2_000_000 }))).toBeUndefined();
    expect(feedProblem(check, doc({ path: 'atom.xml', bytes: 2_345_678 }))).toBe(
      'atom.xml is 2,345,678 bytes, limit 2,000,000 — set "maxFeedBytes": 2000000 in the config (the oldest stories then carry their summaries), or lower "limit"',
    );
  });

  it('item-count: too many, and too few', () => {
    const items = (n: number) => doc({ items: Array.from({ length: n }, () => item) });
    expect(feedProblem({ kind: 'item-count', max: 60 }, items(60))).toBeUndefined();
    expect(feedProblem({ kind: 'item-count', max: 60 }, items(61))).toBe(
      'the feed carries 61 items, limit 60 — set "limit": 60 (or fewer) in the config',
    );
    expect(feedProblem({ kind: 'item-count', min: 20 }, items(20))).toBeUndefined();
    expect(feedProblem({ kind: 'item-count', min: 20 }, items(1))).toMatch(
      /^the feed carries 1 item, at least 20 wanted — submit a feed with more stories/,
    );
  });

  it('language: a feed that must name its language and does not', () => {
    expect(feedProblem({ kind: 'language', declared: true }, doc())).toBeUndefined();
    expect(
      feedProblem({ kind: 'language', declared: false }, doc({ language: undefined })),
    ).toBeUndefined();
    expect(feedProblem({ kind: 'language', declared: true }, doc({ language: undefined }))).toBe(
      'the feed names no language — set "language" in the config (e.g. "en-CA")',
    );
  });

  it('https: a feed served over http', () => {
    expect(feedProblem({ kind: 'https' }, doc())).toBeUndefined();
    expect(feedProblem({ kind: 'https' }, doc({ selfUrl: 'http://x.org/rss.xml' }))).toBe(
      'the feed is served over http (http://x.org/rss.xml), and so are its links — set "url" in the config to the site\'s https:// address',
    );
  });

  it('has nothing to say about item checks', () => {
    expect(feedProblem({ kind: 'title-length', max: 1 }, doc())).toBeUndefined();
  });
});

describe('insecureSelf', () => {
  it('is the http self URL, else the http home URL, else undefined', () => {
    expect(insecureSelf({ selfUrl: 'HTTP://x.org/rss.xml' })).toBe('HTTP://x.org/rss.xml');
    expect(insecureSelf({ homeUrl: 'http://x.org/' })).toBe('http://x.org/');
    expect(
      insecureSelf({ selfUrl: 'https://x.org/rss.xml', homeUrl: 'http://x.org/' }),
    ).toBeUndefined();
    expect(insecureSelf({})).toBeUndefined();
  });
});
