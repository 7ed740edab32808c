/** The pieces pages are made of: navigation, story lists, subscribe boxes, bylines, dates. */
import sanitizeHtml from 'sanitize-html';
import type { FeedDocument, FeedItem, Person } from '../../model.js';
import { formatDate } from '../../text.js';
import { httpUrl } from '../../urls.js';
import { OPML_FILE } from '../site-files/opml.js';
import { hasIndex, indexDir } from './category-lists.js';
import { type HtmlValue, html, raw, type SafeHtml } from './html-template.js';
import { type Context, type Current, feedDir, groupOf, type Here, itemHref, rel } from './links.js';
import { listingDir } from './plan-pages.js';

/**
 * The site's sections: Latest, the most used categories (at most `NAV_CATEGORIES`), a link to
 * the categories index when there are more, and Subscribe. Its size never grows with the site.
 */
export function siteNav(ctx: Context, at: Here, current: Current): SafeHtml {
  const mark = (is: boolean) => is && raw(' aria-current="page"');
  const slug = typeof current === 'object' ? current.slug : undefined;
  const entries = ctx.nav.map(({ feed }) => {
    const category = feed.category;
    return html`<li><a href="${rel(at, feedDir(feed))}" dir="auto"${mark(
      category?.slug === slug && slug !== undefined,
    )}>${category?.name ?? feed.title}</a></li>\n`;
  });
  const more =
    hasIndex(ctx.entries) &&
    html`<li><a href="${rel(at, indexDir(1))}"${mark(current === 'categories')}>All categories</a></li>\n`;
  return html`<nav aria-label="Sections">
<ul>
<li><a href="${rel(at, '')}"${mark(current === 'home')}>Latest</a></li>
${entries}${more}<li><a href="${rel(at, '')}#subscribe">Subscribe</a></li>
</ul>
</nav>`;
}

export function latestSection(
  ctx: Context,
  at: Here,
  items: readonly FeedItem[],
  pagination: SafeHtml | false = false,
  heading = 'Latest stories',
): SafeHtml {
  const list =
    items.length === 0
      ? html`<p>No stories yet.</p>`
      : html`<ol class="items">
${items.map((item) => html`${itemSummary(ctx, at, item)}\n`)}</ol>`;
  return html`<section class="latest" aria-labelledby="latest-heading">
<h2 id="latest-heading">${heading}</h2>
${list}
${pagination && html`${pagination}\n`}</section>`;
}

/** Links to the newer and older pages of a listing; nothing when it has one page. */
export function paginationNav(
  at: Here,
  doc: FeedDocument,
  of: { page: number; pages: number },
): SafeHtml | false {
  return pager(at, (page) => listingDir(doc, page), of, LISTING_PAGER);
}

/** What a pager is called and what its two links say. */
export interface PagerWords {
  label: string;
  prev: string;
  next: string;
}

const LISTING_PAGER: PagerWords = {
  label: 'More stories',
  prev: 'Newer stories',
  next: 'Older stories',
};

/** Links to the page before and after page `of.page` (folders from `dirOf`); nothing for one page. */
export function pager(
  at: Here,
  dirOf: (page: number) => string,
  of: { page: number; pages: number },
  words: PagerWords,
): SafeHtml | false {
  if (of.pages <= 1) return false;
  const dir = (page: number) => rel(at, dirOf(page));
  return html`<nav class="pagination" aria-label="${words.label}">
${of.page > 1 && html`<a rel="prev" href="${dir(of.page - 1)}">${words.prev}</a>\n`}<span class="page-of">Page ${of.page} of ${of.pages}</span>
${of.page < of.pages && html`<a rel="next" href="${dir(of.page + 1)}">${words.next}</a>\n`}</nav>`;
}

/** Where the page before and the page after `of.page` are (folders from `dirOf`), from `at`. */
export function pageNeighbours(
  at: Here,
  dirOf: (page: number) => string,
  of: { page: number; pages: number },
): { prev?: string; next?: string } {
  return {
    ...(of.page > 1 ? { prev: rel(at, dirOf(of.page - 1)) } : {}),
    ...(of.page < of.pages ? { next: rel(at, dirOf(of.page + 1)) } : {}),
  };
}

/** "1 story", "1,234 stories". */
export function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function itemSummary(ctx: Context, at: Here, item: FeedItem): SafeHtml {
  const href = itemHref(at, item);
  const external = item.pagePath === undefined;
  const title = item.title || 'Untitled';
  const host = external && href ? new URL(href).host : undefined;
  return html`<li><article class="item">
<h3 dir="auto">${href ? html`<a href="${href}">${title}</a>` : title}</h3>
<p class="meta">${timeTag(item.published, ctx.site.timezone, false)}${
    item.categories.length > 0 &&
    html`<span class="sep" aria-hidden="true"> · </span>${categoryLinks(ctx, at, item, SUMMARY_CATEGORIES)}`
  }${host && html`<span class="sep" aria-hidden="true"> · </span><span class="host">on ${host}</span>`}</p>
${item.summary && html`<p class="summary" dir="auto">${item.summary}</p>\n`}</article></li>`;
}

/** Categories a story lists in a listing; its own page lists them all. */
export const SUMMARY_CATEGORIES = 5;

/**
 * A story's categories, each linked to its page: the first `max`, then how many more (linked to
 * the story's page when the site hosts it), so a story in many categories stays one line.
 */
