/**
 * A read-only map as a `Map`, to compare with one: a record read back from the cache gives its
 * manifest and keys as `ColumnMap`s, which hold the same entries.
 */
export function asMap<K, V>(map: ReadonlyMap<K, V> | undefined): Map<K, V> | undefined {
  return map && new Map(map);
}
