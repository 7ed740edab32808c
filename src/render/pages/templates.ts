/** The three kinds of page: the landing page, a category's page, and a story's page. */
import type { FeedDocument, FeedItem } from '../../model.js';
import { httpUrl } from '../../urls.js';
import { html, raw } from './html-template.js';
import { layout } from './layout.js';
import { type Context, feedDir, here, rel } from './links.js';
import {
  categoryLinks,
  latestSection,
  people,
  subscribeSection,
  timeTag,
  withOneH1,
} from './parts.js';

export function landingPage(ctx: Context): string {
  const { site, siteFeed } = ctx;
  const at = here('index.html');
  const main = html`<div class="intro">
<h1 dir="auto">${site.title}</h1>
<p class="lede" dir="auto">${site.description}</p>
</div>
<div class="layout">
${latestSection(ctx, at, siteFeed.items)}
${subscribeSection(ctx, at, [siteFeed, ...ctx.categories])}
</div>`;
  return layout(ctx, at, {
    title: site.title,
    description: site.description,
    alternates: siteFeed,
    canonical: httpUrl(site.url),
    current: 'home',
    main,
  });
}

export function categoryPage(ctx: Context, doc: FeedDocument, path: string): string {
  const { site, siteFeed } = ctx;
  const at = here(path);
  const name = doc.category?.name ?? doc.title;
  const main = html`<div class="intro">
<p class="kicker">Category</p>
<h1 dir="auto">${name}</h1>
<p class="lede">Stories filed under <bdi>${name}</bdi> on <bdi>${site.title}</bdi>.</p>
</div>
<div class="layout">
${latestSection(ctx, at, doc.items)}
${subscribeSection(ctx, at, [doc, siteFeed], true)}
</div>`;
  return layout(ctx, at, {
    title: `${name} — ${site.title}`,
    description: doc.description,
    alternates: doc,
    canonical: httpUrl(new URL(feedDir(doc), site.url).href),
    current: doc.category?.slug ?? '',
    main,
  });
}

export function itemPage(ctx: Context, item: FeedItem, path: string): string {
  const { site, siteFeed } = ctx;
  const at = here(path);
  const zone = site.timezone;
  const updated = item.modified.getTime() !== item.published.getTime();
  const categoryFeeds = item.categories.flatMap((category) =>
    ctx.categories.filter((doc) => doc.category?.slug === category.slug),
  );
  const main = html`<article class="post">
<header class="post-header">
<h1 dir="auto">${item.title || 'Untitled'}</h1>
<p class="meta">Published ${timeTag(item.published, zone, true)}${
    updated &&
    html`<span class="sep" aria-hidden="true"> · </span>Updated ${timeTag(item.modified, zone, true)}`
  }</p>
${item.authors.length > 0 && html`<p class="meta">By ${people(item.authors)}</p>`}
${item.categories.length > 0 && html`<p class="meta">Filed under ${categoryLinks(ctx, at, item)}</p>`}
</header>
<div class="content" dir="auto">
${raw(withOneH1(item.contentHtml))}
</div>
</article>
<div class="after-post">
<p><a href="${rel(at, '')}">Back to all stories</a></p>
${subscribeSection(ctx, at, [siteFeed, ...categoryFeeds], true)}
</div>`;
  return layout(ctx, at, {
    title: `${item.title || 'Untitled'} — ${site.title}`,
    description: item.summary,
    alternates: siteFeed,
    canonical: httpUrl(item.url),
    current: undefined,
    main,
  });
}
