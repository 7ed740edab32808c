import { statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { rowOf, sameStamp, stampAt } from '../file-stamps.js';
import { hashLines } from '../hash.js';
import { MANIFEST_FILE, readManifest } from '../manifest.js';
import type { FeedSummary, HeadRecord, SeenAt, StampColumns } from '../model.js';
import { assemble, type Part } from './cache-file.js';

/** The output the last build wrote, and what went into it. */
export interface OutputRecord {
  /** Covers the config, feedwright's code, the public files and every published post's file. */
  fingerprint: string;
  /** The manifest it wrote: path → sha256, in the order the files were staged. */
  files: ReadonlyMap<string, string>;
  /** A hash of that manifest's text (`hashBytes`; absent in records of older versions). */
  manifestDigest?: string;
  /** Warnings about the published posts' bodies, repeated while the output stays the same. */
  diagnostics: Diagnostic[];
  /** Per output (by its first path), a key of everything it shows: an unchanged one is kept. */
  keys: ReadonlyMap<string, string>;
  /** Size and mtime of every file as written. */
  stamps: StampColumns;
  /** Size and mtime of the output's folders as the write found them (see `listOutput`). */
  folders: StampColumns;
  /** The earliest date of a post left out for being in the future: the output changes then. */
  nextDue: number;
  /** Which posts were selectable (drafts, future posts): a different choice changes the output. */
  selection: string;
  /** Covers the config, feedwright's code and the public files. */
  outputKey: string;
  /** What an up-to-date build reports: the counts and every feed it wrote. */
  published: number;
  summaries: FeedSummary[];
}

/**
 * An output record as the cache keeps it. Its diagnostics as JSON, in runs of
 * `DIAGNOSTICS_PER_RUN`: only a build that finds nothing changed shows them again, and tens of
 * thousands of them (49,873 warnings, 22 MB, at 100,000 posts) cost every other build 240 ms to
 * decode as objects, against 15 ms as JSON. Its manifest (`files`) and `keys` as columns, made
 * into maps when first read: a build that finds nothing changed never looks at them. (Kept as
 * objects with a property per output path, each was a dictionary that V8 sorted whenever its keys
 * were listed: 0.47 s of a build after one post was touched at 100,000 posts went to making them,
 * and columns of them again.) Each of the manifest's paths is kept once: the keys by the row of
 * their path in the manifest, and the files' stamps, in the manifest's order with its own last,
 * without paths (`ofFiles`): the two other copies of 117,855 paths at 100,000 posts were 12.5 of
 * the 61.7 MB index, and decoded by every build.
 */
export type StoredOutputRecord = Omit<OutputRecord, 'diagnostics' | 'files' | 'keys' | 'stamps'> & {
  diagnostics: string[];
  files: TextColumns;
  /** By the row of each key's path in `files` (as a build's outputs come), or else by path. */
  keys: RowColumns | TextColumns;
  /** With no `paths` when they are the manifest's, then the manifest's own (`ofFiles`). */
  stamps: StampColumns & { ofFiles?: true };
};

/** Texts by path as two columns, the paths and their texts in the same order. */
export interface TextColumns {
  paths: string[];
  texts: string[];
}

/** Texts by the row of their path in another column of paths, in that column's order. */
export interface RowColumns {
  rows: Uint32Array;
  texts: string[];
}

/** `record` as the cache keeps it (see `StoredOutputRecord`), made whole from its parts. */
export function storedOutput(record: OutputRecord): StoredOutputRecord {
  const { root, parts } = storedOutputInParts(record, ['output']);
  const holder = { output: root };
  assemble(holder, parts());
  return holder.output;
}

/**
 * Rows of a column a part holds (see `storedOutputInParts`): a part of a column of 117,855 paths
 * or hashes at 100,000 posts is ~0.2 MB, made, written and let go.
 */
export const ROWS_PER_PART = 4096;

/** Diagnostics a run of JSON holds: ~45 K characters of warnings, made, written and let go. */
export const DIAGNOSTICS_PER_RUN = 100;

/**
 * `record` as the cache keeps it (see `StoredOutputRecord`), to be written a part at a time (see
 * `InParts`) at `at` in its file's payload: `root` with the long columns empty (the manifest,
 * the keys, the stamps of the files and folders, the diagnostics' JSON), each filled by the parts
 * as they are made — so that saving the index after one touched post at 100,000 posts no longer
 * makes 22 MB of JSON in one string, nor a serialization of 60 MB. A record read back (`outputOf`)
 * is given the same way from the columns it was read as.
 */
export function storedOutputInParts(
  record: OutputRecord,
  at: readonly string[],
): { root: StoredOutputRecord; parts: () => Iterable<Part> } {
  const stored = storedColumns.get(record);
  // Named one by one: the diagnostics, manifest and keys of a record read back are made when
  // read (see `outputOf`), and are saved again from the columns they were read as.
  const { fingerprint, manifestDigest, nextDue, selection, outputKey, published } = record;
  const { summaries, stamps, folders } = record;
  const files = stored?.files ?? record.files;
  const paths = () => (files instanceof Map ? files.keys() : (files as TextColumns).paths);
  const count = files instanceof Map ? files.size : (files as TextColumns).paths.length;
  const keys = stored?.keys ?? record.keys;
  const rows = 'rows' in keys ? keys.rows : rowsIn(keyPaths(keys), paths(), count);
  const ofFiles = stampsOfFiles(stamps.paths, paths(), count);
  const root: StoredOutputRecord = {
    fingerprint,
    ...(manifestDigest === undefined ? {} : { manifestDigest }),
    nextDue,
    selection,
    outputKey,
    published,
    summaries,
    diagnostics: [],
    files: { paths: [], texts: [] },
    keys: rows ? { rows, texts: [] } : { paths: [], texts: [] },
    stamps: { paths: [], stamps: stamps.stamps, ...(ofFiles ? { ofFiles } : {}) },
    folders: { paths: [], stamps: folders.stamps },
  };
  function* parts(): Generator<Part, void, undefined> {
    yield* diagnosticsParts(stored?.diagnostics ?? record.diagnostics, [...at, 'diagnostics']);
    yield* columnParts(files, [...at, 'files']);
    yield* columnParts(keys, [...at, 'keys'], rows !== undefined);
    if (!ofFiles) yield* runsOf(stamps.paths, ROWS_PER_PART, [...at, 'stamps', 'paths']);
    yield* runsOf(folders.paths, ROWS_PER_PART, [...at, 'folders', 'paths']);
  }
  return { root, parts };
}

/** The paths of keys kept by path (as a build makes them, or as read back by path). */
function keyPaths(keys: ReadonlyMap<string, string> | TextColumns): Iterable<string> {
  return keys instanceof Map ? keys.keys() : (keys as TextColumns).paths;
}

/**
 * The row in `files` (`count` paths) of each of `paths`, when they come in the same order (a
 * build's outputs, keyed by their first file, come as their files were staged); undefined when
 * one is not found after the one before.
 */
function rowsIn(
  paths: Iterable<string>,
  files: Iterable<string>,
  count: number,
): Uint32Array | undefined {
  const rows = new Uint32Array(count);
  const file = files[Symbol.iterator]();
  let row = 0;
  let k = 0;
  for (const path of paths) {
    for (let next = file.next(); next.value !== path; next = file.next(), row++)
      if (next.done) return undefined;
    rows[k++] = row++;
  }
  return rows.slice(0, k);
}

/** True when `stamped` are the paths of `files` (`count` of them), then the manifest's own. */
function stampsOfFiles(
  stamped: readonly string[],
  files: Iterable<string>,
  count: number,
): boolean {
  if (stamped.length !== count + 1 || stamped[count] !== MANIFEST_FILE) return false;
  let i = 0;
  for (const path of files) if (stamped[i++] !== path) return false;
  return true;
}

/** The diagnostics' JSON, a run of them a part (as read back: its runs). */
function* diagnosticsParts(
  diagnostics: readonly Diagnostic[] | readonly string[],
  at: readonly string[],
): Generator<Part, void, undefined> {
  if (diagnostics.length > 0 && typeof diagnostics[0] === 'string') {
    yield* runsOf(diagnostics, 1, at);
    return;
  }
  for (let i = 0; i < diagnostics.length; i += DIAGNOSTICS_PER_RUN)
    yield {
      at,
      value: [JSON.stringify(diagnostics.slice(i, i + DIAGNOSTICS_PER_RUN))],
      append: true,
    };
}

/**
 * Texts by path as columns, `ROWS_PER_PART` rows a part of each; with `byRow`, the texts alone
 * (their rows are in the root: see `RowColumns`).
 */
function* columnParts(
  byPath: ReadonlyMap<string, string> | TextColumns | RowColumns,
  at: readonly string[],
  byRow = false,
): Generator<Part, void, undefined> {
  if (!(byPath instanceof Map)) {
    const columns = byPath as TextColumns | RowColumns;
    if (!byRow && 'paths' in columns) yield* runsOf(columns.paths, ROWS_PER_PART, [...at, 'paths']);
    yield* runsOf(columns.texts, ROWS_PER_PART, [...at, 'texts']);
    return;
  }
  let paths: string[] = [];
  let texts: string[] = [];
  const flush = function* (): Generator<Part, void, undefined> {
    if (!byRow) yield { at: [...at, 'paths'], value: paths, append: true };
    yield { at: [...at, 'texts'], value: texts, append: true };
    paths = [];
    texts = [];
  };
  for (const [path, text] of byPath) {
    paths.push(path);
    texts.push(text);
    if (paths.length >= ROWS_PER_PART) yield* flush();
  }
  if (paths.length > 0) yield* flush();
}

/** `list` appended at `at`, `size` items a part. */
function* runsOf(
  list: readonly unknown[],
  size: number,
  at: readonly string[],
): Generator<Part, void, undefined> {
  for (let i = 0; i < list.length; i += size)
    yield { at, value: list.slice(i, i + size), append: true };
}

/**
 * The record `stored` keeps (read-only, as a record read back is: a new record replaces it), its
 * diagnostics parsed and its manifest and keys made when first asked; none when not one.
 */
export function outputOf(stored: StoredOutputRecord | undefined): OutputRecord | undefined {
  if (
    !Array.isArray(stored?.diagnostics) ||
    !stored.diagnostics.every((run) => typeof run === 'string') ||
    !isColumns(stored.files) ||
    !(isColumns(stored.keys) || isRows(stored.keys, stored.files.paths.length))
  )
    return undefined;
  const { diagnostics, files, keys, stamps: kept, ...rest } = stored;
  const stamps = stampsOf(kept, files.paths);
  if (!stamps) return undefined;
  const record = Object.defineProperties(
    { ...rest, stamps },
    {
      diagnostics: madeOnce(() => diagnostics.flatMap((run) => JSON.parse(run) as Diagnostic[])),
      files: madeOnce(() => new ColumnMap(files.paths, files.texts)),
      keys: madeOnce(() => new ColumnMap(pathsOf(keys, files.paths), keys.texts)),
    },
  ) as OutputRecord;
  storedColumns.set(record, { diagnostics, files, keys });
  return record;
}

/**
 * The files' stamps as kept (see `StoredOutputRecord`), their paths the manifest's, then its own,
 * when kept without; none when they do not fit it.
 */
function stampsOf(
  kept: StoredOutputRecord['stamps'],
  files: readonly string[],
): StampColumns | undefined {
  if (!kept.ofFiles) return kept;
  if (kept.paths.length > 0 || kept.stamps.length !== 2 * (files.length + 1)) return undefined;
  return { paths: [...files, MANIFEST_FILE], stamps: kept.stamps };
}

/**
 * The columns each record read back (`outputOf`) was read as: saved again as they are, and its
 * manifest's paths listed from them (`manifestPaths`).
 */
const storedColumns = new WeakMap<
  OutputRecord,
  Pick<StoredOutputRecord, 'diagnostics' | 'files' | 'keys'>
>();

/**
 * The paths of `record`'s manifest, in its order: of a record read back, the stored column, so
 * a build that finds nothing changed lists the output (117,855 files at 100,000 posts) without
 * making the manifest's map.
 */
export function manifestPaths(record: OutputRecord): readonly string[] {
  return storedColumns.get(record)?.files.paths ?? [...record.files.keys()];
}

/** A read-only property whose value `make` makes the first time it is read. */
function madeOnce<T>(make: () => T): PropertyDescriptor {
  let made: T | undefined;
  return {
    enumerable: true,
    get: () => {
      made ??= make();
      return made;
    },
  };
}

function isColumns(value: unknown): value is TextColumns {
  const columns = value as TextColumns | undefined;
  return (
    Array.isArray(columns?.paths) &&
    Array.isArray(columns.texts) &&
    columns.paths.length === columns.texts.length
  );
}

/** True when `value` holds texts by rows of a column of `count` paths (see `RowColumns`). */
function isRows(value: unknown, count: number): value is RowColumns {
  const columns = value as RowColumns | undefined;
  return (
    columns?.rows instanceof Uint32Array &&
    Array.isArray(columns.texts) &&
    columns.rows.length === columns.texts.length &&
    columns.rows.every((row) => row < count)
  );
}

/** The paths of texts kept by path, or by rows of `paths` (see `RowColumns`). */
function pathsOf(columns: TextColumns | RowColumns, paths: readonly string[]): readonly string[] {
  return 'rows' in columns
    ? Array.from(columns.rows, (row) => paths[row] as string)
    : columns.paths;
}

/**
 * Texts by path as a read-only map over their columns, not copied into a `Map`: each path's row
 * found as `rowOf` finds rows, the next few rows first. A build asks for the last manifest's
 * digests and the last keys in the order they were recorded (its outputs', as staged), so it
 * finds most there: two maps of ~115,000 paths each at 100,000 posts, made only to be looked up
 * so, were 3.5 MB each of `Map.set` in `profile --heap`, beside the tables they grew out of.
 */
export class ColumnMap implements ReadonlyMap<string, string> {
  private readonly rowOfPath: (path: string) => number;

  constructor(
    private readonly paths: readonly string[],
    private readonly texts: readonly string[],
  ) {
    this.rowOfPath = rowOf(paths);
  }

  get size(): number {
    return this.paths.length;
  }

  get(path: string): string | undefined {
    const row = this.rowOfPath(path);
    return row === -1 ? undefined : this.texts[row];
  }

  has(path: string): boolean {
    return this.rowOfPath(path) !== -1;
  }

  forEach(
    each: (text: string, path: string, map: ReadonlyMap<string, string>) => void,
    self?: unknown,
  ): void {
    for (let i = 0; i < this.paths.length; i++)
      each.call(self, this.texts[i] as string, this.paths[i] as string, this);
  }

  *entries(): MapIterator<[string, string]> {
    for (let i = 0; i < this.paths.length; i++)
      yield [this.paths[i] as string, this.texts[i] as string];
  }

  *keys(): MapIterator<string> {
    yield* this.paths;
  }

  *values(): MapIterator<string> {
    yield* this.texts;
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }
}

/**
 * Everything the output depends on besides the config, feedwright's code and the public files
 * (all in `outputKey`): which posts are published, in order, each by its front matter's hash and
 * its body's — or, while the body's is not known, its file's size and mtime (a body that changed
 * changes those) — and when the next one comes due.
 *
 * Hashed as lines written in runs, not as the JSON of an array a post: a touched build at 100,000
 * posts takes it twice (~22 against ~50 ms each by itself, and ~10 MB of arrays and JSON fewer
 * for the collector). A line is its fields parted by U+0000, which no path holds and no hash or
 * number writes, so the lines read back one way only.
 */
export function outputFingerprint(
  outputKey: string,
  published: readonly FingerprintHead[],
  nextDue: number,
): string {
  return hashLines(published, fingerprintLine, `${JSON.stringify([outputKey, nextDue])}\n`);
}

/** What `outputFingerprint` takes of a post's record. */
type FingerprintHead = Pick<
  HeadRecord,
  'sourcePath' | 'headHash' | 'bodyHash' | 'size' | 'mtimeMs'
>;

function fingerprintLine({
  sourcePath,
  headHash,
  bodyHash,
  size,
  mtimeMs,
}: FingerprintHead): string {
  return bodyHash === undefined
    ? `${sourcePath}\u0000${headHash}\u0000\u0000${size}\u0000${mtimeMs}\n`
    : `${sourcePath}\u0000${headHash}\u0000${bodyHash}\n`;
}

/**
 * True when the output folder is as the last build left it: every file, the manifest included,
 * with the size and mtime it had when written (a file edited by hand is noticed and rewritten).
 * `seen`: the files as looked at already, on another thread; the others are looked at here.
 */
export async function outputMatches(
  outDir: string,
  last: OutputRecord,
  seen?: SeenAt,
): Promise<boolean> {
  if (!stampAt(last.stamps, MANIFEST_FILE)) {
    // Recorded before the manifest had a stamp of its own: compare its contents.
    const manifest = await readManifest(outDir);
    if (
      manifest === null ||
      JSON.stringify(manifest.files) !== JSON.stringify(Object.fromEntries(last.files))
    )
      return false;
  }
  const { paths, stamps } = last.stamps;
  for (let i = 0; i < paths.length; i++) {
    const looked = seen?.(paths[i] as string);
    if (looked && looked.kind !== 'file') return false;
    const info =
      looked ?? statSync(path.join(outDir, paths[i] as string), { throwIfNoEntry: false });
    if (!info || info.size !== stamps[2 * i] || info.mtimeMs !== stamps[2 * i + 1]) return false;
  }
  return true;
}

/**
 * True when the output's manifest is the one the last build wrote (size and mtime as recorded):
 * the output is, as far as one stat can tell, the one it left. Enough to plan carrying files
 * over, since the writer checks every file it keeps anyway (and renders afresh if one changed).
 */
export function manifestMatches(outDir: string, last: OutputRecord): boolean {
  const info = statSync(path.join(outDir, MANIFEST_FILE), { throwIfNoEntry: false });
  return sameStamp(stampAt(last.stamps, MANIFEST_FILE), info);
}
