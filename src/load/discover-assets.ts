import { lstatSync } from 'node:fs';
import path from 'node:path';
import { compareCodePoints } from '../text.js';
import { walkFiles } from '../walk.js';

/** A file to publish as it is (an image, say), from the public folder. */
export interface Asset {
  /** Output path, relative to the output folder, `/`-separated. */
  path: string;
  file: string;
  size: number;
  mtimeMs: number;
}

/**
 * Every file under `dir` (none if it does not exist), in code-point order. Dotfiles are skipped
 * and symbolic links are never followed, as in the posts folder.
 */
export function discoverAssets(dir: string): Asset[] {
  const assets: Asset[] = [];
  for (const { path: child, dirent } of walkFiles(dir, {
    skipDotfiles: true,
    skipUnreadable: true,
  })) {
    if (!dirent.isFile()) continue;
    const file = path.join(dir, child);
    const info = lstatSync(file);
    assets.push({ path: child, file, size: info.size, mtimeMs: info.mtimeMs });
  }
  return assets.sort((a, b) => compareCodePoints(a.path, b.path));
}
