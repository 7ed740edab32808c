import { tzOffset } from '@date-fns/tz';
import type { Post, SiteConfig } from '../model.js';
import { resolveSitePath } from '../urls.js';

// Characters a URL path can hold as they are; anything else goes through URL parsing.
const PLAIN_PATH = /^[A-Za-z0-9\-._~/]*$/;

/** The post's public URL: its own `link`, else the site URL plus the expanded permalink. */
export function postUrl(
  post: Pick<Post, 'link' | 'slug' | 'date'>,
  config: Pick<SiteConfig, 'url' | 'permalink' | 'timezone'>,
): string {
  if (post.link) return post.link;
  const path = expandPermalink(config.permalink, post, config.timezone);
  // Same result as resolveSitePath for plain paths, without parsing a URL per post.
  if (PLAIN_PATH.test(path) && !path.includes('/.') && !path.includes('//'))
    return config.url + path.replace(/^\/+/, '');
  return resolveSitePath(config.url, path);
}

/** `/posts/:year/:slug/` → `/posts/2026/my-post/`, date parts in the site's time zone. */
export function expandPermalink(
  pattern: string,
  post: Pick<Post, 'slug' | 'date'>,
  timezone: string,
): string {
  let local: Date | undefined;
  const part = (get: (d: Date) => number, width: number) => {
    // The wall-clock date in the site's zone, read through a UTC Date shifted by the offset.
    local ??= new Date(post.date.getTime() + tzOffset(timezone, post.date) * 60_000);
    return String(get(local)).padStart(width, '0');
  };
  return pattern.replace(/:(slug|year|month|day)\b/g, (_, token: string) => {
    switch (token) {
      case 'year':
        return part((d) => d.getUTCFullYear(), 4);
      case 'month':
        return part((d) => d.getUTCMonth() + 1, 2);
      case 'day':
        return part((d) => d.getUTCDate(), 2);
      default:
        return post.slug;
    }
  });
}
