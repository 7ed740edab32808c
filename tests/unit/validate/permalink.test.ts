import { describe, expect, it } from 'vitest';
import { expandPermalink, postUrl } from '../../../src/validate/permalink.js';
import { siteConfig } from '../../helpers/model.js';

const at = (iso: string) => new Date(iso);

describe('expandPermalink', () => {
  it('expands :year/:month/:day in the site time zone', () => {
    const post = { slug: 's', date: at('2026-01-01T03:00:00Z') };
    expect(expandPermalink('/:year/:month/:day/:slug/', post, 'America/Toronto')).toBe(
      '/2025/12/31/s/',
    );
    expect(expandPermalink('/:year/:month/:day/:slug/', post, 'UTC')).toBe('/2026/01/01/s/');
  });
  it('leaves text that only looks like a token alone', () => {
    const post = { slug: 's', date: at('2026-01-01T00:00:00Z') };
    expect(expandPermalink('/:slugs/:slug/', post, 'UTC')).toBe('/:slugs/s/');
  });
});

describe('postUrl', () => {
  const sub = siteConfig({ url: 'https://u.github.io/repo/' });
  const date = at('2026-05-01T12:00:00Z');

  it('puts posts under a sub-path site', () => {
    expect(postUrl({ slug: 's', date }, sub)).toBe('https://u.github.io/repo/posts/s/');
  });
  it('uses link when given', () => {
    expect(postUrl({ slug: 's', date, link: 'https://else.example/a' }, sub)).toBe(
      'https://else.example/a',
    );
  });
  it('resolves a pattern with dots or unusual characters the way URL parsing does', () => {
    const config = { ...sub, permalink: '/a/./b/../:slug/é/' };
    expect(postUrl({ slug: 's', date }, config)).toBe('https://u.github.io/repo/a/s/%C3%A9/');
  });
});
