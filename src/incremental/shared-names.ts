/**
 * One copy of each name posts share — a category, tag, byline or language — however many posts
 * write it. Each post's own copy (parsed from its front matter, copied from the thread that read
 * it, or decoded from the cache) would otherwise live as long as the post: 200,000 strings at
 * 10,000 posts of 20 tags, on every build.
 */
import type { PostRef } from '../model.js';

/** Names kept, each its own key; emptied when it holds `MOST` (a long-lived process stays bounded). */
const kept = new Map<string, string>();
const MOST = 200_000;

/** The copy of `name` every post shares. */
export function sharedName(name: string): string {
  const known = kept.get(name);
  if (known !== undefined) return known;
  if (kept.size >= MOST) kept.clear();
  kept.set(name, name);
  return name;
}

/**
 * Has `post` (the caller's own: just decoded or received, never shared yet) use the shared copy
 * of each of its names, in place; returns it.
 */
export function shareNames<P extends Pick<PostRef, 'categories' | 'tags' | 'authors' | 'language'>>(
  post: P,
): P {
  share(post.categories);
  share(post.tags);
  for (const author of post.authors) author.name = sharedName(author.name);
  post.language = sharedName(post.language);
  return post;
}

function share(names: string[]): void {
  for (let i = 0; i < names.length; i++) names[i] = sharedName(names[i] as string);
}
