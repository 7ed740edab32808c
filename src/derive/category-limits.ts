/**
 * How many categories a post and a site may have. Each category gets its own feeds (three
 * formats, with archives) and pages, and every copy of a story lists all its categories: a post
 * in K categories is written K times with K categories each, so its cost grows with K², and a
 * site's output grows with its number of categories. Both are capped, so that no input can make
 * a build take unbounded time or memory.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { PostRef } from '../model.js';
import { compareCodePoints, foldName } from '../text.js';

/** Categories one post may be filed under. */
export const MAX_CATEGORIES_PER_POST = 20;

/** Different categories (compared as `groupCategories` does) all posts together may use. */
export const MAX_SITE_CATEGORIES = 20_000;

/** Different tags all posts together may use while every tag gets its feeds (`tagFeeds`). */
export const MAX_SITE_TAGS = 20_000;

const TAGS_INSTEAD =
  'tags appear in every feed the post is in; with "tagFeeds": false in the config they get no feed or page of their own';

/**
 * A post over `MAX_CATEGORIES_PER_POST`, and the first post (in file order) that takes the site
 * over `MAX_SITE_CATEGORIES`, each named with the fix. Every post counts, drafts and scheduled
 * posts too, so a build never starts failing by itself on the day a scheduled post comes due.
 */
export function categoryLimits(
  posts: readonly PostRef[],
  display: (post: PostRef) => string,
  limits: { perPost: number; perSite: number; tags?: number } = {
    perPost: MAX_CATEGORIES_PER_POST,
    perSite: MAX_SITE_CATEGORIES,
    tags: MAX_SITE_TAGS,
  },
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byFile = [...posts].sort((a, b) => compareCodePoints(a.sourcePath, b.sourcePath));
  for (const post of byFile) {
    const count = post.categories.length;
    if (count <= limits.perPost) continue;
    diagnostics.push({
      severity: 'error',
      code: 'too-many-categories',
      file: display(post),
      field: 'categories',
      message: `${count} categories; a post may have at most ${limits.perPost}`,
      fix: `keep the ${limits.perPost} that matter most and move the others to tags (${TAGS_INSTEAD})`,
    });
  }
  const over = siteOverflow(byFile, limits.perSite, 'categories');
  if (over) diagnostics.push(over(display));
  const tags = limits.tags === undefined ? undefined : siteOverflow(byFile, limits.tags, 'tags');
  if (tags) diagnostics.push(tags(display));
  return diagnostics;
}

/** The post that brings in category (or tag) number `max + 1`, and how many there are in all. */
function siteOverflow(
  byFile: readonly PostRef[],
  max: number,
  key: 'categories' | 'tags',
): ((display: (post: PostRef) => string) => Diagnostic) | undefined {
  const seen = new Set<string>();
  let first: { post: PostRef; name: string } | undefined;
  for (const post of byFile) {
    for (const name of post[key]) {
      const key = foldName(name);
      if (seen.has(key)) continue;
      seen.add(key);
      if (seen.size === max + 1) first = { post, name };
    }
  }
  if (!first) return undefined;
  const { post, name } = first;
  const total = seen.size.toLocaleString('en-US');
  const most = max.toLocaleString('en-US');
  if (key === 'tags') {
    return (display) => ({
      severity: 'error',
      code: 'too-many-site-tags',
      file: display(post),
      field: 'tags',
      message: `the posts use ${total} different tags; with a feed and a page for each, a site may have at most ${most}, and "${name}" is one too many`,
      fix: 'set "tagFeeds": false in the config: tags then appear in every feed the post is in, with no feed or page of their own',
    });
  }
  return (display) => ({
    severity: 'error',
    code: 'too-many-site-categories',
    file: display(post),
    field: 'categories',
    message: `the posts use ${total} different categories; a site may have at most ${most} (each gets its own feeds and pages), and "${name}" is one too many`,
    fix: `merge categories, or move the rarely used ones to tags (${TAGS_INSTEAD})`,
  });
}
