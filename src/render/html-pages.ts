import { createHash } from 'node:crypto';
import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import sanitizeHtml from 'sanitize-html';
import type { FeedDocument, FeedItem, OutputFile, Person, SiteConfig } from '../model.js';
import { type HtmlValue, html, raw, type SafeHtml } from './html-escape.js';

/**
 * Static HTML pages for a feed site: a landing page, one page per category and one per post
 * hosted on the site. Pure: the same feeds give the same bytes, and no page needs JavaScript.
 * Links between pages are relative, so the site works under a sub-path (GitHub Pages project
 * sites); autodiscovery and canonical links are absolute.
 *
 * `feeds[0]` is the site feed, the others are category feeds (as `deriveFeeds` returns them).
 */
export function renderSitePages(feeds: readonly FeedDocument[], config: SiteConfig): OutputFile[] {
  return renderSitePagesReusing(feeds, config).files as OutputFile[];
}

/** A page carried over from the last build, by the digest it had. */
export interface KeptPage {
  path: string;
  keep: string;
}

/**
 * Like `renderSitePages`, but a page whose inputs are unchanged is not rendered: `reuse` gets
 * its path and a key of everything the page shows, and returns the digest to keep it by (or
 * undefined to render it). `keys` holds every page's key, for the next build.
 */
export function renderSitePagesReusing(
  feeds: readonly FeedDocument[],
  config: SiteConfig,
  reuse: (path: string, key: string) => string | undefined = () => undefined,
): { files: (OutputFile | KeptPage)[]; keys: Record<string, string> } {
  const [site, ...rest] = feeds;
  if (!site) return { files: [], keys: {} };
  const categories = rest.filter((doc) => doc.category !== undefined);
  const context: Context = {
    config,
    site,
    categories,
    categoryDirs: new Map(categories.map((doc) => [doc.category?.slug ?? '', feedDir(doc)])),
  };
  // What every page shows besides its own items: the config and every feed's name and links.
  const meta = (doc: FeedDocument) => [
    doc.title,
    doc.description,
    doc.urls,
    doc.paths,
    doc.category ?? null,
  ];
  const contextKey = JSON.stringify([config, meta(site), categories.map(meta)]);
  const files: (OutputFile | KeptPage)[] = [];
  const keys: Record<string, string> = {};
  const page = (path: string, inputs: unknown, render: () => string) => {
    const key = createHash('sha1')
      .update(contextKey)
      .update(JSON.stringify(inputs))
      .digest('base64url');
    keys[path] = key;
    const kept = reuse(path, key);
    files.push(kept ? { path, keep: kept } : { path, content: render() });
  };

  const taken = new PathSet();
  for (const doc of feeds) {
    for (const path of [doc.paths.rss, doc.paths.atom, doc.paths.json]) taken.add(path);
  }

  taken.add('index.html');
  page('index.html', site.items, () => landingPage(context));
  for (const doc of categories) {
    const path = `${feedDir(doc)}index.html`;
    if (!isSafePagePath(path) || !taken.fits(path)) continue;
    taken.add(path);
    page(path, doc.items, () => categoryPage(context, doc, path));
  }

  const seen = new Set<string>();
  for (const doc of feeds) {
    for (const item of doc.items) {
      if (seen.has(item.url)) continue;
      seen.add(item.url);
      const path = itemPagePath(item.url, config.url);
      if (!path || !taken.fits(path)) continue;
      taken.add(path);
      page(path, item, () => itemPage(context, item, path));
    }
  }
  return { files, keys };
}

/**
 * Where the page for an item URL goes, relative to the output folder, or undefined when the URL
 * is not under the site URL (an external `link`) or cannot be a safe file path.
 */
export function itemPagePath(itemUrl: string, siteUrl: string): string | undefined {
  if (!URL.canParse(itemUrl) || !URL.canParse(siteUrl)) return undefined;
  const url = new URL(itemUrl);
  const base = new URL(siteUrl);
  if (url.origin !== base.origin || url.search || url.hash) return undefined;
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  if (!url.pathname.startsWith(basePath)) return undefined;
  const encoded = url.pathname.slice(basePath.length);
  if (encoded === '') return undefined; // the landing page's own place
  let segments: string[];
  try {
    segments = encoded.split('/').map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
  let path = segments.join('/');
  if (path.endsWith('/')) path += 'index.html';
  else {
    const last = segments[segments.length - 1] ?? '';
    if (!/\.html?$/i.test(last)) {
      // `/posts/my-post` is served from `posts/my-post.html` (as GitHub Pages does); any other
      // extension would be served with the wrong type, so such a post gets no page.
      if (last.includes('.')) return undefined;
      path += '.html';
    }
  }
  return isSafePagePath(path) ? path : undefined;
}

/** Relative, `/`-separated, no empty, `.` or `..` segments, no backslashes or control chars. */
export function isSafePagePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || /[\\\0-\x1F\x7F]/.test(path)) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/** Output paths already used, and the folders they imply, so no page clashes with a file. */
class PathSet {
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>();

