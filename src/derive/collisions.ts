import type { Diagnostic } from '../diagnostics.js';
import type { PostRef } from '../model.js';
import { compareCodePoints } from '../text.js';

const KINDS = ['slug', 'id', 'url'] as const;

/**
 * Two posts that would share a slug, an id or a URL: each is named with the other's file. A slug
 * is shared only within a language: a story and its translation may have the same one (their
 * pages are in different folders).
 */
export function findCollisions(
  posts: readonly PostRef[],
  display: (post: PostRef) => string,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = {
    slug: new Map<string, PostRef>(),
    id: new Map<string, PostRef>(),
    url: new Map<string, PostRef>(),
  };
  const byFile = [...posts].sort((a, b) => compareCodePoints(a.sourcePath, b.sourcePath));
  for (const post of byFile) {
    const slug = `${post.language}\u0000${post.slug}`;
    const keys = { slug, id: post.id ?? post.url, url: post.url };
    const shown = { slug: post.slug, id: keys.id, url: keys.url };
    for (const kind of KINDS) {
      const other = seen[kind].get(keys[kind]);
      // Posts with the same slug (in one language) are reported once, as a shared slug.
      const sameSlug = other?.slug === post.slug && other?.language === post.language;
      if (other && !(kind !== 'slug' && sameSlug)) {
        const field = kind === 'url' ? 'link' : kind;
        diagnostics.push({
          severity: 'error',
          code: `duplicate-${kind}`,
          file: display(post),
          field,
          message: `${kind} "${shown[kind]}" is also used by ${display(other)}`,
          fix: `give one of the two posts a different ${field}`,
        });
      } else if (!other) seen[kind].set(keys[kind], post);
    }
  }
  return diagnostics;
}
