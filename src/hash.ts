/** Every hash feedwright takes, each named for what it is for. */
import { createHash, hash } from 'node:crypto';
import zlib from 'node:zlib';

/** A change detector for file contents, not a security measure: SHA-1, the quickest one-shot hash. */
export function hashBytes(data: string | Uint8Array): string {
  return hash('sha1', data, 'base64url');
}

/**
 * The id git gives `bytes` as a blob (SHA-1 of `blob <length>\0` and the bytes, in hex): a post
 * file's, kept to compare with the one git's index holds for it (see `trackedBlobs`).
 */
export function gitBlobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** SHA-256 in hex: what the manifest records for every output file. */
export function sha256Hex(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}

/** A key for anything JSON can describe: equal parts give equal keys. */
export function cacheKey(parts: readonly unknown[]): string {
  return sha256Hex(JSON.stringify(parts));
}

/** Eight hex digits: tells apart names that would otherwise share a slug. */
export function shortHash(text: string): string {
  return sha256Hex(text).slice(0, 8);
}

/**
 * How a stored file's body is checked: CRC-32 where Node has it (zlib's, Node 20.15 and later:
 * twice SHA-1's speed, 2.3 against 1.2 GB/s here — a build after one change reads ~300 MB of cache
 * at 100,000 posts), else SHA-1. Either detects truncation and damage, not tampering.
 */
export type ChecksumKind = 'crc32' | 'sha1';

const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** The kind this Node takes. */
export const CHECKSUM_KIND: ChecksumKind = crc32 ? 'crc32' : 'sha1';

/** The checksum of `body` of `kind` (4 or 20 bytes); undefined when this Node cannot take it. */
export function checksum(body: Uint8Array, kind: ChecksumKind = CHECKSUM_KIND): Buffer | undefined {
  const sum = checksumInParts(kind);
  sum?.update(body);
  return sum?.digest();
}

/**
 * `checksum` of bytes given in parts, one after another: the checksum of them joined (a cache
 * file written a part at a time); undefined when this Node cannot take `kind`.
 */
export function checksumInParts(
  kind: ChecksumKind = CHECKSUM_KIND,
): { update(bytes: Uint8Array): void; digest(): Buffer } | undefined {
  if (kind === 'sha1') {
    const hasher = createHash('sha1');
    return { update: (bytes) => hasher.update(bytes), digest: () => hasher.digest() };
  }
  if (!crc32) return undefined;
  let value = 0;
  return {
    update: (bytes) => {
      value = crc32(bytes, value);
    },
    digest: () => {
      const sum = Buffer.allocUnsafe(4);
      sum.writeUInt32BE(value);
      return sum;
    },
  };
}

/** `hashBytes` of bytes given in parts, one after another: the digest of them joined. */
export function hashBytesInParts(): { update(bytes: Uint8Array): void; digest(): string } {
  const hasher = createHash('sha1');
  return {
    update: (bytes) => hasher.update(bytes),
    digest: () => hasher.digest('base64url'),
  };
}

/** SHA-256 in hex of several parts in a row, without joining them first. */
export function hashParts(parts: Iterable<string | Uint8Array>): string {
  const hasher = createHash('sha256');
  for (const part of parts) hasher.update(part);
  return hasher.digest('hex');
}

/** Lines a run of `hashLines` holds. */
export const LINES_PER_RUN = 1024;

/**
 * `hashParts` of `head`, then `line(item)` of each of `items` in turn: the lines joined
 * `LINES_PER_RUN` at a time and hashed a run at a time — never one text of them all, which at
 * 100,000 posts is several MB that outlive V8's young generation for nothing. A line should end
 * itself (a newline, or JSON that closes), so that the runs read back one way only.
 */
export function hashLines<T>(items: readonly T[], line: (item: T) => string, head = ''): string {
  return hashParts(linesInRuns(items, line, head));
}

function* linesInRuns<T>(
  items: readonly T[],
  line: (item: T) => string,
  head: string,
): Generator<string, void, undefined> {
  if (head) yield head;
  for (let at = 0; at < items.length; at += LINES_PER_RUN) {
    let run = '';
    const end = Math.min(items.length, at + LINES_PER_RUN);
    for (let i = at; i < end; i++) run += line(items[i] as T);
    yield run;
  }
}

/**
 * What stands for a post's rendered item in keys and in the manifest: it changes whenever the
 * file's front matter or body bytes do.
 */
export function contentKeyOf(headHash: string, bodyHash: string): string {
  return hashBytes(headHash + bodyHash);
}
