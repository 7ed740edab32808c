/**
 * The keys the last build took of its items, kept for the next. An item is made of its post file
 * (whose bytes its content key stands for) and of what the site around it says (its groups, the
 * language versions of its story, its image file): a key taken of the same file's item in the
 * same context is the key the item would be given again. After one change to a site of 100,000
 * stories, taking every item's key again was ~0.8 s; looking each up is ~0.1 µs.
 */
import type { TakenItemKey } from '../model.js';
import { decodeCacheFile, readIfThere } from './cache-file.js';

/** The file: the keys of one context, in three columns. */
export interface ItemKeysPayload {
  key: string;
  /** What made the items besides their files (see `itemContextKey`). */
  context: string;
  sources: string[];
  contentKeys: string[];
  keys: string[];
}

function isPayload(value: Partial<ItemKeysPayload>): boolean {
  const { sources, contentKeys, keys } = value;
  return (
    typeof value.context === 'string' &&
    Array.isArray(sources) &&
    Array.isArray(contentKeys) &&
    Array.isArray(keys) &&
    contentKeys.length === sources.length &&
    keys.length === sources.length
  );
}

/** The keys kept by the last build: none when the file is missing, damaged or of another cache. */
export class ItemKeys {
  private byFile: Map<string, number> | undefined;

  private constructor(private readonly kept: ItemKeysPayload | undefined) {}

  static read(file: string | undefined, cacheKey: string): ItemKeys {
    const bytes = file ? readIfThere(file) : undefined;
    const payload = bytes ? decodeCacheFile<ItemKeysPayload>(bytes, isPayload) : undefined;
    return new ItemKeys(payload?.key === cacheKey ? payload : undefined);
  }

  /**
   * The key kept for an item made in `context` of the file it names, while that file holds what
   * it held then (the same content key); none in another context.
   */
  known(context: string): (item: { source: string; contentKey: string }) => string | undefined {
    const kept = this.kept;
    if (kept?.context !== context) return () => undefined;
    this.byFile ??= new Map(kept.sources.map((source, i) => [source, i]));
    const byFile = this.byFile;
    return ({ source, contentKey }) => {
      const i = byFile.get(source);
      return i !== undefined && kept.contentKeys[i] === contentKey ? kept.keys[i] : undefined;
    };
  }

  /**
   * What to save for `taken` in `context`: each item's key as taken, else as kept (the same file in
   * the same context), else none; undefined when that is what is kept already.
   */
  next(
    cacheKey: string,
    context: string,
    taken: readonly TakenItemKey[],
  ): ItemKeysPayload | undefined {
    const known = this.known(context);
    const next: ItemKeysPayload = {
      key: cacheKey,
      context,
      sources: [],
      contentKeys: [],
      keys: [],
    };
    for (const [source, contentKey, key = known({ source, contentKey })] of taken) {
      if (key === undefined) continue;
      next.sources.push(source);
      next.contentKeys.push(contentKey);
      next.keys.push(key);
    }
    return sameKeys(this.kept, next) ? undefined : next;
  }
}

function sameKeys(kept: ItemKeysPayload | undefined, next: ItemKeysPayload): boolean {
  return (
    kept?.context === next.context &&
    kept.sources.length === next.sources.length &&
    next.sources.every(
      (source, i) =>
        kept.sources[i] === source &&
        kept.contentKeys[i] === next.contentKeys[i] &&
        kept.keys[i] === next.keys[i],
    )
  );
}
