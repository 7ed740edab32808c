/**
 * Static HTML pages for a feed site: the landing page and a page per category, each paginated
 * back to the first story, a page per post hosted on the site, and redirects from old addresses.
 * Pure: the same documents give the same bytes, and no page needs JavaScript. Links between pages are relative, so the site works under a sub-path (GitHub Pages
 * project sites); autodiscovery and canonical links are absolute.
 */
import { hashBytes } from '../../hash.js';
import type { FeedDocument, FeedItem, KnownKey, OutputFile, SiteDocument } from '../../model.js';
import { itemKey, summaryKey } from '../item-key.js';
import { categoriesPage } from './categories-page.js';
import { type CategoryIndex, hasIndex } from './category-lists.js';
import { type Context, groupOf } from './links.js';
import { languageContexts, type PagePlan, pageItems, planPages } from './plan-pages.js';
import {
  groupPage,
  itemPage,
  landingPage,
  olderPage,
  redirectPage,
  withdrawnPage,
} from './templates.js';

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

/** What the pages of each language know of the site, and the site's pages as `planPages` plans them. */
export interface SitePages {
  /** By language tag. */
  contexts: Map<string, Context>;
  pages: PagePlan[];
}

/** The site's pages and their contexts; none without feeds. */
export function sitePages(site: SiteDocument): SitePages | undefined {
  const contexts = languageContexts(site);
  if (contexts.length === 0) return undefined;
  return {
    contexts: new Map(contexts.map((ctx) => [ctx.language.tag, ctx])),
    pages: planPages(site, contexts),
  };
}

/** The language a page is in. */
function languageOfPage(page: PagePlan): string {
  if (page.kind === 'listing') return page.listing.feed.language;
  if (page.kind === 'categories') return page.language;
  if (page.kind === 'redirect') return page.redirect.to.language;
  return page.item.language;
}

/**
 * Every page of the site, keyed; rendered only when asked. `planned` is `sitePages(site)`, when a
 * caller needs the pages too (the sitemaps list them).
 */
export function pagePlans(
  site: SiteDocument,
  planned = sitePages(site),
  knownPages?: (pageContext: string) => KnownKey,
): OutputPlan[] {
  if (!planned) return [];
  const { contexts, pages } = planned;
  const keys = new Map<Context, string>();
  const contextKey = (ctx: Context) => {
    let key = keys.get(ctx);
    if (key === undefined) {
      key = hashBytes(contextKeyOf(ctx));
      keys.set(ctx, key);
    }
    return key;
  };
  const first = contexts.values().next().value as Context;
  const plans = pages.map(
    (page) => new PageOutput(page, contexts.get(languageOfPage(page)) ?? first, contextKey),
  );
  const context = pageContextKey(contexts, contextKey);
  pageContexts.set(site, context);
  const known = knownPages?.(context);
  if (known)
    for (const plan of plans) {
      const key = plan.item && known(plan.item);
      if (key !== undefined) keyTaken(plan, key);
    }
  return plans;
}

/** The page context of each site whose pages were planned (see `pageContextKey`). */
const pageContexts = new WeakMap<SiteDocument, string>();

/**
 * A key of what a story's page is made of besides its item (see `inputsOf`): each language's
 * context, and the feeds of every section, byline and tag it may link to, by slug. The page of
 * the same item in the same page context has the same key (see `takenPageKeys`).
 */
function pageContextKey(
  contexts: ReadonlyMap<string, Context>,
  contextKey: (ctx: Context) => string,
): string {
  const parts: string[] = [];
  for (const [tag, ctx] of contexts) {
    parts.push(tag, contextKey(ctx));
    for (const feeds of [ctx.categoryFeeds, ctx.authorFeeds, ctx.tagFeeds]) {
      parts.push(`${feeds.size}`);
      for (const [slug, doc] of feeds) parts.push(slug, metaKey(doc));
    }
  }
  return keyOf(parts);
}

/**
 * The page context of `site` (once its pages are planned), and the key taken (or given) of each
 * story's page among `plans` (its outputs, or its pages), by its item's file: what the next build
 * may take instead of taking it again.
 */
