import { describe, expect, it } from 'vitest';
import {
  comparePosts,
  nextDue,
  selectPublished,
  withdrawnPosts,
} from '../../../src/derive/select.js';
import { makePost } from '../../helpers/model.js';

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

describe('comparePosts', () => {
  it('puts the newer post first, and breaks a tie by slug in code-point order', () => {
    const older = makePost({ slug: 'a', date: at('2026-01-01T00:00:00Z') });
    const newer = makePost({ slug: 'b', date: at('2026-01-02T00:00:00Z') });
    expect(comparePosts(newer, older)).toBeLessThan(0);
    const upper = makePost({ slug: 'Z', date: older.date });
    expect(comparePosts(upper, older)).toBeLessThan(0);
    expect(comparePosts(older, older)).toBe(0);
  });
});

describe('nextDue', () => {
  const posts = [
    makePost({ slug: 'past', date: at('2026-01-01T00:00:00Z') }),
    makePost({ slug: 'soon', date: at('2026-03-01T00:00:00Z') }),
    makePost({ slug: 'later', date: at('2026-04-01T00:00:00Z') }),
    makePost({ slug: 'draft', date: at('2026-02-15T00:00:00Z'), draft: true }),
  ];
  const now = at('2026-02-01T00:00:00Z');

  it('is the date of the first post left out for being in the future', () => {
    expect(nextDue(posts, { now })).toBe(at('2026-03-01T00:00:00Z').getTime());
  });
  it('counts a future draft only when drafts are included', () => {
    expect(nextDue(posts, { now, includeDrafts: true })).toBe(at('2026-02-15T00:00:00Z').getTime());
  });
  it('is never when future posts are included, or none is in the future', () => {
    expect(nextDue(posts, { now, includeFuture: true })).toBe(Number.POSITIVE_INFINITY);
    expect(nextDue(posts, { now: at('2027-01-01T00:00:00Z') })).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('withdrawnPosts and expiry', () => {
  const now = at('2026-03-01T00:00:00Z');
  const posts = [
    makePost({
      slug: 'expired',
      date: at('2026-01-01T00:00:00Z'),
      expires: at('2026-02-01T00:00:00Z'),
    }),
    makePost({ slug: 'at-now', date: at('2026-01-02T00:00:00Z'), expires: now }),
    makePost({
      slug: 'later',
      date: at('2026-01-03T00:00:00Z'),
      expires: at('2026-04-01T00:00:00Z'),
    }),
    makePost({
      slug: 'draft',
      date: at('2026-01-04T00:00:00Z'),
      expires: at('2026-02-01T00:00:00Z'),
      draft: true,
    }),
  ];

  it('withdraws a published story from the instant it expires, and never a draft', () => {
    expect(withdrawnPosts(posts, { now }).map((p) => p.slug)).toEqual(['at-now', 'expired']);
    expect(selectPublished(posts, { now }).map((p) => p.slug)).toEqual(['later']);
  });

  it('is next due when a published story expires, if that comes first', () => {
    expect(nextDue(posts, { now })).toBe(at('2026-04-01T00:00:00Z').getTime());
    const future = makePost({ slug: 'f', date: at('2026-03-15T00:00:00Z') });
    expect(nextDue([...posts, future], { now })).toBe(future.date.getTime());
  });
});
