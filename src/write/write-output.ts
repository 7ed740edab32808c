/**
 * Writes the new output into the live output folder so that it is never missing or half-written:
 * new files are staged beside it and checked, then moved in one atomic rename each (deletions
 * last) under a journal that lets a failed or killed write be undone. The folder stays a real
 * folder of real files (any deploy tool, GitHub Pages' artifact upload included, reads it as it
 * is), unchanged files are never touched (their mtime and ETag stay), and a write costs what
 * changed, not the size of the site.
 */
import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { FeedwrightError, fileSystemProblem } from '../diagnostics.js';
import { sameStamp, stampLookup } from '../file-stamps.js';
import { hashBytes } from '../hash.js';
import { MANIFEST_FILE, type Manifest, parseManifest } from '../manifest.js';
import type { FileStamp, KnownManifest, StampColumns } from '../model.js';
import { commitChanges } from './commit-output.js';
import { killPoint } from './kill-point.js';
import { folderStamps, listOutput } from './list-output.js';
import { type LockHandle, withOutputLock } from './output-lock.js';
import { type OutputSpace, outputSpace, shown, writeSuffix } from './output-space.js';
import { recoverOutput } from './recover-output.js';
import {
  type OutputEntry,
  type Previous,
  type PreviousOutput,
  type StagedFile,
  stageOutput,
} from './stage-output.js';
import { type Ahead, aheadStill } from './stat-ahead.js';

export {
  KEPT_FILE_CHANGED,
  KeptFilesChanged,
  type LiveFiles,
  liveFilesOf,
  type OutputEntry,
  type PreviousOutput,
  type StagedFile,
  stageFile,
} from './stage-output.js';

export interface WriteResult {
  /** Paths whose bytes differ from the previous output (new files included). */
  written: string[];
  unchanged: string[];
  /** Paths the previous output had and this one does not. */
  removed: string[];
  manifest: Manifest;
  /** `manifest`'s files' digests as a map, by path, in the order they were staged. */
  digests: ReadonlyMap<string, string>;
  /** A hash of the manifest's text: the next write passes it back in `manifest`. */
  manifestDigest: string;
  /** Every file's stamp in the new output, the manifest's last. */
  stamps: StampColumns;
  /**
   * The output's folders as this write found them, before it changed any (see `listOutput`), or
   * as a first write left them (it made every one): the next write passes them back as
   * `folders`, and reads only those that changed since.
   */
  folders: StampColumns;
}

export interface WriteOptions {
  /** Replace an output folder that holds files feedwright did not write. */
  force?: boolean;
  /** Name of the folder in messages. */
  display?: string;
  /** Stamps recorded when the previous output was written: a match is trusted without a read. */
  stamps?: StampColumns;
  /**
   * The previous write's `WriteResult.folders`: used while the manifest is the one recorded in
   * `stamps`, so that only folders changed since are read to find files feedwright did not write.
   */
  folders?: StampColumns;
  /**
   * The manifest the previous write left (its `WriteResult.digests` and `manifestDigest`):
   * taken instead of the live one while that one's stamp is the one recorded in `stamps`.
   */
  manifest?: KnownManifest;
  /** What the manifest records besides the files (what readers were shown; see `Manifest`). */
  record?: Omit<Manifest, 'generator' | 'files'>;
  /** Where paths outside the output are shown relative to, in messages; default the process's. */
  cwd?: string;
  /** Told, in one line, of anything done besides the write (a killed build's litter removed). */
  note?: (line: string) => void;
  /**
   * Writes rendered files into the staging folder it is given (with `stageFile`, on as many
   * threads as it likes) before the files are sorted: those it returns are not read again. Given
   * the previous output when there is one, it may leave out a file the live one holds already
   * (`liveFilesOf`, `StagedFile.inPlace`).
   */
  prestage?: (
    stage: string,
    previous: PreviousOutput | undefined,
  ) => Promise<ReadonlyMap<string, StagedFile>>;
  /**
   * A staging folder made before the write (`earlyStage`), and the folders being made in it: the
   * write stages into it once they are, doing its part (`help`) rather than waiting idle.
   */
  stage?: { suffix: string; ready: Promise<unknown>; help?: () => Promise<void> };
  /**
   * The live output's files and folders as `statAhead` saw them before the lock: used instead of
   * looking again while nothing has written the output since (see `aheadStill`).
   */
  ahead?: Promise<Ahead | undefined> | undefined;
}

