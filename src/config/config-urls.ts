/** What the config's URLs may be: the site's own, its hubs', its icon's and its logo's. */
import { parseHttpUrl, resolveSitePath } from '../urls.js';

/** What is wrong with a value, and what to write instead. */
export interface Problem {
  message: string;
  fix: string;
}

// Files a site URL may name by mistake; a folder such as `/v1.2` is left alone.
const FILE_NAME = /\.(?:html?|php|aspx?|xml|json)$/i;

/**
 * What is wrong with `href` (an absolute http(s) URL) as the site URL, if anything: every page
 * and feed URL is the site URL plus a path, so it may hold no query, fragment, user name or
 * password, and must be a folder, not a file.
 */
export function siteUrlProblem(href: string): Problem | undefined {
  const url = new URL(href);
  if (/[?#]/.test(href)) {
    return {
      message: 'url must not have a query or fragment',
      fix: 'use the site root, e.g. "https://example.com/"',
    };
  }
  if (url.username || url.password) return credentials('url', 'page and feed');
  const last = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  if (FILE_NAME.test(last)) {
    return {
      message: `url must be the folder the site is served from, not a file ("${last}")`,
      fix: `use "${url.origin}${url.pathname.slice(0, -last.length)}"`,
    };
  }
  return undefined;
}

/** What is wrong with `href` (an absolute http(s) URL) as a WebSub hub, if anything. */
export function hubProblem(key: string, href: string): Problem | undefined {
  const url = new URL(href);
  return url.username || url.password ? credentials(key, 'feed') : undefined;
}

/**
 * An `icon` or `logo` as the absolute http(s) URL feeds carry: a URL, or a site path under
 * `siteUrl` (`/icon.png` or `icon.png`). Anything else (`javascript:`, `data:`, a URL that does
 * not parse) is a problem.
 */
export function imageUrl(key: string, siteUrl: string, value: string): { href: string } | Problem {
  const name = key.split('.').pop();
  const fix = `use a site path such as "/${name}.png" (a file in public/) or "https://example.com/${name}.png"`;
  let resolved: string;
  try {
    resolved = resolveSitePath(siteUrl, value.trim());
  } catch {
    return { message: `${key} ${JSON.stringify(value)} is not a valid URL`, fix };
  }
  const url = parseHttpUrl(resolved);
  if (!url) {
    const scheme = resolved.slice(0, resolved.indexOf(':') + 1);
    return {
      message: `${key} ${JSON.stringify(value)} is a ${scheme} URL; it must be an http(s) URL or a site path`,
      fix,
    };
  }
  if (url.username || url.password) return credentials(key, 'feed');
  return { href: url.href };
}

function credentials(key: string, where: string): Problem {
  return {
    message: `${key} holds a user name or password, which every ${where} would show`,
    fix: 'remove the "user:password@" part',
  };
}
