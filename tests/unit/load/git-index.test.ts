import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitBlobId } from '../../../src/hash.js';
import { cleanBlobs, parseListing } from '../../../src/load/git-index.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'feedwright-git-'));
  dirs.push(dir);
  return dir;
}

/** A repository whose `posts/` holds `files`, committed; returns the posts folder. */
function repoWith(files: Record<string, string>): { root: string; posts: string } {
  const root = tempDir();
  const posts = path.join(root, 'posts');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(posts, name)), { recursive: true });
    writeFileSync(path.join(posts, name), text);
  }
  git(root, 'init', '-q');
  git(root, 'add', '.');
  git(root, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'posts');
  return { root, posts };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

const blobOf = (file: string) => gitBlobId(readFileSync(file));
const BLOB_A = 'a'.repeat(40);
const BLOB_B = 'b'.repeat(40);

describe('parseListing', () => {
  it('keeps tracked plain files at stage 0 that are not also listed as modified', () => {
    const listing = [
      `H 100644 ${BLOB_A} 0\ta.md`,
      `H 100755 ${BLOB_B} 0\tfolder/run it.md`,
      `H 100644 ${BLOB_A} 0\tedited.md`,
      `C 100644 ${BLOB_A} 0\tedited.md`, // modified in the work tree
      `h 100644 ${BLOB_A} 0\tassumed.md`, // --assume-unchanged: git does not look
      `S 100644 ${BLOB_A} 0\tsparse.md`, // --skip-worktree
      `M 100644 ${BLOB_A} 1\tconflict.md`, // unmerged
      `M 100644 ${BLOB_B} 2\tconflict.md`,
      `H 120000 ${BLOB_A} 0\tlink.md`, // a symlink: its blob is the link
      `H 160000 ${BLOB_A} 0\tmodule`, // a submodule
      '',
    ].join('\0');
    expect(parseListing(listing)).toEqual(
      new Map([
        ['a.md', BLOB_A],
        ['folder/run it.md', BLOB_B],
      ]),
    );
  });

  it('gives nothing for an empty listing, or one it cannot read', () => {
    expect(parseListing('')).toEqual(new Map());
    expect(parseListing('garbage without a tab\0')).toEqual(new Map());
  });
});

describe('cleanBlobs', () => {
  it('is undefined for a folder outside any git work tree', () => {
    expect(cleanBlobs(tempDir())).toBeUndefined();
  });

  it('lists each committed, unmodified file by its path in the folder, with its blob id', () => {
    const { posts } = repoWith({
      'a.md': 'one\n',
      '2026/05/b c.md': 'two\n',
      'café.md': 'três\n',
    });
    const clean = cleanBlobs(posts);
    expect(clean).toEqual(
      new Map([
        ['2026/05/b c.md', blobOf(path.join(posts, '2026/05/b c.md'))],
        ['a.md', blobOf(path.join(posts, 'a.md'))],
        ['café.md', blobOf(path.join(posts, 'café.md'))],
      ]),
    );
    // The ids git gives: what `git hash-object` says of each file.
    expect(clean?.get('a.md')).toBe(git(posts, 'hash-object', 'a.md').trim());
    // The folder itself as `.`: the same files.
    expect(cleanBlobs(posts, ['.'])).toEqual(clean);
    // From a folder inside it, paths are relative to that folder.
    expect(cleanBlobs(path.join(posts, '2026'))).toEqual(
      new Map([['05/b c.md', blobOf(path.join(posts, '2026/05/b c.md'))]]),
    );
  });

  it('lists only the folders it is given, taking their names as they are (not as patterns)', () => {
    const { root, posts } = repoWith({ 'a.md': 'one\n' });
    mkdirSync(path.join(root, 'public[1]'));
    mkdirSync(path.join(root, 'public1'));
    writeFileSync(path.join(root, 'public[1]/logo.png'), 'png\n');
    writeFileSync(path.join(root, 'public1/other.png'), 'other\n');
    writeFileSync(path.join(root, 'README.md'), 'readme\n');
    git(root, 'add', '.');
    git(root, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'more');
    expect(cleanBlobs(root, ['posts', 'public[1]'])).toEqual(
      new Map([
        ['posts/a.md', blobOf(path.join(posts, 'a.md'))],
        ['public[1]/logo.png', blobOf(path.join(root, 'public[1]/logo.png'))],
      ]),
    );
  });

  it('leaves out files modified, untracked, assumed or skipped, and symlinks', () => {
    const { posts } = repoWith({
      'kept.md': 'kept\n',
      'edited.md': 'before\n',
      'staged.md': 'before\n',
      'assumed.md': 'assumed\n',
      'skipped.md': 'skipped\n',
    });
    writeFileSync(path.join(posts, 'edited.md'), 'after, and longer\n');
    writeFileSync(path.join(posts, 'staged.md'), 'after, staged\n');
    git(posts, 'add', 'staged.md');
    writeFileSync(path.join(posts, 'new.md'), 'new\n');
    symlinkSync('kept.md', path.join(posts, 'link.md'));
    git(posts, 'add', 'link.md');
    git(posts, 'update-index', '--assume-unchanged', 'assumed.md');
    git(posts, 'update-index', '--skip-worktree', 'skipped.md');
    expect(cleanBlobs(posts)).toEqual(
      new Map([
        ['kept.md', blobOf(path.join(posts, 'kept.md'))],
        // Staged: the work tree holds the blob the index does, the new one.
        ['staged.md', blobOf(path.join(posts, 'staged.md'))],
      ]),
    );
  });

  it('takes git’s verdict, not the mtime alone: a same-size rewrite with its mtime put back is modified', () => {
    const { posts } = repoWith({ 'a.md': 'one\n', 'b.md': 'two\n' });
    const file = path.join(posts, 'a.md');
    const { mtimeNs } = statSync(file, { bigint: true });
    writeFileSync(file, 'uno\n');
    const seconds = `${mtimeNs / 1_000_000_000n}.${String(mtimeNs % 1_000_000_000n).padStart(9, '0')}`;
    execFileSync('touch', ['-m', '-d', `@${seconds}`, file]);
    expect(statSync(file, { bigint: true }).mtimeNs).toBe(mtimeNs);
    expect(cleanBlobs(posts)).toEqual(new Map([['b.md', blobOf(path.join(posts, 'b.md'))]]));
  });

  it('reads the index git is told to (GIT_INDEX_FILE is honoured, as git honours it)', () => {
    const { root, posts } = repoWith({ 'a.md': 'one\n' });
    const other = path.join(root, 'other-index');
    execFileSync('git', ['read-tree', '--empty'], {
      cwd: root,
      env: { ...process.env, GIT_INDEX_FILE: other },
    });
    const env = process.env.GIT_INDEX_FILE;
    process.env.GIT_INDEX_FILE = other;
    try {
      // An index with nothing in it: no file is tracked there.
      expect(cleanBlobs(posts)).toEqual(new Map());
    } finally {
      if (env === undefined) delete process.env.GIT_INDEX_FILE;
      else process.env.GIT_INDEX_FILE = env;
    }
    expect(cleanBlobs(posts)?.size).toBe(1);
  });
});
