/** URLs and output paths: what is a link, where a site path points, which file serves a URL. */
import type { FeedFiles } from './model.js';

/** The file names every feed is written under, in its folder. */
export const FEED_FILES: FeedFiles = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' };

/** The three output paths of the feed in folder `dir` (`''` or ending in `/`). */
export function feedPaths(dir: string): FeedFiles {
  return { rss: dir + FEED_FILES.rss, atom: dir + FEED_FILES.atom, json: dir + FEED_FILES.json };
}

/** True for output paths that are feeds (`rss.xml`, `atom.xml`, `feed.json` in any folder). */
export function isFeedPath(p: string): boolean {
  const name = p.slice(p.lastIndexOf('/') + 1);
  return name === FEED_FILES.rss || name === FEED_FILES.atom || name === FEED_FILES.json;
}

/** An absolute http(s) URL, parsed; undefined for anything else. */
export function parseHttpUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string' || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

/** The normalised href of an absolute http(s) URL, else undefined: only such URLs become links. */
export function httpUrl(value: unknown): string | undefined {
  return parseHttpUrl(value)?.href;
}

/**
 * A site path ("/img/a.png" or "img/a.png") is under the site root, which may itself be a
 * sub-path; a value with a scheme is an absolute URL already. Throws when it is not a URL.
 */
export function resolveSitePath(siteUrl: string, value: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return new URL(value).href;
  return new URL(value.replace(/^\/+/, ''), siteUrl).href;
}

// Characters a URL path can hold as they are, with nothing to decode or normalise.
const PLAIN_PATH = /^[A-Za-z0-9\-._~/]*$/;

/**
 * Where the page for an item URL goes, relative to the output folder, or undefined when the URL
 * is not under the site URL (an external `link`) or cannot be a safe file path.
 */
export function itemPagePath(itemUrl: string, siteUrl: string): string | undefined {
  const encoded = plainSitePath(itemUrl, siteUrl) ?? parsedSitePath(itemUrl, siteUrl);
  if (encoded === undefined || encoded === '') return undefined; // '' is the landing page's place
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

/**
 * The path below the site root of a URL that is the site URL plus plain path characters (almost
 * every item URL), found without parsing either; undefined when it takes parsing to tell.
 */
function plainSitePath(itemUrl: string, siteUrl: string): string | undefined {
  if (!siteUrl.endsWith('/') || !itemUrl.startsWith(siteUrl)) return undefined;
  const rest = itemUrl.slice(siteUrl.length);
  if (!PLAIN_PATH.test(rest) || rest.includes('//') || /(^|\/)\.\.?(\/|$)/.test(rest))
    return undefined;
  return URL.canParse(siteUrl) ? rest : undefined;
}

/** The still-encoded path of `itemUrl` below the site root, if it is under it. */
function parsedSitePath(itemUrl: string, siteUrl: string): string | undefined {
  if (!URL.canParse(itemUrl) || !URL.canParse(siteUrl)) return undefined;
  const url = new URL(itemUrl);
  const base = new URL(siteUrl);
  if (url.origin !== base.origin || url.search || url.hash) return undefined;
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  if (!url.pathname.startsWith(basePath)) return undefined;
  return url.pathname.slice(basePath.length);
}

/** Relative, `/`-separated, no empty, `.` or `..` segments, no backslashes or control chars. */
export function isSafePagePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || /[\\\0-\x1F\x7F]/.test(path)) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
