/**
 * The files the build cache is kept in: each a checksummed, versioned V8 serialization, written
 * atomically, and spread over shards by path where a build changes a few of many records.
 */
import { randomBytes } from 'node:crypto';
import { close, closeSync, fstatSync, openSync, read, readSync } from 'node:fs';
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { DefaultDeserializer, serialize } from 'node:v8';
import { CHECKSUM_KIND, type ChecksumKind, checksum, checksumInParts } from '../hash.js';

/**
 * The first line of every cache file: the format's version. Then a byte naming the checksum's
 * kind (see `ChecksumKind`), the checksum, and the payload: one frame or more, each the length
 * of a V8 serialization (4 bytes, big-endian) and the serialization (see `InParts`).
 */
export const CACHE_MAGIC = Buffer.from('feedwright-cache-9\n');
/** How every version's first line begins. */
const MAGIC_PREFIX = CACHE_MAGIC.subarray(0, 17);

/** Each checksum kind's byte in a file's header, and its length. */
const CHECKSUMS: Record<ChecksumKind, { mark: number; bytes: number }> = {
  crc32: { mark: 0x63, bytes: 4 },
  sha1: { mark: 0x73, bytes: 20 },
};
const KIND_OF_MARK = new Map(
  Object.entries(CHECKSUMS).map(([kind, { mark }]) => [mark, kind as ChecksumKind]),
);

/**
 * The records kept per post (heads, stories) are kept in this many files, each post's in the one
 * its path hashes to: a build that changed one post writes one small file, not every post's again
 * (46 MB of stories and 50 MB of heads at 100,000 posts).
 */
export const SHARDS = 32;

/** Which shard holds a post's records: FNV-1a of its path. */
export function shardOf(sourcePath: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < sourcePath.length; i++) {
    h ^= sourcePath.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % SHARDS;
}

/** The file of shard `k` of the records of one `kind` (heads, stories) beside the index `file`. */
export function shardFile(file: string, kind: 'heads' | 'stories', k: number): string {
  return file.replace(/\.bin$/, `.${kind}-${k}.bin`);
}

/** True when `bytes` are a cache file of another version of feedwright. */
export function isOtherVersion(bytes: Buffer): boolean {
  return (
    !bytes.subarray(0, CACHE_MAGIC.length).equals(CACHE_MAGIC) &&
    bytes.subarray(0, MAGIC_PREFIX.length).equals(MAGIC_PREFIX)
  );
}

/**
 * A payload written a part at a time: `root` first, then each of `parts()`, serialized only when
 * its turn comes and let go once written, so that a large payload (the index's record of 117,855
 * output files at 100,000 posts, 60 MB) is never one serialization in memory, nor its long
 * columns made whole beside it. Read back whole: `decodeCacheFile` puts each part where it says.
 */
export class InParts {
  constructor(
    readonly root: object,
    readonly parts: () => Iterable<Part>,
  ) {}
}

/**
 * A value to put at `at` (property names from the root down), or, with `append`, whose items to
 * add at the end of the array there.
 */
export interface Part {
  at: readonly string[];
  value: unknown;
  append?: boolean;
}

/**
 * `root` with each of `parts` put in place (see `InParts`); false when one does not fit it: a
 * path through something that is not an object, or an append to or of what is not an array.
 */
