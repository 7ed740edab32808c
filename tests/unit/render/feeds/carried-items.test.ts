import { describe, expect, it } from 'vitest';
import type { ItemXml } from '../../../../src/model.js';
import { CarriedItems, changesWithNewStories } from '../../../../src/render/feeds/carried-items.js';
import { summaryKey } from '../../../../src/render/item-key.js';
import { makeItem } from '../../../helpers/model.js';

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
  const xml = (text: string): ItemXml => [`<item>${text}`, '</item>'];

  it('takes an earlier item by what it shows and its form, whatever the object', () => {
    const carried = new CarriedItems(() => [[`${summaryKey(a)}\u0000rss`, xml('a')]]);
    expect(carried.take({ ...a }, 'rss')).toEqual(xml('a'));
    expect(carried.take(a, 'atom')).toBeUndefined();
    expect(carried.take({ ...a, summary: 'Another summary' }, 'rss')).toBeUndefined();
    expect(new CarriedItems(() => []).take(a, 'rss')).toBeUndefined();
  });

  it('keeps for the next build what was noted now before what was taken, for the given documents only', () => {
    const earlier: [string, ItemXml][] = [
      [`${summaryKey(a)}\u0000rss`, xml('a, earlier')],
      [`${summaryKey(a)}\u0000atom`, xml('a, earlier atom')],
      [`${summaryKey(b)}\u0000rss`, xml('b, earlier')],
    ];
    const carried = new CarriedItems(() => earlier);
    expect(carried.keep([{ items: [a] }])).toBeUndefined(); // nothing rendered yet
    carried.rendering();
    carried.note(a, 'rss', xml('a, now'));
    const kept = carried.keep([{ items: [a] }]);
    expect(kept).toEqual(
      new Map([
        [`${summaryKey(a)}\u0000rss`, xml('a, now')],
        [`${summaryKey(a)}\u0000atom`, xml('a, earlier atom')],
      ]),
    );
  });
});
