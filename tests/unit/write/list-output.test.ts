import { mkdir, mkdtemp, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stampAt } from '../../../src/file-stamps.js';
import {
  folderStamps,
  listOutput,
  type OutputListing,
  SETTLED_MS,
} from '../../../src/write/list-output.js';
import { seenNow } from '../../../src/write/stat-ahead.js';

/** An output folder holding `files` (relative paths), every folder's mtime an hour ago. */
async function outputOf(files: string[]): Promise<string> {
  const out = path.join(await mkdtemp(path.join(tmpdir(), 'feedwright-list-')), 'dist');
  await mkdir(out);
  for (const file of files) {
    await mkdir(path.dirname(path.join(out, file)), { recursive: true });
    await writeFile(path.join(out, file), file);
  }
  await age(out, ['', ...folders(files)]);
  return out;
}

/** Every folder the files are in, below the top. */
function folders(files: string[]): string[] {
  const found = new Set<string>();
  for (const file of files)
    for (let dir = path.posix.dirname(file); dir !== '.'; dir = path.posix.dirname(dir))
      found.add(dir);
  return [...found];
}

const HOUR_AGO = new Date(Date.now() - 3_600_000);

/** Sets the folders' mtimes an hour back (deepest first: touching a folder's entries changes it). */
async function age(out: string, dirs: string[]) {
  for (const dir of [...dirs].sort((a, b) => b.length - a.length))
    await utimes(path.join(out, dir), HOUR_AGO, HOUR_AGO);
}

const FILES = ['rss.xml', 'a/index.html', 'a/b/index.html', 'a/b/feed.json', 'c/index.html'];

/** What a listing found that `files` (the manifest's) do not name: what the writer refuses. */
const foreign = (listing: OutputListing, files: readonly string[]) =>
  listing.found.filter((p) => !files.includes(p)).sort();