  add(path: string): void {
    this.files.add(path);
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) this.dirs.add(parts.slice(0, i).join('/'));
  }

  /** True when `path` is neither taken, nor a folder of a taken file, nor inside a taken file. */
  fits(path: string): boolean {
    if (this.files.has(path) || this.dirs.has(path)) return false;
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      if (this.files.has(parts.slice(0, i).join('/'))) return false;
    }
    return true;
  }
}

interface Context {
  config: SiteConfig;
  site: FeedDocument;
  categories: FeedDocument[];
  /** Category slug → its folder, e.g. `categories/politics/`. */
  categoryDirs: Map<string, string>;
}

/** A page's view of the site: how to reach the root and other outputs from where it lives. */
interface Here {
  path: string;
  /** `../` repeated up to the output root; `''` at the root. */
  root: string;
}

function here(path: string): Here {
  return { path, root: '../'.repeat(path.split('/').length - 1) };
}

/** Relative link from `at` to an output path (a file, or a folder ending in `/`). */
function rel(at: Here, target: string): string {
  const encoded = target.split('/').map(encodeURIComponent).join('/');
  const href = at.root + encoded;
  return href === '' ? './' : href;
}

function feedDir(doc: FeedDocument): string {
  const slash = doc.paths.rss.lastIndexOf('/');
  return slash === -1 ? '' : doc.paths.rss.slice(0, slash + 1);
}

/** The link for an item: relative when the site hosts its page, else its absolute URL. */
function itemHref(at: Here, item: FeedItem, config: SiteConfig): string | undefined {
  const path = itemPagePath(item.url, config.url);
  if (path) {
    const target = path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
    return rel(at, target);
  }
  return safeUrl(item.url);
}

