import { describe, expect, it } from 'vitest';
import {
  categoryLimits,
  MAX_CATEGORIES_PER_POST,
  MAX_SITE_CATEGORIES,
} from '../../../src/derive/category-limits.js';
import { makePost } from '../../helpers/model.js';

const display = (p: { sourcePath: string }) => `posts/${p.sourcePath}`;
const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix} ${i}`);

describe('categoryLimits', () => {
  it('accepts posts at the limits', () => {
    const posts = [
      makePost({ sourcePath: 'a.md', categories: names('A', MAX_CATEGORIES_PER_POST) }),
      makePost({ sourcePath: 'b.md', categories: names('A', 3) }),
    ];
    expect(categoryLimits(posts, display)).toEqual([]);
  });

  it('names a post over the per-post limit, with the number and the fix', () => {
    const posts = [
      makePost({ sourcePath: 'b.md', categories: names('B', MAX_CATEGORIES_PER_POST + 1) }),
      makePost({ sourcePath: 'a.md', categories: names('A', 2) }),
    ];
    expect(categoryLimits(posts, display)).toEqual([
      {
        severity: 'error',
        code: 'too-many-categories',
        file: 'posts/b.md',
        field: 'categories',
        message: `${MAX_CATEGORIES_PER_POST + 1} categories; a post may have at most ${MAX_CATEGORIES_PER_POST}`,
        fix: `keep the ${MAX_CATEGORIES_PER_POST} that matter most and move the others to tags (tags appear in every feed the post is in; with "tagFeeds": false in the config they get no feed or page of their own)`,
      },
    ]);
  });

  it('names every post over the per-post limit, in file order', () => {
    const posts = ['c.md', 'a.md', 'b.md'].map((sourcePath, i) =>
      makePost({ sourcePath, categories: names('X', i === 2 ? 1 : 4) }),
    );
    const found = categoryLimits(posts, display, { perPost: 3, perSite: 100 });
    expect(found.map((d) => [d.file, d.message])).toEqual([
      ['posts/a.md', '4 categories; a post may have at most 3'],
      ['posts/c.md', '4 categories; a post may have at most 3'],
    ]);
  });

  it('names the first post, in file order, that takes the site over its limit', () => {
    const posts = [
      makePost({ sourcePath: 'c.md', categories: ['Gamma', 'Delta'] }),
      makePost({ sourcePath: 'a.md', categories: ['Alpha', 'Beta'] }),
      makePost({ sourcePath: 'b.md', categories: ['beta', 'ALPHA', 'Epsilon'] }),
    ];
    expect(categoryLimits(posts, display, { perPost: 3, perSite: 4 })).toEqual([
      {
        severity: 'error',
        code: 'too-many-site-categories',
        file: 'posts/c.md',
        field: 'categories',
        message:
          'the posts use 5 different categories; a site may have at most 4 (each gets its own feeds and pages), and "Delta" is one too many',
        fix: 'merge categories, or move the rarely used ones to tags (tags appear in every feed the post is in; with "tagFeeds": false in the config they get no feed or page of their own)',
      },
    ]);
  });

  it('counts names that differ only in case or Unicode form as one category', () => {
    const posts = [
      makePost({ sourcePath: 'a.md', categories: ['Économie', 'Politics'] }),
      makePost({ sourcePath: 'b.md', categories: ['e\u0301conomie', 'POLITICS'] }),
    ];
    expect(categoryLimits(posts, display, { perPost: 3, perSite: 2 })).toEqual([]);
  });

  it('has documented defaults: 20 a post, 20,000 a site', () => {
    expect([MAX_CATEGORIES_PER_POST, MAX_SITE_CATEGORIES]).toEqual([20, 20_000]);
  });

  it('checks 100,000 categories in one pass', () => {
    const base = makePost();
    const posts = Array.from({ length: 25_000 }, (_, i) => ({
      ...base,
      sourcePath: `p${i}.md`,
      categories: names(`C${i}`, 4),
    }));
    const found = categoryLimits(posts, display);
    expect(found.map((d) => d.code)).toEqual(['too-many-site-categories']);
    expect(found[0]?.message).toContain('the posts use 100,000 different categories');
  });
});

describe('categoryLimits: tags', () => {
  it('names the post that brings in one tag too many, while tags get feeds', () => {
    const posts = [
      makePost({ sourcePath: 'a.md', tags: names('T', 3) }),
      makePost({ sourcePath: 'b.md', tags: ['t 0', 'New', 'Newer'] }),
    ];
    const limits = { perPost: 20, perSite: 100 };
    expect(categoryLimits(posts, display, { ...limits, tags: 4 })).toEqual([
      {
        severity: 'error',
        code: 'too-many-site-tags',
        file: 'posts/b.md',
        field: 'tags',
        message:
          'the posts use 5 different tags; with a feed and a page for each, a site may have at most 4, and "Newer" is one too many',
        fix: 'set "tagFeeds": false in the config: tags then appear in every feed the post is in, with no feed or page of their own',
      },
    ]);
    expect(categoryLimits(posts, display, limits)).toEqual([]);
  });
});
