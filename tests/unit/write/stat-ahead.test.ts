import { lstatSync } from 'node:fs';
import { link, mkdir, mkdtemp, rename, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

import { MANIFEST_FILE } from '../../../src/manifest.js';
import type { StampColumns } from '../../../src/model.js';
import {
  aheadStill,
  lookRows,
  lookShare,
  seenNow,
  statAhead,
} from '../../../src/write/stat-ahead.js';
import { stampColumns } from '../../helpers/stamps.js';

// This thread's lstat calls, counted (the look-ahead thread has a node:fs of its own).
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return { ...fs, lstatSync: vi.fn(fs.lstatSync) };
});
const lstatHere = vi.mocked(lstatSync);

/** An output folder with a manifest, files, a folder, a link and a file where a folder was. */
async function output(): Promise<string> {
  const out = path.join(await mkdtemp(path.join(tmpdir(), 'feedwright-ahead-')), 'dist');
  await mkdir(path.join(out, 'a/b'), { recursive: true });
  await writeFile(path.join(out, MANIFEST_FILE), '{"generator":"feedwright","files":{}}\n');
  await writeFile(path.join(out, 'rss.xml'), '<rss/>');
  await writeFile(path.join(out, 'a/b/index.html'), '<!doctype html><p>long enough</p>');
  await symlink('rss.xml', path.join(out, 'link.xml'));
  return out;
}

/** Columns naming `paths`, their stamps whatever (the look-ahead takes paths only). */
function named(paths: string[]): StampColumns {
  return { paths, stamps: new Float64Array(paths.length * 2) };
}

const FILES = ['rss.xml', 'a/b/index.html', 'link.xml', 'gone.html', 'rss.xml/under-a-file'];
const FOLDERS = ['', 'a', 'a/b', 'gone'];

describe('statAhead', () => {
  it('sees on its own thread what an lstat here sees, path by path', async () => {
    const out = await output();
    const ahead = statAhead(out, { files: named(FILES), folders: named(FOLDERS) }, 0);
    const taken = await ahead?.taken;
    expect(taken).toBeDefined();
    for (const file of FILES.slice(0, 4))
      expect(taken?.files(file), file).toEqual(seenNow(path.join(out, file)));
    for (const folder of FOLDERS)
      expect(taken?.folders(folder), folder).toEqual(seenNow(path.join(out, folder)));
    expect(taken?.files('a/b/index.html')?.kind).toBe('file');
    expect(taken?.files('link.xml')?.kind).toBe('other');
    expect(taken?.files('gone.html')?.kind).toBe('none');
    expect(taken?.folders('a')?.kind).toBe('folder');
    // A path it could not look at (ENOTDIR), or was not asked about: looked at by the writer.
    expect(taken?.files('rss.xml/under-a-file')).toBeUndefined();
    expect(taken?.files('a')).toBeUndefined();
    expect(taken?.folders('rss.xml')).toBeUndefined();
    expect(taken?.manifest[0]).toEqual(taken?.manifest[1]);
    // The files alone, as soon as they were looked at.
    const files = await ahead?.files();
    for (const file of FILES.slice(0, 4))
      expect(files?.(file), file).toEqual(seenNow(path.join(out, file)));
    expect(files?.('a')).toBeUndefined();
  });

  it('finds a path among those looked at only once one is asked of', async () => {
    const out = await output();
    let asked = 0;
    const folders = named(FOLDERS);
    const counted = {
      stamps: folders.stamps,
      get paths() {
        asked++;
        return folders.paths;
      },
    };
    const taken = await statAhead(out, { files: named(FILES), folders: counted }, 0)?.taken;
    // Read once, for the thread: a build that finds nothing changed asks of no folder.
    expect(asked).toBe(1);
    expect(taken?.folders('a')?.kind).toBe('folder');
    expect(taken?.folders('a/b')?.kind).toBe('folder');
    expect(asked).toBe(2);
  });

  it('starts no thread for fewer paths than pay for one', () => {
    const stamps = { files: named(FILES), folders: stampColumns({}) };
    expect(statAhead('/nowhere', stamps)).toBeUndefined();
    expect(statAhead('/nowhere', stamps, FILES.length + 1)).toBeUndefined();
  });

  it('gives nothing once stopped before it is done', async () => {
    const out = await output();
    const many = named(Array.from({ length: 50_000 }, (_, i) => `p/${i}.html`));
    const ahead = statAhead(out, { files: many, folders: stampColumns({}) }, 0);
    ahead?.stop();
    await expect(ahead?.taken).resolves.toBeUndefined();
    await expect(ahead?.files()).resolves.toBeUndefined();
  });
});

