import { describe, expect, it } from 'vitest';
import { groupCategories } from '../src/derive/categories.js';
import { findCollisions, selectPublished } from '../src/derive/derive-feeds.js';
import { expandPermalink, itemUrl } from '../src/derive/permalink.js';
import { deriveFeeds, deriveSummary } from '../src/derive/render-body.js';
import { makePost, siteConfig } from './helpers/model.js';

const config = siteConfig();
const at = (iso: string) => new Date(iso);

describe('selectPublished', () => {
  it('orders newest first, equal dates by slug, and leaves out drafts and future posts', () => {
    const posts = [
      makePost({ slug: 'b', date: at('2026-01-02T00:00:00Z') }),
      makePost({ slug: 'a', date: at('2026-01-02T00:00:00Z') }),
      makePost({ slug: 'old', date: at('2025-01-01T00:00:00Z') }),
      makePost({ slug: 'draft', date: at('2026-01-03T00:00:00Z'), draft: true }),
      makePost({ slug: 'future', date: at('2026-06-01T00:00:00Z') }),
    ];
    const now = at('2026-05-01T00:00:00Z');
    expect(selectPublished(posts, { now }).map((p) => p.slug)).toEqual(['a', 'b', 'old']);
    expect(
      selectPublished(posts, { now, includeFuture: true, includeDrafts: true }).map((p) => p.slug),
    ).toEqual(['future', 'draft', 'a', 'b', 'old']);
  });
});

describe('deriveSummary', () => {
  it("uses the writer's summary as is", () => {
    expect(deriveSummary({ summary: 'Mine  <b>' }, 'Other')).toBe('Mine <b>');
  });
  it('uses the text before <!--more-->, all of it', () => {
    expect(deriveSummary({}, 'One *two*.\n\n## Three\n\n<!-- more -->\n\nFour.')).toBe(
      'One two. Three',
    );
  });
  it('else the first paragraph as plain text, skipping a leading heading', () => {
    expect(deriveSummary({}, '# Head\n\nFirst [link](x) and `code`\nwrapped.\n\nSecond.')).toBe(
      'First link and code wrapped.',
    );
  });
  it('cuts a long paragraph at a word boundary near 300 characters', () => {
    const summary = deriveSummary({}, 'word '.repeat(200));
    expect(summary.endsWith('word…')).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(300);
  });
  it('is empty for an empty body', () => {
    expect(deriveSummary({}, '')).toBe('');
  });
});

describe('permalinks', () => {
  it('expands :year/:month/:day in the site time zone', () => {
    const post = makePost({ slug: 's', date: at('2026-01-01T03:00:00Z') });
    expect(expandPermalink('/:year/:month/:day/:slug/', post, 'America/Toronto')).toBe(
      '/2025/12/31/s/',
    );
    expect(expandPermalink('/:year/:month/:day/:slug/', post, 'UTC')).toBe('/2026/01/01/s/');
  });
  it('puts posts under a sub-path site, and uses link when given', () => {
    const sub = siteConfig({ url: 'https://u.github.io/repo/' });
    expect(itemUrl(makePost({ slug: 's' }), sub)).toBe('https://u.github.io/repo/posts/s/');
    expect(itemUrl(makePost({ link: 'https://else.example/a' }), sub)).toBe(
      'https://else.example/a',
    );
  });
});

describe('findCollisions', () => {
  it('names both files and reports a shared slug once, not also as a shared URL', () => {
    const d = findCollisions(
      [makePost({ slug: 'x', sourcePath: 'a.md' }), makePost({ slug: 'x', sourcePath: 'b.md' })],
      config,
      (p) => p.sourcePath,
    );
    expect(d).toEqual([
      expect.objectContaining({
        file: 'b.md',
        field: 'slug',
        message: 'slug "x" is also used by a.md',
      }),
    ]);
  });
});

describe('groupCategories', () => {
  it('groups case-insensitively under the first spelling and makes safe, unique slugs', () => {
    const groups = groupCategories([
      makePost({ categories: ['Économie', 'C++'] }),
      makePost({ categories: ['économie', 'C'] }),
    ]);
    expect(
      [...groups.values()].map((g) => [g.category.name, g.category.slug, g.posts.length]),
    ).toEqual([
      ['C', 'c', 1],
      ['C++', expect.stringMatching(/^c-[0-9a-f]{8}$/), 1],
      ['Économie', 'economie', 2],
    ]);
  });
});

describe('deriveFeeds', () => {
  const posts = selectPublished(
    Array.from({ length: 5 }, (_, i) =>
      makePost({
        slug: `p${i}`,
        title: `P${i}`,
        date: at(`2026-01-0${i + 1}T00:00:00Z`),
        categories: i % 2 ? ['Odd'] : ['Even'],
      }),
    ),
    { now: at('2027-01-01') },
  );

  it('makes the site feed and one per category, each limited to the newest `limit` posts', () => {
    const feeds = deriveFeeds(posts, { ...config, limit: 2 });
    expect(feeds.map((f) => [f.paths.rss, f.items.map((i) => i.title)])).toEqual([
      ['rss.xml', ['P4', 'P3']],
      ['categories/even/rss.xml', ['P4', 'P2']],
      ['categories/odd/rss.xml', ['P3', 'P1']],
    ]);
  });

  it("takes the feed date from the newest item's modification, never the clock", () => {
    const feeds = deriveFeeds(
      [makePost({ date: at('2026-01-01T00:00:00Z'), updated: at('2026-02-01T00:00:00Z') })],
      config,
    );
    expect(feeds[0]?.updated.toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(deriveFeeds([], config)[0]?.updated.toISOString()).toBe('1970-01-01T00:00:00.000Z');
  });

  it('renders each post once even when it is in several feeds', () => {
    const feeds = deriveFeeds(posts, config);
    const inSite = feeds[0]?.items[0];
    expect(feeds.find((f) => f.category?.slug === 'even')?.items[0]).toBe(inSite);
  });
});
