import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../../src/continuity/diff.js';
import type { FeedFileSnapshot, ManifestSnapshot } from '../../../src/continuity/snapshot.js';
import { manifestSnapshot } from '../../../src/continuity/snapshot.js';
import type { Manifest, ManifestItem } from '../../../src/manifest.js';
import { manifestItem, manifestWith, SITE } from '../../helpers/continuity.js';

const context = (postFiles: string[] = []) => ({
  siteUrl: SITE,
  timeZone: 'America/Toronto',
  postFiles,
});

function snapshot(manifest: Manifest): ManifestSnapshot {
  const read = manifestSnapshot(manifest);
  if (!read.ok) throw new Error(read.message);
  return read.snapshot;
}

const A = manifestItem('a');
const B = manifestItem('b');
const C = manifestItem('c');
const ref = (item: ManifestItem) => ({
  id: item.id,
  url: item.url,
  title: item.title,
  source: item.source,
});

describe('diffSnapshots against a manifest', () => {
  it('reports no change for the same build', () => {
    const same = snapshot(manifestWith([C, B, A]));
    expect(diffSnapshots(same, same, context())).toEqual({
      summary: { new: 0, updated: 0, removed: 0, broken: 0 },
      feeds: [],
      broken: [],
    });
  });

  it('reports a new post, an edited one and a deleted one in the feeds that show them', () => {
    const D = manifestItem('d');
    const edited = { ...B, hash: 'edited' };
    const before = manifestWith([C, B, A], {
      'rss.xml': { title: 'Test News', items: [C.id, B.id, A.id] },
      'categories/tech/rss.xml': { title: 'Tech', items: [C.id, A.id] },
    });
    const now = manifestWith([D, edited, A], {
      'rss.xml': { title: 'Test News', items: [D.id, edited.id, A.id] },
      'categories/tech/rss.xml': { title: 'Tech', items: [D.id, A.id] },
    });
    expect(
      diffSnapshots(snapshot(before), snapshot(now), context(['a.md', 'b.md', 'd.md'])),
    ).toEqual({
      summary: { new: 1, updated: 1, removed: 1, broken: 0 },
      feeds: [
        {
          path: 'rss.xml',
          title: 'Test News',
          new: [ref(D)],
          updated: [ref(B)],
          removed: [ref(C)],
        },
        {
          path: 'categories/tech/rss.xml',
          title: 'Tech',
          new: [ref(D)],
          updated: [],
          removed: [ref(C)],
        },
      ],
      broken: [],
    });
  });

  it('counts an updated date as an update, and an unchanged post out of every window not at all', () => {
    const before = manifestWith([C, B, A], {
      'rss.xml': { title: 'Test News', items: [C.id, B.id] },
    });
    const now = manifestWith(
      [{ ...C, updated: '2026-03-10T12:00:00.000Z' }, B, { ...A, hash: 'x' }],
      {
        'rss.xml': { title: 'Test News', items: [C.id, B.id] },
      },
    );
    const report = diffSnapshots(snapshot(before), snapshot(now), context());
    expect(report.summary).toEqual({ new: 0, updated: 1, removed: 0, broken: 0 });
    expect(report.feeds[0]?.updated).toEqual([ref(C)]);
  });

  it('does not report a story that merely left a feed window', () => {
    const D = manifestItem('d');
    const before = manifestWith([C, B, A], {
      'rss.xml': { title: 'Test News', items: [C.id, B.id] },
    });
    const now = manifestWith([D, C, B, A], {
      'rss.xml': { title: 'Test News', items: [D.id, C.id] },
    });
    const report = diffSnapshots(snapshot(before), snapshot(now), context());
    expect(report.feeds).toEqual([
      { path: 'rss.xml', title: 'Test News', new: [ref(D)], updated: [], removed: [] },
    ]);
  });

  it('reports an old story deleted from outside every window under the site feed', () => {
    const before = manifestWith([C, B, A], {
      'rss.xml': { title: 'Test News', items: [C.id] },
      'categories/old/rss.xml': { title: 'Old', items: [B.id] },
    });
    const now = manifestWith([C], { 'rss.xml': { title: 'Test News', items: [C.id] } });
    const report = diffSnapshots(snapshot(before), snapshot(now), context(['c.md']));
    expect(report.summary.removed).toBe(2);
    expect(report.feeds).toEqual([
      { path: 'rss.xml', title: 'Test News', new: [], updated: [], removed: [ref(A)] },
      { path: 'categories/old/rss.xml', title: 'Old', new: [], updated: [], removed: [ref(B)] },
    ]);
  });

  it('reports broken continuity with the post file, the values and the fix', () => {
    const renamed = { ...B, id: `${SITE}posts/bee/`, url: `${SITE}posts/bee/`, hash: 'new' };
    const before = manifestWith([B, A]);
    const now = manifestWith([renamed]);
    const report = diffSnapshots(snapshot(before), snapshot(now), context(['a.md', 'b.md']));
    expect(report.summary).toEqual({ new: 0, updated: 1, removed: 1, broken: 3 });
    expect(report.broken.map((e) => [e.source, e.field, e.old, e.new])).toEqual([
      ['a.md', 'published', A.id, null],
      ['b.md', 'id', B.id, renamed.id],
      ['b.md', 'link', B.url, renamed.url],
    ]);
  });
});

