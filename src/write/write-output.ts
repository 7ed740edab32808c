import { randomBytes } from 'node:crypto';
import { linkSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FeedwrightError } from '../diagnostics.js';
import { sha256Hex } from '../hash.js';
import { formatManifest, MANIFEST_FILE, type Manifest, readManifest } from '../manifest.js';
import type { CopiedFile, FileStamp, KeptFile, OutputFile } from '../model.js';
import { walkFiles } from '../walk.js';
import { withOutputLock } from './output-lock.js';
import { verifyOutputFile } from './verify-output.js';

export type OutputEntry = OutputFile | KeptFile | CopiedFile;

export interface WriteResult {
  /** Paths whose bytes differ from the previous output (new files included). */
  written: string[];
  unchanged: string[];
  /** Paths the previous output had and this one does not. */
  removed: string[];
  manifest: Manifest;
  /** Every file's stamp in the new output. */
  stamps: Record<string, FileStamp>;
}

export interface WriteOptions {
  /** Replace an output folder that holds files feedwright did not write. */
  force?: boolean;
  /** Name of the folder in messages. */
  display?: string;
  /** Stamps recorded when the previous output was written: a match is trusted without a read. */
  stamps?: Record<string, FileStamp>;
  /** What the manifest records besides the files (what readers were shown; see `Manifest`). */
  record?: Omit<Manifest, 'generator' | 'files'>;
}

/** Thrown when a file to keep is no longer what the previous build wrote (edited by hand). */
export const KEPT_FILE_CHANGED = 'output-kept-changed';

type Fail = (message: string, fix: string, code?: string) => FeedwrightError;

/**
 * Writes `files` as the whole new content of `outDir`, atomically: everything goes to a
 * temporary folder beside it, is checked, and only then swapped in. On any failure the previous
 * folder is untouched and the temporary one removed. Unchanged files are hard-linked from the
 * previous folder, keeping their mtime so hosts keep serving the same ETag.
 */
export function writeOutput(
  outDir: string,
  files: readonly OutputEntry[],
  options: WriteOptions = {},
): Promise<WriteResult> {
  return withOutputLock(path.resolve(outDir), options.display ?? outDir, () =>
    writeUnlocked(outDir, files, options),
  );
}

