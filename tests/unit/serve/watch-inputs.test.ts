import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isEditorNoise, watchInputs } from '../../../src/serve/watch-inputs.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function site(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-watch-'));
  dirs.push(dir);
  await mkdir(path.join(dir, 'posts/2026'), { recursive: true });
  await writeFile(path.join(dir, 'feedwright.config.json'), '{}');
  return dir;
}

/** Watches `dir`'s posts, public folder and config; `next()` resolves with the next batch. */
function watching(dir: string, ignore?: (file: string) => boolean) {
  const batches: string[][] = [];
  let wake: (() => void) | undefined;
  const watcher = watchInputs(
    [
      { path: path.join(dir, 'posts'), kind: 'folder' },
      { path: path.join(dir, 'public'), kind: 'folder' },
      { path: path.join(dir, 'feedwright.config.json'), kind: 'file' },
    ],
    (changed) => {
      batches.push(changed.map((file) => path.relative(dir, file)));
      wake?.();
    },
    { settleMs: 50, ...(ignore ? { ignore } : {}) },
  );
  const next = async (): Promise<string[]> => {
    const deadline = Date.now() + 5000;
    while (batches.length === 0) {
      if (Date.now() > deadline) throw new Error('no change reported within 5 s');
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 50);
      });
    }
    return batches.shift() as string[];
  };
  /** Every path reported until all of `expected` were (batches may split under load). */
  const until = async (expected: string[]): Promise<string[]> => {
    const seen = new Set<string>();
    while (!expected.every((file) => seen.has(file)))
      for (const file of await next()) seen.add(file);
    return [...seen].sort();
  };
  const quiet = async (ms = 300) => {
    await new Promise((r) => setTimeout(r, ms));
    return batches.splice(0);
  };
  return { next, until, quiet, close: watcher.close };
}

describe('watchInputs', () => {
  it('reports a post written anywhere under the posts folder, once changes settle', async () => {
    const dir = await site();
    const w = watching(dir);
    try {
      await writeFile(path.join(dir, 'posts/2026/a.md'), 'one');
      await writeFile(path.join(dir, 'posts/2026/a.md'), 'two');
      await writeFile(path.join(dir, 'posts/b.md'), 'b');
      expect(await w.until(['posts/2026/a.md', 'posts/b.md'])).toEqual([
        'posts/2026/a.md',
        'posts/b.md',
      ]);
      expect(await w.quiet()).toEqual([]);
    } finally {
      w.close();
    }
  });

  it('reports the config saved the way editors save (a new file renamed over it)', async () => {
    const dir = await site();
    const w = watching(dir);
    try {
      await writeFile(path.join(dir, 'config.tmp'), '{"title": "x"}');
      await rename(path.join(dir, 'config.tmp'), path.join(dir, 'feedwright.config.json'));
      expect(await w.next()).toEqual(['feedwright.config.json']);
      // Other files beside it are none of its business.
      await writeFile(path.join(dir, 'notes.txt'), 'x');
      expect(await w.quiet()).toEqual([]);
    } finally {
      w.close();
    }
  });

  it('watches a public folder created after it started', async () => {
    const dir = await site();
    const w = watching(dir);
    try {
      await mkdir(path.join(dir, 'public'));
      expect(await w.next()).toEqual(['public']);
      await writeFile(path.join(dir, 'public/logo.png'), 'png');
      expect(await w.next()).toEqual(['public/logo.png']);
    } finally {
      w.close();
    }
  });

  it("leaves out editors' noise and what `ignore` names", async () => {
    const dir = await site();
    const w = watching(dir, (file) => file.includes(`${path.sep}drafts${path.sep}`));
    try {
      await writeFile(path.join(dir, 'posts/.a.md.swp'), 'x');
      await writeFile(path.join(dir, 'posts/a.md~'), 'x');
      await mkdir(path.join(dir, 'posts/drafts'));
      await writeFile(path.join(dir, 'posts/drafts/x.md'), 'x');
      await writeFile(path.join(dir, 'posts/real.md'), 'x');
      const batch = await w.until(['posts/real.md']);
      expect(batch.filter((f) => /swp|~|drafts\//.test(f))).toEqual([]);
    } finally {
      w.close();
    }
  });

  it('reports nothing once closed', async () => {
    const dir = await site();
    const w = watching(dir);
    w.close();
    await writeFile(path.join(dir, 'posts/a.md'), 'x');
    expect(await w.quiet()).toEqual([]);
  });
});

describe('isEditorNoise', () => {
  it('is true under dot-folders, for dotfiles, backups and swap probes', () => {
    for (const file of ['.a.md.swp', 'a.md~', '.#a.md', '4913', '.git/index', '2026/.x/a.md'])
      expect(isEditorNoise(file), file).toBe(true);
    for (const file of ['a.md', '2026/a.md', 'images/photo.png', 'a.b.md'])
      expect(isEditorNoise(file), file).toBe(false);
  });
});
