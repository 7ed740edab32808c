/** The kinds of page: the landing page, a category's, byline's or tag's page, older listing pages, a story's page, a withdrawn story's, and a redirect. */
import type { FeedDocument, FeedItem, Redirect } from '../../model.js';
import { httpUrl } from '../../urls.js';
import { OPML_FILE } from '../site-files/opml.js';
import { hasIndex } from './category-lists.js';
import { html, raw, type SafeHtml } from './html-template.js';
import { layout } from './layout.js';
import { type Context, feedDir, groupOf, type Here, here, rel } from './links.js';
import {
  categoryLinks,
  count,
  latestSection,
  pageNeighbours,
  paginationNav,
  people,
  subscribeSection,
  tagLinks,
  timeTag,
  withOneH1,
} from './parts.js';
import { listingDir } from './plan-pages.js';
import { articleHead } from './share-meta.js';

/** The words of the link from a Subscribe box to the categories index. */
const ALL_FEEDS = 'All feeds, by category';

/** Which page of a listing this is, and its stories. */
export interface PageOf {
  page: number;
  pages: number;
  items: FeedItem[];
}

/** The landing page: the site's newest stories (page 1 of its listing) and every feed. */
export function landingPage(ctx: Context, of: PageOf): string {
  const { site, siteFeed } = ctx;
  const at = here('index.html');
  const total = ctx.entries.length;
  const more =
    hasIndex(ctx.entries) && `All ${count(total, 'category', 'categories')} and their feeds`;
  const main = html`<div class="intro">
<h1 dir="auto">${site.title}</h1>
<p class="lede" dir="auto">${site.description}</p>
</div>
<div class="layout">
${latestSection(ctx, at, of.items, paginationNav(at, siteFeed, of))}
${subscribeSection(ctx, at, [siteFeed, ...ctx.nav.map((entry) => entry.feed)], more, true)}
</div>`;
  return layout(ctx, at, {
    title: site.title,
    description: site.description,
    alternates: siteFeed,
    canonical: httpUrl(site.url),
    current: 'home',
    head: html`<link rel="outline" type="text/x-opml" title="Every feed" href="${new URL(OPML_FILE, site.url).href}">`,
    pages: neighbours(at, siteFeed, of),
    main,
  });
}

/** A category's, a byline's or a tag's page: its newest stories (page 1 of its listing), its feeds. */
export function groupPage(ctx: Context, doc: FeedDocument, path: string, of: PageOf): string {
  const { site, siteFeed } = ctx;
  const at = here(path);
  const group = groupOf(doc);
  const name = group?.name ?? doc.title;
  const main = html`<div class="intro">
<p class="kicker">${group?.kind ?? 'Category'}</p>
<h1 dir="auto">${name}</h1>
${doc.writer ? profile(doc.writer, site.title) : html`<p class="lede">Stories ${group?.kind === 'Tag' ? 'tagged' : 'filed under'} <bdi>${name}</bdi> on <bdi>${site.title}</bdi>.</p>`}
</div>
<div class="layout">
${latestSection(ctx, at, of.items, paginationNav(at, doc, of))}
${subscribeSection(ctx, at, [doc, siteFeed], ALL_FEEDS)}
</div>`;
  return layout(ctx, at, {
    title: `${name} — ${site.title}`,
    description: doc.description,
    alternates: doc,
    canonical: httpUrl(new URL(feedDir(doc), site.url).href),
    current: doc.category && { slug: doc.category.slug },
    pages: neighbours(at, doc, of),
    main,
  });
}

/** An author's profile: portrait, bio and own link, as far as the config gives them. */
function profile(writer: NonNullable<FeedDocument['writer']>, siteTitle: string): SafeHtml {
  const image = httpUrl(writer.image);
  const url = httpUrl(writer.url);
  return html`<div class="profile">
${
  image &&
  html`<img class="portrait" src="${image}" alt="" width="96" height="96">
`
}<p class="lede" dir="auto">${writer.bio ?? html`Stories by <bdi>${writer.name}</bdi> on <bdi>${siteTitle}</bdi>.`}</p>
${
  url &&
  html`<p><a href="${url}" rel="author">${new URL(url).host}</a></p>
`
}</div>`;
}

