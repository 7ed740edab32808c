import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  areItemColumns,
  type ItemColumns,
  NO_ITEMS,
  StoredItems,
} from '../../../src/incremental/stored-items.js';
import type { ItemShelf, ItemXml } from '../../../src/model.js';
import { itemXml, xmlText } from '../../helpers/model.js';

const entriesOf = (shelf: ItemShelf) =>
  new Map([...shelf.keys()].map((key) => [key, xmlText(shelf.get(key))]));
const textsOf = (items: Map<string, ItemXml>) =>
  new Map([...items].map(([key, xml]) => [key, xmlText(xml)]));

/** `items` stored, as a build stores them, and read back from V8's serializer. */
function stored(items: Map<string, ItemXml>): StoredItems {
  const columns = new StoredItems().with({ earlier: [], fresh: items });
  return new StoredItems(deserialize(serialize(columns)) as ItemColumns);
}

describe('StoredItems', () => {
  it('gives back every item as it was written, beyond Latin-1 too, the same array each time', () => {
    const items = new Map<string, ItemXml>([
      ['a\u0000rss', itemXml('<item>Café — “quoted” 😀', '</item>')],
      ['b\u0000atom', itemXml('<entry>plain</entry>')],
      ['c\u0000rss', itemXml('', '')],
    ]);
    const shelf = stored(items);
    expect(shelf.size).toBe(3);
    expect(entriesOf(shelf)).toEqual(textsOf(items));
    expect(shelf.get('a\u0000rss')).toBe(shelf.get('a\u0000rss'));
    expect(shelf.get('z\u0000rss')).toBeUndefined();
    expect(shelf.has('b\u0000atom')).toBe(true);
    expect(shelf.has('z\u0000rss')).toBe(false);
  });

  it('keeps the earlier items by their bytes, without reading them, then the fresh ones', () => {
    const shelf = stored(
      new Map<string, ItemXml>([
        ['a\u0000rss', itemXml('<item>é', '</item>')],
        ['b\u0000rss', itemXml('<item>b</item>')],
        ['c\u0000rss', itemXml('<item>ç', '</item>')],
      ]),
    );
    const next = new StoredItems(
      shelf.with({
        earlier: ['c\u0000rss', 'gone\u0000rss', 'a\u0000rss'],
        fresh: new Map([['d\u0000atom', itemXml('<entry>d — new</entry>')]]),
      }),
    );
    expect(entriesOf(next)).toEqual(
      new Map([
        ['c\u0000rss', ['<item>ç', '</item>']],
        ['a\u0000rss', ['<item>é', '</item>']],
        ['d\u0000atom', ['<entry>d — new</entry>']],
      ]),
    );
    // None was taken to copy them: the earlier shelf's own cache of items is empty.
    expect((shelf as unknown as { taken: Map<number, ItemXml> }).taken.size).toBe(0);
  });

  it('round-trips any text through the stored form and a copy of it', () => {
    const part = fc.string({ unit: 'grapheme', maxLength: 40 });
    const xml = fc.oneof(
      fc.tuple(part).map((parts) => itemXml(...parts)),
      fc.tuple(part, part).map((parts) => itemXml(...parts)),
    );
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.string(), xml), { selector: ([k]) => k }), (list) => {
        const items = new Map(list);
        const shelf = stored(items);
        expect(entriesOf(shelf)).toEqual(textsOf(items));
        const copy = new StoredItems(shelf.with({ earlier: [...items.keys()], fresh: new Map() }));
        expect(entriesOf(copy)).toEqual(textsOf(items));
      }),
    );
  });

  it('refuses columns that do not agree with each other', () => {
    const good = new StoredItems().with({
      earlier: [],
      fresh: new Map([['a', itemXml('x', 'y')]]),
    });
    expect(areItemColumns(good)).toBe(true);
    expect(areItemColumns(NO_ITEMS)).toBe(true);
    expect(areItemColumns(undefined)).toBe(false);
    expect(areItemColumns([['a', ['x']]])).toBe(false); // the format before
    expect(areItemColumns({ ...good, keys: [] })).toBe(false);
    expect(areItemColumns({ ...good, parts: Uint8Array.from([3]) })).toBe(false);
    expect(areItemColumns({ ...good, sizes: Uint32Array.from([1, 2]) })).toBe(false);
    expect(areItemColumns({ ...good, text: new Uint8Array(1) })).toBe(false);
  });
});
