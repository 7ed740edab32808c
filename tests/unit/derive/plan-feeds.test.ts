import { describe, expect, it } from 'vitest';
import {
  archiveRuns,
  groupKey,
  planFeeds,
  planSite,
  postsInFeeds,
} from '../../../src/derive/plan-feeds.js';
import { makePost } from '../../helpers/model.js';

const at = (iso: string) => new Date(iso);
const posts = Array.from({ length: 6 }, (_, i) =>
  makePost({
    slug: `p${i}`,
    date: at(`2026-01-0${i + 1}T00:00:00Z`),
    categories: i < 3 ? ['Old'] : ['New'],
  }),
);
const slugs = (list: readonly { slug: string }[]) => list.map((p) => p.slug);

/** `n` posts without categories, newest first: q(n-1) … q0. */
function uncategorised(n: number) {
  return Array.from({ length: n }, (_, i) =>
    makePost({ slug: `q${i}`, date: new Date(Date.UTC(2026, 0, 1, i)) }),
  ).reverse();
}

/** 1…n, newest (n) first. */
const numbers = (n: number) => Array.from({ length: n }, (_, i) => n - i);

describe('planFeeds', () => {
  it('plans the site feed first, then one feed per category, newest `limit` posts each', () => {
    const plan = planFeeds([...posts].reverse(), { limit: 2, archiveSize: 100 });
    expect(plan.feeds.map((f) => [f.category?.slug ?? '', f.posts.map((p) => p.slug)])).toEqual([
      ['', ['p5', 'p4']],
      ['new', ['p5', 'p4']],
      ['old', ['p2', 'p1']],
    ]);
    expect([...plan.categoryByKey.keys()]).toEqual([groupKey('en', 'new'), groupKey('en', 'old')]);
  });

  it('gives every feed all its posts, newest first, whatever the limit', () => {
    const plan = planFeeds([...posts].reverse(), { limit: 2, archiveSize: 100 });
    expect(plan.feeds.map((f) => slugs(f.all))).toEqual([
      ['p5', 'p4', 'p3', 'p2', 'p1', 'p0'],
      ['p5', 'p4', 'p3'],
      ['p2', 'p1', 'p0'],
    ]);
  });

  it('cuts every feed’s archives from its oldest post, `archiveSize` at a time', () => {
    const plan = planFeeds([...posts].reverse(), { limit: 2, archiveSize: 2 });
    expect(plan.feeds.map((f) => f.archives.map(slugs))).toEqual([
      [['p1', 'p0'], ['p3', 'p2'], ['p5', 'p4'], []],
      [['p4', 'p3'], ['p5']],
      [['p1', 'p0'], ['p2']],
    ]);
  });

  it('plans a site feed with no posts and no archives when nothing is published', () => {
    const plan = planFeeds([], { limit: 2, archiveSize: 2 });
    const language = { tag: '', folder: '' };
    expect(plan.feeds).toEqual([{ language, posts: [], all: [], archives: [] }]);
    expect(plan.categoryByKey.size).toBe(0);
  });
});

