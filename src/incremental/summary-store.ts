/**
 * The stories' summaries as the build cache keeps them: a shard's in a file of their own beside
 * it, as UTF-8 one after another, the shard saying where each ends. A story read back holds where
 * its summary is (`StoredHtml`, checked against the story's `summaryKey` when read), not its
 * text: a build after one change decoded every summary with its story — ~90 MB of text at
 * 100,000 posts, most of what a story without HTML weighs — for the few dozen outputs that show
 * one. The file is named by a hash of its bytes, so a name never stands for other bytes, and is
 * checked against it when its shard is read; a file no shard names any more is removed only once
 * no build can still be reading it (`sweepSummaries`).
 */
import {
  closeSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { hashBytes, hashBytesInParts } from '../hash.js';
import type { StoredHtml } from '../model.js';
import { readStoredBytes } from '../stored-html.js';
import { reusedBuffer } from '../text.js';
import { openIfThere } from './cache-file.js';

/**
 * How long a summaries file no shard names is kept: a build that read its shard before another
 * wrote the shard again may still read it. Counted from when a save stopped naming it.
 */
export const SUMMARIES_KEPT_MS = 15 * 60 * 1000;

/** A summaries file of a cache's shard (or one being written), and the hash its name gives. */
const SUMMARIES_NAME = /\.stories-\d+\.summaries-([\w-]+)\.txt(?:\.tmp-\d+)?$/;

/** Where a shard's summaries are: their file, and where each row's ends in it. */
export interface SummaryColumns {
  /** The file's name, in the shard's folder. */
  summaryFile: string;
  /** Where each row's summary ends (the next one starts there); a row of none ends where it starts. */
  summaryEnds: Float64Array;
}

/** A story's summary: as text, or where it is kept (see `Story.summary`). */
type Summary = string | StoredHtml;

/**
 * Writes `summaries` (a shard's, row by row; stored ones read back, checked) into their file
 * beside `shard`, unless that file is there with the same bytes; where each is.
 */
export function writeSummaries(shard: string, summaries: readonly Summary[]): SummaryColumns {
  const parts = summaries.map((s) =>
    typeof s === 'string' ? Buffer.from(s, 'utf8') : readStoredBytes(s),
  );
  const bytes = Buffer.concat(parts);
  const summaryEnds = new Float64Array(parts.length);
  let end = 0;
  parts.forEach((part, row) => {
    end += part.length;
    summaryEnds[row] = end;
  });
  const hash = hashBytes(bytes);
  const summaryFile = summariesName(shard, hash);
  const file = path.join(path.dirname(shard), summaryFile);
  // Written unless there with these bytes (a shard written again for another story's sake).
  if (hashOfFile(file) !== hash) writeWhole(file, bytes);
  return { summaryFile, summaryEnds };
}

/** The name of the summaries file of `shard` whose bytes hash to `hash`. */
function summariesName(shard: string, hash: string): string {
  return `${path.basename(shard, '.bin')}.summaries-${hash}.txt`;
}

/** Writes `bytes` to `file` through a temporary file and a rename. */
function writeWhole(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
}

/**
 * Each row's summary as `columns` place it in their file beside `shard` ('' for none), keyed by
 * its story's `keys[row]`; undefined when the file is not there, not of the size they say, or not
 * of the bytes its name says (read through once: ~3 MB a shard at 100,000 posts).
 */
export function summaryPlaces(
  shard: string,
  columns: SummaryColumns,
  keys: readonly string[],
): Summary[] | undefined {
  const { summaryFile, summaryEnds } = columns;
  const file = path.join(path.dirname(shard), summaryFile);
  const last = summaryEnds.length > 0 ? summaryEnds[summaryEnds.length - 1] : 0;
  const hash = SUMMARIES_NAME.exec(summaryFile)?.[1];
  if (!hash || summaryFile !== summariesName(shard, hash)) return undefined;
  if (statSync(file, { throwIfNoEntry: false })?.size !== last) return undefined;
  if (hashOfFile(file) !== hash) return undefined;
  const places: Summary[] = [];
  let offset = 0;
  for (let row = 0; row < summaryEnds.length; row++) {
    const end = summaryEnds[row] as number;
    const key = keys[row];
    if (end < offset || key === undefined) return undefined;
    places.push(end === offset ? '' : { file, offset, bytes: end - offset, key });
    offset = end;
  }
  return places;
}

/** A file is read through this thread's buffer to be hashed. */
const hashBuffer = reusedBuffer(1024 * 1024);

/** `hashBytes` of the bytes of `file`, read a part at a time; undefined when it cannot be read. */
function hashOfFile(file: string): string | undefined {
  const fd = openIfThere(file);
  if (fd === undefined) return undefined;
  try {
    const hash = hashBytesInParts();
    const buffer = hashBuffer(1024 * 1024);
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer))
      hash.update(buffer.subarray(0, n));
    return hash.digest();
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** True when `value` has the columns `writeSummaries` gives, for `rows` rows. */
export function areSummaryColumns(value: Partial<SummaryColumns>, rows: number): boolean {
  const { summaryFile, summaryEnds } = value;
  return (
    typeof summaryFile === 'string' &&
    summaryFile === path.basename(summaryFile) &&
    summaryEnds instanceof Float64Array &&
    summaryEnds.length === rows
  );
}

/**
 * Looks after the summaries files of the cache at `file` that its shards no longer name (`kept`
 * are those they name): those the shards named when this build read them (`released`) are marked
 * as let go now (their mtime); any other is removed once `SUMMARIES_KEPT_MS` past its mtime — a
 * build that read a shard before this one wrote it again may still be reading its summaries, and
 * a build writing one (`.tmp-`) has not renamed its shard yet.
 */
export function sweepSummaries(
  file: string,
  kept: ReadonlySet<string>,
  released: ReadonlySet<string> = new Set(),
  now = Date.now(),
): void {
  const dir = path.dirname(file);
  const prefix = path.basename(file, '.bin');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(`${prefix}.`) || !SUMMARIES_NAME.test(name) || kept.has(name)) continue;
    const full = path.join(dir, name);
    try {
      if (released.has(name)) utimesSync(full, now / 1000, now / 1000);
      else if (now - statSync(full).mtimeMs > SUMMARIES_KEPT_MS) rmSync(full, { force: true });
    } catch {
      // Gone already, or held open where that forbids it: the next save looks again.
    }
  }
}