export function takenPageKeys(
  site: SiteDocument,
  plans: readonly OutputPlan[],
): {
  context: string | undefined;
  keys: Map<string, string>;
} {
  const keys = new Map<string, string>();
  for (const plan of plans) {
    if (!(plan instanceof PageOutput) || !plan.item) continue;
    const key = plan.keyIfTaken();
    if (key !== undefined) keys.set(plan.item.source, key);
  }
  return { context: pageContexts.get(site), keys };
}

/**
 * `plan` with a `key` taken the first time it is read: a build that was handed the keys already
 * (see `renderSite`), or the key another thread took of its twin (`keyTaken`), never takes it
 * again.
 */
export function withLazyKey(plan: Omit<OutputPlan, 'key'>, take: () => string): OutputPlan {
  return new Planned(plan.paths, plan.needs, plan.render, take);
}

/**
 * An output's key, taken when first read, once (or given by `keyTaken`). One object of one shape
 * an output, its key a getter of the class: defined on each plan, it made every one a dictionary
 * (~690 bytes a plan, against ~330; a page, without closures of its own, ~190).
 */
abstract class LazyKeyed {
  private taken: string | undefined;

  get key(): string {
    this.taken ??= takenElsewhere.get(this) ?? this.take();
    return this.taken;
  }

  /** The key if it was taken, here or elsewhere; none taken for asking. */
  keyIfTaken(): string | undefined {
    return this.taken ?? takenElsewhere.get(this);
  }

  /** The key, taken from what the output shows. */
  protected abstract take(): string;
}

/** An output planned with its own `render` and key (see `withLazyKey`). */
class Planned extends LazyKeyed implements OutputPlan {
  constructor(
    readonly paths: string[],
    readonly needs: string[],
    readonly render: () => OutputFile[],
    private readonly taker: () => string,
  ) {
    super();
  }

  protected take(): string {
    return this.taker();
  }
}

/**
 * A page as an output: its key and its HTML made from its plan and its context when asked. Its
 * paths and needs are made each time they are asked (a few times a build), and let go young: two
 * arrays a page kept for a build's length were ~6 MB of a touched build's old generation at
 * 100,000 posts.
 */
class PageOutput extends LazyKeyed implements OutputPlan {
  constructor(
    private readonly page: PagePlan,
    private readonly ctx: Context,
    private readonly contextKey: (ctx: Context) => string,
  ) {
    super();
  }

  get paths(): string[] {
    return [this.page.path];
  }

  get needs(): string[] {
    return this.page.kind === 'item' ? [this.page.item.source] : [];
  }

  /** The story a story's page shows; none for other pages. */
  get item(): FeedItem | undefined {
    return this.page.kind === 'item' ? this.page.item : undefined;
  }

  protected take(): string {
    return keyOf([this.contextKey(this.ctx), ...inputsOf(this.ctx, this.page)]);
  }

  render(): OutputFile[] {
    return [{ path: this.page.path, content: pageHtml(this.ctx, this.page) }];
  }
}

/** Keys of outputs taken by another thread, from its copy of the same site. */
const takenElsewhere = new WeakMap<object, string>();

/**
 * Gives `plan` the key another thread took of the same output of its copy of the same site
 * (which gives the very same key): `plan.key` is then that, not taken again here. A key taken
 * here already stands.
 */
export function keyTaken(plan: OutputPlan, key: string): void {
  takenElsewhere.set(plan, key);
}

/** One key of several parts. */
export function keyOf(parts: readonly string[]): string {
  return hashBytes(parts.join('\u0000'));
}

/** Every page of the site, rendered (library use; a build goes through `renderSite`). */
export function renderSitePages(site: SiteDocument): OutputFile[] {
  return pagePlans(site).flatMap((plan) => plan.render());
}

/**
 * What every page shows besides what is its own: the site, its feed, and the navigation (the
 * categories it lists, and whether it links to the index). Each page's own inputs add the other
 * categories it shows, so adding a category that the navigation does not list leaves other
 * pages' keys as they were.
 */
