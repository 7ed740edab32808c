import { closeSync, readdirSync, readSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECKSUM_KIND, checksum } from '../../../src/hash.js';
import {
  assemble,
  CACHE_MAGIC,
  decodeCacheFile,
  InParts,
  isOtherVersion,
  openIfThere,
  readAhead,
  readApart,
  readIfThere,
  SHARDS,
  shardFile,
  shardOf,
  storedApart,
  WRITES_AT_ONCE,
  writeCacheFile,
  writeCacheFiles,
} from '../../../src/incremental/cache-file.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function file(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-cache-file-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'cache.bin');
}

const valid = (p: { key: string }) => Array.isArray((p as { list?: unknown }).list);

/** `value` as a frame of a cache file's body: its serialization's length, then it. */
function frame(value: unknown): Buffer {
  const body = serialize(value);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, body]);
}

/** A cache file of `frames` as this version writes it, checked by CRC-32 or SHA-1. */
function fileOf(frames: Buffer[], kind: 'crc32' | 'sha1' = CHECKSUM_KIND): Buffer {
  const body = Buffer.concat(frames);
  const mark = Buffer.from(kind === 'crc32' ? 'c' : 's');
  return Buffer.concat([CACHE_MAGIC, mark, checksum(body, kind) as Buffer, body]);
}