/**
 * Writes `files` as the whole new content of `outDir`. On any failure the output is exactly what
 * it was; file-system faults are `FeedwrightError`s naming the path, the fault and the fix.
 */
export async function writeOutput(
  outDir: string,
  files: readonly OutputEntry[],
  options: WriteOptions = {},
): Promise<WriteResult> {
  const display = options.display ?? outDir;
  const { stage } = options;
  const space = outputSpace(outDir, display, stage?.suffix ?? writeSuffix(), options.cwd, !!stage);
  const unsafe = files.find((file) => !isSafeRelative(file.path));
  if (unsafe)
    throw outputError(
      space,
      'output-path',
      `${unsafe.path}: path leaves the output folder`,
      'report this as a bug',
    );
  try {
    await mkdir(space.parent, { recursive: true });
    return await withOutputLock(
      space.out,
      display,
      (lock) => writeLocked(space, files, options, lock),
      options.note ? { note: options.note } : {},
    );
  } catch (error) {
    const problem = fileSystemProblem(error, (file) => shown(space, file));
    if (!problem) throw error;
    throw new FeedwrightError([problem], { cause: error });
  }
}

async function writeLocked(
  space: OutputSpace,
  files: readonly OutputEntry[],
  options: WriteOptions,
  lock: LockHandle,
): Promise<WriteResult> {
  const undone = recoverOutput(space);
  for (const line of undone) options.note?.(line);
  const ahead = await aheadStill(options.ahead, space.out, undone.length > 0);
  const recorded = options.stamps ? stampLookup(options.stamps) : () => undefined;
  const previous = readPrevious(space, recorded, options, ahead);
  mkdirSync(space.stage, { recursive: Boolean(options.stage) });
  try {
    await options.stage?.help?.();
    await options.stage?.ready;
    const early = await options.prestage?.(
      space.stage,
      previous ? previousOutput(space.out, previous.files, recorded) : undefined,
    );
    const staged = stageOutput(files, previous ?? { files: new Map(), digest: undefined }, {
      out: space.out,
      stage: space.stage,
      display: space.display,
      recorded,
      record: options.record,
      staged: early,
      seen: ahead?.files,
    });
    killPoint('staged');
    if (!(await lock.stillHeld())) throw lockLost(space);
    const removed = previous
      ? [...previous.files.keys(), ...previous.foreign].filter((p) => !staged.digests.has(p))
      : [];
    if (!previous) renameSync(space.stage, space.out);
    else commitChanges(space, changesOf(staged, previous, removed));
    const { written, unchanged, manifest, digests, manifestDigest, stamps } = staged;
    return {
      written,
      unchanged,
      removed,
      manifest,
      digests,
      manifestDigest,
      stamps,
      // A first write made every folder, holding only its files: as it leaves them.
      folders: previous?.folders ?? folderStamps(space.out, [MANIFEST_FILE, ...written]),
    };
  } finally {
    rmSync(space.stage, { recursive: true, force: true, maxRetries: 2 });
  }
}

function previousOutput(
  out: string,
  files: ReadonlyMap<string, string>,
  recorded: (path: string) => FileStamp | undefined,
): PreviousOutput {
  return { out, digest: (file) => files.get(file), recorded };
}

