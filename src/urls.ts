/**
 * URLs and output paths: what is a link, where a site path points, which file serves a URL, which
 * paths feedwright keeps for its own files, and how long a name in a path may be.
 */
import { MANIFEST_FILE } from './manifest.js';
import type { FeedFiles } from './model.js';

/**
 * The most bytes (UTF-8) a file or folder name may have: 255 on ext4, APFS, NTFS (in UTF-16
 * units, never more than the bytes) and the rest. A longer one fails with ENAMETOOLONG.
 */
export const MAX_NAME_BYTES = 255;

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
  if (typeof value === 'string' && isPlainHttpUrl(value)) return value;
  return parseHttpUrl(value)?.href;
}

/**
 * An http(s) URL written as URL parsing writes it back: a lower-case host of letters, digits and
 * hyphens, no label of it punycode and the last starting with a letter (so not an IPv4 address),
 * no port or user; then a path, a query and a fragment of characters the parser leaves as they
 * are (none percent-encoded: nothing to decode or normalise).
 */
const PLAIN_HTTP_URL =
  /^https?:\/\/(?:(?!xn--)[a-z0-9-]+\.)*(?!xn--)[a-z][a-z0-9-]*\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*(?:\?[A-Za-z0-9\-._~!$&()*+,;=:@/?]*)?(?:#[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*)?$/;
/**
 * A `.` or `..` segment, after a `/` or first in a path below the site root, which parsing
 * resolves away (one in a query or fragment is harmless: a test of it is only more careful).
 */
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:[/?#]|$)/;

/**
 * True when `new URL(value).href` is `value` itself, told without parsing it: ~0.1 µs where a
 * parse is ~0.5 µs in a loop and several in a build. Most links in posts, and every item URL a
 * site's own permalinks make, are such URLs. False says nothing: parse to know.
 */
export function isPlainHttpUrl(value: string): boolean {
  return PLAIN_HTTP_URL.test(value) && !DOT_SEGMENT.test(value);
}

/**
 * A site path ("/img/a.png" or "img/a.png") is under the site root, which may itself be a
 * sub-path; a value with a scheme is an absolute URL already. Throws when it is not a URL.
 */
export function resolveSitePath(siteUrl: string, value: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return new URL(value).href;
  return new URL(value.replace(/^\/+/, ''), siteUrl).href;
}

/** Characters a URL path can hold as they are, with nothing to decode or normalise. */
export const PLAIN_PATH = /^[A-Za-z0-9\-._~/]*$/;

/**
 * Where the page for an item URL goes, relative to the output folder, or undefined when the URL
 * is not under the site URL (an external `link`) or cannot be a safe file path.
 */
export function itemPagePath(itemUrl: string, siteUrl: string): string | undefined {
  const segments = siteSegments(itemUrl, siteUrl);
  if (segments === undefined || segments.join('') === '') return undefined; // the landing page's
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
 * The output file a static host serves `url` from, relative to the output folder, whatever its
 * type: `index.html` for the site root and in a folder, `x.html` for an extension-less `x`;
 * undefined when the URL is not under the site URL or its path does not decode.
 */
export function servedPath(url: string, siteUrl: string): string | undefined {
  const segments = siteSegments(url, siteUrl);
  if (segments === undefined) return undefined;
  const last = segments[segments.length - 1] ?? '';
  const path = segments.join('/');
  if (last === '') return `${path}index.html`;
  return last.includes('.') ? path : `${path}.html`;
}

/** The decoded path segments of `url` below the site root, if it is under it. */
function siteSegments(url: string, siteUrl: string): string[] | undefined {
  const plain = plainSitePath(url, siteUrl);
  if (plain !== undefined) return plain.split('/'); // no `%`: every segment decodes to itself
  const encoded = parsedSitePath(url, siteUrl);
  if (encoded === undefined) return undefined;
  try {
    return encoded.split('/').map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

/**
 * The path below the site root of a URL that is the site URL plus plain path characters (almost
 * every item URL), found without parsing either; undefined when it takes parsing to tell.
 */
function plainSitePath(itemUrl: string, siteUrl: string): string | undefined {
  if (!siteUrl.endsWith('/') || !itemUrl.startsWith(siteUrl)) return undefined;
  const rest = itemUrl.slice(siteUrl.length);
  if (!PLAIN_PATH.test(rest) || rest.includes('//') || DOT_SEGMENT.test(rest)) return undefined;
  return parsable(siteUrl) ? rest : undefined;
}

/** The last site URL asked of `parsable`, and the answer: a build asks of one, for every item. */
let lastSite: { url: string; parsable: boolean } | undefined;

/** `URL.canParse(siteUrl)`, remembered for the last site URL asked. */
function parsable(siteUrl: string): boolean {
  if (lastSite?.url !== siteUrl) lastSite = { url: siteUrl, parsable: URL.canParse(siteUrl) };
  return lastSite.parsable;
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

/**
 * Relative, `/`-separated, no empty, `.` or `..` segments, no backslashes or control chars, no
 * name over `MAX_NAME_BYTES`.
 */
export function isSafePagePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || /[\\\0-\x1F\x7F]/.test(path)) return false;
  const parts = path.split('/');
  return parts.every((part) => part !== '' && part !== '.' && part !== '..') && !overlongName(path);
}

/** The first file or folder name in a `/`-separated path longer than `MAX_NAME_BYTES`, if any. */
export function overlongName(path: string): string | undefined {
  // A UTF-8 string has at least as many bytes as UTF-16 units, and at most three per unit.
  if (path.length * 3 <= MAX_NAME_BYTES || Buffer.byteLength(path) <= MAX_NAME_BYTES) {
    return undefined;
  }
  return path.split('/').find((name) => Buffer.byteLength(name) > MAX_NAME_BYTES);
}

/** The files that describe the site at its root: `feeds.opml`, the sitemaps, `robots.txt`. */
const SITE_FILES = /^(feeds\.opml|robots\.txt|sitemap(-news|-\d+)?\.xml)$/;

/**
 * True for the files at the site's root that describe it (`feeds.opml`, the sitemaps,
 * `robots.txt`): a site's own file in `public/` at such a path is published instead of
 * feedwright's, so a site that has one keeps it.
 */
export function isSiteFile(path: string): boolean {
  return SITE_FILES.test(path);
}

/** The folders feedwright writes its own pages and feeds in (see `reservedUse`). */
export const OWN_FOLDERS = {
  /** Every category's feeds, pages and archives: `categories/<slug>/…`. */
  categories: 'categories/',
  /** Every byline's: `authors/<slug>/…`. */
  authors: 'authors/',
  /** Every tag's: `tags/<slug>/…`. */
  tags: 'tags/',
  /** The landing page's older stories: `page/<n>/index.html` (also under each category). */
  listing: 'page/',
  /** The site feed's archive documents: `archive/<n>/rss.xml` … (also under each category). */
  archive: 'archive/',
} as const;

/**
 * What feedwright keeps at output path `path` for its own files, in words, or undefined when a
 * post's page (or a redirect page) may go there: the landing page `index.html`, the listing
 * pages `page/<n>/`, the archives `archive/<n>/`, everything under `categories/` (and a
 * `categories.html`, which a host would serve for `/categories`), every file named like a feed
 * in any folder, and the manifest.
 */
export function reservedUse(path: string): string | undefined {
  if (path === 'index.html') return 'the landing page';
  if (path === MANIFEST_FILE) return 'the build manifest';
  if (SITE_FILES.test(path)) return 'the site’s feed list, sitemaps or robots.txt';
  if (isFeedPath(path)) return 'a feed file';
  const { categories, authors, tags, listing, archive } = OWN_FOLDERS;
  if (path.startsWith(categories) || path === `${categories.slice(0, -1)}.html`)
    return 'the category pages and feeds';
  if (path.startsWith(authors) || path === `${authors.slice(0, -1)}.html`)
    return 'the author pages and feeds';
  if (path.startsWith(tags) || path === `${tags.slice(0, -1)}.html`)
    return 'the tag pages and feeds';
  if (path.startsWith(listing) && /^\d+\//.test(path.slice(listing.length)))
    return 'a listing page';
  if (path.startsWith(archive) && /^\d+\//.test(path.slice(archive.length)))
    return 'an archive of the feed';
  return undefined;
}

/**
 * The fewest bytes a permalink must leave `:slug` in its name (see `slugRoom`): a slug cut to
 * fit keeps at least 55 of its own characters before its hash.
 */
export const MIN_SLUG_ROOM = 64;

/**
 * A token of a permalink pattern (for `replace`; it is global); `:slugs` is not one. Name tokens
 * (`:slug`, `:title` — the file name without its date, `:filename`) name the post; the others
 * place it: `:year :month :day`, `:sections`/`:section` (its folders below the posts folder, or
 * the first), `:categories`/`:category` (its categories' slugs, or the first's).
 */
export const PERMALINK_TOKEN =
  /:(slug|title|filename|year|month|day|sections|section|categories|category)\b/g;

/** The tokens that name a post: a pattern needs one of them. */
export const NAME_TOKENS = ['slug', 'title', 'filename'];

/**
 * How many bytes `:slug` may take in a page made from permalink `pattern` so that no name in its
 * path exceeds `MAX_NAME_BYTES` (a last name without an extension gets `.html`): the least over
 * the names that hold `:slug`, shared between its copies. Negative when the fixed text of some
 * name is too long already; `MAX_NAME_BYTES` when no name holds `:slug`.
 */
export function slugRoom(pattern: string): number {
  const names = pattern.split('/');
  let room = MAX_NAME_BYTES;
  names.forEach((name, i) => {
    const slugs = name.match(/:(slug|title|filename)\b/g)?.length ?? 0;
    let fixed = name.replace(PERMALINK_TOKEN, (_, token: string) =>
      token === 'year' ? '0000' : token === 'month' || token === 'day' ? '00' : '',
    );
    if (i === names.length - 1 && name !== '' && !fixed.includes('.')) fixed += '.html';
    const left = MAX_NAME_BYTES - Buffer.byteLength(decodeOrKeep(fixed));
    if (slugs > 0) room = Math.min(room, Math.floor(left / slugs));
    else if (left < 0) room = Math.min(room, left);
  });
  return room;
}

function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
