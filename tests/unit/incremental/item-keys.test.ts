import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCacheFile } from '../../../src/incremental/cache-file.js';
import { ItemKeys, type ItemKeysPayload } from '../../../src/incremental/item-keys.js';
import { takenKeysOf } from '../../helpers/model.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function kept(payload: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fw-item-keys-'));
  dirs.push(dir);
  const file = path.join(dir, 'build.item-keys.bin');
  await writeCacheFile(file, payload);
  return file;
}

const payload: ItemKeysPayload = {
  key: 'k',
  context: 'c1',
  pageContext: 'p1',
  sources: ['a.md', 'b.md', 'w.md'],
  contentKeys: ['ca', 'cb', 'cw'],
  // w.md's item was not keyed (the other thread keyed it), its page was.
  keys: ['ka', 'kb', ''],
  pageKeys: ['pa', '', 'pw'],
};

describe('ItemKeys', () => {
  it("gives the key kept for an item of the same file's bytes, in the same context only", async () => {
    const keys = ItemKeys.read(await kept(payload), 'k');
    const known = keys.known('c1');
    expect(known({ source: 'a.md', contentKey: 'ca' })).toBe('ka');
    expect(known({ source: 'b.md', contentKey: 'cb' })).toBe('kb');
    // The file changed since, or is new.
    expect(known({ source: 'a.md', contentKey: 'ca2' })).toBeUndefined();
    expect(known({ source: 'c.md', contentKey: 'cc' })).toBeUndefined();
    // Another context (a group renamed, an image file changed): none is the same item.
    expect(keys.known('c2')({ source: 'a.md', contentKey: 'ca' })).toBeUndefined();
    // An item whose key was not taken has none.
    expect(known({ source: 'w.md', contentKey: 'cw' })).toBeUndefined();
  });

  it("gives the key kept for the page of an item of the same file's bytes, in the same contexts only", async () => {
    const keys = ItemKeys.read(await kept(payload), 'k');
    const known = keys.knownPages('c1', 'p1');
    expect(known({ source: 'a.md', contentKey: 'ca' })).toBe('pa');
    expect(known({ source: 'w.md', contentKey: 'cw' })).toBe('pw');
    // A page whose key was not taken; a changed file.
    expect(known({ source: 'b.md', contentKey: 'cb' })).toBeUndefined();
    expect(known({ source: 'a.md', contentKey: 'ca2' })).toBeUndefined();
    // The items made otherwise, or the pages (a section's feed renamed, the site's title).
    expect(keys.knownPages('c2', 'p1')({ source: 'a.md', contentKey: 'ca' })).toBeUndefined();
    expect(keys.knownPages('c1', 'p2')({ source: 'a.md', contentKey: 'ca' })).toBeUndefined();
    // A file of another cache keeps no page keys either.
    const other = ItemKeys.read(await kept(payload), 'other');
    expect(other.knownPages('c1', 'p1')({ source: 'a.md', contentKey: 'ca' })).toBeUndefined();
  });

  it("keeps none of another cache's, a damaged file's, or when there is no file", async () => {
    const none = { source: 'a.md', contentKey: 'ca' };
    expect(ItemKeys.read(await kept(payload), 'other').known('c1')(none)).toBeUndefined();
    expect(ItemKeys.read(undefined, 'k').known('c1')(none)).toBeUndefined();
    const missing = path.join(path.dirname(await kept(payload)), 'none.bin');
    expect(ItemKeys.read(missing, 'k').known('c1')(none)).toBeUndefined();
    const odd = await kept({ ...payload, keys: ['ka'] });
    expect(ItemKeys.read(odd, 'k').known('c1')(none)).toBeUndefined();
    const noPages = await kept({ ...payload, pageKeys: ['pa'] });
    expect(ItemKeys.read(noPages, 'k').known('c1')(none)).toBeUndefined();
    const { pageContext: _, ...older } = payload;
    expect(ItemKeys.read(await kept(older), 'k').known('c1')(none)).toBeUndefined();
    const damaged = await kept(payload);
    await writeFile(damaged, 'not a cache file');
    expect(ItemKeys.read(damaged, 'k').known('c1')(none)).toBeUndefined();
  });

  it('saves the keys taken, else those kept of the same items, and nothing when that is what is kept', async () => {
    const keys = ItemKeys.read(await kept(payload), 'k');
    const taking = (...items: Parameters<typeof takenKeysOf>[0]) => takenKeysOf(items, 'p1');
    expect(
      keys.next('k', 'c1', taking(['a.md', 'ca', 'ka', 'pa'], ['b.md', 'cb'], ['w.md', 'cw'])),
    ).toBeUndefined();
    // A changed file's new keys; a new file with none taken is left out; one gone is dropped.
    expect(keys.next('k', 'c1', taking(['a.md', 'ca2', 'ka2', 'pa2'], ['c.md', 'cc']))).toEqual({
      key: 'k',
      context: 'c1',
      pageContext: 'p1',
      sources: ['a.md'],
      contentKeys: ['ca2'],
      keys: ['ka2'],
      pageKeys: ['pa2'],
    });
    // In another context, only the keys taken in it.
    expect(keys.next('k', 'c2', taking(['a.md', 'ca', 'ka3'], ['b.md', 'cb']))).toEqual({
      key: 'k',
      context: 'c2',
      pageContext: 'p1',
      sources: ['a.md'],
      contentKeys: ['ca'],
      keys: ['ka3'],
      pageKeys: [''],
    });
    // The pages in another context: the items' keys kept, the pages' only as taken.
    expect(
      keys.next(
        'k',
        'c1',
        takenKeysOf(
          [
            ['a.md', 'ca'],
            ['b.md', 'cb', undefined, 'pb'],
            ['w.md', 'cw'],
          ],
          'p2',
        ),
      ),
    ).toEqual({
      key: 'k',
      context: 'c1',
      pageContext: 'p2',
      sources: ['a.md', 'b.md'],
      contentKeys: ['ca', 'cb'],
      keys: ['ka', 'kb'],
      pageKeys: ['', 'pb'],
    });
    // A site without pages.
    expect(keys.next('k', 'c1', takenKeysOf([['a.md', 'ca']]))).toMatchObject({
      pageContext: '',
      keys: ['ka'],
      pageKeys: [''],
    });
    // Nothing kept before: everything taken.
    expect(ItemKeys.read(undefined, 'k').next('k', 'c1', taking(['a.md', 'ca', 'ka']))).toEqual({
      ...payload,
      sources: ['a.md'],
      contentKeys: ['ca'],
      keys: ['ka'],
      pageKeys: [''],
    });
  });
});
