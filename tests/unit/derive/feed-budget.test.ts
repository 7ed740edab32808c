import { describe, expect, it } from 'vitest';
import { fitFeed, fitFeeds } from '../../../src/derive/feed-budget.js';
import type { FeedDocument } from '../../../src/model.js';
import { feedBytes } from '../../../src/render/feeds/render-feeds.js';
import { siteOutputs } from '../../../src/render/render-site.js';
import { makePost, siteConfig, siteOf } from '../../helpers/model.js';

const config = siteConfig({ limit: 10 });
/** Ten stories, newest first, each with a body of about `kb` KB. */
function site(kb = 20) {
  const posts = Array.from({ length: 10 }, (_, i) =>
    makePost(
      {
        slug: `s${i}`,
        title: `Story ${i}`,
        summary: `Summary of story ${i}.`,
        date: new Date(Date.UTC(2026, 0, 20 - i)),
        body: `${'A long paragraph of reporting. '.repeat(kb * 33)}\n`,
      },
      config,
    ),
  );
  return siteOf(posts, config);
}
const excerpts = (doc: FeedDocument) => doc.items.filter((item) => item.excerpt).length;

describe('fitFeed', () => {
  it('turns the fewest oldest stories into summaries that bring every format within the budget', () => {
    const doc = site().feeds[0] as FeedDocument;
    const full = feedBytes(doc);
    const budget = Math.floor(full * 0.6);
    const fit = fitFeed(doc, budget, feedBytes);
    expect(feedBytes(fit.doc)).toBeLessThanOrEqual(budget);
    expect(fit.dropped).toBe(0);
    expect(excerpts(fit.doc)).toBe(fit.excerpts);
    // The oldest are the ones shortened, and one fewer would not fit.
    expect(fit.doc.items.map((i) => Boolean(i.excerpt))).toEqual(
      Array.from({ length: 10 }, (_, i) => i >= 10 - fit.excerpts),
    );
    const oneLess = {
      ...doc,
      items: doc.items.map((item, i) =>
        i >= 10 - (fit.excerpts - 1) ? { ...item, excerpt: true as const } : item,
      ),
    };
    expect(feedBytes(oneLess)).toBeGreaterThan(budget);
  });

  it('leaves out the oldest stories, whole, when summaries are not enough', () => {
    const doc = site().feeds[0] as FeedDocument;
    const summaries = { ...doc, items: doc.items.map((i) => ({ ...i, excerpt: true as const })) };
    const budget = feedBytes(summaries) - 200;
    const fit = fitFeed(doc, budget, feedBytes);
    expect(fit.dropped).toBeGreaterThan(0);
    expect(fit.doc.items.map((i) => i.title)).toEqual(
      doc.items.slice(0, 10 - fit.dropped).map((i) => i.title),
    );
    expect(feedBytes(fit.doc)).toBeLessThanOrEqual(budget);
  });
});

describe('fitFeed: a budget nothing fits', () => {
  it('leaves every story out and says it is still over', () => {
    const doc = site().feeds[0] as FeedDocument;
    const fit = fitFeed(doc, 100, feedBytes);
    expect([fit.within, fit.dropped, fit.excerpts, fit.doc.items]).toEqual([false, 10, 0, []]);
    const { diagnostics } = fitFeeds({ ...site(), feeds: [doc] }, 100, feedBytes);
    expect(diagnostics[0]?.message).toBe(
      'the feed is over maxFeedBytes (100 bytes) even with no story in it',
    );
  });
});

describe('fitFeeds', () => {
  it('leaves every feed as it is without a budget, or within it', () => {
    const plain = site(1);
    expect(fitFeeds(plain, undefined, feedBytes)).toEqual({ site: plain, diagnostics: [] });
    expect(fitFeeds(plain, 10_000_000, feedBytes).diagnostics).toEqual([]);
    // The very same site object, whose outputs were planned and keyed already, not a copy.
    expect(fitFeeds(plain, 10_000_000, feedBytes).site).toBe(plain);
    expect(siteOutputs(fitFeeds(plain, 10_000_000, feedBytes).site)).toBe(siteOutputs(plain));
  });

  it('fits every subscription document over the budget, with one warning each saying how many', () => {
    const big = site();
    const budget = Math.floor(feedBytes(big.feeds[0] as FeedDocument) * 0.5);
    const { site: fitted, diagnostics } = fitFeeds(big, budget, feedBytes);
    for (const doc of fitted.feeds) expect(feedBytes(doc)).toBeLessThanOrEqual(budget);
    expect(diagnostics).toHaveLength(fitted.feeds.length);
    expect(diagnostics[0]).toMatchObject({
      severity: 'warning',
      code: 'feed-over-budget',
      file: 'rss.xml',
      field: 'maxFeedBytes',
    });
    expect(diagnostics[0]?.message).toMatch(
      new RegExp(
        `its ${excerpts(fitted.feeds[0] as FeedDocument)} oldest stories are carried as summaries$`,
      ),
    );
    // Archives and listings are not feeds a reader polls: they keep everything.
    expect(fitted.archives).toBe(big.archives);
    expect(fitted.listings).toBe(big.listings);
  });

  it('leaves a document whose stories’ text is not at hand (carried over unchanged) as it is', () => {
    const big = site();
    const pending = {
      ...big,
      feeds: big.feeds.map((doc) => ({
        ...doc,
        items: doc.items.map((i) => ({ ...i, contentHtml: '', pending: true as const })),
      })),
    };
    expect(fitFeeds(pending, 10_000, feedBytes).site.feeds).toEqual(pending.feeds);
  });
});
