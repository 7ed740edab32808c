import { chmod, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type WalkEntry, walkFiles } from '../../src/walk.js';

/** A temp folder holding `files` (path → content); a path ending in `/` is an empty folder. */
async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'feedwright-walk-'));
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, file);
    if (file.endsWith('/')) await mkdir(target, { recursive: true });
    else {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
  }
  return root;
}

const paths = (entries: WalkEntry[]) => entries.map((e) => e.path).sort();

const isRoot = process.getuid?.() === 0;

describe('walkFiles', () => {
  it('lists every file in nested folders, relative and /-separated, but not the folders', async () => {
    const root = await tree({
      'a.md': '',
      'x/b.md': '',
      'x/y/z/c.txt': '',
      'empty/': '',
    });
    const entries = walkFiles(root);
    expect(paths(entries)).toEqual(['a.md', 'x/b.md', 'x/y/z/c.txt']);
    for (const entry of entries) {
      expect(entry.dirent.isFile()).toBe(true);
      expect(entry.dirent.name).toBe(path.posix.basename(entry.path));
    }
  });

  it('tells onFolder of each folder it lists: the root as "", empty ones too, skipped dot-folders not', async () => {
    const root = await tree({ 'a.md': '', 'x/y/b.md': '', 'x/z/': '', '.git/HEAD': '' });
    const folders: string[] = [];
    walkFiles(root, { skipDotfiles: true, onFolder: (folder) => folders.push(folder) });
    expect(folders.sort()).toEqual(['', 'x', 'x/y', 'x/z']);
  });

  it('gives nothing for an empty folder', async () => {
    expect(walkFiles(await tree({}))).toEqual([]);
  });

  it('lists dotfiles and dot-folders unless told to skip them', async () => {
    const root = await tree({ '.hidden': '', '.git/config': '', 'a/.b': '', 'a/c': '' });
    expect(paths(walkFiles(root))).toEqual(['.git/config', '.hidden', 'a/.b', 'a/c']);
    expect(paths(walkFiles(root, { skipDotfiles: true }))).toEqual(['a/c']);
  });

  it('lists symbolic links as links and never follows them', async () => {
    const outside = await tree({ 'secret.md': 'private', 'dir/inner.md': '' });
    const root = await tree({ 'a.md': '' });
    await symlink(path.join(outside, 'secret.md'), path.join(root, 'file-link.md'));
    await symlink(path.join(outside, 'dir'), path.join(root, 'dir-link'));
    await symlink(path.join(outside, 'nowhere'), path.join(root, 'dangling'));
    const entries = walkFiles(root);
    expect(paths(entries)).toEqual(['a.md', 'dangling', 'dir-link', 'file-link.md']);
    const links = entries.filter((e) => e.dirent.isSymbolicLink()).map((e) => e.path);
    expect(links.sort()).toEqual(['dangling', 'dir-link', 'file-link.md']);
  });

  it('does not loop on a link to its own folder', async () => {
    const root = await tree({ 'a.md': '' });
    await symlink(root, path.join(root, 'self'));
    expect(paths(walkFiles(root))).toEqual(['a.md', 'self']);
  });

  it('throws when the folder is missing or is a file', async () => {
    const root = await tree({ 'file.md': '' });
    expect(() => walkFiles(path.join(root, 'missing'))).toThrow(
      expect.objectContaining({ code: 'ENOENT' }),
    );
    expect(() => walkFiles(path.join(root, 'file.md'))).toThrow(
      expect.objectContaining({ code: 'ENOTDIR' }),
    );
  });

  it('treats a missing folder or a file as empty with skipUnreadable', async () => {
    const root = await tree({ 'file.md': '' });
    expect(walkFiles(path.join(root, 'missing'), { skipUnreadable: true })).toEqual([]);
    expect(walkFiles(path.join(root, 'file.md'), { skipUnreadable: true })).toEqual([]);
  });

  it.skipIf(isRoot)('skips an unreadable folder with skipUnreadable, else throws', async () => {
    const root = await tree({ 'a.md': '', 'locked/b.md': '' });
    const locked = path.join(root, 'locked');
    await chmod(locked, 0o000);
    try {
      expect(paths(walkFiles(root, { skipUnreadable: true }))).toEqual(['a.md']);
      expect(() => walkFiles(root)).toThrow(expect.objectContaining({ code: 'EACCES' }));
    } finally {
      await chmod(locked, 0o755);
    }
  });
});
