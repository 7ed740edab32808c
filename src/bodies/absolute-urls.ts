/** Relative URLs in a post's HTML made absolute, because many feed readers ignore `xml:base`. */

export const URL_ATTRIBUTES = ['href', 'src', 'poster', 'cite', 'action', 'background', 'longdesc'];

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
  if (trimmed === '') return value;
  try {
    if (trimmed.startsWith('/') && !trimmed.startsWith('//'))
      return new URL(trimmed.slice(1), base.siteUrl).href;
    return new URL(trimmed, base.itemUrl).href;
  } catch {
    return value;
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
