/** The pieces pages are made of: navigation, story lists, subscribe boxes, bylines, dates. */
import type sanitizeHtml from 'sanitize-html';
import { lazyPackage } from '../../lazy-package.js';
import type { FeedDocument, FeedItem, Person } from '../../model.js';
import { storyText } from '../../stored-html.js';
import { localeOf } from '../../text.js';
import { httpUrl } from '../../urls.js';
import { OPML_FILE } from '../site-files/opml.js';
import { hasIndex, indexDir } from './category-lists.js';
import { type HtmlValue, html, raw, type SafeHtml } from './html-template.js';
import { type Context, type Current, feedDir, groupOf, type Here, itemHref, rel } from './links.js';
import { listingDir } from './plan-pages.js';
import { languageName, say, sayCount, timeTag } from './words.js';

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
  const { text, folder } = ctx.language;
  const more =
    hasIndex(ctx.entries) &&
    html`<li><a href="${rel(at, indexDir(1, folder))}"${mark(current === 'categories')}>${text.allCategories}</a></li>\n`;
  return html`<nav aria-label="${text.sections}">
<ul>
<li><a href="${rel(at, folder)}"${mark(current === 'home')}>${text.latest}</a></li>
${entries}${more}<li><a href="${rel(at, folder)}#subscribe">${text.subscribe}</a></li>
${otherLanguages(ctx, at)}</ul>
</nav>`;
}

/** Links to the landing page of each other language, each named in its own language. */
function otherLanguages(ctx: Context, at: Here): SafeHtml | false {
  const others = ctx.homes.filter((home) => home.language !== ctx.language.tag);
  if (others.length === 0) return false;
  return html`${others.map(
    (home) =>
      html`<li><a href="${rel(at, feedDir(home))}" hreflang="${home.language}" lang="${home.language}">${languageName(home.language)}</a></li>\n`,
  )}`;
}

export function latestSection(
  ctx: Context,
  at: Here,
  items: readonly FeedItem[],
  pagination: SafeHtml | false = false,
  heading: HtmlValue = ctx.language.text.latestStories,
): SafeHtml {
  const list =
    items.length === 0
      ? html`<p>${ctx.language.text.noStories}</p>`
      : html`<ol class="items">
${items.map((item) => html`${itemSummary(ctx, at, item)}\n`)}</ol>`;
  return html`<section class="latest" aria-labelledby="latest-heading">
<h2 id="latest-heading">${heading}</h2>
${list}
${pagination && html`${pagination}\n`}</section>`;
}

/** Links to the newer and older pages of a listing; nothing when it has one page. */
export function paginationNav(
  ctx: Context,
  at: Here,
  doc: FeedDocument,
  of: { page: number; pages: number },
): SafeHtml | false {
  const { text } = ctx.language;
  const words = {
    label: text.moreStories,
    prev: text.newerStories,
    next: text.olderStories,
    pageOf: text.pageOf,
  };
  return pager(at, (page) => listingDir(doc, page), of, words);
}

/** What a pager is called, what its two links say, and how it says which page this is. */
export interface PagerWords {
  label: string;
  prev: string;
  next: string;
  /** With `{page}` and `{pages}`. */
  pageOf: string;
}

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
${of.page > 1 && html`<a rel="prev" href="${dir(of.page - 1)}">${words.prev}</a>\n`}<span class="page-of">${say(words.pageOf, { page: of.page, pages: of.pages })}</span>
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

function itemSummary(ctx: Context, at: Here, item: FeedItem): SafeHtml {
  const href = itemHref(at, item);
  const external = item.pagePath === undefined;
  const { text } = ctx.language;
  const tag = localeOf(ctx.language);
  const title = item.title || text.untitled;
  const host = external && href ? new URL(href).host : undefined;
  const summary = storyText(item.summary);
  return html`<li><article class="item">
<h3 dir="auto">${href ? html`<a href="${href}">${title}</a>` : title}</h3>
<p class="meta">${timeTag(item.published, ctx.site.timezone, false, tag)}${
    item.categories.length > 0 &&
    html`<span class="sep" aria-hidden="true"> · </span>${categoryLinks(ctx, at, item, SUMMARY_CATEGORIES)}`
  }${host && html`<span class="sep" aria-hidden="true"> · </span><span class="host">${say(text.onHost, { host })}</span>`}</p>
${summary && html`<p class="summary" dir="auto">${summary}</p>\n`}</article></li>`;
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
  const { text } = ctx.language;
  const more = rest > 0 && moreCategories(ctx, at, item, rest);
  const sep = text.listSeparator;
  return html`<span class="cats">${links.map((link, i) => html`${i > 0 && sep}${link}`)}${more}</span>`;
}

