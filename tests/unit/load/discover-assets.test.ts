import { mkdir, mkdtemp, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverAssets } from '../../../src/load/discover-assets.js';

/** A temp public folder holding `files` (path → content). */
async function publicDir(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'feedwright-public-'));
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return root;
}

describe('discoverAssets', () => {
  it('lists every file with its path, location, size and modification time', async () => {
    const dir = await publicDir({ 'icon.png': 'PNG!', 'img/2026/photo.jpg': 'x'.repeat(1000) });
    const when = new Date('2026-03-04T05:06:07.000Z');
    await utimes(path.join(dir, 'icon.png'), when, when);
    await utimes(path.join(dir, 'img/2026/photo.jpg'), when, new Date(when.getTime() + 5000));
    expect(discoverAssets(dir)).toEqual([
      { path: 'icon.png', file: path.join(dir, 'icon.png'), size: 4, mtimeMs: when.getTime() },
      {
        path: 'img/2026/photo.jpg',
        file: path.join(dir, 'img', '2026', 'photo.jpg'),
        size: 1000,
        mtimeMs: when.getTime() + 5000,
      },
    ]);
  });

  it('counts the size in bytes', async () => {
    const dir = await publicDir({ 'a.txt': 'é😀' });
    expect(discoverAssets(dir).map((a) => a.size)).toEqual([6]);
  });

  it('sorts by code point, / included', async () => {
    const dir = await publicDir({
      'b.txt': '',
      'B.txt': '',
      'é.txt': '',
      'a/z.txt': '',
      'a-b.txt': '',
      'a.txt': '',
    });
    expect(discoverAssets(dir).map((a) => a.path)).toEqual([
      'B.txt',
      'a-b.txt',
      'a.txt',
      'a/z.txt',
      'b.txt',
      'é.txt',
    ]);
  });

  it('skips dotfiles and dot-folders', async () => {
    const dir = await publicDir({ '.DS_Store': '', '.git/HEAD': '', 'a/.env': '', 'a/b.css': '' });
    expect(discoverAssets(dir).map((a) => a.path)).toEqual(['a/b.css']);
  });

  it('skips symbolic links to files and folders', async () => {
    const outside = await publicDir({ 'secret.txt': 'private', 'dir/inner.txt': '' });
    const dir = await publicDir({ 'ok.txt': '' });
    await symlink(path.join(outside, 'secret.txt'), path.join(dir, 'secret.txt'));
    await symlink(path.join(outside, 'dir'), path.join(dir, 'dir'));
    expect(discoverAssets(dir).map((a) => a.path)).toEqual(['ok.txt']);
  });

  it('finds nothing when the folder is missing, empty or a file', async () => {
    const dir = await publicDir({ 'file.txt': 'x' });
    expect(discoverAssets(path.join(dir, 'missing'))).toEqual([]);
    expect(discoverAssets(path.join(dir, 'file.txt'))).toEqual([]);
    expect(discoverAssets(await publicDir({}))).toEqual([]);
  });
});
