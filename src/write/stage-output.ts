/**
 * Sorts the new output into files already in place (same digest as the manifest says, and the
 * file on disk still holds it) and files to write, and writes the latter — checked first — into
 * the staging folder. Nothing in the live output is touched.
 */
import { closeSync, lstatSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FeedwrightError, outputInvalid } from '../diagnostics.js';
import { StampsTaken, sameStamp } from '../file-stamps.js';
import { hashBytesInParts, sha256Hex } from '../hash.js';
import { MANIFEST_FILE, type Manifest, manifestParts, setOwn } from '../manifest.js';
import type { CopiedFile, FileStamp, KeptFile, OutputFile, StampColumns } from '../model.js';
import { writeAll } from '../stored-html.js';
import { utf8Scratch } from '../text.js';
import { folderMaker } from './fs-steps.js';
import type { SeenAt } from './stat-ahead.js';
import { verifyOutputFile } from './verify-output.js';

export type OutputEntry = OutputFile | KeptFile | CopiedFile;

/** Thrown when a file to keep is no longer what the previous build wrote (edited by hand). */
export const KEPT_FILE_CHANGED = 'output-kept-changed';

/** The files to keep that are no longer what the previous build wrote, by output path. */
export class KeptFilesChanged extends FeedwrightError {
  constructor(
    readonly paths: readonly string[],
    display: string,
  ) {
    super(
      paths.map((file) => ({
        severity: 'error' as const,
        code: KEPT_FILE_CHANGED,
        file: `${display}/${file}`,
        message: 'the file was changed after feedwright wrote it',
        fix: 'build again: the outputs changed will be rendered afresh',
      })),
    );
  }
}

/**
 * The output as it stands: its manifest's files' digests by path (none when new), and a hash of
 * the manifest's text (`hashBytes`).
 */
export interface Previous {
  files: ReadonlyMap<string, string>;
  digest: string | undefined;
}

export interface Staged {
  /** Paths whose bytes differ from the previous output (new files included), in given order. */
  written: string[];
  unchanged: string[];
  manifest: Manifest;
  /**
   * The manifest's files' digests by path, in the order they were staged, as a map: what the build
   * cache records (an object with a property per path is a dictionary, which V8 sorts whenever it
   * lists its keys).
   */
  digests: Map<string, string>;
  /** Every file's stamp in the new output, the manifest's last. */
  stamps: StampColumns;
  /** Staged paths the previous output had (the rest of `written` are new). */
  replaced: string[];
  /** True when the manifest is staged too (it changed). */
  manifestStaged: boolean;
  /** A hash of the new manifest's text (`hashBytes`). */
  manifestDigest: string;
}

export interface StageOptions {
  out: string;
  stage: string;
  display: string;
  /** Stamps recorded when the previous output was written: a match is trusted without a read. */
  recorded: (path: string) => FileStamp | undefined;
  record?: Omit<Manifest, 'generator' | 'files'> | undefined;
  /**
   * Rendered files already checked and written into the stage (by `stageFile`, on any thread),
   * by path: their content is not read again.
   */
  staged?: ReadonlyMap<string, StagedFile> | undefined;
  /** The live files looked at already (by `statAhead`); the others are looked at here. */
  seen?: SeenAt | undefined;
}

/**
 * A file checked and written into the staging folder, with its digest and stamp there — or, with
 * `inPlace`, found to be what the live output holds already (see `LiveFiles`): nothing was staged,
 * and the stamp is the live file's.
 */
export interface StagedFile {
  digest: string;
  stamp: FileStamp;
  inPlace?: true;
}

/**
 * What the previous output holds of the files about to be staged, by path: the digest its
 * manifest gives, and the stamp the last build recorded (when the cache knows it). A file rendered
 * to those bytes again is not staged while the live one still holds them — after the build cache
 * was lost, or the config changed, every file is rendered again and most are the same.
 */
export interface LiveFiles {
  out: string;
  files: ReadonlyMap<string, [digest: string, recorded?: FileStamp]>;
}

/** The previous output, as `stageOutput` takes it, for `liveFilesOf`. */
export interface PreviousOutput {
  out: string;
  /** The digest the previous manifest gives `path`, if it lists it. */
  digest: (path: string) => string | undefined;
  recorded: (path: string) => FileStamp | undefined;
}

