import { describe, expect, it } from 'vitest';
import type { ContinuityItem, ManifestSnapshot } from '../../../src/continuity/snapshot.js';
import { planMigration } from '../../../src/migrate/plan-migration.js';

const site = { siteUrl: 'https://blog.example/', timeZone: 'UTC' };
const now = (items: ContinuityItem[]): ManifestSnapshot => ({ kind: 'manifest', items, feeds: [] });

describe('planMigration', () => {
  const current = now([
    {
      id: 'https://blog.example/posts/hello/',
      url: 'https://blog.example/posts/hello/',
      title: 'Hello',
      published: '2025-01-29T15:00:00.000Z',
      source: '_posts/2025-01-29-hello.markdown',
    },
    {
      id: 'https://blog.example/posts/same/',
      url: 'https://blog.example/posts/same/',
      title: 'Same',
      published: '2025-01-01T00:00:00.000Z',
      source: 'same.md',
    },
  ]);

  it('pins the old id, the old address as an alias, and the old date where they differ', () => {
    const old = {
      items: [
        {
          id: 'https://blog.example/2025/01/29/hello',
          url: 'https://blog.example/2025/01/29/hello.html',
          title: 'Hello',
          published: '2025-01-29T10:00:00-05:00',
        },
        {
          id: 'https://blog.example/posts/same/',
          url: 'https://blog.example/posts/same/',
          title: 'Same',
          published: '2025-01-01T00:00:00Z',
        },
        { id: 'gone', url: 'https://blog.example/gone.html', title: 'Gone' },
      ],
    };
    const plan = planMigration([old], current, site);
    expect([...plan.pins]).toEqual([
      [
        '_posts/2025-01-29-hello.markdown',
        { id: 'https://blog.example/2025/01/29/hello', aliases: ['/2025/01/29/hello.html'] },
      ],
    ]);
    expect(plan.unmatched.map((item) => item.id)).toEqual(['gone']);
    expect(plan.unreachable).toEqual([]);
  });

  it('keeps the first feed’s id for a story two old feeds call differently', () => {
    const rss = {
      items: [{ id: 'rss-id', url: 'https://blog.example/hello.html', title: 'Hello' }],
    };
    const atom = {
      items: [{ id: 'atom-id', url: 'https://blog.example/hello.html', title: 'Hello' }],
    };
    const plan = planMigration([rss, atom], current, site);
    expect(plan.pins.get('_posts/2025-01-29-hello.markdown')).toEqual({
      id: 'rss-id',
      aliases: ['/hello.html'],
    });
  });

  it('names an old address no alias can answer (another host)', () => {
    const old = { items: [{ id: 'x', url: 'https://elsewhere.example/hello', title: 'Hello' }] };
    const plan = planMigration([old], current, site);
    expect(plan.unreachable).toEqual([
      { source: '_posts/2025-01-29-hello.markdown', url: 'https://elsewhere.example/hello' },
    ]);
  });
});
