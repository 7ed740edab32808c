/**
 * The keys the last build took of its items, kept for the next. An item is made of its post file
 * (whose bytes its content key stands for) and of what the site around it says (its groups, the
 * language versions of its story, its image file): a key taken of the same file's item in the
 * same context is the key the item would be given again. After one change to a site of 100,000
 * stories, taking every item's key again was ~0.8 s; looking each up is ~0.1 µs. So with the key
 * of each item's page, made of the item and of what every page shows (the page context): taking
 * them all again was ~0.45 s.
 */
import type { KnownKey, TakenKeys } from '../model.js';
import { decodeCacheFile, readIfThere } from './cache-file.js';

/** The file: the keys of one context (and one page context), in columns by item file. */
export interface ItemKeysPayload {
  key: string;
  /** What made the items besides their files (see `itemContextKey`). */
  context: string;
  /** What made the pages besides their items (see `pageContextKey`); '' for a site without. */
  pageContext: string;
  sources: string[];
  contentKeys: string[];
  /** Each item's key, '' for none. */
  keys: string[];
  /** The key of each item's page, '' for none. */
  pageKeys: string[];
}

function isPayload(value: Partial<ItemKeysPayload>): boolean {
  const { sources, contentKeys, keys, pageKeys } = value;
  return (
    typeof value.context === 'string' &&
    typeof value.pageContext === 'string' &&
    Array.isArray(sources) &&
    Array.isArray(contentKeys) &&
    Array.isArray(keys) &&
    Array.isArray(pageKeys) &&
    contentKeys.length === sources.length &&
    keys.length === sources.length &&
    pageKeys.length === sources.length
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
  known(context: string): KnownKey {
    return this.lookup(context, undefined, this.kept?.keys);
  }

  /**
   * The key kept for the page of an item made in `context` of the file it names, the pages made
   * in `pageContext`, while the file holds what it held then; none in another context.
   */
  knownPages(context: string, pageContext: string): KnownKey {
    return this.lookup(context, pageContext, this.kept?.pageKeys);
  }

  private lookup(context: string, pageContext: string | undefined, column?: string[]): KnownKey {
    const kept = this.kept;
    if (!kept || !column || kept.context !== context) return () => undefined;
    if (pageContext !== undefined && kept.pageContext !== pageContext) return () => undefined;
    this.byFile ??= new Map(kept.sources.map((source, i) => [source, i]));
    const byFile = this.byFile;
    return ({ source, contentKey }) => {
      const i = byFile.get(source);
      return i !== undefined && kept.contentKeys[i] === contentKey
        ? column[i] || undefined
        : undefined;
    };
  }

  /**
   * What to save for `taken` in `context`: each item's key and its page's as taken, else as kept
   * (the same file in the same contexts), else none; undefined when that is what is kept already.
   */
  next(cacheKey: string, context: string, taken: TakenKeys): ItemKeysPayload | undefined {
    const pageContext = taken.pageContext ?? '';
    const known = this.known(context);
    const knownPage = this.knownPages(context, pageContext);
    const next: ItemKeysPayload = {
      key: cacheKey,
      context,
      pageContext,
      sources: [],
      contentKeys: [],
      keys: [],
      pageKeys: [],
    };
    for (let row = 0; row < taken.sources.length; row++) {
      const source = taken.sources[row] as string;
      const contentKey = taken.contentKeys[row] as string;
      const key = taken.keys[row] ?? known({ source, contentKey });
      const pageKey = taken.pageKeys[row] ?? knownPage({ source, contentKey });
      if (key === undefined && pageKey === undefined) continue;
      next.sources.push(source);
      next.contentKeys.push(contentKey);
      next.keys.push(key ?? '');
      next.pageKeys.push(pageKey ?? '');
    }
    return sameKeys(this.kept, next) ? undefined : next;
  }
}

function sameKeys(kept: ItemKeysPayload | undefined, next: ItemKeysPayload): boolean {
  return (
    kept?.context === next.context &&
    kept.pageContext === next.pageContext &&
    kept.sources.length === next.sources.length &&
    next.sources.every(
      (source, i) =>
        kept.sources[i] === source &&
        kept.contentKeys[i] === next.contentKeys[i] &&
        kept.keys[i] === next.keys[i] &&
        kept.pageKeys[i] === next.pageKeys[i],
    )
  );
}