/** "and 3 more", linked to the story's page when the site hosts it. */
function moreCategories(ctx: Context, at: Here, item: FeedItem, rest: number): SafeHtml {
  const href = item.pagePath === undefined ? undefined : itemHref(at, item);
  const words = sayCount(ctx.language, 'moreCategoryCount', rest);
  return html`${ctx.language.text.and}${href ? html`<a href="${href}">${words}</a>` : words}`;
}

/**
 * The Subscribe box: each of `docs` with its three format links and, given `linkToAll` (the
 * link's words), a link to where every category's feeds are (when the site has categories).
 */
export function subscribeSection(
  ctx: Context,
  at: Here,
  docs: readonly FeedDocument[],
  linkToAll: HtmlValue = false,
  opml = false,
): SafeHtml {
  const { text } = ctx.language;
  const first = docs[0];
  const rows = docs.map((doc) => {
    const group = groupOf(doc);
    const name = group ? feedName(ctx, group) : say(text.everything, { site: ctx.site.title });
    return html`<li>
<span class="feed-name" dir="auto">${name}</span>
<span class="formats">${formatLinks(ctx, at, doc, group ? group.name : text.theWholeSite)}</span>
</li>`;
  });
  return html`<section class="subscribe" id="subscribe" aria-labelledby="subscribe-heading">
<h2 id="subscribe-heading">${text.subscribe}</h2>
<p>${text.subscribeIntro}</p>
<ul class="feeds">
${rows.map((row) => html`${row}\n`)}</ul>
${first && html`<p class="feed-url">${text.copyAddress} <code>${first.urls.rss}</code></p>\n`}${linkToAll && ctx.entries.length > 0 && html`<p><a href="${allFeeds(ctx, at)}">${linkToAll}</a></p>\n`}${opml && html`<p><a href="${rel(at, OPML_FILE)}" type="text/x-opml">${text.everyFeedInOneFile}</a> ${text.opmlNote}</p>\n`}</section>`;
}

/** Where every category's feeds are listed: the categories index, else the landing page. */
function allFeeds(ctx: Context, at: Here): string {
  const { folder } = ctx.language;
  return hasIndex(ctx.entries) ? rel(at, indexDir(1, folder)) : `${rel(at, folder)}#subscribe`;
}

export function formatLinks(ctx: Context, at: Here, doc: FeedDocument, about: string): SafeHtml {
  // Visible "RSS"; read aloud "RSS feed for Politics", so the link makes sense on its own.
  const { text } = ctx.language;
  const link = (path: string, label: string, hidden: string) =>
    html`<a class="format" href="${rel(at, path)}">${label}<span class="vh"> ${hidden} ${about}</span></a>`;
  return html`${link(doc.paths.rss, 'RSS', text.feedFor)} ${link(doc.paths.atom, 'Atom', text.feedFor)} ${link(doc.paths.json, 'JSON Feed', text.jsonFeedFor)}`;
}

/** A feed's name in a Subscribe box: "Politics", "Stories by Jane Doe", "Tagged Ottawa". */
function feedName(ctx: Context, group: NonNullable<ReturnType<typeof groupOf>>): HtmlValue {
  const { text } = ctx.language;
  if (group.kind === 'Author') return say(text.storiesBy, { name: group.name });
  if (group.kind === 'Tag') return say(text.taggedName, { name: group.name });
  return group.name;
}

/** A byline: each author linked to their page here when they have one, else to their own URL. */
export function people(
  authors: readonly (Person & { slug?: string })[],
  link?: { ctx: Context; at: Here },
): SafeHtml {
  const text = link?.ctx.language.text;
  const [and, sep] = text ? [text.and, text.listSeparator] : [' and ', ', '];
  const names = authors.map((person) => {
    const page = link && person.slug && link.ctx.authorFeeds.get(person.slug);
    const url = page && link ? rel(link.at, feedDir(page)) : httpUrl(person.url);
    return url
      ? html`<a href="${url}"><bdi>${person.name}</bdi></a>`
      : html`<bdi>${person.name}</bdi>`;
  });
  const parts: HtmlValue[] = [];
  names.forEach((name, i) => {
    if (i > 0) parts.push(i === names.length - 1 ? and : sep);
    parts.push(name);
  });
  return html`${parts}`;
}

/** sanitize-html, loaded by the first story with an `h1` of its own. */
const sanitize = lazyPackage<typeof sanitizeHtml>('sanitize-html');

const HEADING_DOWN: Record<string, string> = { h1: 'h2', h2: 'h3', h3: 'h4', h4: 'h5', h5: 'h6' };

/**
 * The post's title is the page's only `h1`: content that has its own `h1` headings gets every
 * heading moved one level down. Otherwise the content is inserted byte for byte.
 */
export function withOneH1(contentHtml: string): string {
  if (!/<h1[\s>]/i.test(contentHtml)) return contentHtml;
  return sanitize()(contentHtml, {
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
  const sep = ctx.language.text.listSeparator;
  return html`<span class="tags">${links.map((link, i) => html`${i > 0 && sep}${link}`)}</span>`;
}