describe('planFeeds in several languages', () => {
  const languages = [
    { tag: 'en-CA', folder: '' },
    { tag: 'fr-CA', folder: 'fr/' },
  ];
  const mixed = [
    makePost({ slug: 'e2', language: 'en-CA', categories: ['Culture'], tags: ['Arts'] }),
    makePost({ slug: 'f1', language: 'fr-CA', categories: ['Culture', 'Politique'] }),
    makePost({ slug: 'e1', language: 'en-CA', categories: ['Politics'] }),
  ];

  it('plans each language’s site feed and groups from its own posts, the default first', () => {
    const plan = planFeeds(mixed, { limit: 5, archiveSize: 100, languages });
    const shown = plan.feeds.map((f) => [
      f.language.folder,
      f.category?.slug ?? f.tag?.slug ?? '',
      slugs(f.posts),
    ]);
    expect(shown).toEqual([
      ['', '', ['e2', 'e1']],
      ['', 'culture', ['e2']],
      ['', 'politics', ['e1']],
      ['', 'arts', ['e2']],
      ['fr/', '', ['f1']],
      ['fr/', 'culture', ['f1']],
      ['fr/', 'politique', ['f1']],
    ]);
  });

  it('makes each language’s slugs from its own groups: a name in one never renames the other’s', () => {
    const accents = [
      makePost({ slug: 'e', language: 'en-CA', tags: ['Montreal'], categories: ['Culture'] }),
      makePost({ slug: 'f', language: 'fr-CA', tags: ['Montréal'], categories: ['Culture'] }),
    ];
    const plan = planFeeds(accents, { limit: 5, archiveSize: 100, languages });
    const groups = plan.feeds.flatMap((f) => {
      const group = f.category ?? f.tag;
      return group ? [[f.language.tag, group.name, group.slug]] : [];
    });
    expect(groups).toEqual([
      ['en-CA', 'Culture', 'culture'],
      ['en-CA', 'Montreal', 'montreal'],
      ['fr-CA', 'Culture', 'culture'],
      ['fr-CA', 'Montréal', 'montreal'],
    ]);
    expect(plan.tagByKey.get(groupKey('fr-CA', 'MONTRÉAL'))).toEqual({
      name: 'Montréal',
      slug: 'montreal',
    });
  });

  it('still plans the site feed of a language with no post yet', () => {
    const plan = planFeeds(mixed.slice(2), { limit: 5, archiveSize: 100, languages });
    expect(
      plan.feeds.filter((f) => !f.category).map((f) => [f.language.tag, f.posts.length]),
    ).toEqual([
      ['en-CA', 1],
      ['fr-CA', 0],
    ]);
  });
});

describe('archiveRuns', () => {
  it('has no runs for no posts', () => {
    expect(archiveRuns([], 4)).toEqual([]);
  });

  it('has one open run when there are fewer posts than a run holds', () => {
    expect(archiveRuns(numbers(3), 4)).toEqual([[3, 2, 1]]);
    expect(archiveRuns(numbers(1), 4)).toEqual([[1]]);
  });

  it('has one full run and an empty open one when the posts fill exactly one run', () => {
    expect(archiveRuns(numbers(4), 4)).toEqual([[4, 3, 2, 1], []]);
  });

  it('has two full runs and an open one for two and a half runs of posts', () => {
    expect(archiveRuns(numbers(10), 4)).toEqual([
      [4, 3, 2, 1],
      [8, 7, 6, 5],
      [10, 9],
    ]);
  });

  it('keeps runs of one, each post its own run, with an empty open run after them', () => {
    expect(archiveRuns(numbers(3), 1)).toEqual([[1], [2], [3], []]);
  });

  it('holds every post exactly once, newest first inside each run, oldest run first', () => {
    for (const size of [1, 2, 3, 5, 7]) {
      for (let n = 0; n <= 3 * size + 1; n++) {
        const runs = archiveRuns(numbers(n), size);
        // Oldest run first, each newest first: reversed and flattened, they count up from 1.
        expect(
          runs.flatMap((run) => [...run].reverse()),
          `${n} posts by ${size}`,
        ).toEqual(numbers(n).reverse());
        // Every run but the last is full; the last is the open one, never full.
        for (const run of runs.slice(0, -1)) expect(run).toHaveLength(size);
        expect((runs.at(-1) ?? []).length).toBeLessThan(size);
        expect(runs).toHaveLength(n === 0 ? 0 : Math.floor(n / size) + 1);
      }
    }
  });

  it('does not change the list it is given', () => {
    const list = numbers(5);
    archiveRuns(list, 2);
    expect(list).toEqual([5, 4, 3, 2, 1]);
  });
});

describe('postsInFeeds', () => {
  it('lists every post that lands in some feed once', () => {
    const plan = planFeeds([...posts].reverse(), { limit: 2, archiveSize: 100 });
    expect(postsInFeeds(plan).map((p) => p.slug)).toEqual(['p5', 'p4', 'p2', 'p1']);
  });
});

