import { describe, expect, it } from 'vitest';
import { permalinkProblem } from '../../../src/config/permalink-pattern.js';

const FIX = 'use e.g. "/posts/:slug/" or "/:year/:month/:slug/"';

describe('permalinkProblem', () => {
  it('finds nothing wrong with patterns that give each post a page of its own', () => {
    for (const pattern of [
      '/posts/:slug/',
      '/:slug/',
      '/:slug',
      '/:year/:month/:day/:slug.html',
      '/news/:year-:slug.htm',
      '/page/:slug/',
      '/archive/posts/:slug/',
      '/新闻/:slug/',
      `/${'x'.repeat(180)}-:slug/`,
    ]) {
      expect(permalinkProblem(pattern), pattern).toBeUndefined();
    }
  });

  it('refuses a pattern that puts posts where feedwright writes its own files', () => {
    expect(permalinkProblem('/categories/:slug/')).toEqual({
      message:
        'permalink puts posts where feedwright writes the category pages and feeds ("/categories/a-post/" is categories/a-post/index.html)',
      fix: FIX,
    });
    expect(permalinkProblem('/:slug/rss.xml')).toEqual({
      message:
        'permalink puts posts where feedwright writes a feed file ("/a-post/rss.xml" is a-post/rss.xml)',
      fix: FIX,
    });
    expect(permalinkProblem('/page/:year/:slug/')?.message).toBe(
      'permalink puts posts where feedwright writes a listing page ("/page/2026/a-post/" is page/2026/a-post/index.html)',
    );
    expect(permalinkProblem('/archive/:day/:slug/')?.message).toContain('an archive of the feed');
    expect(permalinkProblem('/:slug/feed.json')?.message).toContain('a feed file');
  });

  it('refuses a pattern whose pages would not be HTML, or not on the site', () => {
    expect(permalinkProblem('/:slug.txt')).toEqual({
      message: 'permalink gives addresses no page can be written at ("/a-post.txt")',
      fix: `end it with "/" or ".html", inside the site; ${FIX}`,
    });
    expect(permalinkProblem('/../:slug/', 'https://u.github.io/repo/')?.message).toBe(
      'permalink gives addresses no page can be written at ("/../a-post/")',
    );
  });

  it('refuses a pattern that leaves :slug too little room in its name', () => {
    expect(permalinkProblem(`/${'x'.repeat(200)}-:slug/`)).toEqual({
      message:
        'permalink leaves :slug only 54 bytes in its path segment (a file or folder name has at most 255)',
      fix: `shorten the text around :slug; ${FIX}`,
    });
    expect(permalinkProblem(`/${'新'.repeat(90)}/:slug/`)).toEqual({
      message:
        'permalink has a path segment over 255 bytes, the most a file or folder name may have',
      fix: `shorten the text around :slug; ${FIX}`,
    });
  });
});