/** Page 2 and on of a listing: older stories, back to the very first one. */
export function olderPage(ctx: Context, doc: FeedDocument, path: string, of: PageOf): string {
  const { site } = ctx;
  const at = here(path);
  const group = groupOf(doc);
  const name = group?.name ?? site.title;
  const heading = `Older stories, page ${of.page} of ${of.pages}`;
  const main = html`<div class="intro">
${group && html`<p class="kicker">${group.kind}</p>\n`}<h1 dir="auto">${name}</h1>
</div>
${latestSection(ctx, at, of.items, paginationNav(at, doc, of), heading)}`;
  return layout(ctx, at, {
    title: `${name} — page ${of.page} — ${site.title}`,
    description: doc.description,
    alternates: doc,
    canonical: httpUrl(new URL(listingDir(doc, of.page), site.url).href),
    current: doc.category ? { slug: doc.category.slug } : group ? undefined : 'home',
    pages: neighbours(at, doc, of),
    main,
  });
}

/** Where the newer and the older page of a listing are, from `at`. */
function neighbours(at: Here, doc: FeedDocument, of: PageOf): { prev?: string; next?: string } {
  return pageNeighbours(at, (page) => listingDir(doc, page), of);
}

export function itemPage(ctx: Context, item: FeedItem, path: string): string {
  const { site, siteFeed } = ctx;
  const at = here(path);
  const zone = site.timezone;
  const updated = item.modified.getTime() !== item.published.getTime();
  const own = (feeds: Map<string, FeedDocument>, slugs: (string | undefined)[]) =>
    slugs.flatMap((slug) => (slug && feeds.get(slug)) || []);
  const feeds = [
    ...own(
      ctx.categoryFeeds,
      item.categories.map((c) => c.slug),
    ),
    ...own(
      ctx.authorFeeds,
      item.authors.map((a) => a.slug),
    ),
  ];
  const main = html`<article class="post">
<header class="post-header">
<h1 dir="auto">${item.title || 'Untitled'}</h1>
<p class="meta">Published ${timeTag(item.published, zone, true)}${
    updated &&
    html`<span class="sep" aria-hidden="true"> · </span>Updated ${timeTag(item.modified, zone, true)}`
  }</p>
${item.authors.length > 0 && html`<p class="meta">By ${people(item.authors, { ctx, at })}</p>`}
${item.categories.length > 0 && html`<p class="meta">Filed under ${categoryLinks(ctx, at, item)}</p>`}
${item.tags.length > 0 && html`<p class="meta">Tagged ${tagLinks(ctx, at, item)}</p>`}
</header>
<div class="content" dir="auto">
${raw(withOneH1(item.contentHtml))}
</div>
</article>
<div class="after-post">
<p><a href="${rel(at, '')}">Back to all stories</a></p>
${subscribeSection(ctx, at, [siteFeed, ...feeds], ALL_FEEDS)}
</div>`;
  return layout(ctx, at, {
    title: `${item.title || 'Untitled'} — ${site.title}`,
    description: item.summary,
    alternates: siteFeed,
    canonical: httpUrl(item.url),
    current: undefined,
    head: articleHead(site, item),
    main,
  });
}

/** The page of a story past its `expires`: the address answers, saying it was withdrawn. */
export function withdrawnPage(ctx: Context, item: FeedItem, path: string): string {
  const { site } = ctx;
  const at = here(path);
  const main = html`<article class="post withdrawn">
<header class="post-header">
<h1 dir="auto">${item.title || 'Untitled'}</h1>
<p class="meta">Published ${timeTag(item.published, site.timezone, true)}</p>
</header>
<p class="notice">This story is no longer available${item.expires && html`: it was withdrawn on ${timeTag(item.expires, site.timezone, false)}`}.</p>
<p><a href="${rel(at, '')}">Back to all stories</a></p>
</article>`;
  return layout(ctx, at, {
    title: `${item.title || 'Untitled'} — no longer available — ${site.title}`,
    description: '',
    alternates: ctx.siteFeed,
    canonical: httpUrl(item.url),
    current: undefined,
    head: html`<meta name="robots" content="noindex">`,
    main,
  });
}

/**
 * A page at an old address: GitHub Pages cannot send a 301, so it says where the story went in
 * every way a browser or a search engine understands (canonical link, refresh, a plain link).
 */
export function redirectPage(ctx: Context, redirect: Redirect): string {
  const { site } = ctx;
  const to = redirect.to;
  const href = httpUrl(to.url);
  const title = to.title || 'Untitled';
  const page = html`<!doctype html>
<html lang="${site.language}">
<head>
<meta charset="utf-8">
<title>${title} — ${site.title}</title>
${href && html`<link rel="canonical" href="${href}">\n<meta http-equiv="refresh" content="0; url=${href}">\n`}<meta name="robots" content="noindex">
</head>
<body>
<p>This story has moved: ${href ? html`<a href="${href}">${title}</a>` : title}.</p>
</body>
</html>
`;
  return page.html;
}
