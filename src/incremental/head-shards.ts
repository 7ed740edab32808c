/**
 * The parsed heads of every post file, kept in `SHARDS` files by path: read on every build, and
 * written again only where a head changed — a build after one edit writes one file of ~1.5 MB at
 * 100,000 posts, not 50 MB of heads (and turns only that shard's heads back into columns). Each
 * file's size, mtime and warnings are decoded as the shard is read; the rest of its head only
 * when first asked for (`storedApart`): a build that finds nothing changed never asks.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { rowOf } from '../file-stamps.js';
import type { HeadRecord } from '../model.js';
import { fromColumns, type HeadColumns, toColumns } from './cache-columns.js';
import {
  decodeCacheFile,
  readApartGivingBack,
  SHARDS,
  shardFile,
  shardOf,
  storedApart,
  writeCacheFiles,
} from './cache-file.js';

interface HeadsPayload {
  key: string;
  /** Names this writing of the shard: the index lists the ones it was saved with. */
  stamp: string;
  files: StoredHeads;
}

/** What a build that finds nothing changed reads of each file's head. */
type Stamps = Pick<HeadColumns, 'sourcePath' | 'size' | 'mtimeMs' | 'diagnostics'>;

/** A shard's columns as its file keeps them: the stamps, and the rest apart (`storedApart`). */
type StoredHeads = Stamps & { rest: Uint8Array };

function storedHeads(columns: HeadColumns): StoredHeads {
  const { sourcePath, size, mtimeMs, diagnostics, ...rest } = columns;
  return { sourcePath, size, mtimeMs, diagnostics, rest: storedApart(rest) };
}

function isStoredHeads(files: Partial<StoredHeads> | undefined): boolean {
  return Array.isArray(files?.sourcePath) && files.rest instanceof Uint8Array;
}

/** The heads of every post file, by shard; `stamps` name each shard's file as last written. */
export class HeadShards {
  private columns: (StoredHeads | undefined)[];
  private filesMap: Map<string, HeadRecord> | undefined;
  private readonly changed = new Set<number>();

  private constructor(
    private stamps: string[],
    columns: (StoredHeads | undefined)[],
  ) {
    this.columns = columns;
  }

  /** No heads: a cache starting afresh. */
  static empty(): HeadShards {
    return new HeadShards(new Array<string>(SHARDS).fill(''), []);
  }

  /**
   * The shards written with `stamps` (as the index names them; '' for a shard holding no file)
   * under `key`, from the bytes of each shard's file (`shardFile`; undefined when it could not be
   * read). `lost`: a shard the index names is missing, damaged or of another writing (a build that
   * stopped before its index was saved): its files are read again, and it is written again
   * however few of them are left.
   */
  static async read(
    key: string,
    stamps: readonly string[],
    files: readonly Promise<Buffer | undefined>[],
  ): Promise<{ heads: HeadShards; lost: boolean }> {
    const columns = await Promise.all(
      stamps.map(async (stamp, k) => {
        const bytes = await files[k];
        if (!stamp) return undefined;
        const payload =
          bytes && decodeCacheFile<HeadsPayload>(bytes, (p) => isStoredHeads(p.files));
        return payload?.key === key && payload.stamp === stamp ? payload.files : undefined;
      }),
    );
    const heads = new HeadShards([...stamps], columns);
    stamps.forEach((stamp, k) => {
      if (stamp && !columns[k]) heads.changed.add(k);
    });
    return { heads, lost: heads.changed.size > 0 };
  }

  /**
   * Every file's parsed front matter; built from the stored columns on first use. A shard whose
   * front matter part does not read back (only a bug could write one) is lost as a damaged file
   * is: its files are read again, and it is written again.
   */
  get files(): Map<string, HeadRecord> {
    if (!this.filesMap) {
      const files = new Map<string, HeadRecord>();
      this.columns.forEach((c, k) => {
        if (!c) return;
        const { rest, ...stamps } = c;
        let others: Omit<HeadColumns, keyof Stamps>;
        try {
          // The last of the shard's file that was needed: its memory goes now (~50 MB).
          others = readApartGivingBack(rest);
        } catch {
          this.changed.add(k);
          return;
        }
        fromColumns({ ...stamps, ...others }, files);
      });
      this.filesMap = files;
      this.columns = [];
    }
    return this.filesMap;
  }

