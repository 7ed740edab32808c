import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { rowLookup, sameStamp, stampAt, stampColumns, stampLookup } from '../../src/file-stamps.js';

const STAMPS = {
  'rss.xml': { size: 120, mtimeMs: 1796339871246.9614 },
  'a/index.html': { size: 0, mtimeMs: 1 },
  '': { size: 4096, mtimeMs: 2.5 },
};

describe('stamp columns', () => {
  it('keep every stamp, in order, through the cache’s serializer', () => {
    const columns = deserialize(serialize(stampColumns(STAMPS)));
    expect(columns.paths).toEqual(['rss.xml', 'a/index.html', '']);
    expect(Object.fromEntries(columns.paths.map((p: string) => [p, stampAt(columns, p)]))).toEqual(
      STAMPS,
    );
  });

  it('find a path’s stamp by a scan or through a lookup, and none for a path not recorded', () => {
    const columns = stampColumns(STAMPS);
    const lookup = stampLookup(columns);
    for (const [path, stamp] of Object.entries(STAMPS)) {
      expect(stampAt(columns, path)).toEqual(stamp);
      expect(lookup(path)).toEqual(stamp);
    }
    expect(stampAt(columns, 'other.xml')).toBeUndefined();
    expect(lookup('other.xml')).toBeUndefined();
    const none = stampColumns({});
    expect(stampAt(none, '')).toBeUndefined();
    expect(none.stamps).toHaveLength(0);
  });

  it('tell a stamp still held from one changed, missing or never recorded', () => {
    const stamp = { size: 120, mtimeMs: 2.5 };
    expect(sameStamp(stamp, { size: 120, mtimeMs: 2.5 })).toBe(true);
    expect(sameStamp(stamp, { size: 121, mtimeMs: 2.5 })).toBe(false);
    expect(sameStamp(stamp, { size: 120, mtimeMs: 3 })).toBe(false);
    expect(sameStamp(stamp, undefined)).toBe(false);
    expect(sameStamp(undefined, stamp)).toBe(false);
    // A folder recorded while still changing has no mtime: it never matches.
    expect(
      sameStamp({ size: 4096, mtimeMs: Number.NaN }, { size: 4096, mtimeMs: Number.NaN }),
    ).toBe(false);
  });

  it('give each path its row, the same from every lookup of the same columns, and -1 for none', () => {
    const columns = stampColumns({
      'a.xml': { size: 1, mtimeMs: 2 },
      'b/c.html': { size: 3, mtimeMs: 4 },
    });
    const first = rowLookup(columns);
    expect([first('a.xml'), first('b/c.html'), first('d')]).toEqual([0, 1, -1]);
    expect(rowLookup(columns)('b/c.html')).toBe(1);
    expect(rowLookup(stampColumns({}))('a.xml')).toBe(-1);
  });
});
