/**
 * What git knows of the files a build reads (the posts, the public folder's): in CI they are a
 * fresh checkout, every one with a new mtime, and git's index already says which of them are
 * exactly the blobs it checked out.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';

/** Longer than any index we could use: past it, the files are read instead. */
const TIMEOUT_MS = 30_000;
/** ~100 bytes a file: room for a few million files. */
const MAX_OUTPUT = 512 * 1024 * 1024;
/** Regular files, plain or executable: not symlinks (whose blob is the link) or submodules. */
const FILE_MODES = new Set(['100644', '100755']);

/**
 * Every file under `dir` (under its `folders` only, when given: relative to it) that git tracks
 * and finds unmodified, by its path relative to `dir` (`/`-separated), with the id of the blob its
 * index holds for it; undefined when `dir` is not in a git work tree, git is not at hand, or the
 * index changed while it was read.
 *
 * "Unmodified" is git's own verdict (`git ls-files --modified`): the file's stat data matches what
 * the index recorded when git wrote or last checked it, and where that cannot tell (a file as new
 * as the index, "racily clean"), its content does. Left out: files git is told to trust without
 * looking (`--assume-unchanged`, lowercase with `-v`) or to leave alone (`--skip-worktree`, `S`),
 * unmerged ones, symlinks and submodules.
 */
export function cleanBlobs(
  dir: string,
  folders: readonly string[] = [],
): Map<string, string> | undefined {
  // One command lists both, so both describe the same index: every tracked file (`-c`, tag `H`)
  // with its mode, blob and stage (`-s`), and once more each that is modified (`-m`, tag `C`).
  const index = indexFile(dir);
  const before = index && stampOf(index);
  // Folder names taken as they are, not as patterns (`*`, `?` and `[` are allowed in names).
  const specs = folders.length > 0 ? ['--', ...folders] : [];
  const listed = git(dir, [
    '--literal-pathspecs',
    'ls-files',
    '-c',
    '-m',
    '-s',
    '-v',
    '-z',
    ...specs,
  ]);
  // Rewritten meanwhile (`git add`, a checkout under way): the files may be changing as well.
  // Nothing is vouched for then; they are read.
  if (listed === undefined || before === undefined || stampOf(index as string) !== before) {
    return undefined;
  }
  return parseListing(listed);
}

/**
 * The clean files of a `git ls-files -c -m -s -v -z` listing: entries `<tag> <mode> <blob>
 * <stage>\t<path>`, each ended by NUL.
 */
export function parseListing(listing: string): Map<string, string> {
  const clean = new Map<string, string>();
  const modified = new Set<string>();
  for (const entry of listing.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab === -1) continue;
    const [tag, mode, blob, stage] = entry.slice(0, tab).split(' ');
    const file = entry.slice(tab + 1);
    if (tag === 'C') modified.add(file);
    else if (tag === 'H' && stage === '0' && FILE_MODES.has(mode ?? '') && blob) {
      clean.set(file, blob);
    }
  }
  for (const file of modified) clean.delete(file);
  return clean;
}

/** The index file git reads for `dir` (`$GIT_INDEX_FILE` if set), or undefined. */
function indexFile(dir: string): string | undefined {
  const answer = git(dir, ['rev-parse', '--git-path', 'index']);
  const name = answer?.replace(/\n$/, '');
  return name ? path.resolve(dir, name) : undefined;
}

/** A file's identity and last change, to the nanosecond; undefined when it is not there. */
function stampOf(file: string): string | undefined {
  const info = statSync(file, { bigint: true, throwIfNoEntry: false });
  return info && [info.ino, info.size, info.mtimeNs, info.ctimeNs].join(':');
}

/** What `git <args>` printed in `dir`, or undefined if it could not run or failed. */
function git(dir: string, args: readonly string[]): string | undefined {
  const run = spawnSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: MAX_OUTPUT,
    timeout: TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'ignore'],
    // Nothing to take a lock for: a concurrent git command is never made to wait or fail.
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
  });
  return run.status === 0 && !run.error ? run.stdout : undefined;
}
