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
  /**
   * Every entry that is not a folder, relative and `/`-separated, but the files of a folder
   * unchanged since it was recorded: those are the ones `known.files` puts in it, and are not
   * listed again (the writer asks only for files feedwright did not write, which such a folder
   * cannot hold). Links are listed, not followed.
   */
  found: string[];
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
  known?: { folders: StampColumns; files: Iterable<string> },
  now = Date.now(),
  seen: SeenAt = () => undefined,
): OutputListing {
  const found: string[] = [];
  const folders: string[] = [];
  const stamps: number[] = [];
  const recorded = known && stampLookup(known.folders);
  const tree = known && subfoldersOf(known.files, known.folders.paths);
  // A folder seen ahead is taken as seen; anything else (not seen, gone, not a folder) is looked
  // at now: what the look saw may have changed since, and a folder read again changed since.
  const look = (dir: string) => {
    const at = seen(dir);
    return at?.kind === 'folder' ? at : seenNow(path.join(out, dir));
  };
  const visit = (dir: string, info: Seen) => {
    folders.push(dir);
    stamps.push(info.size, settledMtime(info.mtimeMs, now));
    if (!sameStamp(recorded?.(dir), info)) {
      for (const dirent of readdirSync(path.join(out, dir), { withFileTypes: true })) {
        const child = joined(dir, dirent.name);
        if (dirent.isDirectory()) visit(child, look(child));
        else found.push(child);
      }
      return;
    }
    // Each once, in the order first met (see `subfoldersOf`).
    const children = tree?.get(dir) ?? [];
    for (const child of children.length > 1 ? new Set(children) : children) {
      // Looked at before it is gone into: a folder that is a link now is listed, not followed.
      const at = look(child);
      if (at.kind === 'folder') visit(child, at);
      else if (at.kind !== 'none') found.push(child);
    }
  };
  visit('', look(''));
  return { found, folders: { paths: folders, stamps: Float64Array.from(stamps) } };
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

/**
 * The folders in each folder that has some, by folder (`''` the top), as paths from the top: the
 * folders `files` are in, and the folders listed last time (`folders`), which may hold no file of
 * the manifest. Nothing is kept of a folder's files, nor of a folder without folders (the ~100,000
 * of the pages at 100,000 posts): a list per folder of its files, a set per folder of its folders,
 * and the listing of every file were 48 MB at 100,000 posts, all in the old generation by then.
 * A folder is added to its parent's list when met apart from the file before (the files come
 * folder by folder, as they were staged), so a list may name a folder twice: `listOutput` goes
 * into each once.
 */
function subfoldersOf(files: Iterable<string>, folders: readonly string[]): Map<string, string[]> {
  const tree = new Map<string, string[]>();
  /** Adds `dir` to its parent's list, and the parent to its own when the parent is new. */
  const add = (dir: string) => {
    for (let at = dir; at !== ''; ) {
      const parent = at.slice(0, Math.max(at.lastIndexOf('/'), 0));
      const list = tree.get(parent);
      if (list) {
        if (list.at(-1) !== at) list.push(at);
        return;
      }
      tree.set(parent, [at]);
      at = parent;
    }
  };
  for (const dir of folders) add(dir);
  let last: string | undefined;
  for (const file of files) {
    const cut = Math.max(file.lastIndexOf('/'), 0);
    // The folder of the file before, mostly this one's too: no new string, no lookup.
    if (last !== undefined && last.length === cut && file.startsWith(last)) continue;
    last = file.slice(0, cut);
    add(last);
  }
  return tree;
}