function contextKeyOf(ctx: Context): string {
  const { feeds: _f, archives: _a, listings: _l, redirects: _r, items: _i, ...about } = ctx.site;
  const { withdrawn: _w, languages: _g, ...site } = about;
  const nav = ctx.nav.map((entry) => meta(entry.feed));
  const homes = ctx.homes.map(meta);
  return JSON.stringify([
    site,
    ctx.language,
    homes,
    meta(ctx.siteFeed),
    nav,
    hasIndex(ctx.entries),
  ]);
}

/** A feed as pages show it: its name and its addresses. */
function meta(doc: FeedDocument): unknown[] {
  return [
    doc.title,
    doc.description,
    doc.urls,
    doc.paths,
    groupOf(doc) ?? null,
    doc.writer ?? null,
  ];
}

function inputsOf(ctx: Context, page: PagePlan): string[] {
  const pageSize = ctx.site.pageSize;
  if (page.kind === 'item') return [itemKey(page.item), itemFeeds(ctx, page.item)];
  if (page.kind === 'withdrawn') return ['withdrawn', summaryKey(page.item)];
  if (page.kind === 'redirect') return [page.redirect.to.url, page.redirect.to.title];
  if (page.kind === 'categories') return [`${page.page}`, indexKey(page.index, page.page)];
  const items = pageItems(page.listing, page.page, pageSize);
  const own = metaKey(page.listing.feed);
  // The landing page says how many categories there are when the navigation lists only some.
  const landing = !groupOf(page.listing.feed) && page.page === 1;
  const total = landing ? `${ctx.entries.length}` : '';
  return [`${page.page}/${page.pages}`, own, total, ...items.map(summaryKey)];
}

/** The feeds of an item's categories, bylines and tags, which its page links to (by `metaKey`). */
function itemFeeds(ctx: Context, item: FeedItem): string {
  const metaOf = (feeds: Map<string, FeedDocument>, slug: string | undefined) => {
    const doc = slug === undefined ? undefined : feeds.get(slug);
    return doc ? metaKey(doc) : 'null';
  };
  const shown = [
    ...item.categories.map((c) => metaOf(ctx.categoryFeeds, c.slug)),
    ...item.authors.map((a) => metaOf(ctx.authorFeeds, a.slug)),
    ...item.tags.map((t) => metaOf(ctx.tagFeeds, t.slug)),
  ];
  return `[${shown.join(',')}]`;
}

const metaKeys = new WeakMap<FeedDocument, string>();

/**
 * A key of `meta(doc)`, taken once a document: every story's page names its sections' feeds, and
 * a hash keeps each page's key short (hashing their JSON on every page: 10 MB at 10,000 posts).
 */
function metaKey(doc: FeedDocument): string {
  let key = metaKeys.get(doc);
  if (key === undefined) {
    key = hashBytes(JSON.stringify(meta(doc)));
    metaKeys.set(doc, key);
  }
  return key;
}

const indexEnds = new WeakMap<CategoryIndex, string>();

/** What page `page` of the categories index shows: its rows, and every page's first and last. */
function indexKey(index: CategoryIndex, page: number): string {
  let ends = indexEnds.get(index);
  if (ends === undefined) {
    const names = index.pages.map((entries) => [
      entries[0]?.feed.category?.name,
      entries.at(-1)?.feed.category?.name,
    ]);
    ends = JSON.stringify([index.entries.length, names]);
    indexEnds.set(index, ends);
  }
  const rows = (index.pages[page - 1] ?? []).map((entry) => [meta(entry.feed), entry.count]);
  return `${ends}\u0000${JSON.stringify(rows)}`;
}

function pageHtml(ctx: Context, page: PagePlan): string {
  if (page.kind === 'item') return itemPage(ctx, page.item, page.path);
  if (page.kind === 'withdrawn') return withdrawnPage(ctx, page.item, page.path);
  if (page.kind === 'redirect') return redirectPage(ctx, page.redirect);
  if (page.kind === 'categories') return categoriesPage(ctx, page.index, page.page);
  const { listing, path } = page;
  const of = {
    page: page.page,
    pages: page.pages,
    items: pageItems(listing, page.page, ctx.site.pageSize),
  };
  if (of.page > 1) return olderPage(ctx, listing.feed, path, of);
  return groupOf(listing.feed) ? groupPage(ctx, listing.feed, path, of) : landingPage(ctx, of);
}
