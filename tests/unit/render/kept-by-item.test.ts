import { describe, expect, it } from 'vitest';
import { KeptByItem } from '../../../src/render/kept-by-item.js';
import { makeItem } from '../../helpers/model.js';

describe('KeptByItem', () => {
  it('keeps the latest values up to its budget, forgetting the oldest first', () => {
    const store = new KeptByItem<string>(10, (value) => value.length);
    const [a, b, c] = [makeItem({ id: 'a' }), makeItem({ id: 'b' }), makeItem({ id: 'c' })];
    store.set(a, 'rss', '1234');
    store.set(a, 'atom', '12.34');
    store.set(b, 'rss', 'x');
    expect(store.get(a, 'rss')).toBe('1234');
    store.set(c, 'rss', 'abcd');
    // 14 units: the oldest (a's RSS) goes; a's Atom (5) + b (1) + c (4) = 10 stay.
    expect(store.get(a, 'rss')).toBeUndefined();
    expect(store.get(a, 'atom')).toBe('12.34');
    expect(store.get(b, 'rss')).toBe('x');
    expect(store.get(c, 'rss')).toBe('abcd');
    // The same key of another item, and another key of the same item, are other values.
    expect(store.get(b, 'atom')).toBeUndefined();
    store.clear();
    expect(store.get(c, 'rss')).toBeUndefined();
  });

  it('keeps no value larger than its budget, and goes on keeping the next', () => {
    const store = new KeptByItem<string>(3, (value) => value.length);
    const [a, b] = [makeItem({ id: 'a' }), makeItem({ id: 'b' })];
    store.set(a, 'k', 'too long');
    expect(store.get(a, 'k')).toBeUndefined();
    store.set(b, 'k', 'ok');
    expect(store.get(b, 'k')).toBe('ok');
  });

  it('stays within its budget over many values, dropping what it forgot', () => {
    const store = new KeptByItem<string>(100, (value) => value.length);
    const items = Array.from({ length: 10_000 }, (_, i) => makeItem({ id: `${i}` }));
    for (const item of items) store.set(item, 'k', '1234567890');
    const kept = items.filter((item) => store.get(item, 'k') !== undefined);
    expect(kept).toEqual(items.slice(-10));
  });
});
