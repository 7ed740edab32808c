import type { Diagnostic } from '../diagnostics.js';
import type { PostRef } from '../model.js';
import { compareCodePoints } from '../text.js';

/**
 * Two posts that would share an address or an id: each is named with the other's file. Posts may
 * share a slug where their addresses differ (a date in the permalink, a translation in its
 * language's folder); two at one address because of one slug are told so, as a shared slug.
 */
export function findCollisions(
  posts: readonly PostRef[],
  display: (post: PostRef) => string,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = { id: new Map<string, PostRef>(), url: new Map<string, PostRef>() };
  const byFile = [...posts].sort((a, b) => compareCodePoints(a.sourcePath, b.sourcePath));
  const report = (post: PostRef, other: PostRef, kind: 'slug' | 'id' | 'url', value: string) => {
    const field = kind === 'url' ? 'link' : kind;
    diagnostics.push({
      severity: 'error',
      code: `duplicate-${kind}`,
      file: display(post),
      field,
      message: `${kind} "${value}" is also used by ${display(other)}`,
      fix: `give one of the two posts a different ${field}`,
    });
  };
  for (const post of byFile) {
    const id = post.id ?? post.url;
    const atUrl = seen.url.get(post.url);
    const withId = seen.id.get(id);
    if (atUrl) {
      if (atUrl.slug === post.slug) report(post, atUrl, 'slug', post.slug);
      else report(post, atUrl, 'url', post.url);
    } else seen.url.set(post.url, post);
    // The same post again is one problem, not two.
    if (withId && withId !== atUrl) report(post, withId, 'id', id);
    else if (!withId) seen.id.set(id, post);
  }
  return diagnostics;
}
