import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedwrightError } from '../../../src/diagnostics.js';
import { createFiles, existingPaths } from '../../../src/scaffold/create-files.js';
import { hashTree } from '../../helpers/site.js';
import { thrownBy } from '../../helpers/thrown.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-create-'));
  dirs.push(dir);
  return dir;
}

const FILES = [
  { path: 'a.txt', content: 'A' },
  { path: 'deep/er/b.txt', content: 'B' },
  { path: '.hidden', content: '' },
];

describe('existingPaths', () => {
  it('lists the paths something already has: a file, a folder or a link, even a broken one', async () => {
    const dir = await tempDir();
    expect(existingPaths(dir, FILES)).toEqual([]);
    await writeFile(path.join(dir, 'a.txt'), 'mine');
    await mkdir(path.join(dir, 'deep/er/b.txt'), { recursive: true });
    await symlink(path.join(dir, 'nowhere'), path.join(dir, '.hidden'));
    expect(existingPaths(dir, FILES)).toEqual(['a.txt', 'deep/er/b.txt', '.hidden']);
  });
});

describe('createFiles', () => {
  it('writes every file, making the folders they need', async () => {
    const dir = await tempDir();
    createFiles(path.join(dir, 'new', 'site'), FILES);
    const site = path.join(dir, 'new', 'site');
    expect(await readFile(path.join(site, 'deep/er/b.txt'), 'utf8')).toBe('B');
    expect((await readdir(site)).sort()).toEqual(['.hidden', 'a.txt', 'deep']);
  });

  it('never replaces a file, and leaves none of its own behind when it stops', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'deep/er'), { recursive: true });
    await writeFile(path.join(dir, 'deep/er/b.txt'), 'mine');
    const before = await hashTree(dir);
    const error = thrownBy(() => createFiles(dir, FILES, (f) => path.relative(dir, f)));
    expect(error).toBeInstanceOf(FeedwrightError);
    expect((error as FeedwrightError).diagnostics).toMatchObject([
      { severity: 'error', file: 'deep/er/b.txt', message: expect.stringContaining('appeared') },
    ]);
    // a.txt, written before, was removed again; b.txt is as it was.
    expect(await hashTree(dir)).toEqual(before);
  });

  it('says what a file where a folder must go is', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'deep'), 'a file, not a folder');
    const error = thrownBy(() => createFiles(dir, FILES, (f) => path.relative(dir, f)));
    expect(error).toBeInstanceOf(FeedwrightError);
    const [problem] = (error as FeedwrightError).diagnostics;
    expect(problem?.severity).toBe('error');
    expect(problem?.file).toMatch(/^deep/);
    expect(await readdir(dir)).toEqual(['deep']);
  });
});
