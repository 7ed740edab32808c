import { lstatSync } from 'node:fs';
import path from 'node:path';
import { type Diagnostic, FeedwrightError } from '../diagnostics.js';
import { compareCodePoints } from '../text.js';
import { walkFiles } from '../walk.js';

export interface DiscoveredPosts {
  /** Paths relative to the posts folder, `/`-separated, in code-point order. */
  files: string[];
  /**
   * The folder's other files (an image beside its post, say), with their size and mtime: a post
   * may publish one, so the output depends on them too. Code-point order.
   */
  others: { path: string; file: string; size: number; mtimeMs: number }[];
  warnings: Diagnostic[];
}

/**
 * Every `*.md` file under `postsDir` (shown in messages as `displayDir`). Dotfiles and
 * dot-folders are skipped, and symbolic links are never followed: one could lead outside the
 * folder and publish a private file. Throws `FeedwrightError` when the folder does not exist.
 */
export function discoverPosts(postsDir: string, displayDir: string): DiscoveredPosts {
  const files: string[] = [];
  const others: DiscoveredPosts['others'] = [];
  const warnings: Diagnostic[] = [];
  for (const { path: child, dirent } of walkOrExplain(postsDir, displayDir)) {
    if (dirent.isSymbolicLink()) {
      if (dirent.name.endsWith('.md') || !path.extname(dirent.name)) {
        warnings.push({
          severity: 'warning',
          code: 'symlink-skipped',
          file: `${displayDir}/${child}`,
          message: 'symbolic link not followed',
          fix: 'copy the file into the posts folder instead of linking to it',
        });
      }
    } else if (dirent.isFile() && dirent.name.endsWith('.md')) files.push(child);
    else if (dirent.isFile()) others.push(otherFile(postsDir, child));
  }
  files.sort(compareCodePoints);
  others.sort((a, b) => compareCodePoints(a.path, b.path));
  return { files, others, warnings };
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