async function writeUnlocked(
  outDir: string,
  files: readonly OutputEntry[],
  options: WriteOptions,
): Promise<WriteResult> {
  const display = options.display ?? outDir;
  const fail: Fail = (message, fix, code = 'output') =>
    new FeedwrightError([{ severity: 'error', code, file: display, message, fix }]);
  for (const file of files) {
    if (!isSafeRelative(file.path)) {
      throw fail(
        `${file.path}: path leaves the output folder`,
        'report this as a bug',
        'output-path',
      );
    }
  }
  const previous = await readPrevious(outDir, options.force ?? false, fail);
  const parent = path.dirname(path.resolve(outDir));
  const base = path.basename(path.resolve(outDir));
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = path.join(parent, `.${base}.tmp-${suffix}`);
  const old = path.join(parent, `.${base}.old-${suffix}`);
  await mkdir(parent, { recursive: true });
  let staged: Omit<WriteResult, 'removed'>;
  try {
    await mkdir(tmp);
    staged = stageFiles(tmp, outDir, files, previous, { ...options, display }, fail);
    staged.manifest = { ...staged.manifest, ...options.record };
    const manifestFile = path.join(tmp, MANIFEST_FILE);
    await writeFile(manifestFile, formatManifest(staged.manifest));
    staged.stamps[MANIFEST_FILE] = stampOf(manifestFile);
    await swapIn(tmp, outDir, old, previous !== null);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  await rm(old, { recursive: true, force: true });
  const removed = Object.keys(previous?.files ?? {}).filter(
    (p) => !Object.hasOwn(staged.manifest.files, p),
  );
  return { ...staged, removed };
}

/** Writes (or hard-links, when unchanged) every file into the temporary folder `tmp`. */
function stageFiles(
  tmp: string,
  outDir: string,
  files: readonly OutputEntry[],
  previous: Manifest | null,
  options: WriteOptions & { display: string },
  fail: Fail,
): Omit<WriteResult, 'removed'> {
  const manifest: Manifest = { generator: 'feedwright', files: {} };
  const written: string[] = [];
  const unchanged: string[] = [];
  const stamps: Record<string, FileStamp> = {};
  const recorded = options.stamps ?? {};
  const folders = new Set<string>([tmp]);
  for (const entry of files) {
    const file =
      'source' in entry ? { path: entry.path, content: readFileSync(entry.source) } : entry;
    const digest = 'keep' in file ? file.keep : sha256Hex(file.content);
    manifest.files[file.path] = digest;
    const target = path.join(tmp, file.path);
    const folder = path.dirname(target);
    makeFolder(folder, folders);
    const stamp =
      previous?.files[file.path] === digest
        ? linkUnchanged(path.join(outDir, file.path), target, digest, recorded[file.path])
        : undefined;
    if (stamp) {
      unchanged.push(file.path);
      stamps[file.path] = stamp;
    } else if ('keep' in file) {
      throw keptFileChanged(`${options.display}/${file.path}`);
    } else {
      stamps[file.path] = writeChecked(target, file, fail);
      written.push(file.path);
    }
  }
  return { written, unchanged, manifest, stamps };
}

/**
 * Creates `folder` and any parent not made yet, one level at a time: a recursive mkdir per
 * folder walks up the whole path each time (10,000 page folders took seconds).
 */
function makeFolder(folder: string, made: Set<string>): void {
  if (made.has(folder)) return;
  makeFolder(path.dirname(folder), made);
  mkdirSync(folder);
  made.add(folder);
}

/** Writes a new file after checking it; only new bytes need checking. */
function writeChecked(
  target: string,
  file: { path: string; content: string | Buffer },
  fail: Fail,
): FileStamp {
  const problem = verifyOutputFile(file);
  if (problem) {
    throw fail(
      `${file.path}: ${problem}`,
      'this is a feedwright bug; please report it with the post that caused it',
      'output-invalid',
    );
  }
  writeFileSync(target, file.content);
  return stampOf(target);
}

function stampOf(file: string): FileStamp {
  const info = lstatSync(file);
  return { size: info.size, mtimeMs: info.mtimeMs };
}

function keptFileChanged(file: string): FeedwrightError {
  return new FeedwrightError([
    {
      severity: 'error',
      code: KEPT_FILE_CHANGED,
      file,
      message: 'the file was changed after feedwright wrote it',
      fix: 'build again: the whole output will be rendered afresh',
    },
  ]);
}

/** Puts the new folder in place of the old one; the old one is moved aside to `old`. */
async function swapIn(tmp: string, outDir: string, old: string, hadPrevious: boolean) {
  if (hadPrevious) await rename(outDir, old);
  try {
    await rename(tmp, outDir);
  } catch (error) {
    if (hadPrevious) await rename(old, outDir);
    throw error;
  }
}

function isSafeRelative(p: string): boolean {
  return (
    !path.isAbsolute(p) &&
    !p.split(/[\\/]/).some((part) => part === '..' || part === '' || part === '.')
  );
}

/**
 * Hard-links an unchanged file into the new output (same inode, same mtime), if it still holds
 * the bytes the manifest says: trusted when its size and mtime are as recorded, else read and
 * hashed. Returns its stamp, or undefined when it cannot be carried over.
 */
// Synchronous: hundreds of tiny file operations in a row, where promises only add overhead.
function linkUnchanged(
  from: string,
  to: string,
  digest: string,
  recorded: FileStamp | undefined,
): FileStamp | undefined {
  try {
    const info = lstatSync(from);
    const stamp = { size: info.size, mtimeMs: info.mtimeMs };
    const trusted = recorded && recorded.size === stamp.size && recorded.mtimeMs === stamp.mtimeMs;
    if (!trusted && sha256Hex(readFileSync(from)) !== digest) return undefined;
    linkSync(from, to);
    return stamp;
  } catch {
    return undefined;
  }
}

/** The previous output's manifest; refuses a folder holding files feedwright did not write. */
async function readPrevious(outDir: string, force: boolean, fail: Fail): Promise<Manifest | null> {
  const info = await lstat(outDir).catch(() => null);
  if (!info) return null;
  if (!info.isDirectory())
    throw fail(
      'the output path exists and is not a folder',
      'choose another --out',
      'output-not-folder',
    );
  const manifest = await readManifest(outDir);
  const foreign = walkFiles(outDir)
    .map((entry) => entry.path)
    .filter((p) => p !== MANIFEST_FILE && !(manifest && Object.hasOwn(manifest.files, p)));
  if (foreign.length > 0 && !force) {
    const shown =
      foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? `, … (${foreign.length} in all)` : '');
    throw fail(
      `the output folder holds files feedwright did not write (${shown}); replacing it would delete them`,
      'pick an empty or new --out folder, or pass --force if the folder really is disposable',
      'output-foreign-files',
    );
  }
  return manifest ?? { generator: 'feedwright', files: {} };
}