describe('diffSnapshots: stories withdrawn on purpose', () => {
  it('reports a story past its `expires` as removed and withdrawn, never as broken', () => {
    const before = manifestWith([B, A]);
    const now = { ...manifestWith([B]), withdrawn: [A.id] };
    const report = diffSnapshots(snapshot(before), snapshot(now), context(['a.md', 'b.md']));
    expect(report.summary).toEqual({ new: 0, updated: 0, removed: 1, broken: 0 });
    expect(report.feeds[0]?.removed).toEqual([{ ...ref(A), withdrawn: true }]);
    expect(report.broken).toEqual([]);
  });

  it('still reports a story gone without `expires` while its file is there as broken', () => {
    const before = manifestWith([B, A]);
    const now = { ...manifestWith([]), withdrawn: [B.id] };
    const report = diffSnapshots(snapshot(before), snapshot(now), context(['a.md', 'b.md']));
    expect(report.broken.map((e) => [e.source, e.field])).toEqual([['a.md', 'published']]);
  });
});

describe('diffSnapshots against a feed file', () => {
  const file = (items: FeedFileSnapshot['items'], selfUrl?: string): FeedFileSnapshot => ({
    kind: 'feed',
    format: 'atom',
    title: 'Old blog',
    ...(selfUrl ? { selfUrl } : {}),
    items,
  });
  const now = snapshot(
    manifestWith([C, B, A], {
      'rss.xml': { title: 'Test News', items: [C.id, B.id, A.id] },
      'categories/tech/rss.xml': { title: 'Tech', items: [C.id, A.id] },
    }),
  );

  it('compares with the new feed at its self link, in any format', () => {
    const previous = file(
      [{ id: A.id, url: A.url, title: 'A', published: '2026-03-01T10:00:00-05:00' }],
      `${SITE}categories/tech/feed.json`,
    );
    expect(diffSnapshots(previous, now, context()).feeds).toEqual([
      { path: 'categories/tech/rss.xml', title: 'Tech', new: [ref(C)], updated: [], removed: [] },
    ]);
  });

  it('else with the site feed; an item it showed that is gone is removed', () => {
    const previous = file(
      [
        { id: 'tag:x,2026:z', url: `${SITE}z.html`, title: 'Zed' },
        { id: A.id, url: A.url, title: 'A' },
      ],
      `${SITE}feed.xml`,
    );
    const report = diffSnapshots(previous, now, context());
    expect(report.feeds).toEqual([
      {
        path: 'rss.xml',
        title: 'Test News',
        new: [ref(C), ref(B)],
        updated: [],
        removed: [{ id: 'tag:x,2026:z', url: `${SITE}z.html`, title: 'Zed' }],
      },
    ]);
    expect(report.summary).toEqual({ new: 2, updated: 0, removed: 1, broken: 0 });
  });

  it('an update is a changed title or date; plain RSS (no updated date) compares published only', () => {
    const base = { id: A.id, url: A.url, published: A.published };
    const updated = (
      before: FeedFileSnapshot['items'][number],
      after: Partial<ManifestItem> = {},
    ) => {
      const current = snapshot(manifestWith([{ ...A, ...after }]));
      return diffSnapshots(file([before]), current, context()).summary.updated;
    };
    expect(updated({ ...base, title: 'A' })).toBe(0);
    expect(updated({ ...base, title: 'A' }, { updated: '2026-03-09T00:00:00.000Z' })).toBe(0);
    expect(updated({ ...base, title: 'Old A' })).toBe(1);
    expect(updated({ ...base, title: 'A', updated: A.published })).toBe(0);
    expect(
      updated(
        { ...base, title: 'A', updated: A.published },
        { updated: '2026-03-09T00:00:00.000Z' },
      ),
    ).toBe(1);
    expect(updated({ ...base, title: 'A', updated: '2026-03-09T00:00:00.000Z' })).toBe(1);
    expect(updated({ ...base, title: 'A', published: '2026-02-01T00:00:00Z' })).toBe(1);
  });

  it('matches a story by its title when a generator change gave it a new id and link', () => {
    const previous = file([
      { id: 'tag:x,2026:a', url: `${SITE}2026/03/01/a.html`, title: 'A', published: A.published },
    ]);
    const report = diffSnapshots(previous, now, context());
    expect(report.broken.map((e) => [e.field, e.fix])).toEqual([
      ['id', 'pin the old id: add `id: "tag:x,2026:a"` to its front matter'],
      [
        'link',
        'keep the old address answering: add "/2026/03/01/a.html" to its `aliases:` (`aliases: ["/2026/03/01/a.html"]`)',
      ],
    ]);
  });
});
