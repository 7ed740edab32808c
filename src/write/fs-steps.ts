/** The small file-system steps the writer is made of. */
import { lstatSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Makes folders under `root` (which exists) as they are needed, one level at a time,
 * remembering those made: a recursive mkdir per file walks up the whole path each time (10,000
 * page folders took seconds). A file standing where a folder goes is an ENOTDIR error. `made`
 * holds the folders made (the caller may add those it knows were made elsewhere).
 */
export function folderMaker(root: string, made = new Set<string>()): (dir: string) => void {
  made.add(root);
  const make = (dir: string): void => {
    if (made.has(dir)) return;
    make(path.dirname(dir));
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!lstatSync(dir).isDirectory())
        throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), {
          code: 'ENOTDIR',
          syscall: 'mkdir',
          path: dir,
        });
    }
    made.add(dir);
  };
  return make;
}

/** True when something (a file, folder or link) is at `file`. */
export function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