describe('planSite', () => {
  it('selects what is published now, plans it, and says when the next post comes due', () => {
    const now = at('2026-01-04T12:00:00Z');
    const plan = planSite(
      posts,
      { limit: 10, archiveSize: 100, archiveContent: 'summary' },
      { now },
    );
    expect(plan.published.map((p) => p.slug)).toEqual(['p3', 'p2', 'p1', 'p0']);
    expect(plan.current.map((p) => p.slug)).toEqual(['p3', 'p2', 'p1', 'p0']);
    expect(plan.nextDue).toBe(at('2026-01-05T00:00:00Z').getTime());
  });

  it('says no post comes due when none is left out for its date', () => {
    const plan = planSite(
      posts,
      { limit: 10, archiveSize: 100, archiveContent: 'summary' },
      { now: at('2027-01-01') },
    );
    expect(plan.published).toHaveLength(6);
    expect(plan.nextDue).toBe(Number.POSITIVE_INFINITY);
  });

  it('keeps current the posts of the subscription documents and of the open archives', () => {
    const now = at('2027-01-01');
    const full = { archiveContent: 'full' } as const;
    // q4 … q0 by 3: archives [q2 q1 q0] (full) and [q4 q3] (open); the feed holds q4 only.
    const five = planSite(uncategorised(5), { limit: 1, archiveSize: 3, ...full }, { now });
    expect(slugs(five.current)).toEqual(['q4', 'q3']);
    // q6 … q0 by 3: [q2 q1 q0], [q5 q4 q3], [q6]; the feed holds q6 and q5.
    const seven = planSite(uncategorised(7), { limit: 2, archiveSize: 3, ...full }, { now });
    expect(slugs(seven.current)).toEqual(['q6', 'q5']);
    // q5 … q0 by 3: both archives full, the open one empty: only the feed's posts.
    const six = planSite(uncategorised(6), { limit: 1, archiveSize: 3, ...full }, { now });
    expect(slugs(six.current)).toEqual(['q5']);
  });

  it('keeps current the open archive of every category feed too, each post once', () => {
    const now = at('2027-01-01');
    const plan = planSite(posts, { limit: 1, archiveSize: 2, archiveContent: 'full' }, { now });
    // Site: open archive empty, feed p5. New: [p4 p3], open [p5]. Old: [p1 p0], open [p2].
    expect(slugs(plan.current)).toEqual(['p5', 'p2']);
    const wide = planSite(posts, { limit: 1, archiveSize: 4, archiveContent: 'full' }, { now });
    // Site: [p3 … p0], open [p5 p4]; New and Old are each a single open archive.
    expect(slugs(wide.current)).toEqual(['p5', 'p2', 'p4', 'p3', 'p1', 'p0']);
  });

  it('keeps current only the subscription documents’ posts when archives carry summaries', () => {
    const now = at('2027-01-01');
    const five = planSite(
      uncategorised(5),
      { limit: 1, archiveSize: 3, archiveContent: 'summary' },
      { now },
    );
    expect(slugs(five.current)).toEqual(['q4']);
    const wide = planSite(posts, { limit: 1, archiveSize: 4, archiveContent: 'summary' }, { now });
    expect(slugs(wide.current)).toEqual(['p5', 'p2']);
    expect(slugs(wide.current)).toEqual(slugs(postsInFeeds(wide)));
  });
});