  /** True when some file is known. */
  get hasFiles(): boolean {
    return this.filesMap ? this.filesMap.size > 0 : this.columns.some((c) => c?.sourcePath.length);
  }

  /** True when a shard is to be written: a head set or forgotten in it, or the shard lost when read. */
  get hasChanges(): boolean {
    return this.changed.size > 0;
  }

  set(entry: HeadRecord): void {
    this.files.set(entry.sourcePath, entry);
    this.changed.add(shardOf(entry.sourcePath));
  }

  /** Forgets files not in `sourcePaths`; true if there were any. */
  keepOnly(sourcePaths: ReadonlySet<string>): boolean {
    const files = this.files;
    let removed = false;
    for (const key of files.keys()) {
      if (!sourcePaths.has(key)) {
        files.delete(key);
        this.changed.add(shardOf(key));
        removed = true;
      }
    }
    return removed;
  }

  /**
   * True when `sourcePaths` are exactly the files known, each with the size and mtime in `stamps`
   * ([size, mtimeMs] pairs). Answered from the stored columns while there are, without building
   * an object per file.
   */
  unchanged(sourcePaths: readonly string[], stamps: Float64Array): boolean {
    if (this.filesMap) {
      const files = this.filesMap;
      return (
        files.size === sourcePaths.length &&
        sourcePaths.every((p, i) => {
          const f = files.get(p);
          return f !== undefined && f.size === stamps[2 * i] && f.mtimeMs === stamps[2 * i + 1];
        })
      );
    }
    // Each file looked for in its shard, which keeps them in the order they were found in when
    // it was written (new ones after): no map of every path (~60 ms at 100,000 posts).
    let known = 0;
    for (const c of this.columns) known += c?.sourcePath.length ?? 0;
    if (known !== sourcePaths.length) return false;
    const lookups = this.columns.map((c) => c && rowOf(c.sourcePath));
    return sourcePaths.every((p, i) => {
      const k = shardOf(p);
      const c = this.columns[k];
      const r = lookups[k]?.(p) ?? -1;
      return (
        c !== undefined &&
        r !== -1 &&
        c.size[r] === stamps[2 * i] &&
        c.mtimeMs[r] === stamps[2 * i + 1]
      );
    });
  }

  /** The stored diagnostics of every file, in `sourcePaths` order. */
  storedDiagnostics(sourcePaths: readonly string[]): Diagnostic[] {
    if (this.filesMap) return sourcePaths.flatMap((p) => this.filesMap?.get(p)?.diagnostics ?? []);
    const byPath = new Map<string, Diagnostic[]>();
    for (const c of this.columns)
      for (const [r, d] of c?.diagnostics ?? []) byPath.set(c?.sourcePath[r] as string, d);
    return byPath.size === 0 ? [] : sourcePaths.flatMap((p) => byPath.get(p) ?? []);
  }

  /**
   * Writes the shards that changed (one with no file left is written empty), each atomically;
   * returns every shard's stamp, for the index, which must be saved after them.
   */
  async save(file: string, key: string): Promise<string[]> {
    if (this.changed.size === 0) return this.stamps;
    const shards = new Map([...this.changed].map((k) => [k, new Map<string, HeadRecord>()]));
    for (const [sourcePath, head] of this.files)
      shards.get(shardOf(sourcePath))?.set(sourcePath, head);
    const stamps = [...this.stamps];
    // Each shard's columns are made when its turn comes to be written.
    function* payloads() {
      for (const [k, heads] of shards) {
        const stamp = randomBytes(8).toString('hex');
        stamps[k] = stamp;
        const payload: HeadsPayload = { key, stamp, files: storedHeads(toColumns(heads)) };
        yield [shardFile(file, 'heads', k), payload] as const;
      }
    }
    await writeCacheFiles(path.dirname(file), payloads());
    this.stamps = stamps;
    this.changed.clear();
    return stamps;
  }
}
