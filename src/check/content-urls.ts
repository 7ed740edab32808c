/**
 * The URLs an item's full text points at — links, and the resources a reader loads with it
 * (images, video, audio, frames) — read from its HTML by a scan of its tags. The HTML is what
 * feedwright wrote (sanitized, well-formed), so a scan is enough, and needs no HTML parser.
 */
import { htmlToText } from '../continuity/html-text.js';

export interface ContentUrl {
  /** The element, lower case: `a`, `img`, `source`, … */
  tag: string;
  /** The attribute, lower case: `href`, `src`, `srcset`, `poster`. */
  attribute: string;
  /** The URL as written, character references decoded. */
  url: string;
  /** True for what a reader loads with the page (anything but a link to follow). */
  embedded: boolean;
}

const TAG = /<([a-zA-Z][a-zA-Z0-9-]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /\s([a-zA-Z-:]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;
const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'poster']);
/** Elements whose `href` is a link to follow, not a resource to load. */
const LINKS = new Set(['a', 'area']);

/** Every URL in `html`'s tags, in document order. */
export function contentUrls(html: string): ContentUrl[] {
  const out: ContentUrl[] = [];
  for (const [, name = '', attributes = ''] of html.matchAll(TAG)) {
    const tag = name.toLowerCase();
    for (const match of attributes.matchAll(ATTRIBUTE)) {
      const attribute = (match[1] ?? '').toLowerCase();
      if (!URL_ATTRIBUTES.has(attribute)) continue;
      const value = decode(match[2] ?? match[3] ?? match[4] ?? '');
      const urls = attribute === 'srcset' ? srcsetUrls(value) : [value];
      const embedded = !(LINKS.has(tag) && attribute === 'href');
      for (const url of urls) out.push({ tag, attribute, url, embedded });
    }
  }
  return out;
}

/** The `src` of every `<img>` in `html`, in document order. */
export function contentImages(html: string): string[] {
  return contentUrls(html)
    .filter((found) => found.tag === 'img' && found.attribute === 'src' && found.url !== '')
    .map((found) => found.url);
}

/** True for a URL with a scheme (`https:`, `mailto:`, `data:`); false for any relative one. */
export function isAbsoluteUrl(url: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(url);
}

/** The URLs of a `srcset` (HTML's rule: a URL runs to the next space; a comma ends a candidate). */
function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  for (const [, url = '', descriptor] of srcset.matchAll(/[\s,]*([^\s,][^\s]*)(\s+[^,]*)?/g)) {
    // A URL that ends in commas has no descriptor: the commas separate it from the next one.
    urls.push(descriptor === undefined ? url.replace(/,+$/, '') : url);
  }
  return urls.filter((url) => url !== '');
}

/** Character references decoded (`&amp;` in a query string); a URL has no spaces to collapse. */
function decode(value: string): string {
  return value.includes('&') ? htmlToText(value) : value.trim();
}
