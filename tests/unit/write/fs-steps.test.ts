import { rmdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exists, folderMaker } from '../../../src/write/fs-steps.js';
import { thrownBy } from '../../helpers/thrown.js';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempRoot(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-fs-steps-'));
  roots.push(dir);
  return dir;
}

describe('folderMaker', () => {
  it('keeps the folders made in the set it is given, and makes none the set holds already', async () => {
    const root = await tempRoot();
    const elsewhere = path.join(root, 'made-elsewhere');
    const made = new Set([elsewhere]);
    const make = folderMaker(root, made);
    make(path.join(root, 'a/b'));
    expect([...made].sort()).toEqual(
      [root, elsewhere, path.join(root, 'a'), path.join(root, 'a/b')].sort(),
    );
    // Taken as made: its child is made in it, which is not there.
    expect(thrownBy(() => make(path.join(elsewhere, 'c')))).toMatchObject({ code: 'ENOENT' });
  });

  it('makes nested folders under the root', async () => {
    const root = await tempRoot();
    const make = folderMaker(root);
    make(path.join(root, 'posts/2026/a'));
    make(path.join(root, 'posts/2026/b'));
    expect((await stat(path.join(root, 'posts/2026/a'))).isDirectory()).toBe(true);
    expect((await readdir(path.join(root, 'posts/2026'))).sort()).toEqual(['a', 'b']);
  });

  it('makes each folder once: a folder it made is not looked at again', async () => {
    const root = await tempRoot();
    const make = folderMaker(root);
    make(path.join(root, 'a/b'));
    rmdirSync(path.join(root, 'a/b'));
    make(path.join(root, 'a/b'));
    expect(await readdir(path.join(root, 'a'))).toEqual([]);
    // Another maker knows nothing of it.
    folderMaker(root)(path.join(root, 'a/b'));
    expect(await readdir(path.join(root, 'a'))).toEqual(['b']);
  });

  it('takes folders that already exist as they are', async () => {
    const root = await tempRoot();
    await mkdir(path.join(root, 'a/b'), { recursive: true });
    await writeFile(path.join(root, 'a/b/keep.txt'), 'kept');
    const make = folderMaker(root);
    make(path.join(root, 'a/b'));
    make(path.join(root, 'a/b/c'));
    expect((await readdir(path.join(root, 'a/b'))).sort()).toEqual(['c', 'keep.txt']);
  });

  it('says ENOTDIR, with the path, when a file stands where a folder goes', async () => {
    const root = await tempRoot();
    await writeFile(path.join(root, 'a'), 'a file');
    const error = thrownBy(() => folderMaker(root)(path.join(root, 'a')));
    expect(error).toMatchObject({
      code: 'ENOTDIR',
      syscall: 'mkdir',
      path: path.join(root, 'a'),
      message: `ENOTDIR: not a directory, mkdir '${path.join(root, 'a')}'`,
    });
  });

  it('says ENOTDIR when a file stands where a folder above it goes', async () => {
    const root = await tempRoot();
    await writeFile(path.join(root, 'a'), 'a file');
    const error = thrownBy(() => folderMaker(root)(path.join(root, 'a/b/c')));
    expect(error).toMatchObject({ code: 'ENOTDIR', syscall: 'mkdir', path: path.join(root, 'a') });
  });

  it('says ENOTDIR when a symbolic link stands where a folder goes', async () => {
    const root = await tempRoot();
    await mkdir(path.join(root, 'real'));
    await symlink(path.join(root, 'real'), path.join(root, 'link'));
    const error = thrownBy(() => folderMaker(root)(path.join(root, 'link/b')));
    expect(error).toMatchObject({ code: 'ENOTDIR', path: path.join(root, 'link') });
    expect(await readdir(path.join(root, 'real'))).toEqual([]);
  });
});

describe('exists', () => {
  it('is true for a file, a folder and a symbolic link, even a dangling one', async () => {
    const root = await tempRoot();
    await writeFile(path.join(root, 'file'), '');
    await mkdir(path.join(root, 'folder'));
    await symlink(path.join(root, 'nowhere'), path.join(root, 'dangling'));
    expect(exists(path.join(root, 'file'))).toBe(true);
    expect(exists(path.join(root, 'folder'))).toBe(true);
    expect(exists(path.join(root, 'dangling'))).toBe(true);
  });

  it('is false for nothing there, and for a path through a file', async () => {
    const root = await tempRoot();
    await writeFile(path.join(root, 'file'), '');
    expect(exists(path.join(root, 'missing'))).toBe(false);
    expect(exists(path.join(root, 'file/inside'))).toBe(false);
  });
});
