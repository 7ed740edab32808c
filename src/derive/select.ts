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

/** Posts that are published as of `now`, newest first. */
export function selectPublished<P extends PostRef>(
  posts: readonly P[],
  options: SelectOptions,
): P[] {
  return posts
    .filter((post) => options.includeDrafts || !post.draft)
    .filter((post) => options.includeFuture || post.date.getTime() <= options.now.getTime())
    .sort(comparePosts);
}

/**
 * When the first post now left out for its date comes due (epoch ms; Infinity for never): the
 * output changes then, though no file does.
 */
export function nextDue(posts: readonly PostRef[], options: SelectOptions): number {
  let due = Number.POSITIVE_INFINITY;
  if (options.includeFuture) return due;
  const now = options.now.getTime();
  for (const post of posts) {
    const at = post.date.getTime();
    if (at > now && at < due && (options.includeDrafts || !post.draft)) due = at;
  }
  return due;
}
