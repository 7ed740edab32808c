/** The pieces pages are made of: navigation, story lists, subscribe boxes, bylines, dates. */
import { tz } from '@date-fns/tz';
import { format } from 'date-fns/format';
import sanitizeHtml from 'sanitize-html';
import type { FeedDocument, FeedItem, Person } from '../../model.js';
import { httpUrl } from '../../urls.js';
import { type HtmlValue, html, raw, type SafeHtml } from './html-template.js';
import { type Context, feedDir, type Here, itemHref, rel } from './links.js';
import { listingDir } from './plan-pages.js';

export function siteNav(ctx: Context, at: Here, current: string | undefined): SafeHtml {
  const entries = ctx.categories.map((doc) => {
    const slug = doc.category?.slug ?? '';
    return html`<li><a href="${rel(at, feedDir(doc))}" dir="auto"${
      current === slug && raw(' aria-current="page"')
    }>${doc.category?.name ?? doc.title}</a></li>`;
  });
  return html`<nav aria-label="Sections">
<ul>
<li><a href="${rel(at, '')}"${current === 'home' && raw(' aria-current="page"')}>Latest</a></li>
${entries.map((entry) => html`${entry}\n`)}<li><a href="${rel(at, '')}#subscribe">Subscribe</a></li>
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
  if (of.pages <= 1) return false;
  const dir = (page: number) => rel(at, listingDir(doc, page));
  return html`<nav class="pagination" aria-label="More stories">
${of.page > 1 && html`<a rel="prev" href="${dir(of.page - 1)}">Newer stories</a>\n`}<span class="page-of">Page ${of.page} of ${of.pages}</span>
${of.page < of.pages && html`<a rel="next" href="${dir(of.page + 1)}">Older stories</a>\n`}</nav>`;
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
    html`<span class="sep" aria-hidden="true"> · </span>${categoryLinks(ctx, at, item)}`
  }${host && html`<span class="sep" aria-hidden="true"> · </span><span class="host">on ${host}</span>`}</p>
${item.summary && html`<p class="summary" dir="auto">${item.summary}</p>\n`}</article></li>`;
}

export function categoryLinks(ctx: Context, at: Here, item: FeedItem): SafeHtml {
  const links = item.categories.map((category) => {
    const dir = ctx.categoryDirs.get(category.slug);
    return dir === undefined
      ? html`<bdi>${category.name}</bdi>`
      : html`<a href="${rel(at, dir)}">${category.name}</a>`;
  });
  return html`<span class="cats">${links.map((link, i) => html`${i > 0 && ', '}${link}`)}</span>`;
}

export function subscribeSection(
  ctx: Context,
  at: Here,
  docs: readonly FeedDocument[],
  linkToAll = false,
): SafeHtml {
  const first = docs[0];
  const rows = docs.map((doc) => {
    const name = doc.category ? doc.category.name : `Everything from ${ctx.site.title}`;
    return html`<li>
<span class="feed-name" dir="auto">${name}</span>
<span class="formats">${formatLinks(at, doc, doc.category ? doc.category.name : 'the whole site')}</span>
</li>`;
  });
  return html`<section class="subscribe" id="subscribe" aria-labelledby="subscribe-heading">
<h2 id="subscribe-heading">Subscribe</h2>
<p>A feed sends you new stories as they are published. To subscribe, copy a feed link below into a feed reader such as NetNewsWire, Feedly or Miniflux. Not sure which format? Choose RSS.</p>
<ul class="feeds">
${rows.map((row) => html`${row}\n`)}</ul>
${first && html`<p class="feed-url">Or copy this address: <code>${first.urls.rss}</code></p>\n`}${linkToAll && html`<p><a href="${rel(at, '')}#subscribe">All feeds, by category</a></p>\n`}</section>`;
}

export function formatLinks(at: Here, doc: FeedDocument, about: string): SafeHtml {
  // Visible "RSS"; read aloud "RSS feed for Politics", so the link makes sense on its own.
  const link = (path: string, label: string, hidden: string) =>
    html`<a class="format" href="${rel(at, path)}">${label}<span class="vh"> ${hidden} ${about}</span></a>`;
  return html`${link(doc.paths.rss, 'RSS', 'feed for')} ${link(doc.paths.atom, 'Atom', 'feed for')} ${link(doc.paths.json, 'JSON Feed', 'for')}`;
}

export function people(authors: readonly Person[]): SafeHtml {
  const names = authors.map((person) => {
    const url = httpUrl(person.url);
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
  const pattern = withTime ? 'MMMM d, yyyy, h:mm a O' : 'MMMM d, yyyy';
  return html`<time datetime="${date.toISOString()}">${format(date, pattern, { in: tz(timezone) })}</time>`;
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
