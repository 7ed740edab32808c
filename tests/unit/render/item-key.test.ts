import { describe, expect, it } from 'vitest';
import type { Category } from '../../../src/model.js';
import { itemKey, summaryKey, takenItemKeys, withKnownKeys } from '../../../src/render/item-key.js';
import { makeItem } from '../../helpers/model.js';

describe('itemKey', () => {
  it('leaves contentHtml and pending out, and changes with everything else', () => {
    const item = makeItem({
      contentHtml: '<p>x</p>',
      pending: true,
      categories: [{ name: 'Economy', slug: 'economy' }],
    });
    expect(itemKey(item)).toBe(`${item.contentKey}.${summaryKey(item)}`);
    expect(summaryKey(item)).toMatch(/^[\w-]{27}$/);
    for (const change of [
      { title: `${item.title}!` },
      { contentKey: `${item.contentKey}!` },
      { categories: [{ name: 'Politics', slug: 'politics' }] },
      { categories: [], tags: item.categories },
      { tags: [{ name: 'Budget', slug: 'budget' }] },
      { tags: [{ name: 'Budget', slug: 'budget-2' }] },
      { tags: [{ name: 'Budget ', slug: 'budget' }] },
    ]) {
      expect(itemKey({ ...item, ...change })).not.toBe(itemKey(item));
    }
  });

  it('is the same for items that show the same, however their groups are shared: one build to the next', () => {
    const tags = [
      { name: 'Budget', slug: 'budget' },
      { name: 'Tax', slug: 'tax' },
    ];
    const item = makeItem({ tags });
    const copy = structuredClone(item);
    expect(copy.tags[0]).not.toBe(item.tags[0]);
    expect(summaryKey(copy)).toBe(summaryKey(item));
    expect(itemKey(copy)).toBe(itemKey(item));
    // The same group objects in another item: each item's own list.
    expect(summaryKey(makeItem({ tags: [tags[1] as Category, tags[0] as Category] }))).not.toBe(
      summaryKey(item),
    );
  });

  it("keys the summary by its story's hash of it when there is one, else by its text", () => {
    const item = makeItem({ summary: 'A long summary.' });
    const hashed = { ...item, summaryKey: 'k1' };
    // The hash stands for the text: the key no longer reads it.
    expect(summaryKey({ ...hashed, summary: 'Another.' })).toBe(summaryKey(hashed));
    expect(summaryKey({ ...hashed, summaryKey: 'k2' })).not.toBe(summaryKey(hashed));
    expect(summaryKey(hashed)).not.toBe(summaryKey(item));
    expect(summaryKey({ ...item, summary: 'Another.' })).not.toBe(summaryKey(item));
    // A summary whose text looks like a hash is still not keyed as one.
    expect(summaryKey({ ...item, summary: 'k1' })).not.toBe(summaryKey(hashed));
    expect(itemKey(hashed)).toBe(`${item.contentKey}.${summaryKey(hashed)}`);
  });

  it('changes with what the item shows, its dates of every kind included', () => {
    const item = makeItem({
      expires: new Date('2027-01-01T00:00:00Z'),
      corrections: [{ date: new Date('2026-11-02T10:00:00Z'), text: 'A name was misspelt.' }],
    });
    expect(summaryKey(structuredClone(item))).toBe(summaryKey(item));
    const later = (date: Date) => new Date(date.getTime() + 1000);
    for (const change of [
      { published: later(item.published) },
      { modified: later(item.modified) },
      { expires: new Date('2027-01-02T00:00:00Z') },
      { corrections: [{ date: new Date('2026-11-03T10:00:00Z'), text: 'A name was misspelt.' }] },
    ]) {
      expect(summaryKey({ ...item, ...change })).not.toBe(summaryKey(item));
    }
  });

  it('changes with every field it names, set or left out', () => {
    const item = makeItem({});
    const other = makeItem({ title: 'Other' });
    for (const change of [
      { source: 'other.md' },
      { id: 'urn:uuid:1' },
      { idIsUrl: !item.idIsUrl },
      { url: `${item.url}x` },
      { pagePath: 'other/index.html' },
      { language: 'fr' },
      { translations: [{ language: 'fr', url: `${item.url}fr/` }] },
      { authors: [{ name: 'Another Writer' }] },
      { image: { url: 'https://example.com/a.jpg' } },
      { excerpt: true as const },
      { expires: new Date('2030-01-01T00:00:00Z') },
    ]) {
      expect(summaryKey({ ...item, ...change })).not.toBe(summaryKey(item));
    }
    // An absent field and one left undefined are the same item.
    expect(summaryKey({ ...item, expires: undefined })).toBe(summaryKey(item));
    expect(summaryKey(other)).not.toBe(summaryKey(item));
  });

  it('leaves the content key out too for an output that shows no HTML (withHtml false)', () => {
    const item = makeItem({ contentHtml: '<p>x</p>' });
    expect(itemKey(item, false)).toBe(summaryKey(item));
    expect(summaryKey({ ...item, contentKey: 'another body' })).toBe(summaryKey(item));
    expect(itemKey({ ...item, contentKey: 'another body' })).not.toBe(itemKey(item));
    for (const change of [{ summary: 'Another summary' }, { title: 'Retitled' }]) {
      expect(summaryKey({ ...item, ...change })).not.toBe(summaryKey(item));
    }
  });

  it('is the same for an item with its HTML and without', () => {
    const { contentHtml: _, ...rest } = makeItem({ contentHtml: '<p>x</p>' });
    expect(itemKey({ ...rest, contentHtml: '', pending: true })).toBe(
      itemKey({ ...rest, contentHtml: '<p>x</p>' }),
    );
  });
});

describe('withKnownKeys and takenItemKeys', () => {
  it("gives items the keys known for them, keeps those taken, and lists each item's", () => {
    const a = makeItem({ source: 'a.md', contentKey: 'ca' });
    const b = makeItem({ source: 'b.md', contentKey: 'cb', title: 'B' });
    const c = makeItem({ source: 'c.md', contentKey: 'cc', title: 'C' });
    const keyedAlready = summaryKey(c);
    const site = { items: [a, b], withdrawn: [c] };
    const asked: string[] = [];
    expect(
      withKnownKeys(site, (item) => {
        asked.push(item.source);
        return item.source === 'a.md' ? 'known-a' : item.source === 'c.md' ? 'known-c' : undefined;
      }),
    ).toBe(site);
    // An item keyed already is not asked about.
    expect(asked).toEqual(['a.md', 'b.md']);
    expect(summaryKey(a)).toBe('known-a');
    expect(itemKey(a)).toBe('ca.known-a');
    expect(summaryKey(c)).toBe(keyedAlready);
    // b has no key until one is taken; then it is listed with it.
    expect(takenItemKeys(site)).toEqual({
      sources: ['a.md', 'b.md', 'c.md'],
      contentKeys: ['ca', 'cb', 'cc'],
      keys: ['known-a', undefined, keyedAlready],
    });
    const taken = summaryKey(b);
    expect(takenItemKeys(site).keys[1]).toBe(taken);
    // A copy of an item (a feed cut to size marks it an excerpt) is keyed on its own.
    expect(summaryKey({ ...a, excerpt: true })).not.toBe('known-a');
  });
});
