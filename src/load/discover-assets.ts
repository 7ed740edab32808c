import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

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
  const walk = (relative: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(path.join(dir, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) {
        const file = path.join(dir, child);
        const info = lstatSync(file);
        assets.push({ path: child, file, size: info.size, mtimeMs: info.mtimeMs });
      }
    }
  };
  walk('');
  return assets.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