describe('listOutput', () => {
  it('lists every file in every folder, with the stamp of each folder', async () => {
    const out = await outputOf(FILES);
    const listing = listOutput(out);
    expect(listing.found.sort()).toEqual([...FILES].sort());
    expect([...listing.folders.paths].sort()).toEqual(['', 'a', 'a/b', 'c']);
    expect(listing.folders.stamps).toHaveLength(8);
    const a = stampAt(listing.folders, 'a');
    expect(a).toEqual({
      size: (await stat(path.join(out, 'a'))).size,
      mtimeMs: expect.any(Number),
    });
    expect(Math.abs((a?.mtimeMs ?? 0) - HOUR_AGO.getTime())).toBeLessThan(1000);
  });

  it('lists a link as it is, and never follows one', async () => {
    const out = await outputOf(FILES);
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'feedwright-list-away-'));
    await writeFile(path.join(elsewhere, 'secret.txt'), 'x');
    await symlink(elsewhere, path.join(out, 'link'));
    expect(listOutput(out).found).toContain('link');
    expect(listOutput(out).found.some((p) => p.includes('secret'))).toBe(false);
  });

  it('takes an unchanged folder for holding the files the manifest puts in it, without reading it or listing them again', async () => {
    const out = await outputOf(FILES);
    const { folders: recorded } = listOutput(out);
    // What the files say, not what is on disk: the folder was not read.
    const said = [...FILES, 'a/b/said.html'];
    const listing = listOutput(out, { folders: recorded, files: said });
    expect(listing.found).toEqual([]);
    expect(listing.folders).toEqual(recorded);
  });

  it("goes into each folder the manifest's files are in once, whatever order the files come in", async () => {
    // Folders whose names start alike, coming back after another, and one met first as a
    // folder of files and later as a folder of folders.
    const files = [
      'a/b/1.html',
      'a/bc/2.html',
      'a/b/3.html',
      'a/b4.html',
      'top.html',
      'a/b/5.html',
      'a/b/d/6.html',
      'a/bc/7.html',
    ];
    const out = await outputOf(files);
    const afresh = listOutput(out);
    const listing = listOutput(out, { folders: afresh.folders, files });
    expect(listing.found).toEqual([]);
    expect(new Set(listing.folders.paths).size).toBe(listing.folders.paths.length);
    expect([...listing.folders.paths].sort()).toEqual([...afresh.folders.paths].sort());
    // A folder gone since: its parent, changed, is read again, and holds nothing foreign.
    await rm(path.join(out, 'a/bc'), { recursive: true });
    const gone = listOutput(out, { folders: afresh.folders, files });
    expect(foreign(gone, files)).toEqual([]);
    expect(gone.folders.paths).not.toContain('a/bc');
    expect(gone.found).toContain('a/b4.html');
  });

  it('takes the folders it is told were looked at already as they were seen then', async () => {
    const out = await outputOf(FILES);
    const { folders: recorded } = listOutput(out);
    const known = { folders: recorded, files: FILES };
    // Seen before a file was added to a/b: a/b is taken for unchanged, and not read.
    const seen = new Map(recorded.paths.map((dir) => [dir, seenNow(path.join(out, dir))]));
    await writeFile(path.join(out, 'a/b/notes.txt'), 'mine');
    const at = Date.now();
    const listing = listOutput(out, known, at, (dir) => seen.get(dir));
    expect(listing.found).not.toContain('a/b/notes.txt');
    expect(stampAt(listing.folders, 'a/b')).toEqual(stampAt(recorded, 'a/b'));
    // The folders not seen ahead are looked at here.
    expect(listOutput(out, known, at, () => undefined).found).toContain('a/b/notes.txt');
  });

  it('reads a folder again once an entry was added, removed or renamed in it', async () => {
    const out = await outputOf(FILES);
    const known = { folders: listOutput(out).folders, files: FILES };
    await writeFile(path.join(out, 'a/b/notes.txt'), 'mine');
    expect(listOutput(out, known).found).toContain('a/b/notes.txt');
    await rm(path.join(out, 'a/b/notes.txt'));
    await rm(path.join(out, 'c/index.html'));
    // Both changed folders read again: what is in them now, and nothing of the others.
    const again = listOutput(out, known);
    expect(again.found.sort()).toEqual(['a/b/feed.json', 'a/b/index.html']);
    // A new folder in an unchanged one is found through its parent, which it changed.
    await mkdir(path.join(out, 'a/new'));
    await writeFile(path.join(out, 'a/new/x.txt'), 'x');
    expect(listOutput(out, known).found).toContain('a/new/x.txt');
  });

  it('lists, and does not follow, a link standing where a folder was, even in a folder that seems unchanged', async () => {
    const out = await outputOf(FILES);
    const known = { folders: listOutput(out).folders, files: FILES };
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'feedwright-list-away-'));
    await writeFile(path.join(elsewhere, 'secret.txt'), 'x');
    await rm(path.join(out, 'c'), { recursive: true });
    await symlink(elsewhere, path.join(out, 'c'));
    // As a file system keeping whole seconds might leave it: the top folder's mtime unchanged.
    await age(out, ['']);
    const listing = listOutput(out, known);
    expect(listing.found).toContain('c');
    expect(listing.found.some((p) => p.includes('secret'))).toBe(false);
  });

  it('records a folder changed too recently to be told from a change in the same tick, but never trusts it', async () => {
    const out = await outputOf(FILES);
    await writeFile(path.join(out, 'a/b/new.html'), 'new');
    const listing = listOutput(out);
    expect(stampAt(listing.folders, 'a/b')?.mtimeMs).toBeNaN();
    expect(stampAt(listing.folders, 'a')?.mtimeMs).toBeGreaterThan(0);
    // Not trusted: read again, so what is in it is what is on disk, not what the files say.
    const again = listOutput(out, { folders: listing.folders, files: FILES });
    expect(again.found).toContain('a/b/new.html');
    // Once settled, its mtime is recorded.
    const later = listOutput(out, undefined, Date.now() + SETTLED_MS + 1);
    expect(stampAt(later.folders, 'a/b')?.mtimeMs).toBeGreaterThan(0);
  });

  it('goes into a folder that holds no file of the manifest, and finds a file added there', async () => {
    const out = await outputOf(FILES);
    await mkdir(path.join(out, 'a/empty'));
    await age(out, ['a/empty', 'a']);
    const known = { folders: listOutput(out).folders, files: FILES };
    expect(known.folders.paths).toContain('a/empty');
    // The file changes its own folder only: the folders above it look as they were.
    await writeFile(path.join(out, 'a/empty/notes.txt'), 'mine');
    expect(listOutput(out, known).found).toContain('a/empty/notes.txt');
  });

  it('reads a folder it did not record, even in one unchanged, and finds what the files do not say', async () => {
    const out = await outputOf([...FILES, 'c/extra.txt']);
    const { folders: all } = listOutput(out);
    // A folder left out of the record (as by a build that wrote it and stopped before recording).
    const without = (left: string) => {
      const kept = all.paths.flatMap((dir, i) => (dir === left ? [] : [i]));
      const stamps = kept.flatMap((i) => [all.stamps[2 * i], all.stamps[2 * i + 1]]);
      return {
        paths: kept.map((i) => all.paths[i] as string),
        stamps: Float64Array.from(stamps as number[]),
      };
    };
    const listing = listOutput(out, { folders: without('c'), files: FILES });
    expect(listing.found.sort()).toEqual(['c/extra.txt', 'c/index.html']);
    expect([...listing.folders.paths].sort()).toEqual(['', 'a', 'a/b', 'c']);
    // Its folder recorded, the files say nothing of a/index.html: a, not recorded, is read.
    const files = FILES.filter((f) => f !== 'a/index.html');
    const again = listOutput(out, { folders: without('a'), files });
    expect(foreign(again, files)).toEqual(['a/index.html']);
  });

  it('finds what a listing read afresh finds that the manifest does not name, and records the same folders, whatever changed since', async () => {
    const changes: ((out: string) => Promise<unknown>)[] = [
      async () => undefined,
      (out) => writeFile(path.join(out, 'a/b/added.txt'), 'x'),
      (out) => rm(path.join(out, 'c/index.html')),
      (out) => mkdir(path.join(out, 'a/b/deeper/still'), { recursive: true }),
      async (out) => {
        await rm(path.join(out, 'c'), { recursive: true });
        await symlink(path.join(out, 'a'), path.join(out, 'c'));
      },
      (out) => writeFile(path.join(out, 'top.txt'), 'x'),
      async (out) => {
        await mkdir(path.join(out, 'e/f'), { recursive: true });
        await writeFile(path.join(out, 'e/f/index.html'), 'x');
      },
    ];
    for (const [n, change] of changes.entries()) {
      const out = await outputOf([...FILES, 'a/b/deeper/index.html']);
      const first = listOutput(out);
      const known = { folders: first.folders, files: first.found };
      await change(out);
      const afresh = listOutput(out);
      const listing = listOutput(out, known);
      // Nothing foreign missed, nothing made up; and what it lists is there.
      expect(foreign(listing, known.files), `change ${n}`).toEqual(foreign(afresh, known.files));
      for (const file of listing.found) expect(afresh.found, `change ${n}`).toContain(file);
      const stamps = (l: typeof listing) =>
        l.folders.paths.map((dir) => [dir, stampAt(l.folders, dir)]).sort();
      expect(stamps(listing), `change ${n}`).toEqual(stamps(afresh));
    }
  });
});