describe('planFeeds: bylines, tags and per-story control', () => {
  const byline = [
    makePost({
      slug: 'b2',
      date: at('2026-02-03T00:00:00Z'),
      authors: [{ name: 'Jane Doe', key: 'jdoe' }, { name: 'Sam Roe' }],
      tags: ['Ottawa', 'Trade'],
      categories: ['Politics'],
    }),
    makePost({
      slug: 'b1',
      date: at('2026-02-02T00:00:00Z'),
      authors: [{ name: 'jane doe', key: 'jdoe' }],
      tags: ['ottawa', 'Politics'],
      categories: ['Politics'],
      feed: 'none',
    }),
    makePost({ slug: 'b0', date: at('2026-02-01T00:00:00Z') }),
  ];
  const profiles = { jdoe: { key: 'jdoe', name: 'Jane Doe', bio: 'Reporter.' } };

  it('plans a feed per byline after the categories, a profile’s named by its key', () => {
    const plan = planFeeds(byline, { limit: 10, archiveSize: 100, authors: profiles });
    const writers = plan.feeds.filter((f) => f.writer);
    expect(writers.map((f) => [f.writer?.slug, f.writer?.name, slugs(f.all)])).toEqual([
      ['jdoe', 'Jane Doe', ['b2', 'b1']],
      ['sam-roe', 'Sam Roe', ['b2']],
    ]);
    expect(writers[0]?.writer?.bio).toBe('Reporter.');
    expect([...plan.authorByKey.keys()]).toEqual([
      groupKey('en', 'Jane Doe'),
      groupKey('en', 'Sam Roe'),
    ]);
  });

  it('gives a byline its profile when only an older story names it by its key', () => {
    const plain = makePost({
      slug: 'b3',
      date: at('2026-02-04T00:00:00Z'),
      authors: [{ name: 'Jane Doe' }],
    });
    const plan = planFeeds([plain, ...byline], { limit: 10, archiveSize: 100, authors: profiles });
    const jane = plan.feeds.find((f) => f.writer?.name === 'Jane Doe');
    expect([jane?.writer?.slug, jane?.writer?.bio, slugs(jane?.all ?? [])]).toEqual([
      'jdoe',
      'Reporter.',
      ['b3', 'b2', 'b1'],
    ]);
  });

  it('plans a feed per tag (not those that repeat a category), unless tag feeds are off', () => {
    const plan = planFeeds(byline, { limit: 10, archiveSize: 100 });
    const tags = plan.feeds.filter((f) => f.tag);
    expect(tags.map((f) => [f.tag?.slug, slugs(f.all)])).toEqual([
      ['ottawa', ['b2', 'b1']],
      ['trade', ['b2']],
    ]);
    const off = planFeeds(byline, { limit: 10, archiveSize: 100, tagFeeds: false });
    expect(off.feeds.some((f) => f.tag)).toBe(false);
    expect(off.tagByKey.size).toBe(0);
  });

  it('keeps a `feed: false` story in the listings but out of every feed and archive', () => {
    const plan = planFeeds(byline, { limit: 10, archiveSize: 100 });
    for (const feed of plan.feeds) {
      expect(slugs(feed.posts)).not.toContain('b1');
      expect(feed.archives.flat().map((p) => p.slug)).not.toContain('b1');
    }
    expect(slugs(plan.feeds[0]?.all ?? [])).toEqual(['b2', 'b1', 'b0']);
  });
});

describe('planSite: withdrawn stories', () => {
  it('withdraws a story past its `expires`, keeps it hosted, and is due again when one expires', () => {
    const expiring = [
      makePost({
        slug: 'gone',
        date: at('2026-01-01T00:00:00Z'),
        expires: at('2026-01-05T00:00:00Z'),
      }),
      makePost({
        slug: 'soon',
        date: at('2026-01-02T00:00:00Z'),
        expires: at('2026-01-20T00:00:00Z'),
      }),
      makePost({ slug: 'kept', date: at('2026-01-03T00:00:00Z') }),
    ];
    const plan = planSite(
      expiring,
      { limit: 10, archiveSize: 100, archiveContent: 'summary' },
      {
        now: at('2026-01-10T00:00:00Z'),
      },
    );
    expect(slugs(plan.published)).toEqual(['kept', 'soon']);
    expect(slugs(plan.withdrawn)).toEqual(['gone']);
    expect(slugs(plan.hosted)).toEqual(['kept', 'soon', 'gone']);
    expect(plan.nextDue).toBe(at('2026-01-20T00:00:00Z').getTime());
  });
});
