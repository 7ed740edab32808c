/**
 * Size and mtime of many paths (the output's files and folders, as a build left them), kept in
 * columns for the cache: a path list and the numbers beside it, which V8 writes and reads back
 * twenty times faster than an object per path (see `StampColumns`).
 */
import type { FileStamp, StampColumns } from './model.js';

/**
 * Stamps taken one path at a time, kept in columns from the first: 117,855 files at 100,000 posts
 * made an object of two boxed numbers each, in an object keyed by path (a dictionary, grown as
 * it filled), all outliving the young generation for a write's length, only to be made columns.
 */
export class StampsTaken {
  private readonly paths: string[] = [];
  private readonly numbers: number[] = [];

  add(path: string, stamp: FileStamp): void {
    this.paths.push(path);
    this.numbers.push(stamp.size, stamp.mtimeMs);
  }

  /** The stamps taken, in the order they were. */
  columns(): StampColumns {
    return { paths: this.paths, stamps: Float64Array.from(this.numbers) };
  }
}

/**
 * The stamp recorded for `path`, found by a scan: for a path or two (`stampLookup` for many).
 * From the end: the path asked for most, the manifest's, is recorded after every file.
 */
export function stampAt(columns: StampColumns, path: string): FileStamp | undefined {
  return stampOfRow(columns, columns.paths.lastIndexOf(path));
}

/** Every path's recorded stamp, by path, found as `rowLookup` finds rows. */
export function stampLookup(columns: StampColumns): (path: string) => FileStamp | undefined {
  const rowOf = rowLookup(columns);
  return (path) => stampOfRow(columns, rowOf(path));
}

/**
 * How many rows past the last one found a lookup compares before it looks further: files and
 * folders the last output had and this one has not, passed over in order.
 */
export const ROWS_AHEAD = 8;

/** Paths looked for by a scan of every row before the rows are indexed by path. */
export const SCANS_BEFORE_INDEX = 32;

/** Each list's rows by path, indexed once however many lookups need it. */
const rowsByPaths = new WeakMap<readonly string[], Map<string, number>>();

/** The row of `path` in `columns` (-1 when it has none), found as `rowOf` finds rows. */
export function rowLookup(columns: StampColumns): (path: string) => number {
  return rowOf(columns.paths);
}

/**
 * The row of a path in `paths` (unique; -1 when it is not there), for paths asked for mostly in
 * their own order — a build asks for the last output's stamps in the order it recorded them (its
 * files as it staged them, its folders as it listed them), and for its posts' heads in the order
 * each shard keeps them — so each is looked for first in the next few rows; a path found
 * elsewhere or not at all (the files of the outputs a change reaches, a new page) by a scan of
 * every row, until so many were that the rows are indexed by path: a map of every path, once per
 * list (117,855 at 100,000 posts, ~0.1–0.2 s to make, where a scan takes well under a millisecond).
 */
export function rowOf(paths: readonly string[]): (path: string) => number {
  let next = 0;
  let scans = 0;
  return (path) => {
    const end = Math.min(paths.length, next + ROWS_AHEAD);
    for (let row = next; row < end; row++) {
      if (paths[row] !== path) continue;
      next = row + 1;
      return row;
    }
    const index =
      rowsByPaths.get(paths) ?? (++scans > SCANS_BEFORE_INDEX ? rowIndex(paths) : undefined);
    const row = index ? (index.get(path) ?? -1) : paths.indexOf(path);
    if (row !== -1) next = row + 1;
    return row;
  };
}

function rowIndex(paths: readonly string[]): Map<string, number> {
  let rows = rowsByPaths.get(paths);
  if (!rows) {
    // Set row by row: not from an array of [path, row] pairs made first (117,855 at 100,000
    // posts, kept by the collector until the build's end).
    rows = new Map();
    for (let i = 0; i < paths.length; i++) rows.set(paths[i] as string, i);
    rowsByPaths.set(paths, rows);
  }
  return rows;
}

/** True when `now` (a stat, or a stamp) has the size and mtime `stamp` recorded. */
export function sameStamp(stamp: FileStamp | undefined, now: FileStamp | undefined): boolean {
  return (
    stamp !== undefined &&
    now !== undefined &&
    stamp.size === now.size &&
    stamp.mtimeMs === now.mtimeMs
  );
}

function stampOfRow(columns: StampColumns, row: number): FileStamp | undefined {
  if (row < 0 || row >= columns.paths.length) return undefined;
  return {
    size: columns.stamps[2 * row] as number,
    mtimeMs: columns.stamps[2 * row + 1] as number,
  };
}
