import type { PostRef } from '../model.js';
import { compareCodePoints } from '../text.js';

/** Which posts a build may publish besides the dated-and-final ones. */
export interface Selection {
  /** Include posts dated in the future. */
  includeFuture?: boolean;
  /** Include posts with `draft: true`. */
  includeDrafts?: boolean;
}

export interface SelectOptions extends Selection {
  /** Reference time for leaving out scheduled posts. */
  now: Date;
}

/** Newest first; equal dates by slug, so the order never depends on the file system. */
export function comparePosts(a: PostRef, b: PostRef): number {
  const byDate = b.date.getTime() - a.date.getTime();
  return byDate !== 0 ? byDate : compareCodePoints(a.slug, b.slug);
}

/** Posts that are published as of `now` (and not yet withdrawn), newest first. */
export function selectPublished<P extends PostRef>(
  posts: readonly P[],
  options: SelectOptions,
): P[] {
  return posts
    .filter((post) => isDue(post, options) && !isExpired(post, options))
    .sort(comparePosts);
}

/** Posts that were published and are past their `expires` as of `now`, newest first. */
export function withdrawnPosts<P extends PostRef>(
  posts: readonly P[],
  options: SelectOptions,
): P[] {
  return posts
    .filter((post) => isDue(post, options) && isExpired(post, options))
    .sort(comparePosts);
}

function isDue(post: PostRef, options: SelectOptions): boolean {
  if (post.draft && !options.includeDrafts) return false;
  return options.includeFuture === true || post.date.getTime() <= options.now.getTime();
}

function isExpired(post: PostRef, options: SelectOptions): boolean {
  return post.expires !== undefined && post.expires.getTime() <= options.now.getTime();
}

/**
 * When the output next changes though no file does (epoch ms; Infinity for never): the first
 * post now left out for its date comes due, or a published one expires.
 */
export function nextDue(posts: readonly PostRef[], options: SelectOptions): number {
  let due = Number.POSITIVE_INFINITY;
  const now = options.now.getTime();
  for (const post of posts) {
    if (post.draft && !options.includeDrafts) continue;
    const at = post.date.getTime();
    if (!options.includeFuture && at > now && at < due) due = at;
    const ends = post.expires?.getTime();
    if (ends !== undefined && ends > now && ends < due) due = ends;
  }
  return due;
}