describe('cache files', () => {
  it('round-trip a payload, typed arrays in memory of their own (a Buffer a view), leaving no temporary file', async () => {
    const f = await file();
    const payload = {
      key: 'k',
      list: ['a', 'b'],
      sizes: Float64Array.of(1.5, 2),
      raw: Buffer.from('xy'),
    };
    await writeCacheFile(f, payload);
    const bytes = await readFile(f);
    expect(bytes.subarray(0, CACHE_MAGIC.length).equals(CACHE_MAGIC)).toBe(true);
    const read = decodeCacheFile<typeof payload>(bytes, valid);
    expect(read).toEqual(payload);
    // A view into the file's bytes would keep the whole file alive.
    expect(read?.sizes.buffer.byteLength).toBe(16);
    // A Buffer (a part stored apart, most of its file) stays a view into the bytes read.
    expect(Buffer.isBuffer(read?.raw)).toBe(true);
    expect(read?.raw.toString()).toBe('xy');
    expect(read?.raw.buffer.byteLength).toBeGreaterThan(2);
    expect(readIfThere(`${f}.missing`)).toBeUndefined();
    expect(readIfThere(f)?.equals(bytes)).toBe(true);
    expect(openIfThere(`${f}.missing`)).toBeUndefined();
    const fd = openIfThere(f) as number;
    expect(readSync(fd, Buffer.alloc(4))).toBe(4);
    closeSync(fd);
  });

  it('keep a part apart as bytes, read back whole, typed arrays in memory of their own', async () => {
    const f = await file();
    const part = { names: ['é', '__proto__'], dates: Float64Array.of(Number.NaN, 3), n: null };
    const payload = { key: 'k', list: [], part: storedApart(part) };
    await writeCacheFile(f, payload);
    const read = decodeCacheFile<typeof payload>(await readFile(f), valid);
    expect(read?.part).toBeInstanceOf(Uint8Array);
    const back = readApart<typeof part>(read?.part as Uint8Array);
    expect(back).toEqual(part);
    expect(back.dates.buffer.byteLength).toBe(16);
    // Bytes that are not a serialization are refused when read, not before.
    expect(() => readApart(Buffer.from('not one'))).toThrow();
  });

  it('refuse bytes that are damaged, truncated, of another version, keyless or not valid', async () => {
    const f = await file();
    await writeCacheFile(f, { key: 'k', list: [1, 2, 3] });
    const bytes = await readFile(f);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 0xff;
    expect(decodeCacheFile(flipped, valid)).toBeUndefined();
    expect(decodeCacheFile(bytes.subarray(0, bytes.length - 1), valid)).toBeUndefined();
    expect(decodeCacheFile(bytes.subarray(0, 10), valid)).toBeUndefined();
    expect(decodeCacheFile(bytes, () => false)).toBeUndefined();
    await writeCacheFile(f, { list: [] });
    expect(decodeCacheFile(await readFile(f), valid)).toBeUndefined();
    const older = Buffer.concat([
      Buffer.from('feedwright-cache-5\n'),
      bytes.subarray(CACHE_MAGIC.length),
    ]);
    expect(isOtherVersion(older)).toBe(true);
    expect(decodeCacheFile(older, valid)).toBeUndefined();
    expect(isOtherVersion(bytes)).toBe(false);
    expect(isOtherVersion(Buffer.from('not a cache at all'))).toBe(false);
  });

  it('read a file checked by either kind its header names, and no other', async () => {
    const f = await file();
    await writeCacheFile(f, { key: 'k', list: ['crc'] });
    const bytes = await readFile(f);
    const kindAt = CACHE_MAGIC.length;
    expect(String.fromCharCode(bytes[kindAt] ?? 0)).toBe(CHECKSUM_KIND === 'crc32' ? 'c' : 's');
    // As a Node without CRC-32 writes it: SHA-1.
    const sha = fileOf([frame({ key: 'k', list: ['sha'] })], 'sha1');
    expect(decodeCacheFile<{ key: string; list: string[] }>(sha, valid)?.list).toEqual(['sha']);
    const unknown = Buffer.from(sha);
    unknown[kindAt] = 0x78;
    expect(decodeCacheFile(unknown, valid)).toBeUndefined();
    // A CRC-32 read as SHA-1 (the kind's byte damaged): too short a checksum, refused.
    const crossed = Buffer.concat([CACHE_MAGIC, Buffer.from('s'), bytes.subarray(kindAt + 1)]);
    expect(decodeCacheFile(crossed, valid)).toBeUndefined();
    expect(decodeCacheFile(bytes.subarray(0, kindAt + 3), valid)).toBeUndefined();
    expect(decodeCacheFile(bytes.subarray(0, kindAt), valid)).toBeUndefined();
  });

  it('replace a file written before, through a temporary file and a rename', async () => {
    const f = await file();
    await writeCacheFile(f, { key: 'k', list: ['old'] });
    await writeCacheFile(f, { key: 'k', list: ['new'] });
    expect(
      decodeCacheFile<{ key: string; list: string[] }>(await readFile(f), valid)?.list,
    ).toEqual(['new']);
    await writeFile(f, 'x');
    expect(decodeCacheFile(await readFile(f), valid)).toBeUndefined();
  });

  it('write a payload in parts, each made when its turn comes, and read it back whole', async () => {
    const f = await file();
    const made: number[] = [];
    const root = { key: 'k', list: [] as number[], deep: { names: [] as string[], set: 0 } };
    await writeCacheFile(
      f,
      new InParts(root, function* () {
        for (let k = 0; k < 5; k++) {
          made.push(k);
          yield { at: ['list'], value: [k, k + 0.5], append: true };
        }
        yield { at: ['deep', 'names'], value: ['é', '__proto__'], append: true };
        yield { at: ['deep', 'set'], value: Float64Array.of(1, 2) };
      }),
    );
    expect(made).toEqual([0, 1, 2, 3, 4]);
    // The root as given: the parts are not put into it to be written.
    expect(root.list).toEqual([]);
    const read = decodeCacheFile<typeof root>(await readFile(f), valid);
    expect(read).toEqual({
      key: 'k',
      list: [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5],
      deep: { names: ['é', '__proto__'], set: Float64Array.of(1, 2) },
    });
    // Each part a frame of its own after the root's.
    const bytes = await readFile(f);
    const body = bytes.subarray(CACHE_MAGIC.length + 1 + (CHECKSUM_KIND === 'crc32' ? 4 : 20));
    let frames = 0;
    for (let at = 0; at < body.length; at += 4 + body.readUInt32BE(at)) frames++;
    expect(frames).toBe(8);
  });

  it('refuse a file whose parts do not fit its root, or whose frames are cut', async () => {
    const root = frame({ key: 'k', list: [], one: 1 });
    const part = (at: unknown, value: unknown, append: unknown) => frame([at, value, append]);
    const read = (...frames: Buffer[]) => decodeCacheFile(fileOf(frames), valid);
    expect(read(root, part(['list'], [1, 2], true))).toEqual({ key: 'k', list: [1, 2], one: 1 });
    expect(read(root, part(['one'], 'x', false))).toEqual({ key: 'k', list: [], one: 'x' });
    for (const broken of [
      part(['one'], [1], true), // appended to what is not an array
      part(['list'], 'x', true), // appending what is not an array
      part(['missing'], 1, false), // a place the root does not have
      part(['__proto__', 'polluted'], 1, false),
      part(['one', 'deeper'], 1, false),
      part([], 1, false),
      part(['list'], [1], 'yes'),
      frame('not a part'),
    ])
      expect(read(root, broken)).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const cut = fileOf([root, part(['list'], [1], true)]);
    const body = Buffer.concat([root, part(['list'], [1], true).subarray(0, 6)]);
    expect(decodeCacheFile(fileOf([body]), valid)).toBeUndefined();
    expect(decodeCacheFile(cut, valid)).toEqual({ key: 'k', list: [1], one: 1 });
    expect(decodeCacheFile(fileOf([]), valid)).toBeUndefined();
  });

  it('assemble puts the parts in place until one does not fit, and says whether all did', () => {
    const root = { list: [1] as number[], one: 1 };
    expect(assemble(root, [{ at: ['list'], value: [2], append: true }])).toBe(true);
    expect(assemble(root, [{ at: ['nope'], value: 1 }])).toBe(false);
    expect(root).toEqual({ list: [1, 2], one: 1 });
  });

  it('write many files, a few at a time, each payload made only when a write is free', async () => {
    const dir = path.dirname(await file());
    await mkdir(dir, { recursive: true });
    const behind: number[] = [];
    function* payloads() {
      for (let k = 0; k < 12; k++) {
        // Payloads pulled but not yet written (renamed into place) when this one is made.
        const done = readdirSync(dir).filter((name) => name.endsWith('.bin')).length;
        behind.push(k - done);
        yield [path.join(dir, `shard-${k}.bin`), { key: 'k', list: [k] }] as const;
      }
    }
    await writeCacheFiles(dir, payloads());
    expect(behind).toHaveLength(12);
    expect(Math.max(...behind)).toBeLessThanOrEqual(WRITES_AT_ONCE);
    for (let k = 0; k < 12; k++) {
      const bytes = await readFile(path.join(dir, `shard-${k}.bin`));
      expect(decodeCacheFile<{ key: string; list: number[] }>(bytes, valid)?.list).toEqual([k]);
    }
    expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('stop at the first failed write, leaving no temporary file, and throw it', async () => {
    const dir = path.dirname(await file());
    // A folder where a file should go: renaming onto it fails.
    await mkdir(path.join(dir, 'blocked.bin'), { recursive: true });
    let after = 0;
    function* failing() {
      yield [path.join(dir, 'blocked.bin'), { key: 'k', list: [] }] as const;
      for (let k = 0; k < 40; k++) {
        after++;
        yield [path.join(dir, `late-${k}.bin`), { key: 'k', list: [k] }] as const;
      }
    }
    await expect(writeCacheFiles(dir, failing())).rejects.toThrow(/blocked\.bin/);
    expect(after).toBeLessThan(40);
    expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('name each kind’s shards beside the index', () => {
    expect(shardFile('/c/build-ab.bin', 'heads', 7)).toBe('/c/build-ab.heads-7.bin');
    expect(shardFile('/c/build-ab.bin', 'stories', 0)).toBe('/c/build-ab.stories-0.bin');
  });

  it('spread paths over every shard, the same way every time', () => {
    const counts = new Array(SHARDS).fill(0);
    for (let i = 0; i < 3200; i++) counts[shardOf(`2026/01/post-${i}.md`)]++;
    expect(Math.min(...counts)).toBeGreaterThan(50);
    expect(Math.max(...counts)).toBeLessThan(150);
    // FNV-1a of the path: shards written by one build are found by the next.
    expect(shardOf('posts/a.md')).toBe(shardOf('posts/a.md'));
    expect(shardOf('')).toBe(0x811c9dc5 % SHARDS);
  });
});

describe('readAhead', () => {
  it('gives the whole of a file, large or empty, as readFile does', async () => {
    const f = await file();
    await mkdir(path.dirname(f), { recursive: true });
    // Larger than a read of readFile's (512 KiB) and than the kernel's usual single read.
    const large = Buffer.alloc(9 * 1024 * 1024 + 7);
    for (let i = 0; i < large.length; i += 4093) large[i] = i % 251;
    await writeFile(f, large);
    expect((await readAhead(f))?.equals(await readFile(f))).toBe(true);
    await writeFile(f, '');
    expect((await readAhead(f))?.length).toBe(0);
  });

  it('gives undefined for a file that is not there, or not a file, and throws nothing', async () => {
    const f = await file();
    expect(await readAhead(f)).toBeUndefined();
    await mkdir(f, { recursive: true });
    expect(await readAhead(f)).toBeUndefined();
  });

  it('gives bytes that decoding gives back at once, unless the payload keeps a Buffer view of them', async () => {
    const f = await file();
    const payload = { key: 'k', list: ['a'.repeat(100_000)], sizes: Float64Array.of(1, 2) };
    await writeCacheFile(f, payload);
    const bytes = await readAhead(f);
    if (!bytes) throw new Error('not read');
    expect(bytes.length).toBeGreaterThan(100_000);
    const read = decodeCacheFile<typeof payload>(bytes, valid);
    // Released: the bytes are gone, what was decoded of them is whole.
    expect(bytes.buffer.byteLength).toBe(0);
    expect(read).toEqual(payload);
    // A Buffer part is a view into them: they stay, and it reads back.
    const kept = { ...payload, raw: Buffer.from('xy') };
    await writeCacheFile(f, kept);
    const keptBytes = await readAhead(f);
    if (!keptBytes) throw new Error('not read');
    const again = decodeCacheFile<typeof kept>(keptBytes, valid);
    expect(keptBytes.buffer.byteLength).toBeGreaterThan(100_000);
    expect(again?.raw.toString()).toBe('xy');
    expect(again).toEqual(kept);
    // Refused bytes (not valid) are given back too; bytes readFile read are left alone.
    await writeCacheFile(f, { key: 'k' });
    const refused = await readAhead(f);
    expect(refused && decodeCacheFile(refused, valid)).toBeUndefined();
    expect(refused?.buffer.byteLength).toBe(0);
    const plain = await readFile(f);
    decodeCacheFile(plain, valid);
    expect(plain.length).toBeGreaterThan(0);
    expect(isOtherVersion(plain)).toBe(false);
    // readIfThere's bytes are given back as readAhead's are; a folder is not read.
    await writeCacheFile(f, payload);
    const sync = readIfThere(f);
    expect(sync && decodeCacheFile(sync, valid)).toEqual(payload);
    expect(sync?.buffer.byteLength).toBe(0);
    expect(readIfThere(path.dirname(f))).toBeUndefined();
  });

  it('has the file opened, sized and asked for before it returns: a later change is not read', async () => {
    const f = await file();
    await mkdir(path.dirname(f), { recursive: true });
    await writeFile(f, 'before');
    const reading = readAhead(f);
    await rm(f);
    // The open file is read whatever its name now names.
    expect((await reading)?.toString()).toBe('before');
  });
});
