import { lstatSync } from 'node:fs';
import path from 'node:path';
import { type Diagnostic, FeedwrightError } from '../diagnostics.js';
import type { Conventions } from '../model.js';
import { compareCodePoints } from '../text.js';
import { walkFiles } from '../walk.js';

export interface DiscoveredPosts {
  /**
   * Paths relative to the posts folder, `/`-separated, in UTF-16 code-unit order (as
   * `compareCodePoints` orders them).
   */
  files: string[];
  /**
   * The folder's other files (an image beside its post, say), with their size and mtime: a post
   * may publish one, so the output depends on them too. Code-point order.
   */
  others: { path: string; file: string; size: number; mtimeMs: number }[];
  warnings: Diagnostic[];
}

/** The extensions Markdown posts are written with (`jekyll new` writes `.markdown`). */
export const POST_EXTENSIONS = ['.md', '.markdown', '.mdown', '.mkdn', '.mkd', '.mkdown', '.mdwn'];

/** True for a Markdown file name (any case of the extension). */
export function isPostFile(name: string): boolean {
  // Most are `*.md`: known without taking the extension apart, unless what comes before it could
  // make `.md` a whole name (`.md` alone, or after a separator or a drive, has no extension).
  if (name.length > 3 && name.endsWith('.md') && !'/\\:'.includes(name[name.length - 4] as string))
    return true;
  return POST_EXTENSIONS.includes(path.extname(name).toLowerCase());
}

/**
 * A section's own page (Hugo's and Zola's `_index.md`): its listing is feedwright's to make, so
 * it is no post.
 */
function isSectionPage(name: string): boolean {
  return isPostFile(name) && path.basename(name, path.extname(name)) === '_index';
}

/**
 * Every Markdown file (`POST_EXTENSIONS`) under `postsDir` (shown in messages as `displayDir`),
 * but sections' own pages (`_index.md`), which are counted in one note — for posts written for
 * another tool (`conventions`); a site of feedwright's own reads `*.md` files, all of them, and
 * names the other Markdown files it leaves unread in one warning. Dotfiles and dot-folders
 * are skipped, and symbolic links are never followed: one could lead outside the folder and
 * publish a private file. Throws `FeedwrightError` when the folder does not exist.
 */
export function discoverPosts(
  postsDir: string,
  displayDir: string,
  conventions?: Conventions,
): DiscoveredPosts {
  const files: string[] = [];
  const others: DiscoveredPosts['others'] = [];
  const warnings: Diagnostic[] = [];
  const sections: string[] = [];
  // A site of feedwright's own reads `*.md` only, as it always did; the rest are named once.
  const unread: string[] = [];
  for (const { path: child, dirent } of walkOrExplain(postsDir, displayDir)) {
    if (dirent.isSymbolicLink()) {
      if (isPostFile(dirent.name) || !path.extname(dirent.name)) {
        warnings.push({
          severity: 'warning',
          code: 'symlink-skipped',
          file: `${displayDir}/${child}`,
          message: 'symbolic link not followed',
          fix: 'copy the file into the posts folder instead of linking to it',
        });
      }
    } else if (conventions && dirent.isFile() && isSectionPage(dirent.name)) sections.push(child);
    else if (dirent.isFile() && isPostFile(dirent.name)) {
      if (conventions || dirent.name.endsWith('.md')) files.push(child);
      else unread.push(child);
    } else if (dirent.isFile()) others.push(otherFile(postsDir, child));
  }
  if (unread.length > 0) warnings.push(unreadNote(unread.sort(compareCodePoints), displayDir));
  // Strings sort by UTF-16 code units by default, as `compareCodePoints` orders them, without a
  // call per comparison: 100,000 names in 4 ms against 16.
  files.sort();
  others.sort((a, b) => compareCodePoints(a.path, b.path));
  if (sections.length > 0) warnings.push(sectionNote(sections.sort(compareCodePoints), displayDir));
  return { files, others, warnings };
}

function unreadNote(unread: readonly string[], displayDir: string): Diagnostic {
  const more = unread.length > 1 ? ` (and ${unread.length - 1} more)` : '';
  return {
    severity: 'warning',
    code: 'markdown-not-read',
    file: `${displayDir}/${unread[0]}`,
    message: `not read${more}: a site reads *.md posts only, unless it names the tool its posts were written for`,
    fix: 'rename it to .md, or set "conventions" in the config (jekyll, hugo, zola or eleventy)',
  };
}

function sectionNote(sections: readonly string[], displayDir: string): Diagnostic {
  const [first] = sections;
  const more = sections.length > 1 ? ` and ${sections.length - 1} more` : '';
  return {
    severity: 'note',
    code: 'section-pages-skipped',
    file: `${displayDir}/${first}`,
    message: `${sections.length} section page${sections.length === 1 ? '' : 's'} (_index.md) skipped${more === '' ? '' : `: this one${more}`}; feedwright makes the listing pages`,
    fix: 'nothing to do; move a section’s text into the site description if you want it shown',
  };
}

function otherFile(postsDir: string, child: string): DiscoveredPosts['others'][number] {
  const file = path.join(postsDir, child);
  try {
    const { size, mtimeMs } = lstatSync(file);
    return { path: child, file, size, mtimeMs };
  } catch {
    return { path: child, file, size: -1, mtimeMs: -1 }; // gone meanwhile: nothing to publish
  }
}

function walkOrExplain(postsDir: string, displayDir: string) {
  try {
    return walkFiles(postsDir, { skipDotfiles: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    throw new FeedwrightError([
      {
        severity: 'error',
        code: 'posts-missing',
        file: displayDir,
        message: 'posts folder not found',
        fix: 'create it, or pass --posts DIR',
      },
    ]);
  }
}
