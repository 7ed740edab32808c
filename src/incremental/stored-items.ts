/**
 * The feed items a build keeps for the next (see `CarriedItems`), as the cache stores them: their
 * keys, and their text as UTF-8 in one buffer. A build after one new story takes a few dozen of
 * the thousands kept, as the bytes they were read as (feed documents are written from items'
 * bytes: see `ItemXml`), and keeps the rest as they were. (Kept as strings, most of them hold a
 * character beyond Latin-1 and were stored as UTF-16: 25 MB at 10,000 posts, against 14 MB as
 * UTF-8.)
 */
import type { ItemShelf, ItemXml, KeptItems } from '../model.js';

/** Items as the cache file holds them. */
export interface ItemColumns {
  keys: string[];
  /** How many parts each item has: 1, or 2 when it is cut where its full text goes. */
  parts: Uint8Array;
  /** The length of each part in bytes of `text`, item after item. */
  sizes: Uint32Array;
  /** Every part, one after the other, as UTF-8. */
  text: Uint8Array;
}

export const NO_ITEMS: ItemColumns = {
  keys: [],
  parts: new Uint8Array(0),
  sizes: new Uint32Array(0),
  text: new Uint8Array(0),
};

/** True when `columns` are items' columns that agree with each other (see `ItemColumns`). */
export function areItemColumns(columns: unknown): columns is ItemColumns {
  const c = columns as Partial<ItemColumns> | undefined;
  if (
    !Array.isArray(c?.keys) ||
    !(c.parts instanceof Uint8Array) ||
    !(c.sizes instanceof Uint32Array) ||
    !(c.text instanceof Uint8Array) ||
    c.parts.length !== c.keys.length
  )
    return false;
  let parts = 0;
  for (const count of c.parts) parts += count;
  let bytes = 0;
  for (const size of c.sizes) bytes += size;
  return (
    parts === c.sizes.length && bytes === c.text.length && c.parts.every((n) => n === 1 || n === 2)
  );
}

/** Stored items: their keys at hand, each item decoded the first time it is asked for. */
export class StoredItems implements ItemShelf {
  private readonly text: Buffer;
  /** Where each item's first size is in `sizes`, and where its first byte is in `text`. */
  private readonly firstSize: Uint32Array;
  private readonly firstByte: Float64Array;
  private byKey: Map<string, number> | undefined;
  private readonly taken = new Map<number, ItemXml>();

  constructor(private readonly columns: ItemColumns = NO_ITEMS) {
    const { keys, parts, sizes, text } = columns;
    this.text = Buffer.from(text.buffer, text.byteOffset, text.byteLength);
    this.firstSize = new Uint32Array(keys.length + 1);
    this.firstByte = new Float64Array(keys.length + 1);
    for (let i = 0, size = 0, byte = 0; i < keys.length; i++) {
      const count = parts[i] as number;
      for (let part = 0; part < count; part++) byte += sizes[size + part] as number;
      size += count;
      this.firstSize[i + 1] = size;
      this.firstByte[i + 1] = byte;
    }
  }

  get size(): number {
    return this.columns.keys.length;
  }

  keys(): readonly string[] {
    return this.columns.keys;
  }

  has(key: string): boolean {
    return this.indexOf(key) !== undefined;
  }

  /** The item kept under `key`, its bytes as read: the same array each time it is asked for. */
  get(key: string): ItemXml | undefined {
    const i = this.indexOf(key);
    if (i === undefined) return undefined;
    let xml = this.taken.get(i);
    if (!xml) {
      const { sizes } = this.columns;
      let at = this.firstByte[i] as number;
      const parts: Uint8Array[] = [];
      for (let s = this.firstSize[i] as number; s < (this.firstSize[i + 1] as number); s++) {
        const end = at + (sizes[s] as number);
        parts.push(this.text.subarray(at, end));
        at = end;
      }
      xml = parts as unknown as ItemXml;
      this.taken.set(i, xml);
    }
    return xml;
  }

  /**
   * The columns of `kept`: its earlier items copied from this shelf's bytes, as they were (a key
   * not on it is left out: the build that wants it writes it again), then the ones written fresh.
   */
  with(kept: KeptItems): ItemColumns {
    const { parts, sizes } = this.columns;
    const keys: string[] = [];
    const counts: number[] = [];
    const lengths: number[] = [];
    const chunks: Uint8Array[] = [];
    for (const key of kept.earlier) {
      const i = this.indexOf(key);
      if (i === undefined) continue;
      keys.push(key);
      counts.push(parts[i] as number);
      for (let s = this.firstSize[i] as number; s < (this.firstSize[i + 1] as number); s++)
        lengths.push(sizes[s] as number);
      chunks.push(this.text.subarray(this.firstByte[i], this.firstByte[i + 1]));
    }
    for (const [key, xml] of kept.fresh) {
      keys.push(key);
      counts.push(xml.length);
      for (const part of xml) {
        lengths.push(part.byteLength);
        chunks.push(part);
      }
    }
    return {
      keys,
      parts: Uint8Array.from(counts),
      sizes: Uint32Array.from(lengths),
      text: Buffer.concat(chunks),
    };
  }

  private indexOf(key: string): number | undefined {
    if (!this.byKey) this.byKey = new Map(this.columns.keys.map((k, i) => [k, i]));
    return this.byKey.get(key);
  }
}
