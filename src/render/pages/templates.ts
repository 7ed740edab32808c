/** The kinds of page: the landing page, a category's, byline's or tag's page, older listing pages, a story's page, a withdrawn story's, and a redirect. */
import type { FeedDocument, FeedItem, PageText, Redirect } from '../../model.js';
import { htmlText, storyText } from '../../stored-html.js';
import { localeOf } from '../../text.js';
import { httpUrl } from '../../urls.js';
import { OPML_FILE } from '../site-files/opml.js';
import { hasIndex } from './category-lists.js';
import { html, raw, type SafeHtml } from './html-template.js';
import { layout } from './layout.js';
import { type Context, feedDir, groupOf, type Here, here, itemHref, rel } from './links.js';
import {
  categoryLinks,
  latestSection,
  pageNeighbours,
  paginationNav,
  people,
  subscribeSection,
  tagLinks,
  withOneH1,
} from './parts.js';
import { listingDir } from './plan-pages.js';
import { articleHead } from './share-meta.js';
import { languageName, say, sayCount, sayText, timeTag } from './words.js';

/** A group's kind in the page's words: "Category", "Author", "Tag". */
function kindWord(text: PageText, kind: 'Category' | 'Author' | 'Tag' | undefined): string {
  if (kind === 'Author') return text.kindAuthor;
  if (kind === 'Tag') return text.kindTag;
  return text.kindCategory;
}

/** Every language version of a site's landing page, when it has more than one. */
function homeVersions(ctx: Context) {
  const versions = ctx.homes.map((home) => ({ language: home.language, url: home.homeUrl }));
  return { versions, default: ctx.homes[0]?.homeUrl };
}

/** Which page of a listing this is, and its stories. */
export interface PageOf {
  page: number;
  pages: number;
  items: FeedItem[];
}

