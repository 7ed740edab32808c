import { shortHash } from '../hash.js';
import type { Category, PostRef } from '../model.js';
import { makeSlug } from '../slug.js';
import { compareCodePoints, foldName } from '../text.js';
import { MAX_NAME_BYTES } from '../urls.js';

// Folder names Windows refuses; a category called "con" must still get a usable folder.
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/;

/**
 * Groups posts' category names case-insensitively (the first spelling met in `posts` order
 * names the group) and gives each a unique, path-safe slug. Keyed by the folded name.
 */
export function groupCategories<P extends PostRef>(
  posts: readonly P[],
): Map<string, { category: Category; posts: P[] }> {
  const groups = new Map<string, { name: string; posts: P[] }>();
  for (const post of posts) {
    for (const name of post.categories) {
      const key = foldName(name);
      const group = groups.get(key);
      if (group) group.posts.push(post);
      else groups.set(key, { name, posts: [post] });
    }
  }
  // Slugs are assigned in folded-name order so that adding a category never renames another.
  const taken = new Set<string>();
  const result = new Map<string, { category: Category; posts: P[] }>();
  for (const key of [...groups.keys()].sort(compareCodePoints)) {
    const group = groups.get(key);
    if (!group) continue;
    const slug = uniqueSlug(group.name, key, taken);
    taken.add(slug);
    result.set(key, { category: { name: group.name, slug }, posts: group.posts });
  }
  return result;
}

/**
 * A category's slug: its name's, made usable as a folder name, with a hash of its folded name
 * appended when that slug is taken (or is the bare fallback), kept short enough for a folder.
 */
function uniqueSlug(name: string, key: string, taken: ReadonlySet<string>): string {
  let slug = makeSlug(name);
  if (!slug || RESERVED.test(slug)) slug = slug ? `${slug}-category` : 'category';
  if (!taken.has(slug) && slug !== 'category') return slug;
  // Slugs are ASCII (one byte a character); `-` and eight hex digits follow.
  const head = slug.slice(0, MAX_NAME_BYTES - 9).replace(/-+$/, '');
  let candidate = `${head}-${shortHash(key)}`;
  // Another category may be named like this one's hashed slug: hash again until it is free.
  for (let n = 2; taken.has(candidate); n++) candidate = `${head}-${shortHash(`${key}\u0000${n}`)}`;
  return candidate;
}
