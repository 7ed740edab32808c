/**
 * A size budget for subscription documents (`maxFeedBytes`): Google News stops reading a feed at
 * 2 MB, older readers at 512 KB, and counting items is no size guarantee when one story is 300 KB.
 * A document over the budget in any format carries its oldest items as summaries (their full
 * text is on their pages), as few as it takes; if that is not enough, the oldest drop out (they
 * stay in its archives). Whole items only, and the result is measured, so the budget holds.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { FeedDocument, SiteDocument } from '../model.js';

/** The bytes of a document's largest format (the render stage measures it). */
export type Measure = (doc: FeedDocument) => number;

/** What fitting did to one document. */
export interface Fit {
  doc: FeedDocument;
  /** The oldest items now carried as summaries. */
  excerpts: number;
  /** The oldest items left out. */
  dropped: number;
  /** False when even a document with no item is over the budget. */
  within: boolean;
}

/**
 * The site with each subscription document fitted to `maxBytes`, and a warning for each one
 * that had to give something up. Documents whose items' text is not at hand (outputs carried
 * over unchanged: they were fitted when written) are left as they are.
 */
export function fitFeeds(
  site: SiteDocument,
  maxBytes: number | undefined,
  measure: Measure,
): { site: SiteDocument; diagnostics: Diagnostic[] } {
  if (maxBytes === undefined) return { site, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const feeds = site.feeds.map((doc) => {
    if (doc.items.some((item) => item.pending) || measure(doc) <= maxBytes) return doc;
    const fit = fitFeed(doc, maxBytes, measure);
    diagnostics.push(budgetWarning(fit, maxBytes));
    return fit.doc;
  });
  // The very same site when every feed fits: its outputs were planned and keyed already.
  if (feeds.every((doc, i) => doc === site.feeds[i])) return { site, diagnostics };
  return { site: { ...site, feeds }, diagnostics };
}

/**
 * The fewest oldest items turned into summaries, then (if all of them are not enough) the fewest
 * oldest left out, that bring the document within `maxBytes`. Each count is found by a binary
 * search over measured documents, keeping only counts that were measured to fit.
 */
export function fitFeed(doc: FeedDocument, maxBytes: number, measure: Measure): Fit {
  const n = doc.items.length;
  const excerpted = (k: number): FeedDocument => ({
    ...doc,
    items: doc.items.map((item, i) => (i >= n - k ? { ...item, excerpt: true as const } : item)),
  });
  const fits = (candidate: FeedDocument) => measure(candidate) <= maxBytes;
  const allExcerpts = excerpted(n);
  if (fits(allExcerpts)) {
    const k = smallest(1, n - 1, (k) => fits(excerpted(k))) ?? n;
    return { doc: excerpted(k), excerpts: k, dropped: 0, within: true };
  }
  const without = (d: number): FeedDocument => ({
    ...allExcerpts,
    items: allExcerpts.items.slice(0, n - d),
  });
  const d = smallest(1, n, (d) => fits(without(d)));
  const dropped = d ?? n;
  return { doc: without(dropped), excerpts: n - dropped, dropped, within: d !== undefined };
}

/**
 * The smallest count in `lo…hi` that `ok` accepts (it accepts every count above one it accepts),
 * or undefined when it accepts none.
 */
function smallest(lo: number, hi: number, ok: (count: number) => boolean): number | undefined {
  let best: number | undefined;
  let low = lo;
  let high = hi;
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    if (ok(mid)) {
      best = mid;
      high = mid - 1;
    } else low = mid + 1;
  }
  return best;
}

function budgetWarning(fit: Fit, maxBytes: number): Diagnostic {
  const bytes = maxBytes.toLocaleString('en-US');
  const what = [
    fit.excerpts > 0 &&
      `its ${fit.excerpts} oldest ${fit.excerpts === 1 ? 'story is' : 'stories are'} carried as summaries`,
    fit.dropped > 0 &&
      `${fit.dropped} older ${fit.dropped === 1 ? 'story is' : 'stories are'} left out (they stay in its archives)`,
  ].filter(Boolean);
  return {
    severity: 'warning',
    code: 'feed-over-budget',
    file: fit.doc.paths.rss,
    field: 'maxFeedBytes',
    message: fit.within
      ? `the feed would be over maxFeedBytes (${bytes} bytes): ${what.join(', and ')}`
      : `the feed is over maxFeedBytes (${bytes} bytes) even with no story in it`,
    fix: 'raise maxFeedBytes, or lower limit so that each feed holds fewer stories',
  };
}