function changesOf(
  staged: ReturnType<typeof stageOutput>,
  previous: Previous & { manifestExists: boolean },
  removed: string[],
) {
  const replaced = [...staged.replaced];
  const old = new Set(replaced);
  const created = staged.written.filter((p) => !old.has(p));
  if (staged.manifestStaged) (previous.manifestExists ? replaced : created).push(MANIFEST_FILE);
  return { created, replaced, removed };
}

/**
 * The output as it stands, or null when there is none; refuses a folder holding files
 * feedwright did not write unless `force` (then they are among the files to delete).
 */
function readPrevious(
  space: OutputSpace,
  recorded: (path: string) => FileStamp | undefined,
  options: Pick<WriteOptions, 'force' | 'folders' | 'manifest'>,
  ahead: Ahead | undefined,
) {
  let info: ReturnType<typeof lstatSync>;
  try {
    info = lstatSync(space.out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (!info.isDirectory())
    throw outputError(
      space,
      'output-not-folder',
      'the output path exists and is not a folder',
      'choose another --out',
    );
  const manifestFile = path.join(space.out, MANIFEST_FILE);
  const { files, digest, same } = liveManifest(manifestFile, recorded, options.manifest);
  // The folders as the last write found them say what they hold only with its manifest.
  const known =
    same && options.folders ? { folders: options.folders, files: files.keys() } : undefined;
  const listing = ahead
    ? listOutput(space.out, known, ahead.at, ahead.folders)
    : listOutput(space.out, known);
  const foreign = listing.found.filter((p) => p !== MANIFEST_FILE && !files.has(p));
  if (foreign.length > 0 && !options.force) throw foreignFiles(space, foreign);
  return {
    files,
    digest,
    foreign,
    manifestExists: digest !== undefined,
    folders: listing.folders,
  };
}

/**
 * The live manifest's files' digests by path (none when there is none, or it is not one), a hash
 * of its text (none when there is none), and whether it is the one the last write recorded (same
 * stamp). That one is taken from `known` when given, not read.
 */
function liveManifest(
  file: string,
  recorded: (path: string) => FileStamp | undefined,
  known: KnownManifest | undefined,
): { files: ReadonlyMap<string, string>; digest: string | undefined; same: boolean } {
  const stamp = recorded(MANIFEST_FILE);
  if (known && sameStamp(stamp, lstatSync(file, { throwIfNoEntry: false })))
    return { files: known.files, digest: known.digest, same: true };
  let bytes: Buffer | undefined;
  try {
    bytes = readFileSync(file);
  } catch {
    bytes = undefined;
  }
  // The bytes are hashed as read, and decoded once: not decoded, then encoded again to hash.
  const parsed = bytes === undefined ? undefined : parseManifest(bytes.toString('utf8'));
  return {
    files: new Map(parsed?.ok ? Object.entries(parsed.manifest.files) : []),
    digest: bytes === undefined ? undefined : hashBytes(bytes),
    // Looked at after the read: a manifest replaced meanwhile has another stamp.
    same: parsed?.ok === true && sameStamp(stamp, lstatSync(file, { throwIfNoEntry: false })),
  };
}

function foreignFiles(space: OutputSpace, foreign: string[]): FeedwrightError {
  const shownList =
    foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? `, … (${foreign.length} in all)` : '');
  return outputError(
    space,
    'output-foreign-files',
    `the output folder holds files feedwright did not write (${shownList}); replacing it would delete them`,
    'pick an empty or new --out folder, or pass --force if the folder really is disposable',
  );
}

function lockLost(space: OutputSpace): FeedwrightError {
  return outputError(
    space,
    'output-lock-lost',
    'another build took this output folder over while this one was writing; nothing was changed',
    'make sure only one build writes a folder at a time, then build again',
  );
}

function outputError(space: OutputSpace, code: string, message: string, fix: string) {
  return new FeedwrightError([{ severity: 'error', code, file: space.display, message, fix }]);
}

function isSafeRelative(p: string): boolean {
  return (
    !path.isAbsolute(p) &&
    !p.split(/[\\/]/).some((part) => part === '..' || part === '' || part === '.')
  );
}
