import { hash, randomBytes } from 'node:crypto';
import { linkSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FeedwrightError } from '../diagnostics.js';
import type { OutputFile } from '../model.js';
import { MANIFEST_FILE, type Manifest } from './manifest.js';
import { withOutputLock } from './output-lock.js';
import { verifyOutputFile } from './verify-output.js';

export { MANIFEST_FILE, type Manifest, readManifest } from './manifest.js';

/** A file to carry over unchanged from the previous output, by the digest it had there. */
export interface KeptFile {
  path: string;
  keep: string;
}

/** A file copied as it is from `source` (an image from the public folder, say). */
export interface CopiedFile {
  path: string;
  source: string;
}

/** Size and mtime of a file as written, to recognise it later without reading it. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

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
}

/** Thrown when a file to keep is no longer what the previous build wrote (edited by hand). */
export const KEPT_FILE_CHANGED = 'output-kept-changed';

const sha256 = (data: string | Buffer) => hash('sha256', data, 'hex');

/**
 * Writes `files` as the whole new content of `outDir`, atomically: everything goes to a
 * temporary folder beside it, is checked, and only then swapped in. On any failure the previous
 * folder is untouched and the temporary one removed. Unchanged files are hard-linked from the
 * previous folder, keeping their mtime so hosts keep serving the same ETag.
 */
export function writeOutput(
  outDir: string,
  files: readonly (OutputFile | KeptFile | CopiedFile)[],
  options: WriteOptions = {},
): Promise<WriteResult> {
  return withOutputLock(path.resolve(outDir), options.display ?? outDir, () =>
    writeUnlocked(outDir, files, options),
  );
}

async function writeUnlocked(
  outDir: string,
  files: readonly (OutputFile | KeptFile | CopiedFile)[],
  options: WriteOptions = {},
): Promise<WriteResult> {
  const display = options.display ?? outDir;
  const fail = (message: string, fix: string, code = 'output') =>
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

  const manifest: Manifest = { generator: 'feedwright', files: {} };
  const written: string[] = [];
  const unchanged: string[] = [];
  const stamps: Record<string, FileStamp> = {};
  const recorded = options.stamps ?? {};
  await mkdir(parent, { recursive: true });
  try {
    await mkdir(tmp);
    const folders = new Set<string>();
    for (const entry of files) {
      const file =
        'source' in entry ? { path: entry.path, content: readFileSync(entry.source) } : entry;
      const digest = 'keep' in file ? file.keep : sha256(file.content);
      manifest.files[file.path] = digest;
      const target = path.join(tmp, file.path);
      const folder = path.dirname(target);
      if (!folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      const stamp =
        previous?.files[file.path] === digest
          ? linkUnchanged(path.join(outDir, file.path), target, digest, recorded[file.path])
          : undefined;
      if (stamp) {
        unchanged.push(file.path);
        stamps[file.path] = stamp;
      } else if ('keep' in file) {
        throw new FeedwrightError([
          {
            severity: 'error',
            code: KEPT_FILE_CHANGED,
            file: `${display}/${file.path}`,
            message: 'the file was changed after feedwright wrote it',
            fix: 'build again: the whole output will be rendered afresh',
          },
        ]);
      } else {
        // Only new bytes need checking: unchanged ones were checked when first written.
        const problem = verifyOutputFile(file);
        if (problem) {
          throw fail(
            `${file.path}: ${problem}`,
            'this is a feedwright bug; please report it with the post that caused it',
            'output-invalid',
          );
        }
        writeFileSync(target, file.content);
        written.push(file.path);
        const info = lstatSync(target);
        stamps[file.path] = { size: info.size, mtimeMs: info.mtimeMs };
      }
    }
    await writeFile(path.join(tmp, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);

    if (previous) await rename(outDir, old);
    try {
      await rename(tmp, outDir);
    } catch (error) {
      if (previous) await rename(old, outDir);
      throw error;
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  await rm(old, { recursive: true, force: true });
  const removed = Object.keys(previous?.files ?? {}).filter(
    (p) => !Object.hasOwn(manifest.files, p),
  );
  return { written, unchanged, removed, manifest, stamps };
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
    if (!trusted && sha256(readFileSync(from)) !== digest) return undefined;
    linkSync(from, to);
    return stamp;
  } catch {
    return undefined;
  }
}

async function readPrevious(
  outDir: string,
  force: boolean,
  fail: (message: string, fix: string, code?: string) => FeedwrightError,
): Promise<Manifest | null> {
  const info = await lstat(outDir).catch(() => null);
  if (!info) return null;
  if (!info.isDirectory())
    throw fail(
      'the output path exists and is not a folder',
      'choose another --out',
      'output-not-folder',
    );
  let manifest: Manifest | null = null;
  try {
    const parsed = JSON.parse(await readFile(path.join(outDir, MANIFEST_FILE), 'utf8')) as Manifest;
    if (parsed.generator === 'feedwright' && parsed.files && typeof parsed.files === 'object')
      manifest = parsed;
  } catch {
    manifest = null;
  }
  const present = await listFiles(outDir);
  const foreign = present.filter(
    (p) => p !== MANIFEST_FILE && !(manifest && Object.hasOwn(manifest.files, p)),
  );
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

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}
