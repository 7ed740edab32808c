/** The problems only the whole set of posts shows, checked together (and skipped together). */
import type { Diagnostic } from '../diagnostics.js';
import type { PostRef } from '../model.js';
import {
  categoryLimits,
  MAX_CATEGORIES_PER_POST,
  MAX_SITE_CATEGORIES,
  MAX_SITE_TAGS,
} from './category-limits.js';
import { findCollisions } from './collisions.js';

/**
 * Posts sharing a slug, id or address (`findCollisions`), and the category limits
 * (`categoryLimits`; the tag limit too while every tag gets its feeds).
 */
export function siteWideProblems(
  posts: readonly PostRef[],
  display: (post: PostRef) => string,
  config: { tagFeeds?: boolean } = {},
): Diagnostic[] {
  const limits = {
    perPost: MAX_CATEGORIES_PER_POST,
    perSite: MAX_SITE_CATEGORIES,
    ...(config.tagFeeds === false ? {} : { tags: MAX_SITE_TAGS }),
  };
  return [...findCollisions(posts, display), ...categoryLimits(posts, display, limits)];
}
