import { type Dirent, readdirSync } from 'node:fs';
import path from 'node:path';

export interface WalkEntry {
  /** Relative to the folder walked, `/`-separated. */
  path: string;
  dirent: Dirent;
}

export interface WalkOptions {
  /** Leave out names starting with `.`, and everything inside such folders. */
  skipDotfiles?: boolean;
  /** Treat a folder that cannot be read as empty instead of throwing. */
  skipUnreadable?: boolean;
  /** Told of each folder listed (`''` for `root`), before its entries. */
  onFolder?: (relative: string) => void;
}

/**
 * Every entry under `root` that is not a folder (files, symbolic links, …), in no set order.
 * Symbolic links are listed, never followed: one could lead outside the folder.
 */
export function walkFiles(root: string, options: WalkOptions = {}): WalkEntry[] {
  const out: WalkEntry[] = [];
  const visit = (relative: string) => {
    options.onFolder?.(relative);
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(root, relative), { withFileTypes: true });
    } catch (error) {
      if (options.skipUnreadable) return;
      throw error;
    }
    for (const dirent of entries) {
      if (options.skipDotfiles && dirent.name.startsWith('.')) continue;
      const child = relative ? `${relative}/${dirent.name}` : dirent.name;
      if (dirent.isDirectory()) visit(child);
      else out.push({ path: child, dirent });
    }
  };
  visit('');
  return out;
}
