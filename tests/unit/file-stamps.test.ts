import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ROWS_AHEAD,
  rowLookup,
  SCANS_BEFORE_INDEX,
  sameStamp,
  stampAt,
  stampLookup,
} from '../../src/file-stamps.js';
import { stampColumns } from '../helpers/stamps.js';

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

  it('find rows asked in order, past rows no longer asked for, and out of order', () => {
    const paths = Array.from({ length: 40 }, (_, i) => `p${i}/index.html`);
    const columns = {
      paths,
      stamps: Float64Array.from(paths.flatMap((_, i) => [i, i])),
    };
    const lookup = rowLookup(columns);
    // In order, a few rows skipped (files gone), then one far ahead, then back, then none.
    const asked = [0, 1, 2, 5, 5 + ROWS_AHEAD, 30, 3, 4, 39];
    expect(asked.map((row) => lookup(paths[row] as string))).toEqual(asked);
    expect(lookup('new/index.html')).toBe(-1);
    expect(lookup('p0/index.html')).toBe(0);
    expect(stampLookup(columns)('p7/index.html')).toEqual({ size: 7, mtimeMs: 7 });
  });

  it('find rows as well once they are indexed, after many paths were found out of order', () => {
    const paths = Array.from({ length: 200 }, (_, i) => `p${i}.html`);
    const columns = { paths, stamps: new Float64Array(paths.length * 2) };
    const lookup = rowLookup(columns);
    // From the end backwards: every one is out of order, past the scans before the index.
    const asked = paths.map((_, i) => paths.length - 1 - i);
    expect(asked.length).toBeGreaterThan(2 * SCANS_BEFORE_INDEX);
    expect(asked.map((row) => lookup(paths[row] as string))).toEqual(asked);
    expect([lookup('gone.html'), lookup('p0.html'), lookup('p1.html')]).toEqual([-1, 0, 1]);
    // Another lookup of the same columns takes the index as made.
    expect(rowLookup(columns)('p150.html')).toBe(150);
  });

  it('give every path its row whatever the order asked in, and -1 for any other', () => {
    const path = fc.stringMatching(/^[a-c]{1,3}(\/[a-c]{1,2})?$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(path, { maxLength: 30 }),
        fc.array(fc.oneof(fc.nat({ max: 40 }), path), { maxLength: 120 }),
        (paths, asks) => {
          const columns = { paths, stamps: new Float64Array(paths.length * 2) };
          const lookup = rowLookup(columns);
          for (const ask of asks) {
            const p = typeof ask === 'number' ? (paths[ask] ?? `${ask}`) : ask;
            expect(lookup(p)).toBe(paths.indexOf(p));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
