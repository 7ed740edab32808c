import type { FeedDocument, Translation } from '../../model.js';
import { httpUrl } from '../../urls.js';
import { html, raw, type SafeHtml } from './html-template.js';
import { type Context, type Current, type Here, rel } from './links.js';
import { formatLinks, siteNav } from './parts.js';
import { STYLE } from './stylesheet.js';

export interface PageParts {
  title: string;
  description: string;
  /** The feed announced by `<link rel="alternate">`. */
  alternates: FeedDocument;
  canonical: string | undefined;
  /** The nav entry marked current: `home`, `categories` (the index), a category, or none. */
  current: Current;
  /** More of the head: a story's sharing metadata, say. */
  head?: SafeHtml;
  /**
   * The same page in every language (this one too), announced with `hreflang`; `default` names
   * the one for readers of any other language (`x-default`).
   */
  languages?: { versions: Translation[]; default?: string };
  /** The newer and older pages of a listing (`rel="prev"`/`"next"`), relative. */
  pages?: { prev?: string; next?: string };
  main: SafeHtml;
}

/** The document around every page's main content: head, header, navigation and footer. */
export function layout(ctx: Context, at: Here, parts: PageParts): string {
  const { site } = ctx;
  const { text, tag } = ctx.language;
  const icon = httpUrl(site.icon);
  const page = html`<!doctype html>
<html lang="${tag}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${parts.title}</title>
${parts.description && html`<meta name="description" content="${parts.description}">\n`}<meta name="generator" content="feedwright">
${parts.canonical && html`<link rel="canonical" href="${parts.canonical}">\n`}${hreflang(parts.languages)}${parts.head && html`${parts.head}\n`}<link rel="alternate" type="application/rss+xml" title="${parts.alternates.title} (RSS)" href="${parts.alternates.urls.rss}">
<link rel="alternate" type="application/atom+xml" title="${parts.alternates.title} (Atom)" href="${parts.alternates.urls.atom}">
<link rel="alternate" type="application/feed+json" title="${parts.alternates.title} (JSON Feed)" href="${parts.alternates.urls.json}">
${parts.pages?.prev && html`<link rel="prev" href="${parts.pages.prev}">\n`}${parts.pages?.next && html`<link rel="next" href="${parts.pages.next}">\n`}<link rel="icon" href="${icon ?? 'data:,'}">
<style>${raw(STYLE)}</style>
</head>
<body>
<a class="skip" href="#main">${text.skipToContent}</a>
<header class="site-header">
<div class="wrap bar">
<a class="brand" href="${rel(at, ctx.language.folder)}" dir="auto"${parts.current === 'home' && raw(' aria-current="page"')}>${site.title}</a>
${siteNav(ctx, at, parts.current)}
</div>
</header>
<main id="main" class="wrap">
${parts.main}
</main>
<footer class="site-footer">
<div class="wrap">
${site.copyright && html`<p dir="auto">${site.copyright}</p>\n`}<p>${text.followEveryStory} ${formatLinks(ctx, at, ctx.siteFeed, text.theWholeSite)}</p>
<p>${text.builtWith}</p>
</div>
</footer>
</body>
</html>
`;
  return page.html;
}

/** `<link rel="alternate" hreflang>` for each language version of a page (none for one). */
function hreflang(languages: PageParts['languages']): SafeHtml | false {
  if (!languages || languages.versions.length < 2) return false;
  const link = (lang: string, url: string) =>
    html`<link rel="alternate" hreflang="${lang}" href="${url}">\n`;
  const fallback = languages.default && link('x-default', languages.default);
  return html`${languages.versions.map((v) => link(v.language, v.url))}${fallback}`;
}
