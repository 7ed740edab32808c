/**
 * Old outputs and caches are moved aside before a cold build, not deleted, and deleted only when
 * the bench is done.
 *
 * Why: on a file system that has just deleted many files, creating files can be several times
 * slower, and a cold build creates ~23,000 (10,000 posts: 11,342 folders, ~12,000 files; Hugo
 * about as many). ext4 without a journal — this machine's root file system — does not reuse an
 * inode deleted in the last 60 s (360 s while its inode table block is still dirty), and every
 * new inode scans past those, reading each one's block (`recently_deleted` in fs/ext4/ialloc.c).
 * Measured with `perf record` on a cold 10,000-post build started right after `rm -rf` of the
 * last one: 35 % of all CPU in `__ext4_new_inode`, 10.8 s of system time against 3–4 s on a
 * settled file system. A CI runner starts with a fresh file system, so a cold build there never
 * pays this; nor should the bench's.
 */
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

const TRASH = '.trash';

/** The trash of a corpus: on the same file system as its work folders, so a move is a rename. */
export function trashOf(/** @type {string} */ corpusDir) {
  return path.join(corpusDir, TRASH);
}

let moved = 0;

/**
 * Moves `dir` into `trash` (a no-op when `dir` does not exist).
 * @param {string} dir
 * @param {string} trash
 */
export async function discard(dir, trash) {
  await mkdir(trash, { recursive: true });
  const target = path.join(trash, `${path.basename(dir)}-${process.pid}-${Date.now()}-${++moved}`);
  try {
    await rename(dir, target);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
  }
}

/**
 * Deletes what the given trashes hold, and says how long that took. Creating files on this file
 * system is slow for a few minutes after it (see above): a bench started right after another one
 * measures that too.
 * @param {string[]} trashes
 * @param {(line: string) => void} log
 */
export async function emptyTrash(trashes, log) {
  const started = performance.now();
  let count = 0;
  for (const trash of trashes) {
    const names = await readdir(trash).catch(() => []);
    count += names.length;
    await rm(trash, { recursive: true, force: true });
  }
  if (count === 0) return;
  const s = ((performance.now() - started) / 1000).toFixed(1);
  log(
    `deleted ${count} old outputs and caches in ${s} s; ` +
      'wait a few minutes before the next bench (see bench/trash.mjs)',
  );
}
