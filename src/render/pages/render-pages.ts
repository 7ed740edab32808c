/**
 * Static HTML pages for a feed site: a landing page, one page per category and one per post
 * hosted on the site. Pure: the same documents give the same bytes, and no page needs
 * JavaScript. Links between pages are relative, so the site works under a sub-path (GitHub Pages
 * project sites); autodiscovery and canonical links are absolute.
 */
import { hashBytes } from '../../hash.js';
import type { FeedDocument, KeptFile, OutputFile, SiteDocument } from '../../model.js';
import { type Context, pageContext } from './links.js';
import { type PagePlan, planPages } from './plan-pages.js';
import { categoryPage, itemPage, landingPage } from './templates.js';

/**
 * Given a page's path and a key of everything it shows, the digest of the unchanged page to carry
 * over from the last build, or undefined to render it.
 */
export type ReusePage = (path: string, key: string) => string | undefined;

export interface RenderedPages {
  files: (OutputFile | KeptFile)[];
  /** Every page's key, for the next build's `reuse`. */
  keys: Record<string, string>;
}

/** Every page of the site (`site.feeds[0]` is the site feed, the others category feeds). */
export function renderSitePages(
  site: SiteDocument,
  reuse: ReusePage = () => undefined,
): RenderedPages {
  const ctx = pageContext(site);
  if (!ctx) return { files: [], keys: {} };
  const { siteFeed, categories } = ctx;
  const contextKey = contextKeyOf(site, siteFeed, categories);
  const files: (OutputFile | KeptFile)[] = [];
  const keys: Record<string, string> = {};
  for (const page of planPages(siteFeed, categories)) {
    const key = hashBytes(contextKey + JSON.stringify(inputsOf(page, siteFeed)));
    keys[page.path] = key;
    const kept = reuse(page.path, key);
    files.push(
      kept ? { path: page.path, keep: kept } : { path: page.path, content: render(ctx, page) },
    );
  }
  return { files, keys };
}

/** What every page shows besides its own items: the site and every feed's name and links. */
function contextKeyOf(
  site: SiteDocument,
  siteFeed: FeedDocument,
  categories: FeedDocument[],
): string {
  const { feeds: _, ...about } = site;
  const meta = (doc: FeedDocument) => [
    doc.title,
    doc.description,
    doc.urls,
    doc.paths,
    doc.category ?? null,
  ];
  return JSON.stringify([about, meta(siteFeed), categories.map(meta)]);
}

function inputsOf(page: PagePlan, siteFeed: FeedDocument): unknown {
  if (page.kind === 'landing') return siteFeed.items;
  return page.kind === 'category' ? page.feed.items : page.item;
}

function render(ctx: Context, page: PagePlan): string {
  if (page.kind === 'landing') return landingPage(ctx);
  return page.kind === 'category'
    ? categoryPage(ctx, page.feed, page.path)
    : itemPage(ctx, page.item, page.path);
}
