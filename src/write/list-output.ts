/**
 * Every file in the output folder, for the writer to tell the files feedwright wrote from those
 * it did not — without reading every folder on every build. Adding, removing or renaming an entry
 * changes a folder's mtime, so a folder whose size and mtime are still those recorded when it was
 * last listed holds what it held then: the files the manifest lists in it (a build that found
 * others refused to write, or deleted them with `--force`, which changed the folder), and the
 * folders that listing found in it (every folder listed is recorded, so a folder holding no file
 * of the manifest is still gone into). Only the other folders are read: at 10,000 posts one
 * `lstat` instead of one `readdir` per post folder.
 */
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { sameStamp, stampLookup } from '../file-stamps.js';
import type { StampColumns } from '../model.js';
import { type Seen, type SeenAt, seenNow } from './stat-ahead.js';

/**
 * A folder's stamp is trusted only once its mtime is this far in the past: a file system that
 * keeps mtimes in whole seconds (or two, like FAT) would give a folder changed within the same
 * tick the same mtime, and the change would go unseen. A folder changed since is recorded with
 * no mtime (NaN, equal to none), and read again.
 */
export const SETTLED_MS = 2_000;

export interface OutputListing {
  /** Every entry that is not a folder, relative and `/`-separated. Links are listed, not followed. */
  paths: string[];
  /** The stamp of every folder listed (`''` is the output folder itself); see `SETTLED_MS`. */
  folders: StampColumns;
}

/**
 * Lists `out`. `known` is what the last listing recorded and the files its build wrote (its
 * manifest's paths); without it, every folder is read. `seen`: the folders looked at already (by
 * `statAhead`, at `now`); the others are looked at here.
 */
export function listOutput(
  out: string,
  known?: { folders: StampColumns; files: readonly string[] },
  now = Date.now(),
  seen: SeenAt = () => undefined,
): OutputListing {
  const paths: string[] = [];
  const folders: string[] = [];
  const stamps: number[] = [];
  const recorded = known && stampLookup(known.folders);
  const tree = known && treeOf(known.files, known.folders.paths);
  // A folder seen ahead is taken as seen; anything else (not seen, gone, not a folder) is looked
  // at now: what the look saw may have changed since, and a folder read again changed since.
  const look = (dir: string) => {
    const found = seen(dir);
    return found?.kind === 'folder' ? found : seenNow(path.join(out, dir));
  };
  const visit = (dir: string, info: Seen) => {
    folders.push(dir);
    stamps.push(info.size, settledMtime(info.mtimeMs, now));
    if (!sameStamp(recorded?.(dir), info)) {
      for (const dirent of readdirSync(path.join(out, dir), { withFileTypes: true })) {
        const child = joined(dir, dirent.name);
        if (dirent.isDirectory()) visit(child, look(child));
        else paths.push(child);
      }
      return;
    }
    const entries = tree?.get(dir);
    for (const file of entries?.files ?? []) paths.push(file);
    for (const child of entries?.folders ?? []) {
      // Looked at before it is gone into: a folder that is a link now is listed, not followed.
      const found = look(child);
      if (found.kind === 'folder') visit(child, found);
      else if (found.kind !== 'none') paths.push(child);
    }
  };
  visit('', look(''));
  return { paths, folders: { paths: folders, stamps: Float64Array.from(stamps) } };
}

/** A folder's mtime as a listing at `now` records it: none (NaN) while not settled. */
function settledMtime(mtimeMs: number, now: number): number {
  return mtimeMs < now - SETTLED_MS ? mtimeMs : Number.NaN;
}

/**
 * The stamps of the folders in `out` that `files` are in, up to the top (`''`), as a listing
 * would record them now: for an output made whole by one write (a first one), whose folders
 * hold those files and no others, so the next build reads only the folders changed since. A
 * folder changed in the last `SETTLED_MS` is recorded with no mtime, and read again.
 */
export function folderStamps(
  out: string,
  files: readonly string[],
  now = Date.now(),
): StampColumns {
  const folders = new Set<string>(['']);
  for (const file of files) {
    for (let cut = file.lastIndexOf('/'); cut !== -1; cut = file.lastIndexOf('/', cut - 1)) {
      const dir = file.slice(0, cut);
      if (folders.has(dir)) break;
      folders.add(dir);
    }
  }
  const paths = [...folders];
  const stamps = new Float64Array(paths.length * 2);
  paths.forEach((dir, i) => {
    const info = lstatSync(path.join(out, dir));
    stamps[2 * i] = info.size;
    stamps[2 * i + 1] = settledMtime(info.mtimeMs, now);
  });
  return { paths, stamps };
}

function joined(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** What a folder holds, as paths from the top: its files, and its folders when it has some. */
interface Held {
  files: string[];
  folders: string[] | undefined;
}

/**
 * The files and folders in each folder, by folder (`''` the top), as paths from the top: the
 * folders `files` go in, and the folders listed last time (`folders`), which may hold no file of
 * the manifest. A folder is added to its parent's once, when first met: a list, not a set, made
 * only for a folder that has folders (not the ~100,000 of the pages at 100,000 posts).
 */
function treeOf(files: readonly string[], folders: readonly string[]): Map<string, Held> {
  const tree = new Map<string, Held>();
  const entry = (dir: string) => {
    let found = tree.get(dir);
    if (!found) {
      found = { files: [], folders: undefined };
      tree.set(dir, found);
      if (dir !== '') {
        const parent = entry(dir.slice(0, Math.max(dir.lastIndexOf('/'), 0)));
        if (parent.folders) parent.folders.push(dir);
        else parent.folders = [dir];
      }
    }
    return found;
  };
  for (const dir of folders) entry(dir);
  // The files come folder by folder (as they were staged): the folder of the one before is
  // mostly this one's too, found again without a lookup (117,855 files at 100,000 posts).
  let last: { dir: string; files: string[] } | undefined;
  for (const file of files) {
    const cut = file.lastIndexOf('/');
    const at = Math.max(cut, 0);
    if (last?.dir.length !== at || !file.startsWith(last.dir)) {
      const dir = file.slice(0, at);
      last = { dir, files: entry(dir).files };
    }
    last.files.push(file);
  }
  return tree;
}
