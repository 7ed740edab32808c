import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { resolveSitePath } from '../config/validate-config.js';
import type { PostRef, SiteConfig } from '../model.js';

/** The post's public URL: its own `link`, else the site URL plus the expanded permalink. */
export function itemUrl(post: PostRef, config: SiteConfig): string {
  if (post.link) return post.link;
  return resolveSitePath(config.url, expandPermalink(config.permalink, post, config.timezone));
}

/** `/posts/:year/:slug/` → `/posts/2026/my-post/`, date parts in the site's time zone. */
export function expandPermalink(pattern: string, post: PostRef, timezone: string): string {
  const zone = tz(timezone);
  return pattern.replace(/:(slug|year|month|day)\b/g, (_, token: string) => {
    switch (token) {
      case 'year':
        return format(post.date, 'yyyy', { in: zone });
      case 'month':
        return format(post.date, 'MM', { in: zone });
      case 'day':
        return format(post.date, 'dd', { in: zone });
      default:
        return post.slug;
    }
  });
}
