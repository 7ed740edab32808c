/**
 * Static HTML pages for a feed site: the landing page and a page per category, each paginated
 * back to the first story, a page per post hosted on the site, and redirects from old addresses.
 * Pure: the same documents give the same bytes, and no page needs JavaScript. Links between pages are relative, so the site works under a sub-path (GitHub Pages
 * project sites); autodiscovery and canonical links are absolute.
 */
import { hashBytes } from '../../hash.js';
import type { FeedDocument, FeedItem, OutputFile, SiteDocument } from '../../model.js';
import { type Context, pageContext } from './links.js';
import { type PagePlan, pageItems, planPages } from './plan-pages.js';
import { categoryPage, itemPage, landingPage, olderPage, redirectPage } from './templates.js';

/** One output to write (a feed's three files, or one page), keyed before it is rendered. */
export interface OutputPlan {
  /** The files it is written as. */
  paths: string[];
  /** A key of everything it shows: the same key, the same bytes. Taken when first asked. */
  readonly key: string;
  /** The posts whose HTML it shows: they must be rendered before it is. */
  needs: string[];
  render: () => OutputFile[];
}

/** Every page of the site, keyed; rendered only when asked. */
export function pagePlans(site: SiteDocument): OutputPlan[] {
  const ctx = pageContext(site);
  if (!ctx) return [];
  const context = hashBytes(contextKeyOf(site, ctx.siteFeed, ctx.categories));
  return planPages(site).map((page) => ({
    paths: [page.path],
    needs: page.kind === 'item' ? [page.item.source] : [],
    render: () => [{ path: page.path, content: render(ctx, page) }],
    ...lazyKey(() => keyOf([context, ...inputsOf(page, site.pageSize)])),
  }));
}

/** A `key` property taken the first time it is read (most outputs' keys are read once). */
export function lazyKey(take: () => string): { readonly key: string } {
  let key: string | undefined;
  return {
    get key() {
      key ??= take();
      return key;
    },
  };
}

/** One key of several parts. */
export function keyOf(parts: readonly string[]): string {
  return hashBytes(parts.join('\u0000'));
}

const itemKeys = new WeakMap<FeedItem, string>();

/**
 * What an item shows, as key material, without its HTML: its `contentKey` stands for that, so
 * a key is known before the body is rendered. Taken once per item, however many outputs show it.
 */
export function itemKey(item: FeedItem): string {
  let key = itemKeys.get(item);
  if (key === undefined) {
    const { contentHtml: _html, pending: _pending, ...shown } = item;
    key = JSON.stringify(shown);
    itemKeys.set(item, key);
  }
  return key;
}

/** Every page of the site, rendered (library use; a build goes through `renderSite`). */
export function renderSitePages(site: SiteDocument): OutputFile[] {
  return pagePlans(site).flatMap((plan) => plan.render());
}

/** What every page shows besides its own items: the site and every feed's name and links. */
function contextKeyOf(
  site: SiteDocument,
  siteFeed: FeedDocument,
  categories: FeedDocument[],
): string {
  const { feeds: _f, archives: _a, listings: _l, redirects: _r, ...about } = site;
  const meta = (doc: FeedDocument) => [
    doc.title,
    doc.description,
    doc.urls,
    doc.paths,
    doc.category ?? null,
  ];
  return JSON.stringify([about, meta(siteFeed), categories.map(meta)]);
}

function inputsOf(page: PagePlan, pageSize: number): string[] {
  if (page.kind === 'item') return [itemKey(page.item)];
  if (page.kind === 'redirect') return [page.redirect.to.url, page.redirect.to.title];
  const items = pageItems(page.listing, page.page, pageSize);
  return [`${page.page}/${page.pages}`, ...items.map(itemKey)];
}

function render(ctx: Context, page: PagePlan): string {
  if (page.kind === 'item') return itemPage(ctx, page.item, page.path);
  if (page.kind === 'redirect') return redirectPage(ctx, page.redirect);
  const { listing, path } = page;
  const of = {
    page: page.page,
    pages: page.pages,
    items: pageItems(listing, page.page, ctx.site.pageSize),
  };
  if (of.page > 1) return olderPage(ctx, listing.feed, path, of);
  return listing.feed.category ? categoryPage(ctx, listing.feed, path, of) : landingPage(ctx, of);
}
