import { describe, expect, it } from 'vitest';
import { MAX_CATEGORIES_PER_POST, MAX_SITE_TAGS } from '../../../src/derive/category-limits.js';
import { siteWideProblems } from '../../../src/derive/site-wide-problems.js';
import { makePost } from '../../helpers/model.js';

const display = (p: { sourcePath: string }) => `posts/${p.sourcePath}`;

describe('siteWideProblems', () => {
  it('finds nothing on a site of distinct posts within the limits', () => {
    const posts = [
      makePost({ sourcePath: 'a.md', slug: 'a', categories: ['Politics'] }),
      makePost({ sourcePath: 'b.md', slug: 'b', categories: ['Economy'] }),
    ];
    expect(siteWideProblems(posts, display)).toEqual([]);
  });

  it('gives shared addresses and posts over the category limit together', () => {
    const crowded = Array.from({ length: MAX_CATEGORIES_PER_POST + 1 }, (_, i) => `C${i}`);
    const posts = [
      makePost({ sourcePath: 'a.md', slug: 'same' }),
      makePost({ sourcePath: 'b.md', slug: 'same' }),
      makePost({ sourcePath: 'c.md', slug: 'c', categories: crowded }),
    ];
    const problems = siteWideProblems(posts, display);
    expect(problems.map((d) => [d.code, d.file])).toEqual(
      expect.arrayContaining([['too-many-categories', 'posts/c.md']]),
    );
    expect(problems.some((d) => d.code !== 'too-many-categories' && d.severity === 'error')).toBe(
      true,
    );
    expect(problems.filter((d) => d.code !== 'too-many-categories').map((d) => d.file)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^posts\/[ab]\.md$/)]),
    );
  });

  it('limits the site’s tags only while every tag gets its feeds', () => {
    const tags = Array.from({ length: MAX_SITE_TAGS + 1 }, (_, i) => `t${i}`);
    const posts = [makePost({ sourcePath: 'a.md', slug: 'a', tags })];
    expect(siteWideProblems(posts, display).map((d) => d.code)).toEqual(['too-many-site-tags']);
    expect(siteWideProblems(posts, display, { tagFeeds: false })).toEqual([]);
  });
});
