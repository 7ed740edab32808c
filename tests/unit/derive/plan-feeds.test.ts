import { describe, expect, it } from 'vitest';
import { planFeeds, planSite, postsInFeeds } from '../../../src/derive/plan-feeds.js';
import { makePost } from '../../helpers/model.js';

const at = (iso: string) => new Date(iso);
const posts = Array.from({ length: 6 }, (_, i) =>
  makePost({
    slug: `p${i}`,
    date: at(`2026-01-0${i + 1}T00:00:00Z`),
    categories: i < 3 ? ['Old'] : ['New'],
  }),
);

describe('planFeeds', () => {
  it('plans the site feed first, then one feed per category, newest `limit` posts each', () => {
    const plan = planFeeds([...posts].reverse(), { limit: 2 });
    expect(plan.feeds.map((f) => [f.category?.slug ?? '', f.posts.map((p) => p.slug)])).toEqual([
      ['', ['p5', 'p4']],
      ['new', ['p5', 'p4']],
      ['old', ['p2', 'p1']],
    ]);
    expect([...plan.categoryByKey.keys()]).toEqual(['new', 'old']);
  });
});

describe('postsInFeeds', () => {
  it('lists every post that lands in some feed once', () => {
    const plan = planFeeds([...posts].reverse(), { limit: 2 });
    expect(postsInFeeds(plan).map((p) => p.slug)).toEqual(['p5', 'p4', 'p2', 'p1']);
  });
});

describe('planSite', () => {
  it('selects what is published now, plans it, and says when the next post comes due', () => {
    const now = at('2026-01-04T12:00:00Z');
    const plan = planSite(posts, { limit: 10 }, { now });
    expect(plan.published.map((p) => p.slug)).toEqual(['p3', 'p2', 'p1', 'p0']);
    expect(plan.selected.map((p) => p.slug)).toEqual(['p3', 'p2', 'p1', 'p0']);
    expect(plan.nextDue).toBe(at('2026-01-05T00:00:00Z').getTime());
  });
});
