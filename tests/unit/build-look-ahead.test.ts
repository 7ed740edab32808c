/**
 * `build` on an output large enough for the writer's checks to be looked at ahead, on a thread of
 * their own (see `statAhead`): the threads it starts are counted, and what it writes is held to a
 * build from nothing. The unit tests of `statAhead`, `BuildRun` and the writer cover each part;
 * this covers the build putting them together.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { WorkerOptions } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { build } from '../../src/build.js';
import { AHEAD_THRESHOLD } from '../../src/write/stat-ahead.js';
import { hashTree, makeConfig, postText, siteMaker } from '../helpers/site.js';

/** Threads started from a program given as text: the look's (the build's pool loads a file). */
const threads = vi.hoisted(() => ({ looks: 0 }));

vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:worker_threads')>();
  class Counted extends real.Worker {
    constructor(program: string | URL, options?: WorkerOptions) {
      super(program, options);
      if (options?.eval) threads.looks++;
    }
  }
  return { ...real, Worker: Counted, default: { ...real, Worker: Counted } };
});

const makeSite = siteMaker();

/** 150 posts with four tags of their own each: a feed and a page per tag, 2,600 files or so. */
function posts(body = (_n: number) => 'Hello.\n'): Record<string, string> {
  const files: Record<string, string> = {};
  for (let n = 0; n < 150; n++) {
    const date = new Date(Date.UTC(2026, 0, 1, n)).toISOString();
    const tags = [0, 1, 2, 3].map((k) => `Tag ${n}-${k}`);
    files[`post-${n}.md`] = postText(
      { title: `Post ${n}`, date, categories: ['News'], tags },
      body(n),
    );
  }
  return files;
}

const countFiles = async (dir: string) =>
  (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;

describe('build, an output looked at ahead', () => {
  it('looks once a writing build has planned, and writes what a build from nothing writes', async () => {
    const dir = await makeSite(posts(), makeConfig());
    await build({ cwd: dir });
    const out = path.join(dir, 'dist');
    expect(await countFiles(out)).toBeGreaterThan(AHEAD_THRESHOLD);
    const before = threads.looks;

    // One post edited, and a page it does not change edited by hand: the look sees the edit.
    const edited = posts((n) => (n === 7 ? 'Edited.\n' : 'Hello.\n'));
    await writeFile(path.join(dir, 'posts/post-7.md'), edited['post-7.md'] as string);
    const page = path.join(out, 'tags/tag-90-1/index.html');
    const pageText = await readFile(page, 'utf8');
    await writeFile(page, pageText.replace('Post 90', 'Post 90 (edited by hand)'));
    const result = await build({ cwd: dir });
    expect(threads.looks).toBe(before + 1);
    expect(result.upToDate).toBe(false);
    expect(result.written).toContain('posts/post-7/index.html');
    expect(result.written).toContain('tags/tag-90-1/index.html');
    expect(await readFile(page, 'utf8')).toBe(pageText);

    const fresh = await makeSite(edited, makeConfig());
    await build({ cwd: fresh, cacheDir: false });
    expect(await hashTree(out)).toEqual(await hashTree(path.join(fresh, 'dist')));

    // Nothing changed: an output of this size is not looked at before the up-to-date check.
    const again = await build({ cwd: dir });
    expect(again.upToDate).toBe(true);
    expect(threads.looks).toBe(before + 1);
  }, 60_000);
});
