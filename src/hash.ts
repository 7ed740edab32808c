/** Every hash feedwright takes, each named for what it is for. */
import { createHash, hash } from 'node:crypto';

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

/** The SHA-1 bytes of a stored file's body: detects truncation and damage, not tampering. */
export function checksum(body: Uint8Array): Buffer {
  return hash('sha1', body, 'buffer');
}

/** SHA-256 in hex of several parts in a row, without joining them first. */
export function hashParts(parts: Iterable<string | Uint8Array>): string {
  const hasher = createHash('sha256');
  for (const part of parts) hasher.update(part);
  return hasher.digest('hex');
}

/**
 * What stands for a post's rendered item in keys and in the manifest: it changes whenever the
 * file's front matter or body bytes do.
 */
export function contentKeyOf(headHash: string, bodyHash: string): string {
  return hashBytes(headHash + bodyHash);
}