/** The `LiveFiles` of `paths` in `previous`: those its manifest lists. */
export function liveFilesOf(previous: PreviousOutput, paths: Iterable<string>): LiveFiles {
  const files = new Map<string, [string, FileStamp?]>();
  for (const file of paths) {
    const digest = previous.digest(file);
    if (digest === undefined) continue;
    const recorded = previous.recorded(file);
    files.set(file, recorded ? [digest, recorded] : [digest]);
  }
  return { out: previous.out, files };
}

export function stageOutput(
  files: readonly OutputEntry[],
  previous: Previous,
  options: StageOptions,
): Staged {
  const staged: Staged = {
    written: [],
    unchanged: [],
    manifest: { generator: 'feedwright', files: {} },
    digests: new Map(),
    stamps: { paths: [], stamps: new Float64Array(0) },
    replaced: [],
    manifestStaged: false,
    manifestDigest: '',
  };
  const make = folderMaker(options.stage);
  const stamps = new StampsTaken();
  // Every file to keep that is not what it was: all rendered again, not one at a time.
  const changed: string[] = [];
  for (const entry of files) {
    // Once one is found, this write stops: the rest is only looked at for more such files.
    if (changed.length > 0 && !('keep' in entry)) continue;
    const early = 'content' in entry ? options.staged?.get(entry.path) : undefined;
    // The content is read once: a rendered file may be rendered only when read (see renderSite).
    const file:
      | KeptFile
      | { path: string; early: StagedFile }
      | { path: string; content: string | Buffer } = early
      ? { path: entry.path, early }
      : 'source' in entry
        ? { path: entry.path, content: readFileSync(entry.source) }
        : 'keep' in entry
          ? entry
          : { path: entry.path, content: entry.content };
    const digest =
      'early' in file ? file.early.digest : 'keep' in file ? file.keep : sha256Hex(file.content);
    setOwn(staged.manifest.files, file.path, digest);
    staged.digests.set(file.path, digest);
    const had = previous.files.get(file.path);
    // Found in place by the thread that rendered it, under this write's lock: not looked at again.
    const found = 'early' in file && file.early.inPlace === true;
    const live =
      had === undefined || found ? undefined : liveStamp(options, file.path, had === digest);
    const stamp = found
      ? had === digest
        ? file.early.stamp
        : undefined
      : had === digest && live
        ? inPlace(options.out, file.path, { live, digest, recorded: options.recorded(file.path) })
        : undefined;
    if (stamp) {
      staged.unchanged.push(file.path);
      stamps.add(file.path, stamp);
      continue;
    }
    // Not staged, and not in place after all: rendered again, as a kept file would be.
    if ('keep' in file || found) {
      changed.push(file.path);
      continue;
    }
    if ('early' in file) stamps.add(file.path, file.early.stamp);
    else {
      const target = path.join(options.stage, file.path);
      make(path.dirname(target));
      stamps.add(file.path, writeChecked(target, file, options.display));
    }
    staged.written.push(file.path);
    // A file the manifest lists but someone deleted is new again, not a replacement.
    if (live) staged.replaced.push(file.path);
  }
  if (changed.length > 0) throw new KeptFilesChanged(changed, options.display);
  stamps.add(MANIFEST_FILE, stageManifest(staged, previous, options));
  staged.stamps = stamps.columns();
  return staged;
}

/**
 * Stages the manifest when its text changed; otherwise stamps the one in place. It is written as
 * it is formatted (see `manifestParts`), and taken out of the stage again when unchanged. Gives
 * its stamp.
 */
function stageManifest(staged: Staged, previous: Previous, options: StageOptions): FileStamp {
  staged.manifest = { ...staged.manifest, ...options.record };
  const target = path.join(options.stage, MANIFEST_FILE);
  staged.manifestDigest = writePartsAt(target, manifestParts(staged.manifest));
  if (staged.manifestDigest === previous.digest) {
    const stamp = stampOf(path.join(options.out, MANIFEST_FILE));
    if (stamp) {
      // Not staged: the stage's files go only where its list says, and the stage is removed.
      try {
        rmSync(target, { force: true, maxRetries: 2 });
      } catch {
        // left for the stage's removal (a file held open on Windows, say)
      }
      return stamp;
    }
  }
  staged.manifestStaged = true;
  return stampOf(target) as FileStamp;
}

