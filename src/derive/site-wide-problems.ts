/** The problems only the whole set of posts shows, checked together (and skipped together). */
import type { Diagnostic } from '../diagnostics.js';
import type { PostRef } from '../model.js';
import { categoryLimits } from './category-limits.js';
import { findCollisions } from './collisions.js';

/** Posts sharing a slug, id or address (`findCollisions`), and the category limits (`categoryLimits`). */
export function siteWideProblems(
  posts: readonly PostRef[],
  display: (post: PostRef) => string,
): Diagnostic[] {
  return [...findCollisions(posts, display), ...categoryLimits(posts, display)];
}
