import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';

export interface DiscoveredPosts {
  /** Paths relative to the posts folder, `/`-separated, in code-point order. */
  files: string[];
  warnings: Diagnostic[];
}

/**
 * Every `*.md` file under `postsDir`. Dotfiles and dot-folders are skipped, and symbolic links
 * are never followed: one could lead outside the folder and publish a private file.
 */
export async function discoverPosts(
  postsDir: string,
  displayDir: string,
): Promise<DiscoveredPosts> {
  const files: string[] = [];
  const warnings: Diagnostic[] = [];
  async function walk(relative: string): Promise<void> {
    const entries = await readdir(path.join(postsDir, relative), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) {
        if (entry.name.endsWith('.md') || !path.extname(entry.name)) {
          warnings.push({
            severity: 'warning',
            code: 'symlink-skipped',
            file: `${displayDir}/${child}`,
            message: 'symbolic link not followed',
            fix: 'copy the file into the posts folder instead of linking to it',
          });
        }
        continue;
      }
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile() && entry.name.endsWith('.md')) files.push(child);
    }
  }
  await walk('');
  files.sort(compareCodePoints);
  return { files, warnings };
}

/** Locale-independent order, so every machine lists posts the same way. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