export function assemble(root: unknown, parts: Iterable<Part>): boolean {
  for (const { at, value, append } of parts) {
    let target = root;
    for (let i = 0; i < at.length - 1; i++) target = ownValue(target, at[i] as string);
    const last = at.at(-1);
    if (!isObject(target) || last === undefined || !Object.hasOwn(target, last)) return false;
    if (!append) {
      (target as Record<string, unknown>)[last] = value;
      continue;
    }
    const list = (target as Record<string, unknown>)[last];
    if (!Array.isArray(list) || !Array.isArray(value)) return false;
    for (const item of value) list.push(item);
  }
  return true;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** `value[key]` when it is the object's own property, else undefined. */
function ownValue(value: unknown, key: string): unknown {
  return isObject(value) && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** Writes `payload` to `file` atomically (temporary file, then rename), with its checksum. */
export async function writeCacheFile(file: string, payload: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeMade(file, payload);
}

/** How many cache files are written at once: each is serialized only when its turn comes. */
export const WRITES_AT_ONCE = 4;

/**
 * Writes each `[file, payload]` as `writeCacheFile` does, up to `WRITES_AT_ONCE` at a time, all in
 * one folder: a shard's file system calls wait on the disk while the next is serialized, rather
 * than one after the other (a cold build writes 64 shards). At most that many serialized payloads
 * are held at once. `payloads` is read as the writes go, so each can be made when its turn comes.
 */
export async function writeCacheFiles(
  dir: string,
  payloads: Iterable<readonly [file: string, payload: unknown]>,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const pending = payloads[Symbol.iterator]();
  let failed = false;
  const lane = async (): Promise<void> => {
    for (let next = pending.next(); !next.done && !failed; next = pending.next())
      await writeMade(next.value[0], next.value[1]).catch((error: unknown) => {
        failed = true;
        throw error;
      });
  };
  // Every lane stops before this returns, the first failure then thrown.
  const lanes = await Promise.allSettled(Array.from({ length: WRITES_AT_ONCE }, lane));
  const failure = lanes.find((settled) => settled.status === 'rejected');
  if (failure) throw failure.reason;
}

/**
 * Writes `payload` (or its parts: see `InParts`) to `file`, whose folder exists, through a
 * temporary file and a rename: the header, each frame as it is serialized, then the checksum of
 * them all in its place in the header.
 */
async function writeMade(file: string, payload: unknown): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const handle = await open(tmp, 'w');
  try {
    const { mark, bytes } = CHECKSUMS[CHECKSUM_KIND];
    const sum = checksumInParts() as NonNullable<ReturnType<typeof checksumInParts>>;
    let at = await writeAt(handle, Buffer.concat([CACHE_MAGIC, Buffer.of(mark)]), 0);
    const bodyAt = at + bytes;
    at = bodyAt;
    for (const value of framesOf(payload)) {
      const body = serialize(value);
      const length = Buffer.allocUnsafe(4);
      length.writeUInt32BE(body.length);
      for (const part of [length, body]) {
        sum.update(part);
        at += await writeAt(handle, part, at);
      }
    }
    await writeAt(handle, sum.digest(), bodyAt - bytes);
    await handle.close();
    await rename(tmp, file);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw error;
  }
}

/** The values of `payload`'s frames: itself, or its root and then each part (see `InParts`). */
function* framesOf(payload: unknown): Generator<unknown, void, undefined> {
  if (!(payload instanceof InParts)) {
    yield payload;
    return;
  }
  yield payload.root;
  for (const { at, value, append } of payload.parts()) yield [at, value, append === true];
}

/** Writes all of `bytes` at `position` (a write may take fewer at a time); their length. */
async function writeAt(handle: FileHandle, bytes: Uint8Array, position: number): Promise<number> {
  for (let done = 0; done < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
  return bytes.length;
}

/**
 * The payload of a cache file's `bytes`; undefined when they are not this version's, their
 * checksum fails, or the payload has no string `key` or is not `valid`. Bytes `readAhead` read are
 * given up: unless the payload keeps a view into them (a `Buffer` part), their memory is released
 * here (see `release`), so they must not be read again.
 */
export function decodeCacheFile<T extends { key: string }>(
  bytes: Buffer,
  valid: (payload: T) => boolean,
): T | undefined {
  const start = CACHE_MAGIC.length + 1;
  if (bytes.length < start || !bytes.subarray(0, start - 1).equals(CACHE_MAGIC)) return undefined;
  // A file checked by a kind this Node cannot take (written by a later one) is not read.
  const kind = KIND_OF_MARK.get(bytes[start - 1] as number);
  const digest = kind && bytes.subarray(start, start + CHECKSUMS[kind].bytes);
  if (!kind || !digest || digest.length < CHECKSUMS[kind].bytes) return undefined;
  const body = bytes.subarray(start + digest.length);
  if (!checksum(body, kind)?.equals(digest)) return undefined;
  const read = { keptView: false };
  try {
    const [payload, ...parts] = framesIn(body, read);
    if (!isObject(payload) || !assemble(payload, parts)) return undefined;
    const whole = payload as T;
    return typeof whole.key === 'string' && valid(whole) ? whole : undefined;
  } catch {
    return undefined;
  } finally {
    if (!read.keptView) release(bytes);
  }
}

/**
 * The values of the frames `body` holds, the first as it is, each other as the part it was
 * written as (see `framesOf`); throws when one does not read as a frame or a part. `read.keptView`
 * is set when a value keeps a view into `body` (see `OwnArrays`).
 */
function framesIn(body: Buffer, read: { keptView: boolean }): [unknown, ...Part[]] {
  const values: unknown[] = [];
  for (let at = 0; at < body.length; ) {
    if (at + 4 > body.length) throw new Error('a frame cut short');
    const end = at + 4 + body.readUInt32BE(at);
    if (end > body.length) throw new Error('a frame cut short');
    const reader = readerOf(body.subarray(at + 4, end));
    values.push(reader.readValue());
    read.keptView ||= reader.keptView;
    at = end;
  }
  if (values.length === 0) throw new Error('no frame');
  const [root, ...rest] = values;
  return [root, ...rest.map(partOf)];
}

/** A frame after the first as the part it was written as: `[at, value, append]`. */
function partOf(frame: unknown): Part {
  const [at, value, append] = Array.isArray(frame) ? frame : [];
  if (
    !Array.isArray(at) ||
    at.length === 0 ||
    !at.every((key) => typeof key === 'string') ||
    typeof append !== 'boolean'
  )
    throw new Error('not a part');
  return { at, value, append };
}

/**
 * The bytes of `file`, or undefined when it cannot be read, read on libuv's threads in one request
 * (two, rarely, if the kernel gives fewer bytes than asked): opened and sized here, at once, so
 * the main thread can go on with work of its own — finding the posts — while the file is read.
 * `readFile` reads a large file in chunks, each asked for by the main thread, so it waited for
 * that work before its second chunk: at 100,000 posts the index (62 MB) and the heads (50 MB)
 * were read only after the posts were found.
 */
export function readAhead(file: string): Promise<Buffer | undefined> {
  const fd = openIfThere(file);
  if (fd === undefined) return Promise.resolve(undefined);
  let size: number;
  let buffer: Buffer;
  try {
    size = fstatSync(fd).size;
    buffer = releasable(size);
  } catch {
    closeSync(fd);
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    const done = (bytes: Buffer | undefined) => close(fd, () => resolve(bytes));
    const from = (offset: number): void => {
      if (offset >= size) {
        done(buffer);
        return;
      }
      read(fd, buffer, offset, size - offset, offset, (error, n) => {
        if (error) done(undefined);
        else if (n === 0) done(buffer.subarray(0, offset));
        else from(offset + n);
      });
    };
    from(0);
  });
}

/** `file` opened for reading, or undefined when it cannot be (a cache file may be missing). */
export function openIfThere(file: string): number | undefined {
  try {
    return openSync(file, 'r');
  } catch {
    return undefined;
  }
}

/** The bytes of `file`, or undefined when it cannot be read; `decodeCacheFile` gives them back. */
export function readIfThere(file: string): Buffer | undefined {
  const fd = openIfThere(file);
  if (fd === undefined) return undefined;
  try {
    const size = fstatSync(fd).size;
    const bytes = releasable(size);
    for (let at = 0; at < size; ) {
      const n = readSync(fd, bytes, at, size - at, at);
      if (n === 0) return bytes.subarray(0, at);
      at += n;
    }
    return bytes;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * A part of a cache file's payload serialized on its own, to be put in the payload as bytes and
 * read back by `readApart` only by a build that needs it: the others decode one buffer, not its
 * strings and objects (the heads' front matter, 45 MB at 100,000 posts, where a build that finds
 * nothing changed needs each file's size and mtime).
 */
export function storedApart(value: unknown): Uint8Array {
  return serialize(value);
}

/**
 * The value `storedApart` stored (or a cache file's payload), its typed arrays with memory of
 * their own (see `OwnArrays`).
 */
export function readApart<T>(bytes: Uint8Array): T {
  return readerOf(bytes).readValue() as T;
}

/**
 * `readApart`, the bytes then given back as `decodeCacheFile` gives back a file's (all of the
 * buffer they are part of, which `readAhead` read): they must not be read again.
 */
export function readApartGivingBack<T>(bytes: Uint8Array): T {
  const reader = readerOf(bytes);
  const value = reader.readValue() as T;
  if (!reader.keptView) release(bytes);
  return value;
}

/** A reader of `bytes`, past their header. */
function readerOf(bytes: Uint8Array): OwnArrays {
  const reader = new OwnArrays(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  reader.readHeader();
  return reader;
}

/**
 * `v8.deserialize`, but every typed array it reads (the cache's columns: sizes, mtimes, dates)
 * gets memory of its own. Node's reader makes each one a view into the bytes read, and a view of
 * a few megabytes then keeps the whole file alive: the index, 107 MB at 100,000 posts, stayed in
 * memory through the whole build for its output record's stamps. A `Buffer` stays a view: the
 * cache keeps as Buffers a part stored apart (`storedApart`) and the kept feed items' text, each
 * most of its file, and a copy would be that much more (45 MB of the heads' parts at 100,000
 * posts) for bytes read soon after, or not at all.
 */
class OwnArrays extends DefaultDeserializer {
  /** Whether a `Buffer` was read, a view into the bytes: they must then be kept. */
  keptView = false;

  _readHostObject(): unknown {
    const view = (
      DefaultDeserializer.prototype as unknown as { _readHostObject(): unknown }
    )._readHostObject.call(this);
    if (Buffer.isBuffer(view)) this.keptView = true;
    if (!ArrayBuffer.isView(view) || Buffer.isBuffer(view)) return view;
    const own = view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength);
    if (view instanceof DataView) return new DataView(own);
    return new (view.constructor as new (bytes: ArrayBufferLike) => ArrayBufferView)(own);
  }
}

/** An `ArrayBuffer` that can shrink (ES2024; Node 20 has it, TypeScript's ES2023 types do not). */
type Resizable = ArrayBuffer & { readonly resizable?: boolean; resize?(length: number): void };

/**
 * `size` bytes that `release` can give back at once. V8 frees an ordinary buffer only when a full
 * collection finds it dead, and a large build has none between reading the cache and its end:
 * the index and the stories' files read at 100,000 posts (~220 MB) stayed in memory, dead,
 * through the build's peak. A resizable buffer shrunk to nothing has its pages given back then.
 */
function releasable(size: number): Buffer {
  const Growable = ArrayBuffer as unknown as new (
    length: number,
    options: { maxByteLength: number },
  ) => Resizable;
  return Buffer.from(new Growable(size, { maxByteLength: size }));
}

/** Gives back the memory of bytes `releasable` made (any view of them is then empty). */
function release(bytes: Uint8Array): void {
  const buffer = bytes.buffer as Resizable;
  if (buffer.resizable) buffer.resize?.(0);
}
