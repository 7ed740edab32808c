/** Writes new files into a folder, never replacing one: all of them, or (on a fault) none. */
import { lstatSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FeedwrightError, fileSystemProblem } from '../diagnostics.js';
import type { NewFile } from './site-files.js';

/** The paths of `files` that something already has in `dir` (a file, a folder or a link). */
export function existingPaths(dir: string, files: readonly Pick<NewFile, 'path'>[]): string[] {
  return files
    .map((file) => file.path)
    .filter((relative) => {
      try {
        lstatSync(path.join(dir, relative));
        return true;
      } catch {
        return false;
      }
    });
}

/**
 * Creates each file in `dir` (and the folders it needs), with the exclusive flag, so one that
 * appeared since it was looked for is never replaced. A fault (a permission, a full disk) removes
 * the files written so far and throws `FeedwrightError` naming the path (as `display` shows it).
 */
export function createFiles(
  dir: string,
  files: readonly NewFile[],
  display: (file: string) => string = (file) => file,
): void {
  const written: string[] = [];
  try {
    for (const file of files) {
      const target = path.join(dir, file.path);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, file.content, { flag: 'wx' });
      written.push(target);
    }
  } catch (error) {
    for (const target of written) rmSync(target, { force: true });
    const problem = fileSystemProblem(error, display);
    if (!problem) throw error;
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    throw new FeedwrightError([
      exists
        ? { ...problem, message: 'appeared while the files were written', fix: 'run it again' }
        : problem,
    ]);
  }
}
