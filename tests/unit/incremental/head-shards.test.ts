import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/diagnostics.js';
import { SCANS_BEFORE_INDEX } from '../../../src/file-stamps.js';
import {
  readAhead,
  SHARDS,
  shardFile,
  shardOf,
  writeCacheFile,
} from '../../../src/incremental/cache-file.js';
import { HeadShards } from '../../../src/incremental/head-shards.js';
import type { HeadRecord } from '../../../src/model.js';

/** The bytes of the heads' shard files beside the index `f`, as `BuildCache.open` reads them. */
const shardsOf = (f: string) =>
  Array.from({ length: SHARDS }, (_, k) => readAhead(shardFile(f, 'heads', k)));

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function file(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-heads-'));
  dirs.push(dir);
  return path.join(dir, 'cache.bin');
}

const warning = (file: string): Diagnostic => ({
  severity: 'warning',
  code: 'image-not-found',
  file,
  message: `no image for ${file}`,
});

/** Each file's own size and mtime, so that a stamp read from the wrong row is noticed. */
const sizeOf = (sourcePath: string) => 100 + Number(/\d+/.exec(sourcePath)?.[0] ?? 0);
const mtimeOf = (sourcePath: string) => 5000 + 3 * sizeOf(sourcePath);

function head(sourcePath: string, size = sizeOf(sourcePath)): HeadRecord {
  return {
    sourcePath,
    size,
    mtimeMs: mtimeOf(sourcePath),
    headHash: `h-${sourcePath}`,
    diagnostics: sourcePath.endsWith('3.md') ? [warning(sourcePath)] : [],
    ref: {
      sourcePath,
      date: new Date('2026-03-01T00:00:00Z'),
      slug: path.basename(sourcePath, '.md'),
      language: 'en',
      categories: ['Politics'],
      tags: [],
      authors: [{ name: 'A. Writer' }],
      draft: false,
      url: `https://example.com/${sourcePath}/`,
    },
  };
}

const paths = Array.from({ length: 100 }, (_, i) => `posts/${i}.md`);

/** Heads of `paths` saved at a new file, and that file's shards read back. */
async function saved() {
  const f = await file();
  const heads = HeadShards.empty();
  for (const p of paths) heads.set(head(p));
  const stamps = await heads.save(f, 'k');
  return { f, stamps, ...(await HeadShards.read('k', stamps, shardsOf(f))) };
}

/** [size, mtimeMs] of each path, as a build stats them. */
const stampsOf = (list: readonly string[], size = sizeOf) =>
  Float64Array.from(list.flatMap((p) => [size(p), mtimeOf(p)]));