describe('lookShare', () => {
  const lstatIn = (out: string) => (p: string) =>
    lstatSync(path.join(out, p), { throwIfNoEntry: false });

  it('looks at every row not taken yet, chunk by chunk, and says when its rows were the last', async () => {
    const out = await output();
    const seen = new Float64Array(FILES.length * 3);
    const shared = new Int32Array(3);
    expect(lookShare(FILES, seen, shared, 2, lstatIn(out))).toBe(true);
    const alone = new Float64Array(FILES.length * 3);
    lookRows(FILES, alone, 0, FILES.length, lstatIn(out));
    expect([...seen]).toEqual([...alone]);
    expect(seen[3 * 1]).toBe(1); // a/b/index.html: a file
    expect(seen[3 * 4]).toBe(-1); // under a file: could not be looked at
    expect(shared[1]).toBe(FILES.length); // every row looked at
    expect(shared[0]).toBeGreaterThanOrEqual(FILES.length); // and none left to take
  });

  it('leaves the rows another thread took to it, and is not the last while they are not looked at', async () => {
    const out = await output();
    const seen = new Float64Array(FILES.length * 3);
    // Another thread took the first two rows and is still looking at them.
    const shared = Int32Array.from([2, 0, 1]);
    expect(lookShare(FILES, seen, shared, 2, lstatIn(out))).toBe(false);
    expect([...seen.slice(0, 6)]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(seen[3 * 2]).toBe(3); // link.xml: neither file nor folder
    expect(shared[1]).toBe(FILES.length - 2);
    // Nothing left to take: a second ask looks at nothing.
    expect(lookShare(FILES, seen, shared, 2, () => expect.fail('looked again'))).toBe(false);
  });
});

describe('statAhead shared', () => {
  /**
   * 200,000 files, most of them gone: ~0.3 s of looking alone, so that this thread, woken when the
   * thread begins, always finds rows left to take, even on a busy machine.
   */
  const many = () =>
    named([...FILES.slice(0, 4), ...Array.from({ length: 200_000 }, (_, i) => `p/${i}.html`)]);

  it('has this thread look at its share of the files once asked, the same as the thread would', async () => {
    const out = await output();
    const files = many();
    const ahead = statAhead(out, { files, folders: named(FOLDERS) }, 0);
    lstatHere.mockClear();
    // Asked at once: this thread waits for the thread to begin (to have the manifest's identity),
    // then takes rows beside it until none is left.
    const seen = await ahead?.files();
    const here = lstatHere.mock.calls.length;
    expect(here).toBeGreaterThan(0);
    expect(here).toBeLessThan(files.paths.length);
    // Asked again: the same answer, and nothing looked at again.
    expect(await ahead?.files()).toBe(seen);
    expect(lstatHere.mock.calls.length).toBe(here);
    for (const file of [...FILES.slice(0, 4), 'p/0.html', 'p/100000.html', 'p/199999.html'])
      expect(seen?.(file), file).toEqual(seenNow(path.join(out, file)));
    const taken = await ahead?.taken;
    expect(taken?.files).toBe(seen);
    expect(taken?.folders('a/b')?.kind).toBe('folder');
    expect(taken?.manifest[0]).toEqual(taken?.manifest[1]);
  });

  it('looks at nothing here once stopped, begun or not, and gives nothing', async () => {
    const out = await output();
    for (const wait of [0, 30]) {
      const ahead = statAhead(out, { files: many(), folders: named(FOLDERS) }, 0);
      await new Promise((resolve) => setTimeout(resolve, wait));
      ahead?.stop();
      lstatHere.mockClear();
      await expect(ahead?.files()).resolves.toBeUndefined();
      expect(lstatHere).not.toHaveBeenCalled();
      await expect(ahead?.taken).resolves.toBeUndefined();
    }
  });
});

describe('aheadStill', () => {
  it('stands while the manifest is the very file it saw, and not once anything replaced it', async () => {
    const out = await output();
    const look = () => statAhead(out, { files: named(FILES), folders: named(FOLDERS) }, 0)?.taken;
    const first = look();
    expect(await aheadStill(first, out, false)).toBe(await first);
    // Undone under the lock (a killed write's journal): what it saw is gone.
    expect(await aheadStill(look(), out, true)).toBeUndefined();
    // The same text put in place again by another write: another file, so another inode.
    const second = look();
    await second;
    const manifest = path.join(out, MANIFEST_FILE);
    await writeFile(`${manifest}.new`, '{"generator":"feedwright","files":{}}\n');
    await rename(`${manifest}.new`, manifest);
    expect(await aheadStill(second, out, false)).toBeUndefined();
    expect(await aheadStill(undefined, out, false)).toBeUndefined();
    // Written and undone meanwhile: the very file the look saw is back (a link saved it aside and
    // a rename put it back), with its size, mtime and inode, but not its ctime.
    const third = look();
    const seen = (await third)?.manifest[0];
    const inode = (await stat(manifest)).ino;
    await link(manifest, `${manifest}.saved`);
    await writeFile(`${manifest}.new`, '{"generator":"feedwright","files":{"x":"y"}}\n');
    await rename(`${manifest}.new`, manifest);
    await rename(`${manifest}.saved`, manifest);
    expect((await stat(manifest)).ino).toBe(inode);
    expect(seen?.[1]).toBe(String(inode));
    expect(await aheadStill(third, out, false)).toBeUndefined();
  });
});