/** Writes a new file after checking it; only new bytes need checking. */
function writeChecked(
  target: string,
  file: { path: string; content: string | Buffer },
  display: string,
): FileStamp {
  checked(file, display);
  writeFileAt(target, file.content);
  return stampOf(target) as FileStamp;
}

/**
 * Checks a rendered file and writes it at its path under `stage` (making folders with `make`, a
 * `folderMaker` of the stage): its bytes are encoded once, for the digest and the write. Safe on
 * any thread: the staging folder is this build's own.
 */
export function stageFile(
  stage: string,
  file: OutputFile,
  display: string,
  make: (dir: string) => void,
  live?: LiveFiles,
): StagedFile {
  checked(file, display);
  const bytes = utf8Scratch(file.parts ?? file.content);
  const digest = sha256Hex(bytes);
  const found = live && liveHolds(live, file.path, bytes, digest);
  if (found) return { digest, stamp: found, inPlace: true };
  const target = path.join(stage, file.path);
  make(path.dirname(target));
  writeFileAt(target, bytes);
  return { digest, stamp: stampOf(target) as FileStamp };
}

/** The live file's stamp when it holds `bytes` (of `digest`, which the previous manifest gives it). */
function liveHolds(
  live: LiveFiles,
  relative: string,
  bytes: Buffer,
  digest: string,
): FileStamp | undefined {
  const known = live.files.get(relative);
  if (known?.[0] !== digest) return undefined;
  const now = stampOf(path.join(live.out, relative));
  if (now?.size !== bytes.length) return undefined;
  return inPlace(live.out, relative, { live: now, digest, recorded: known[1], bytes });
}

/** Refuses (a feedwright bug) a file that is not what its name says: malformed XML, say. */
function checked(file: { path: string; content: string | Buffer }, display: string): void {
  const problem = verifyOutputFile(file);
  if (problem) throw outputInvalid(display, `${file.path}: ${problem}`);
}

/**
 * The stamp of a file in the live output if it still holds `digest`: trusted when its size and
 * mtime are as recorded, else read and hashed — or compared with `bytes`, when they are at hand.
 * Undefined when it must be written again.
 */
function inPlace(
  out: string,
  relative: string,
  given: { live: FileStamp; digest: string; recorded: FileStamp | undefined; bytes?: Buffer },
) {
  const { live, digest, recorded, bytes } = given;
  if (sameStamp(recorded, live)) return live;
  try {
    // Joined only here: most files are trusted by their stamp (12,000 joins at 10,000 posts).
    const text = readFileSync(path.join(out, relative));
    return (bytes ? text.equals(bytes) : sha256Hex(text) === digest) ? live : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The stamp of a file in the live output, if a file is there: as seen ahead when it is to be kept
 * and was seen there, else looked at now (a file to replace, or one seen missing, is looked at
 * under the lock).
 */
function liveStamp(options: StageOptions, relative: string, kept: boolean): FileStamp | undefined {
  const seen = kept ? options.seen?.(relative) : undefined;
  if (seen?.kind !== 'file') return stampOf(path.join(options.out, relative));
  return { size: seen.size, mtimeMs: seen.mtimeMs };
}

function stampOf(file: string): FileStamp | undefined {
  try {
    const info = lstatSync(file);
    return info.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes `parts` one after another as one new file, each encoded as it comes and let go (none is
 * kept, nor the whole); gives `hashBytes` of the file's bytes. A failure names the file.
 */
function writePartsAt(target: string, parts: Iterable<string>): string {
  const hasher = hashBytesInParts();
  let fd: number | undefined;
  try {
    fd = openSync(target, 'w');
    for (const part of parts) {
      const bytes = utf8Scratch(part);
      hasher.update(bytes);
      writeAll(fd, bytes);
    }
    const written = fd;
    fd = undefined;
    closeSync(written); // a failure to close is a failure to write (NFS reports some only then)
  } catch (error) {
    (error as NodeJS.ErrnoException).path ??= target;
    throw error;
  } finally {
    if (fd !== undefined) closeQuietly(fd); // the failure thrown is the write's
  }
  return hasher.digest();
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // the write's own failure is the one reported
  }
}

/** Writes a file; a failure (a full disk, say) names the file, which Node leaves out for writes. */
function writeFileAt(target: string, content: string | Buffer): void {
  try {
    writeFileSync(target, typeof content === 'string' ? utf8Scratch(content) : content);
  } catch (error) {
    (error as NodeJS.ErrnoException).path ??= target;
    throw error;
  }
}
