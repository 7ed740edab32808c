/** Relative URLs in a post's HTML made absolute, because many feed readers ignore `xml:base`. */
import { isPlainHttpUrl } from '../urls.js';

export const URL_ATTRIBUTES = ['href', 'src', 'poster', 'cite', 'action', 'background', 'longdesc'];

/** The post's URL and the site's: absolute URLs, as validation leaves them (parsing takes them). */
export type Base = { itemUrl: string; siteUrl: string };

export function absolutizeAttributes(
  attribs: Record<string, string>,
  baseUrl: Base,
): Record<string, string> {
  const out: Record<string, string> = { ...attribs };
  for (const name of URL_ATTRIBUTES) {
    const value = out[name];
    if (value !== undefined) out[name] = absoluteUrl(value, baseUrl);
  }
  if (out.srcset !== undefined) out.srcset = absoluteSrcset(out.srcset, baseUrl);
  return out;
}

/**
 * `/x` means the site root (which may be a sub-path, as on GitHub Pages project sites), the way
 * front-matter paths do; `x`, `../x` and `#x` are relative to the post's own URL. A fragment too
 * is made absolute (the post's URL with it): the W3C validator warns of any relative reference in
 * a feed, and a reader showing the item outside its page has nothing for `#x` to point into.
 */
export function absoluteUrl(value: string, base: Base): string {
  const trimmed = value.trim();
  return (trimmed !== '' && plainAbsoluteUrl(trimmed, base)) || parsedAbsoluteUrl(value, base);
}

/** `absoluteUrl` as URL parsing gives it: what `plainAbsoluteUrl` tells without parsing. */
export function parsedAbsoluteUrl(value: string, base: Base): string {
  const trimmed = value.trim();
  if (trimmed === '') return value;
  try {
    if (trimmed.startsWith('/') && !trimmed.startsWith('//'))
      return new URL(trimmed.slice(1), base.siteUrl).href;
    return new URL(trimmed, base.itemUrl).href;
  } catch {
    return value;
  }
}

/** A site path: one plain path below the site root (nothing in it resolved away or escaped). */
const PLAIN_SITE_PATH = /^\/[A-Za-z0-9\-._~][A-Za-z0-9\-._~/]*$/;
/** A path relative to the post's URL: `./` and `../` first, then a plain path (or nothing). */
const PLAIN_RELATIVE_PATH = /^(?:\.\.?\/)*(?:[A-Za-z0-9\-_~][A-Za-z0-9\-._~/]*)?$/;
/** A fragment: `#` and characters the parser leaves as they are. */
const PLAIN_FRAGMENT = /^#[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*$/;
/** A query or fragment, where resolving against the URL holding it is not joining (see below). */
const QUERY_OR_FRAGMENT = /[?#]/;

/**
 * What `absoluteUrl` gives for the links most posts hold, told without parsing: a plain http(s)
 * URL (`isPlainHttpUrl`) is itself, and a plain fragment, site path or relative path is joined to
 * the post's or site's plain URL as parsing would resolve it. Undefined when it takes parsing.
 */
function plainAbsoluteUrl(value: string, base: Base): string | undefined {
  let url = value;
  // Against a URL with a query (even an empty one, which Node's parser then drops), parse.
  if (PLAIN_FRAGMENT.test(value)) {
    if (QUERY_OR_FRAGMENT.test(base.itemUrl)) return undefined;
    url = base.itemUrl + value;
  } else if (PLAIN_SITE_PATH.test(value)) {
    if (QUERY_OR_FRAGMENT.test(base.siteUrl) || !base.siteUrl.endsWith('/')) return undefined;
    url = base.siteUrl + value.slice(1);
  } else if (PLAIN_RELATIVE_PATH.test(value)) {
    // The post's URL is itself checked: the last segment, dropped here, could be a dot segment.
    if (QUERY_OR_FRAGMENT.test(base.itemUrl) || !isPlainHttpUrl(base.itemUrl)) return undefined;
    url = joinedPath(base.itemUrl, value);
  }
  return isPlainHttpUrl(url) ? url : undefined;
}

/**
 * `path` (see `PLAIN_RELATIVE_PATH`) resolved against the plain URL `base`: the folder of its last
 * segment, each `../` a folder up (never above the root), each `./` none, then the rest.
 */
function joinedPath(base: string, path: string): string {
  const root = base.indexOf('/', base.indexOf('//') + 2) + 1;
  let folder = base.slice(0, base.lastIndexOf('/') + 1);
  let rest = path;
  for (;;) {
    if (rest.startsWith('./')) rest = rest.slice(2);
    else if (rest.startsWith('../')) {
      rest = rest.slice(3);
      if (folder.length > root)
        folder = folder.slice(0, folder.lastIndexOf('/', folder.length - 2) + 1);
    } else return folder + rest;
  }
}

function absoluteSrcset(srcset: string, baseUrl: Base): string {
  return srcset
    .split(',')
    .map((candidate) => {
      const [url, ...descriptor] = candidate.trim().split(/\s+/);
      return url ? [absoluteUrl(url, baseUrl), ...descriptor].join(' ') : '';
    })
    .filter(Boolean)
    .join(', ');
}