/** Only absolute http(s) URLs become links; anything else is shown as text. */
function safeUrl(value: string | undefined): string | undefined {
  if (!value || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

// ---------------------------------------------------------------------------------------------
// Pages

function landingPage(ctx: Context): string {
  const { config, site } = ctx;
  const at = here('index.html');
  const main = html`<div class="intro">
<h1 dir="auto">${config.title}</h1>
<p class="lede" dir="auto">${config.description}</p>
</div>
<div class="layout">
${latestSection(ctx, at, site.items)}
${subscribeSection(ctx, at, [site, ...ctx.categories])}
</div>`;
  return layout(ctx, at, {
    title: config.title,
    description: config.description,
    alternates: site,
    canonical: safeUrl(config.url),
    current: 'home',
    main,
  });
}

function categoryPage(ctx: Context, doc: FeedDocument, path: string): string {
  const { config, site } = ctx;
  const at = here(path);
  const name = doc.category?.name ?? doc.title;
  const main = html`<div class="intro">
<p class="kicker">Category</p>
<h1 dir="auto">${name}</h1>
<p class="lede">Stories filed under <bdi>${name}</bdi> on <bdi>${config.title}</bdi>.</p>
</div>
<div class="layout">
${latestSection(ctx, at, doc.items)}
${subscribeSection(ctx, at, [doc, site], true)}
</div>`;
  return layout(ctx, at, {
    title: `${name} — ${config.title}`,
    description: doc.description,
    alternates: doc,
    canonical: safeUrl(new URL(feedDir(doc), config.url).href),
    current: doc.category?.slug ?? '',
    main,
  });
}

function itemPage(ctx: Context, item: FeedItem, path: string): string {
  const { config, site } = ctx;
  const at = here(path);
  const zone = config.timezone;
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
${subscribeSection(ctx, at, [site, ...categoryFeeds], true)}
</div>`;
  return layout(ctx, at, {
    title: `${item.title || 'Untitled'} — ${config.title}`,
    description: item.summary,
    alternates: site,
    canonical: safeUrl(item.url),
    current: undefined,
    main,
  });
}

// ---------------------------------------------------------------------------------------------
// Parts

interface PageParts {
  title: string;
  description: string;
  /** The feed announced by `<link rel="alternate">`. */
  alternates: FeedDocument;
  canonical: string | undefined;
  /** `home`, a category slug, or nothing (post pages): the nav entry marked current. */
  current: string | undefined;
  main: SafeHtml;
}

function layout(ctx: Context, at: Here, parts: PageParts): string {
  const { config } = ctx;
  const icon = safeUrl(config.icon);
  const page = html`<!doctype html>
<html lang="${config.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${parts.title}</title>
${parts.description && html`<meta name="description" content="${parts.description}">\n`}<meta name="generator" content="feedwright">
${parts.canonical && html`<link rel="canonical" href="${parts.canonical}">\n`}<link rel="alternate" type="application/rss+xml" title="${parts.alternates.title} (RSS)" href="${parts.alternates.urls.rss}">
<link rel="alternate" type="application/atom+xml" title="${parts.alternates.title} (Atom)" href="${parts.alternates.urls.atom}">
<link rel="alternate" type="application/feed+json" title="${parts.alternates.title} (JSON Feed)" href="${parts.alternates.urls.json}">
<link rel="icon" href="${icon ?? 'data:,'}">
<style>${raw(STYLE)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
<div class="wrap bar">
<a class="brand" href="${rel(at, '')}" dir="auto"${parts.current === 'home' && raw(' aria-current="page"')}>${config.title}</a>
${siteNav(ctx, at, parts.current)}
</div>
</header>
<main id="main" class="wrap">
${parts.main}
</main>
<footer class="site-footer">
<div class="wrap">
${config.copyright && html`<p dir="auto">${config.copyright}</p>\n`}<p>Follow every story: ${formatLinks(at, ctx.site, 'the whole site')}</p>
<p>Built with feedwright.</p>
</div>
</footer>
</body>
</html>
`;
  return page.html;
}

function siteNav(ctx: Context, at: Here, current: string | undefined): SafeHtml {
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

function latestSection(ctx: Context, at: Here, items: readonly FeedItem[]): SafeHtml {
  const list =
    items.length === 0
      ? html`<p>No stories yet.</p>`
      : html`<ol class="items">
${items.map((item) => html`${itemSummary(ctx, at, item)}\n`)}</ol>`;
  return html`<section class="latest" aria-labelledby="latest-heading">
<h2 id="latest-heading">Latest stories</h2>
${list}
</section>`;
}

function itemSummary(ctx: Context, at: Here, item: FeedItem): SafeHtml {
  const href = itemHref(at, item, ctx.config);
  const external = itemPagePath(item.url, ctx.config.url) === undefined;
  const title = item.title || 'Untitled';
  const host = external && href ? new URL(href).host : undefined;
  return html`<li><article class="item">
<h3 dir="auto">${href ? html`<a href="${href}">${title}</a>` : title}</h3>
<p class="meta">${timeTag(item.published, ctx.config.timezone, false)}${
    item.categories.length > 0 &&
    html`<span class="sep" aria-hidden="true"> · </span>${categoryLinks(ctx, at, item)}`
  }${host && html`<span class="sep" aria-hidden="true"> · </span><span class="host">on ${host}</span>`}</p>
${item.summary && html`<p class="summary" dir="auto">${item.summary}</p>\n`}</article></li>`;
}

function categoryLinks(ctx: Context, at: Here, item: FeedItem): SafeHtml {
  const links = item.categories.map((category) => {
    const dir = ctx.categoryDirs.get(category.slug);
    return dir === undefined
      ? html`<bdi>${category.name}</bdi>`
      : html`<a href="${rel(at, dir)}">${category.name}</a>`;
  });
  return html`<span class="cats">${links.map((link, i) => html`${i > 0 && ', '}${link}`)}</span>`;
}

function subscribeSection(
  ctx: Context,
  at: Here,
  docs: readonly FeedDocument[],
  linkToAll = false,
): SafeHtml {
  const first = docs[0];
  const rows = docs.map((doc) => {
    const name = doc.category ? doc.category.name : `Everything from ${ctx.config.title}`;
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

function formatLinks(at: Here, doc: FeedDocument, about: string): SafeHtml {
  // Visible "RSS"; read aloud "RSS feed for Politics", so the link makes sense on its own.
  const link = (path: string, label: string, hidden: string) =>
    html`<a class="format" href="${rel(at, path)}">${label}<span class="vh"> ${hidden} ${about}</span></a>`;
  return html`${link(doc.paths.rss, 'RSS', 'feed for')} ${link(doc.paths.atom, 'Atom', 'feed for')} ${link(doc.paths.json, 'JSON Feed', 'for')}`;
}

function people(authors: readonly Person[]): SafeHtml {
  const names = authors.map((person) => {
    const url = safeUrl(person.url);
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

function timeTag(date: Date, timezone: string, withTime: boolean): SafeHtml {
  const pattern = withTime ? 'MMMM d, yyyy, h:mm a O' : 'MMMM d, yyyy';
  return html`<time datetime="${date.toISOString()}">${format(date, pattern, { in: tz(timezone) })}</time>`;
}

const HEADING_DOWN: Record<string, string> = { h1: 'h2', h2: 'h3', h3: 'h4', h4: 'h5', h5: 'h6' };

/**
 * The post's title is the page's only `h1`: content that has its own `h1` headings gets every
 * heading moved one level down. Otherwise the content is inserted byte for byte.
 */
function withOneH1(contentHtml: string): string {
  if (!/<h1[\s>]/i.test(contentHtml)) return contentHtml;
  return sanitizeHtml(contentHtml, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    transformTags: HEADING_DOWN,
  });
}

// One small stylesheet, inlined: no extra request, nothing to cache-bust. Colours meet WCAG AA
// (body text and links at least 4.5:1) in both schemes.
const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1c1f;--muted:#54575f;--line:#d8dae0;--card:#f5f6f8;--accent:#0b57d0;--accent-bg:#e8effc}
@media (prefers-color-scheme:dark){:root{--bg:#131417;--fg:#e7e8eb;--muted:#abafb8;--line:#34373e;--card:#1b1d21;--accent:#8ab4f8;--accent-bg:#1f2a3c}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;overflow-wrap:anywhere}
a{color:var(--accent);text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px;border-radius:2px}
.wrap{max-width:72rem;margin:0 auto;padding:0 1.25rem}
.skip{position:absolute;left:.5rem;top:-4rem;z-index:1;padding:.5rem .75rem;background:var(--bg);border:2px solid var(--accent)}
.skip:focus{top:.5rem}
.vh{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.site-header{border-bottom:1px solid var(--line)}
.bar{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:.5rem 2rem;padding-top:1rem;padding-bottom:1rem}
.brand{color:var(--fg);font-weight:800;font-size:1.25rem;letter-spacing:-.01em;text-decoration:none}
.site-header ul{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:0;padding:0;list-style:none}
.site-header nav a{color:var(--fg);text-decoration:none;padding:.25rem 0}
.site-header nav a:hover,.site-header nav a[aria-current="page"]{text-decoration:underline;text-decoration-thickness:2px}
main.wrap{padding-top:2rem;padding-bottom:3rem}
h1,h2,h3{line-height:1.25;letter-spacing:-.01em}
.intro h1{font-size:clamp(1.75rem,5vw,2.5rem);margin:0 0 .5rem}
.kicker{margin:0;color:var(--muted);font-size:.875rem;font-weight:600;text-transform:uppercase;letter-spacing:.06em}
.lede{margin:0;color:var(--muted);font-size:1.125rem;max-width:42rem}
.layout{display:grid;grid-template-columns:minmax(0,1fr);gap:2.5rem;margin-top:2rem}
@media (min-width:60rem){.layout{grid-template-columns:minmax(0,1fr) 21rem;gap:3.5rem}.subscribe{align-self:start}}
.latest>h2,.subscribe>h2{font-size:.875rem;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin:0 0 .5rem}
.items{list-style:none;margin:0;padding:0}
.item{padding:1.25rem 0;border-top:1px solid var(--line)}
.item h3{font-size:1.3rem;margin:0 0 .35rem}
.item h3 a{color:var(--fg);text-decoration:none}
.item h3 a:hover{color:var(--accent);text-decoration:underline}
.meta{color:var(--muted);font-size:.9375rem;margin:0 0 .35rem}
.summary{margin:.5rem 0 0}
.subscribe{background:var(--card);border:1px solid var(--line);border-radius:.75rem;padding:1.25rem}
.subscribe>p{margin:0 0 1rem;font-size:.9375rem}
.feeds{list-style:none;margin:0 0 1rem;padding:0}
.feeds li{display:grid;gap:.35rem;padding:.6rem 0;border-top:1px solid var(--line)}
.feed-name{font-weight:600}
.formats{display:flex;flex-wrap:wrap;gap:.35rem}
.format{display:inline-block;padding:.1rem .55rem;border:1px solid var(--accent);border-radius:999px;background:var(--accent-bg);font-size:.875rem;font-weight:600;text-decoration:none}
.format:hover{text-decoration:underline}
.feed-url code{display:block;margin-top:.25rem;padding:.4rem .5rem;background:var(--bg);border:1px solid var(--line);border-radius:.375rem;font-size:.8125rem}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.post{max-width:42rem}
.post-header{margin-bottom:2rem}
.post h1{font-size:clamp(1.75rem,5vw,2.5rem);margin:0 0 .75rem}
.content{line-height:1.7}
.content img,.content video,.content picture{max-width:100%;height:auto}
.content pre{overflow-x:auto;padding:1rem;background:var(--card);border-radius:.5rem}
.content table{display:block;max-width:100%;overflow-x:auto;overflow-wrap:break-word;border-collapse:collapse}
.content th,.content td{padding:.35rem .6rem;border:1px solid var(--line)}
.content blockquote{margin:1.5rem 0;padding-inline-start:1rem;border-inline-start:4px solid var(--line);color:var(--muted)}
.after-post{max-width:42rem;margin-top:3rem}
.site-footer{border-top:1px solid var(--line);color:var(--muted);font-size:.9375rem;padding:1.5rem 0 2.5rem}
.site-footer p{margin:.35rem 0}
`
  .trim()
  .replace(/\n/g, '');
