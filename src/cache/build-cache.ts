import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { RenderedBody } from '../derive/derive-feeds.js';
import type { Diagnostic } from '../diagnostics.js';
import type { ParsedFile } from '../load/parse-file.js';

/** A post's rendered body, valid while its front matter and body bytes are the same. */
export interface RenderedEntry extends RenderedBody {
  headHash: string;
  bodyHash: string;
  diagnostics: Diagnostic[];
}

interface Payload {
  key: string;
  files: [string, ParsedFile][];
  rendered: [string, RenderedEntry][];
}

const MAGIC = Buffer.from('feedwright-cache-1\n');
const DIGEST_BYTES = 32;

/**
 * What the previous build learned: every post file's parsed front matter (keyed by path, valid
 * while size and mtime match) and the rendered bodies of posts that were in some feed (valid
 * while their content hashes match). One file, checksummed: a corrupt or truncated cache is
 * detected and discarded, never trusted. `key` covers the config and feedwright's version, so
 * changing either starts afresh.
 */
export class BuildCache {
  readonly files: Map<string, ParsedFile>;
  readonly rendered: Map<string, RenderedEntry>;
  private changed = false;

  private constructor(
    readonly key: string,
    payload?: Payload,
  ) {
    this.files = new Map(payload?.files);
    this.rendered = new Map(payload?.rendered);
  }

  static empty(key: string): BuildCache {
    return new BuildCache(key);
  }

  /** Opens the cache at `file`; `problem` says why an existing cache was not used. */
  static async open(file: string, key: string): Promise<{ cache: BuildCache; problem?: string }> {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      return { cache: BuildCache.empty(key) };
    }
    const payload = decode(bytes);
    if (!payload)
      return {
        cache: BuildCache.empty(key),
        problem: 'the build cache was corrupt and has been discarded',
      };
    if (payload.key !== key)
      return {
        cache: BuildCache.empty(key),
        problem: 'the config or feedwright changed: starting with an empty cache',
      };
    return { cache: new BuildCache(key, payload) };
  }

  setFile(entry: ParsedFile): void {
    this.files.set(entry.sourcePath, entry);
    this.changed = true;
  }

  setRendered(sourcePath: string, entry: RenderedEntry): void {
    this.rendered.set(sourcePath, entry);
    this.changed = true;
  }

  /** Forgets files that no longer exist. */
  keepOnly(sourcePaths: ReadonlySet<string>): void {
    for (const map of [this.files, this.rendered]) {
      for (const key of map.keys()) {
        if (!sourcePaths.has(key)) {
          map.delete(key);
          this.changed = true;
        }
      }
    }
  }

  get dirty(): boolean {
    return this.changed;
  }

  /** Writes atomically (temporary file, then rename), so a concurrent build never reads half a cache. */
  async save(file: string): Promise<void> {
    if (!this.changed) return;
    const payload: Payload = {
      key: this.key,
      files: [...this.files],
      rendered: [...this.rendered],
    };
    const body = serialize(payload);
    const digest = createHash('sha256').update(body).digest();
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await writeFile(tmp, Buffer.concat([MAGIC, digest, body]));
      await rename(tmp, file);
    } finally {
      await rm(tmp, { force: true });
    }
    this.changed = false;
  }
}

function decode(bytes: Buffer): Payload | undefined {
  if (bytes.length < MAGIC.length + DIGEST_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
    return undefined;
  const digest = bytes.subarray(MAGIC.length, MAGIC.length + DIGEST_BYTES);
  const body = bytes.subarray(MAGIC.length + DIGEST_BYTES);
  if (!createHash('sha256').update(body).digest().equals(digest)) return undefined;
  try {
    const payload = deserialize(body) as Payload;
    if (
      typeof payload?.key !== 'string' ||
      !Array.isArray(payload.files) ||
      !Array.isArray(payload.rendered)
    )
      return undefined;
    return payload;
  } catch {
    return undefined;
  }
}

/** Cache key: a change to the config or to feedwright itself invalidates everything. */
export function cacheKey(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
