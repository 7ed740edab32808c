import { describe, expect, it } from 'vitest';
import type { ItemShelf, ItemXml } from '../../../../src/model.js';
import { CarriedItems, changesWithNewStories } from '../../../../src/render/feeds/carried-items.js';
import { summaryKey } from '../../../../src/render/item-key.js';
import { itemXml, makeItem } from '../../../helpers/model.js';

const urls = { rss: 'r', atom: 'a', json: 'j' };

describe('changesWithNewStories', () => {
  it('is true for a subscription document and a feed’s newest archive, false for a full one', () => {
    expect(changesWithNewStories({})).toBe(true);
    expect(changesWithNewStories({ history: { prev: urls } })).toBe(true);
    expect(changesWithNewStories({ archive: 3, history: { current: urls, prev: urls } })).toBe(
      true,
    );
    expect(changesWithNewStories({ archive: 2, history: { current: urls, next: urls } })).toBe(
      false,
    );
  });
});

describe('CarriedItems', () => {
  const a = makeItem({ title: 'A' });
  const b = makeItem({ title: 'B' });
  const xml = (text: string): ItemXml => itemXml(`<item>${text}`, '</item>');

  /** A shelf that counts the items read from it. */
  function shelf(entries: [string, ItemXml][]): ItemShelf & { read: string[] } {
    const map = new Map(entries);
    const read: string[] = [];
    return {
      read,
      keys: () => map.keys(),
      get: (key) => {
        read.push(key);
        return map.get(key);
      },
    };
  }

  it('takes an earlier item by what it shows and its form, whatever the object, reading only it', () => {
    const earlier = shelf([
      [`${summaryKey(a)}\u0000rss`, xml('a')],
      [`${summaryKey(b)}\u0000rss`, xml('b')],
    ]);
    const carried = new CarriedItems(() => earlier);
    expect(carried.take({ ...a }, 'rss')).toEqual(xml('a'));
    expect(carried.take(a, 'atom')).toBeUndefined();
    expect(carried.take({ ...a, summary: 'Another summary' }, 'rss')).toBeUndefined();
    expect(earlier.read).toEqual([`${summaryKey(a)}\u0000rss`]);
    expect(new CarriedItems(() => new Map()).take(a, 'rss')).toBeUndefined();
  });

  it('keeps for the next build what was written now, and by key what was taken or not noted, for the given documents only', () => {
    const earlier = shelf([
      [`${summaryKey(a)}\u0000rss`, xml('a, earlier')],
      [`${summaryKey(a)}\u0000atom`, xml('a, earlier atom')],
      [`${summaryKey(a)}\u0000json`, xml('a, earlier json')],
      [`${summaryKey(b)}\u0000rss`, xml('b, earlier')],
    ]);
    const carried = new CarriedItems(() => earlier);
    expect(carried.keep([{ items: [a] }])).toBeUndefined(); // nothing rendered yet
    carried.rendering();
    carried.note(a, 'rss', xml('a, now'));
    const taken = carried.take(a, 'atom');
    if (!taken) throw new Error('not taken');
    carried.note(a, 'atom', taken);
    expect(carried.keep([{ items: [a] }])).toEqual({
      earlier: [`${summaryKey(a)}\u0000atom`, `${summaryKey(a)}\u0000json`],
      fresh: new Map([[`${summaryKey(a)}\u0000rss`, xml('a, now')]]),
    });
    // Kept by key, the items not taken were never read.
    expect(earlier.read).toEqual([`${summaryKey(a)}\u0000atom`]);
  });

  it('keeps an item written now that looks like an earlier one as written, not by key', () => {
    const earlier = shelf([[`${summaryKey(a)}\u0000rss`, xml('a')]]);
    const carried = new CarriedItems(() => earlier);
    carried.rendering();
    carried.note(a, 'rss', xml('a'));
    expect(carried.keep([{ items: [a] }])).toEqual({
      earlier: [],
      fresh: new Map([[`${summaryKey(a)}\u0000rss`, xml('a')]]),
    });
  });
});