/** The landing page: the site's newest stories (page 1 of its listing) and every feed. */
export function landingPage(ctx: Context, of: PageOf): string {
  const { site, siteFeed } = ctx;
  const { text, folder } = ctx.language;
  const at = here(`${folder}index.html`);
  const total = ctx.entries.length;
  const more = hasIndex(ctx.entries) && sayCount(ctx.language, 'allCategoriesAndFeeds', total);
  const main = html`<div class="intro">
<h1 dir="auto">${site.title}</h1>
<p class="lede" dir="auto">${site.description}</p>
</div>
<div class="layout">
${latestSection(ctx, at, of.items, paginationNav(ctx, at, siteFeed, of))}
${subscribeSection(ctx, at, [siteFeed, ...ctx.nav.map((entry) => entry.feed)], more, true)}
</div>`;
  return layout(ctx, at, {
    title: site.title,
    description: site.description,
    alternates: siteFeed,
    canonical: httpUrl(siteFeed.homeUrl),
    current: 'home',
    languages: homeVersions(ctx),
    head: html`<link rel="outline" type="text/x-opml" title="${text.everyFeed}" href="${new URL(OPML_FILE, site.url).href}">`,
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
  const { text } = ctx.language;
  const about = { name: html`<bdi>${name}</bdi>`, site: html`<bdi>${site.title}</bdi>` };
  const lede = say(group?.kind === 'Tag' ? text.ledeTag : text.ledeCategory, about);
  const main = html`<div class="intro">
<p class="kicker">${kindWord(text, group?.kind)}</p>
<h1 dir="auto">${name}</h1>
${doc.writer ? profile(ctx, doc.writer) : html`<p class="lede">${lede}</p>`}
</div>
<div class="layout">
${latestSection(ctx, at, of.items, paginationNav(ctx, at, doc, of))}
${subscribeSection(ctx, at, [doc, siteFeed], text.allFeedsByCategory)}
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
function profile(ctx: Context, writer: NonNullable<FeedDocument['writer']>): SafeHtml {
  const image = httpUrl(writer.image);
  const url = httpUrl(writer.url);
  return html`<div class="profile">
${
  image &&
  html`<img class="portrait" src="${image}" alt="" width="96" height="96">
`
}<p class="lede" dir="auto">${writer.bio ?? say(ctx.language.text.ledeAuthor, { name: html`<bdi>${writer.name}</bdi>`, site: html`<bdi>${ctx.site.title}</bdi>` })}</p>
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
  const { text } = ctx.language;
  const heading = say(text.olderStoriesHeading, { page: of.page, pages: of.pages });
  const main = html`<div class="intro">
${group && html`<p class="kicker">${kindWord(text, group.kind)}</p>\n`}<h1 dir="auto">${name}</h1>
</div>
${latestSection(ctx, at, of.items, paginationNav(ctx, at, doc, of), heading)}`;
  return layout(ctx, at, {
    title: `${sayText(text.pageTitle, { name, page: of.page })} — ${site.title}`,
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
  const { text } = ctx.language;
  const when = (date: Date) => timeTag(date, zone, true, localeOf(ctx.language));
  const updated = item.modified.getTime() !== item.published.getTime();
  const title = item.title || text.untitled;
  const summary = storyText(item.summary); // read once: its meta tags and JSON-LD show it too
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
<h1 dir="auto">${title}</h1>
<p class="meta">${say(text.published, { date: when(item.published) })}${
    updated &&
    html`<span class="sep" aria-hidden="true"> · </span>${say(text.updated, { date: when(item.modified) })}`
  }</p>
${item.authors.length > 0 && html`<p class="meta">${say(text.byline, { names: people(item.authors, { ctx, at }) })}</p>`}
${item.categories.length > 0 && html`<p class="meta">${say(text.filedUnder, { list: categoryLinks(ctx, at, item) })}</p>`}
${item.tags.length > 0 && html`<p class="meta">${say(text.tagged, { list: tagLinks(ctx, at, item) })}</p>`}
${translationLinks(ctx, at, item)}</header>
<div class="content" dir="auto">
${raw(withOneH1(htmlText(item.contentHtml)))}
</div>
</article>
<div class="after-post">
<p><a href="${rel(at, ctx.language.folder)}">${text.backToAll}</a></p>
${subscribeSection(ctx, at, [siteFeed, ...feeds], text.allFeedsByCategory)}
</div>`;
  return layout(ctx, at, {
    title: `${title} — ${site.title}`,
    description: summary,
    alternates: siteFeed,
    canonical: httpUrl(item.url),
    current: undefined,
    ...(item.translations ? { languages: { versions: item.translations } } : {}),
    head: articleHead(site, item, summary),
    main,
  });
}

/** Links to a story's other language versions, each named in its language. */
function translationLinks(ctx: Context, at: Here, item: FeedItem): SafeHtml | false {
  const others = item.translations?.filter((t) => t.url !== item.url) ?? [];
  if (others.length === 0) return false;
  const links = others.map((t) => {
    const href = itemHref(at, t);
    return html`<a href="${href}" hreflang="${t.language}" lang="${t.language}">${languageName(t.language)}</a>`;
  });
  const sep = ctx.language.text.listSeparator;
  return html`<p class="meta translations">${ctx.language.text.translations}: ${links.map((link, i) => html`${i > 0 && sep}${link}`)}</p>\n`;
}

/** The page of a story past its `expires`: the address answers, saying it was withdrawn. */
export function withdrawnPage(ctx: Context, item: FeedItem, path: string): string {
  const { site } = ctx;
  const { text, folder } = ctx.language;
  const tag = localeOf(ctx.language);
  const at = here(path);
  const title = item.title || text.untitled;
  const published = timeTag(item.published, site.timezone, true, tag);
  const notice = item.expires
    ? say(text.withdrawnOn, { date: timeTag(item.expires, site.timezone, false, tag) })
    : text.noLongerAvailable;
  const main = html`<article class="post withdrawn">
<header class="post-header">
<h1 dir="auto">${title}</h1>
<p class="meta">${say(text.published, { date: published })}</p>
</header>
<p class="notice">${notice}</p>
<p><a href="${rel(at, folder)}">${text.backToAll}</a></p>
</article>`;
  return layout(ctx, at, {
    title: `${sayText(text.noLongerAvailableTitle, { title })} — ${site.title}`,
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
  const { text, tag } = ctx.language;
  const to = redirect.to;
  const href = httpUrl(to.url);
  const title = to.title || text.untitled;
  const link = href ? html`<a href="${href}">${title}</a>` : title;
  const page = html`<!doctype html>
<html lang="${tag}">
<head>
<meta charset="utf-8">
<title>${title} — ${site.title}</title>
${href && html`<link rel="canonical" href="${href}">\n<meta http-equiv="refresh" content="0; url=${href}">\n`}<meta name="robots" content="noindex">
</head>
<body>
<p>${say(text.moved, { link })}</p>
</body>
</html>
`;
  return page.html;
}
