import path from 'node:path';
import { type Diagnostic, FeedwrightError } from '../diagnostics.js';
import { compareCodePoints } from '../text.js';
import { walkFiles } from '../walk.js';

export interface DiscoveredPosts {
  /** Paths relative to the posts folder, `/`-separated, in code-point order. */
  files: string[];
  warnings: Diagnostic[];
}

/**
 * Every `*.md` file under `postsDir` (shown in messages as `displayDir`). Dotfiles and
 * dot-folders are skipped, and symbolic links are never followed: one could lead outside the
 * folder and publish a private file. Throws `FeedwrightError` when the folder does not exist.
 */
export function discoverPosts(postsDir: string, displayDir: string): DiscoveredPosts {
  const files: string[] = [];
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
  }
  files.sort(compareCodePoints);
  return { files, warnings };
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
