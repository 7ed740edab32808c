import { shortHash } from '../hash.js';
import type { Category, PostRef } from '../model.js';
import { makeSlug } from '../slug.js';
import { compareCodePoints, foldName } from '../text.js';
import { MAX_NAME_BYTES } from '../urls.js';

// Folder names Windows refuses; a category called "con" must still get a usable folder.
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/;

/**
 * A post's tags that are not also its categories (compared as groups are): those have a feed
 * already, and an item lists them once, as categories.
 */
export function ownTags(post: Pick<PostRef, 'categories' | 'tags'>): string[] {
  if (post.tags.length === 0 || post.categories.length === 0) return [...post.tags];
  // A post has a few categories: a list is quicker to make and search than a set.
  const categories = post.categories.map(foldName);
  return post.tags.filter((tag) => !categories.includes(foldName(tag)));
}

/** Named groups of posts (categories, tags, bylines), keyed by the folded name. */
export type Groups<P> = Map<string, { category: Category; posts: P[] }>;

/**
 * Groups posts' category names case-insensitively (the first spelling met in `posts` order
 * names the group) and gives each a unique, path-safe slug. Keyed by the folded name.
 */
export function groupCategories<P extends PostRef>(posts: readonly P[]): Groups<P> {
  return groupNames(posts, (post) => post.categories, 'category');
}

/**
 * Groups posts by the names `namesOf` gives (as `groupCategories` does categories), each with a
 * unique slug made from `slugSource` of its first spelling (the name itself by default); `word`
 * is the fallback slug, for a name that gives none.
 */
export function groupNames<P>(
  posts: readonly P[],
  namesOf: (post: P) => readonly string[],
  word: string,
  slugSource: (name: string) => string = (name) => name,
): Groups<P> {
  const groups = new Map<string, { name: string; posts: P[] }>();
  for (const post of posts) {
    for (const name of namesOf(post)) {
      const key = foldName(name);
      const group = groups.get(key);
      if (group) {
        if (group.posts.at(-1) !== post) group.posts.push(post);
      } else groups.set(key, { name, posts: [post] });
    }
  }
  // Slugs are assigned in folded-name order so that adding a group never renames another.
  const taken = new Set<string>();
  const result: Groups<P> = new Map();
  for (const key of [...groups.keys()].sort(compareCodePoints)) {
    const group = groups.get(key);
    if (!group) continue;
    const slug = uniqueSlug(slugSource(group.name), key, taken, word);
    taken.add(slug);
    result.set(key, { category: { name: group.name, slug }, posts: group.posts });
  }
  return result;
}

/**
 * A group's slug: its name's, made usable as a folder name, with a hash of its folded name
 * appended when that slug is taken (or is the bare fallback), kept short enough for a folder.
 */
function uniqueSlug(name: string, key: string, taken: ReadonlySet<string>, word: string): string {
  let slug = makeSlug(name);
  if (!slug || RESERVED.test(slug)) slug = slug ? `${slug}-${word}` : word;
  if (!taken.has(slug) && slug !== word) return slug;
  // Slugs are ASCII (one byte a character); `-` and eight hex digits follow.
  const head = slug.slice(0, MAX_NAME_BYTES - 9).replace(/-+$/, '');
  let candidate = `${head}-${shortHash(key)}`;
  // Another group may be named like this one's hashed slug: hash again until it is free.
  for (let n = 2; taken.has(candidate); n++) candidate = `${head}-${shortHash(`${key}\u0000${n}`)}`;
  return candidate;
}