describe('folderStamps', () => {
  it('records the folders of the files as a listing would, so the next listing reads none', async () => {
    const out = await outputOf(FILES);
    const made = folderStamps(out, FILES);
    expect([...made.paths].sort()).toEqual(['', 'a', 'a/b', 'c']);
    for (const dir of made.paths)
      expect(stampAt(made, dir)).toEqual(stampAt(listOutput(out).folders, dir));
    // What the files say, not what is on disk: no folder was read.
    const said = [...FILES, 'a/b/said.html'];
    expect(listOutput(out, { folders: made, files: said }).found).toEqual([]);
    // A folder changed since is read again.
    await writeFile(path.join(out, 'c/notes.txt'), 'mine');
    expect(listOutput(out, { folders: made, files: FILES }).found).toContain('c/notes.txt');
  });

  it('records a folder changed too recently with no mtime, never to be trusted', async () => {
    const out = await outputOf(FILES);
    await writeFile(path.join(out, 'a/b/new.html'), 'new');
    const made = folderStamps(out, FILES);
    expect(stampAt(made, 'a/b')?.mtimeMs).toBeNaN();
    expect(stampAt(made, 'a')?.mtimeMs).toBeGreaterThan(0);
    expect(listOutput(out, { folders: made, files: FILES }).found).toContain('a/b/new.html');
    const later = folderStamps(out, FILES, Date.now() + SETTLED_MS + 1);
    expect(stampAt(later, 'a/b')?.mtimeMs).toBeGreaterThan(0);
  });
});
