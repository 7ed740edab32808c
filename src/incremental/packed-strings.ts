/**
 * Columns of strings as the cache stores them: each one string, its texts joined by U+0000, cut
 * apart only when a build reads the column. V8 decodes 100,000 strings one by one (the heads of
 * 100,000 posts hold 1.2 million), but one long string at once; and a build that finds nothing
 * changed reads few of the columns it stores (the files' paths, not their hashes, slugs or URLs).
 */

/** A column of strings stored as one: its texts joined by U+0000, and how many there are. */
export interface PackedStrings {
  packed: string;
  count: number;
}

/** A column of strings as stored: packed, or as it is (see `packStrings`). */
export type StoredStrings = PackedStrings | readonly string[];

/** `T` as stored, each of its columns `K` packed. */
export type Packed<T, K extends keyof T> = Omit<T, K> & { [key in K]: StoredStrings };

/**
 * `column` as stored: packed, unless a text holds U+0000 itself (no file path does, and the
 * fields of front matter have it removed; such a column is stored as it is).
 */
export function packStrings(column: readonly string[]): StoredStrings {
  for (const text of column) if (text.includes('\u0000')) return column;
  return { packed: column.join('\u0000'), count: column.length };
}

/** The texts of a stored column. Throws (a bug: the cache file's checksum held) on a bad count. */
export function unpackStrings(stored: StoredStrings): string[] {
  if (!isPacked(stored)) return [...stored];
  // '' is one empty text, or none: the count tells.
  const texts = stored.count === 0 ? [] : stored.packed.split('\u0000');
  if (texts.length !== stored.count)
    throw new Error(`a packed column of ${stored.count} texts holds ${texts.length}`);
  return texts;
}

/** True when `value` is a column of strings as stored, packed or not. */
export function isStoredStrings(value: unknown): value is StoredStrings {
  if (Array.isArray(value)) return value.every((text) => typeof text === 'string');
  const { packed, count } = (value ?? {}) as Partial<PackedStrings>;
  return typeof packed === 'string' && typeof count === 'number';
}

/** How many texts a stored column holds. */
export function storedCount(stored: StoredStrings): number {
  return isPacked(stored) ? stored.count : stored.length;
}

function isPacked(stored: StoredStrings): stored is PackedStrings {
  return !Array.isArray(stored);
}

/** `record` with each of its columns `keys` packed (see `packStrings`). */
export function packColumns<T extends object, K extends keyof T>(
  record: T,
  keys: readonly K[],
): Packed<T, K> {
  const stored = { ...record } as Record<PropertyKey, unknown>;
  for (const key of keys) stored[key] = packStrings(record[key] as readonly string[]);
  return stored as Packed<T, K>;
}

/**
 * `stored` with each of its columns `keys` a column of strings again, each cut apart the first
 * time it is read: a build reads only the columns it needs.
 */
export function unpackedColumns<T extends object, K extends keyof T>(
  stored: Packed<T, K>,
  keys: readonly K[],
): T {
  const columns: Record<PropertyKey, unknown> = { ...stored };
  for (const key of keys) {
    const column = (stored as Record<PropertyKey, unknown>)[key] as StoredStrings;
    let texts: string[] | undefined;
    Object.defineProperty(columns, key, {
      enumerable: true,
      get: () => {
        texts ??= unpackStrings(column);
        return texts;
      },
    });
  }
  return columns as T;
}
