import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  isStoredStrings,
  packColumns,
  packStrings,
  storedCount,
  unpackedColumns,
  unpackStrings,
} from '../../../src/incremental/packed-strings.js';

describe('packStrings and unpackStrings', () => {
  it('give back every column of strings as it was, through the cache’s encoding', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 20 }), (column) => {
        const stored = deserialize(serialize(packStrings(column)));
        expect(isStoredStrings(stored)).toBe(true);
        expect(storedCount(stored)).toBe(column.length);
        expect(unpackStrings(stored)).toEqual(column);
      }),
    );
  });

  it('tells no text from one empty text, and stores a column holding U+0000 as it is', () => {
    expect(packStrings([])).toEqual({ packed: '', count: 0 });
    expect(packStrings([''])).toEqual({ packed: '', count: 1 });
    expect(unpackStrings({ packed: '', count: 0 })).toEqual([]);
    expect(unpackStrings({ packed: '', count: 1 })).toEqual(['']);
    expect(packStrings(['a', ''])).toEqual({ packed: 'a\u0000', count: 2 });
    const nul = ['a\u0000b', 'c'];
    expect(packStrings(nul)).toBe(nul);
    // A column given back is the caller's own to change.
    expect(unpackStrings(nul)).not.toBe(nul);
  });

  it('refuses (a bug) a packed column that holds another number of texts than it says', () => {
    expect(() => unpackStrings({ packed: 'a\u0000b', count: 3 })).toThrow(
      'a packed column of 3 texts holds 2',
    );
  });

  it('knows a stored column from anything else', () => {
    expect(isStoredStrings(['a', ''])).toBe(true);
    expect(isStoredStrings({ packed: 'a', count: 1 })).toBe(true);
    for (const other of [undefined, null, 'a', ['a', 1], { packed: 'a' }, { count: 1 }])
      expect(isStoredStrings(other)).toBe(false);
  });
});

describe('packColumns and unpackedColumns', () => {
  const record = { paths: ['a.html', 'b/index.html'], texts: ['x', 'y'], rows: 2 };

  it('pack the columns named, and leave the rest of a record as it is', () => {
    const stored = packColumns(record, ['paths', 'texts']);
    expect(stored).toEqual({
      paths: { packed: 'a.html\u0000b/index.html', count: 2 },
      texts: { packed: 'x\u0000y', count: 2 },
      rows: 2,
    });
    expect(record.paths).toEqual(['a.html', 'b/index.html']);
    const back = unpackedColumns<typeof record, 'paths' | 'texts'>(deserialize(serialize(stored)), [
      'paths',
      'texts',
    ]);
    expect(back).toEqual(record);
  });

  it('cut a column apart only when it is first read, and once', () => {
    const stored = packColumns(record, ['paths', 'texts']);
    const split = vi.spyOn(String.prototype, 'split');
    const back = unpackedColumns(stored, ['paths', 'texts']);
    expect(back.rows).toBe(2);
    expect(split).not.toHaveBeenCalled();
    expect(back.paths[1]).toBe('b/index.html');
    expect(back.paths).toBe(back.paths);
    expect(split).toHaveBeenCalledTimes(1);
    split.mockRestore();
  });

  it('read columns stored as they are (a column holding U+0000) too', () => {
    const nul = { paths: ['a\u0000'], texts: ['x'] };
    expect(unpackedColumns(packColumns(nul, ['paths', 'texts']), ['paths', 'texts'])).toEqual(nul);
  });
});