export function categoryLinks(
  ctx: Context,
  at: Here,
  item: FeedItem,
  max = Number.POSITIVE_INFINITY,
): SafeHtml {
  const links = item.categories.slice(0, max).map((category) => {
    const dir = ctx.categoryDirs.get(category.slug);
    return dir === undefined
      ? html`<bdi>${category.name}</bdi>`
      : html`<a href="${rel(at, dir)}">${category.name}</a>`;
  });
  const rest = item.categories.length - links.length;
  const href = item.pagePath === undefined ? undefined : itemHref(at, item);
  const words = `${rest} more ${rest === 1 ? 'category' : 'categories'}`;
  const more = rest > 0 && html` and ${href ? html`<a href="${href}">${words}</a>` : words}`;
  return html`<span class="cats">${links.map((link, i) => html`${i > 0 && ', '}${link}`)}${more}</span>`;
}

/**
 * The Subscribe box: each of `docs` with its three format links and, given `linkToAll` (the
 * link's words), a link to where every category's feeds are (when the site has categories).
 */
export function subscribeSection(
  ctx: Context,
  at: Here,
  docs: readonly FeedDocument[],
  linkToAll: string | false = false,
  opml = false,
): SafeHtml {
  const first = docs[0];
  const rows = docs.map((doc) => {
    const group = groupOf(doc);
    const name = group ? feedName(group) : `Everything from ${ctx.site.title}`;
    return html`<li>
<span class="feed-name" dir="auto">${name}</span>
<span class="formats">${formatLinks(at, doc, group ? group.name : 'the whole site')}</span>
</li>`;
  });
  return html`<section class="subscribe" id="subscribe" aria-labelledby="subscribe-heading">
<h2 id="subscribe-heading">Subscribe</h2>
<p>A feed sends you new stories as they are published. To subscribe, copy a feed link below into a feed reader such as NetNewsWire, Feedly or Miniflux. Not sure which format? Choose RSS.</p>
<ul class="feeds">
${rows.map((row) => html`${row}\n`)}</ul>
${first && html`<p class="feed-url">Or copy this address: <code>${first.urls.rss}</code></p>\n`}${linkToAll && ctx.entries.length > 0 && html`<p><a href="${allFeeds(ctx, at)}">${linkToAll}</a></p>\n`}${opml && html`<p><a href="${rel(at, OPML_FILE)}" type="text/x-opml">Every feed in one file</a> (OPML: most readers import it in one step)</p>\n`}</section>`;
}

/** Where every category's feeds are listed: the categories index, else the landing page. */
function allFeeds(ctx: Context, at: Here): string {
  return hasIndex(ctx.entries) ? rel(at, indexDir(1)) : `${rel(at, '')}#subscribe`;
}

export function formatLinks(at: Here, doc: FeedDocument, about: string): SafeHtml {
  // Visible "RSS"; read aloud "RSS feed for Politics", so the link makes sense on its own.
  const link = (path: string, label: string, hidden: string) =>
    html`<a class="format" href="${rel(at, path)}">${label}<span class="vh"> ${hidden} ${about}</span></a>`;
  return html`${link(doc.paths.rss, 'RSS', 'feed for')} ${link(doc.paths.atom, 'Atom', 'feed for')} ${link(doc.paths.json, 'JSON Feed', 'for')}`;
}

/** A feed's name in a Subscribe box: "Politics", "Stories by Jane Doe", "Tagged Ottawa". */
function feedName(group: NonNullable<ReturnType<typeof groupOf>>): string {
  if (group.kind === 'Author') return `Stories by ${group.name}`;
  if (group.kind === 'Tag') return `Tagged ${group.name}`;
  return group.name;
}

/** A byline: each author linked to their page here when they have one, else to their own URL. */
export function people(
  authors: readonly (Person & { slug?: string })[],
  link?: { ctx: Context; at: Here },
): SafeHtml {
  const names = authors.map((person) => {
    const page = link && person.slug && link.ctx.authorFeeds.get(person.slug);
    const url = page && link ? rel(link.at, feedDir(page)) : httpUrl(person.url);
    return url
      ? html`<a href="${url}"><bdi>${person.name}</bdi></a>`
      : html`<bdi>${person.name}</bdi>`;
  });
  const parts: HtmlValue[] = [];
  names.forEach((name, i) => {
    if (i > 0) parts.push(i === names.length - 1 ? ' and ' : ', ');
    parts.push(name);
  });
  return html`${parts}`;
}

export function timeTag(date: Date, timezone: string, withTime: boolean): SafeHtml {
  return html`<time datetime="${date.toISOString()}">${formatDate(date, timezone, withTime)}</time>`;
}

const HEADING_DOWN: Record<string, string> = { h1: 'h2', h2: 'h3', h3: 'h4', h4: 'h5', h5: 'h6' };

/**
 * The post's title is the page's only `h1`: content that has its own `h1` headings gets every
 * heading moved one level down. Otherwise the content is inserted byte for byte.
 */
export function withOneH1(contentHtml: string): string {
  if (!/<h1[\s>]/i.test(contentHtml)) return contentHtml;
  return sanitizeHtml(contentHtml, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    transformTags: HEADING_DOWN,
  });
}

/** A story's tags, each linked to its page when tag feeds are on. */
export function tagLinks(ctx: Context, at: Here, item: FeedItem): SafeHtml {
  const links = item.tags.map((tag) => {
    const doc = ctx.tagFeeds.get(tag.slug);
    return doc
      ? html`<a href="${rel(at, feedDir(doc))}">${tag.name}</a>`
      : html`<bdi>${tag.name}</bdi>`;
  });
  return html`<span class="tags">${links.map((link, i) => html`${i > 0 && ', '}${link}`)}</span>`;
}