describe('HeadShards', () => {
  it('writes one file per shard that holds a head, each named by a stamp in the list it returns', async () => {
    const { f, stamps, heads, lost } = await saved();
    expect(lost).toBe(false);
    const used = new Set(paths.map(shardOf));
    expect(stamps).toHaveLength(SHARDS);
    stamps.forEach((stamp, k) => {
      expect(stamp !== '', `shard ${k}`).toBe(used.has(k));
    });
    const files = (await readdir(path.dirname(f))).sort();
    expect(files).toEqual([...used].map((k) => `cache.heads-${k}.bin`).sort());
    expect(
      [...heads.files.values()].sort((a, b) => (a.sourcePath < b.sourcePath ? -1 : 1)),
    ).toEqual(paths.map((p) => head(p)).sort((a, b) => (a.sourcePath < b.sourcePath ? -1 : 1)));
  });

  it('tells whether the files are exactly the ones known with their sizes and mtimes, from columns or records alike', async () => {
    const { heads } = await saved();
    const { heads: built } = await saved();
    void built.files;
    const shuffled = [...paths].reverse();
    for (const h of [heads, built]) {
      expect(h.unchanged(shuffled, stampsOf(shuffled))).toBe(true);
      expect(
        h.unchanged(
          paths,
          stampsOf(paths, (p) => (p === 'posts/40.md' ? 11 : 10)),
        ),
      ).toBe(false);
      expect(h.unchanged(paths.slice(1), stampsOf(paths.slice(1)))).toBe(false);
      const other = [...paths.slice(1), 'posts/new.md'];
      expect(h.unchanged(other, stampsOf(other))).toBe(false);
    }
  });

  it('tells the same in the shards’ own order, with files out of it, and with more of those than it scans for in a shard', async () => {
    const { heads, f } = await saved();
    expect(heads.unchanged(paths, stampsOf(paths))).toBe(true);
    const one = (p: string) => (q: string) => sizeOf(q) + (q === p ? 1 : 0);
    expect(heads.unchanged(paths, stampsOf(paths, one('posts/57.md')))).toBe(false);
    // A file added later sits after its shard's others, but is found first in path order.
    const more = HeadShards.empty();
    for (const p of [...paths, 'posts/!first.md']) more.set(head(p));
    const withFirst = ['posts/!first.md', ...paths];
    const stamps = await more.save(`${f}.more.bin`, 'k');
    const { heads: read } = await HeadShards.read('k', stamps, shardsOf(`${f}.more.bin`));
    expect(read.unchanged(withFirst, stampsOf(withFirst))).toBe(true);
    expect(read.unchanged(withFirst, stampsOf(withFirst, one('posts/!first.md')))).toBe(false);
    expect(read.unchanged(paths, stampsOf(paths))).toBe(false);
    // Every file asked out of order: past the scans, each shard's rows indexed by path.
    const many = Array.from({ length: 2 * SHARDS * SCANS_BEFORE_INDEX }, (_, i) => `many/${i}.md`);
    const all = HeadShards.empty();
    for (const p of many) all.set(head(p));
    const manyStamps = await all.save(`${f}.many.bin`, 'k');
    const { heads: back } = await HeadShards.read('k', manyStamps, shardsOf(`${f}.many.bin`));
    const reversed = [...many].reverse();
    expect(back.unchanged(reversed, stampsOf(reversed))).toBe(true);
    expect(back.unchanged(reversed, stampsOf(reversed, one('many/3.md')))).toBe(false);
    expect(back.unchanged(many, stampsOf(many))).toBe(true);
  });

  it('gives the stored diagnostics in the order asked, from columns or records alike', async () => {
    const { heads } = await saved();
    const { heads: built } = await saved();
    void built.files;
    const asked = ['posts/93.md', 'posts/1.md', 'posts/3.md', 'posts/13.md'];
    const expected = ['posts/93.md', 'posts/3.md', 'posts/13.md'].map(warning);
    expect(heads.storedDiagnostics(asked)).toEqual(expected);
    expect(built.storedDiagnostics(asked)).toEqual(expected);
    expect(heads.hasFiles).toBe(true);
    expect(HeadShards.empty().hasFiles).toBe(false);
  });

  it('reads each file’s size, mtime and warnings as a shard is read, the rest of its head only when asked for', async () => {
    const f = await file();
    // Two files of one shard, in one file whose front matter part no reader could take.
    const k = shardOf('posts/3.md');
    const mine = paths.filter((p) => shardOf(p) === k).slice(0, 2);
    expect(mine[0]).toBe('posts/3.md');
    expect(mine).toHaveLength(2);
    const stamps = new Array<string>(SHARDS).fill('');
    stamps[k] = 'written';
    await writeCacheFile(shardFile(f, 'heads', k), {
      key: 'k',
      stamp: 'written',
      files: {
        sourcePath: mine,
        size: Float64Array.from(mine.map(sizeOf)),
        mtimeMs: Float64Array.from(mine.map(mtimeOf)),
        diagnostics: [[0, [warning('posts/3.md')]]],
        rest: Buffer.from('not a serialization'),
      },
    });
    const { heads, lost } = await HeadShards.read('k', stamps, shardsOf(f));
    expect(lost).toBe(false);
    expect(heads.hasFiles).toBe(true);
    expect(heads.unchanged(mine, stampsOf(mine))).toBe(true);
    expect(heads.storedDiagnostics(mine)).toEqual([warning('posts/3.md')]);
    // Read only when the heads are asked for: the shard is then lost, its files to be read again.
    expect(heads.hasChanges).toBe(false);
    expect(heads.files.size).toBe(0);
    expect(heads.hasChanges).toBe(true);
  });

  it('writes again only the shards a set or forgotten head is in, and an emptied one as empty', async () => {
    const { f, stamps, heads } = await saved();
    expect(heads.hasChanges).toBe(false);
    expect(await heads.save(f, 'k')).toEqual(stamps);
    heads.set(head('posts/5.md', 99));
    const gone = paths.filter((p) => shardOf(p) === shardOf('posts/60.md'));
    heads.keepOnly(new Set(paths.filter((p) => !gone.includes(p))));
    expect(heads.hasChanges).toBe(true);
    const next = await heads.save(f, 'k');
    next.forEach((stamp, k) => {
      const changed = k === shardOf('posts/5.md') || k === shardOf('posts/60.md');
      expect(stamp !== stamps[k], `shard ${k}`).toBe(changed);
    });
    const { heads: again, lost } = await HeadShards.read('k', next, shardsOf(f));
    expect(lost).toBe(false);
    expect(again.files.size).toBe(paths.length - gone.length);
    expect(again.files.get('posts/5.md')?.size).toBe(99);
    // The shards as they were before are not the ones the new list names.
    const { heads: old, lost: oldLost } = await HeadShards.read('k', stamps, shardsOf(f));
    expect(oldLost).toBe(true);
    expect(old.files.has('posts/5.md')).toBe(false);
    expect(old.hasChanges).toBe(true);
  });

  it('knows nothing of a lost shard’s files: not unchanged, and none of their diagnostics', async () => {
    const { stamps, f } = await saved();
    const k = shardOf('posts/3.md');
    const lostStamps = stamps.map((stamp, i) => (i === k ? 'another-writing' : stamp));
    const { heads, lost } = await HeadShards.read('k', lostStamps, shardsOf(f));
    expect(lost).toBe(true);
    expect(heads.hasFiles).toBe(true);
    expect(heads.unchanged(paths, stampsOf(paths))).toBe(false);
    const rest = paths.filter((p) => shardOf(p) !== k);
    expect(heads.unchanged(rest, stampsOf(rest))).toBe(true);
    const withWarnings = paths.filter((p) => p.endsWith('3.md'));
    expect(heads.storedDiagnostics(paths)).toEqual(
      withWarnings.filter((p) => shardOf(p) !== k).map(warning),
    );
  });

  it('does not take a shard written under another key', async () => {
    const { f, stamps } = await saved();
    const { heads, lost } = await HeadShards.read('other', stamps, shardsOf(f));
    expect(lost).toBe(true);
    expect(heads.files.size).toBe(0);
  });
});
