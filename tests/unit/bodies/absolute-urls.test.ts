import { describe, expect, it } from 'vitest';
import { absoluteUrl, absolutizeAttributes } from '../../../src/bodies/absolute-urls.js';

const base = {
  itemUrl: 'https://u.github.io/repo/posts/a/',
  siteUrl: 'https://u.github.io/repo/',
};

describe('absoluteUrl', () => {
  it('reads "/x" from the site root (a sub-path), and "x" and "../x" from the post', () => {
    expect(absoluteUrl('/img/a.png', base)).toBe('https://u.github.io/repo/img/a.png');
    expect(absoluteUrl('b/', base)).toBe('https://u.github.io/repo/posts/a/b/');
    expect(absoluteUrl('../c', base)).toBe('https://u.github.io/repo/posts/c');
  });

  it('points a fragment into the post’s own page', () => {
    expect(absoluteUrl('#top', base)).toBe('https://u.github.io/repo/posts/a/#top');
    expect(absoluteUrl(' #fn-1 ', base)).toBe('https://u.github.io/repo/posts/a/#fn-1');
  });

  it('leaves empty values, absolute and protocol-relative URLs as URLs', () => {
    expect(absoluteUrl('  ', base)).toBe('  ');
    expect(absoluteUrl('https://x.example/a b', base)).toBe('https://x.example/a%20b');
    expect(absoluteUrl('//cdn.example/x', base)).toBe('https://cdn.example/x');
  });

  it('returns a value URL parsing refuses as it was', () => {
    expect(absoluteUrl('http://[bad', base)).toBe('http://[bad');
  });
});

describe('absolutizeAttributes', () => {
  it('rewrites every URL attribute and each srcset candidate, and nothing else', () => {
    const out = absolutizeAttributes(
      { href: 'x', title: 'x', srcset: 'a.png 1x, /b.png 2x', poster: '/p.jpg' },
      base,
    );
    expect(out).toEqual({
      href: 'https://u.github.io/repo/posts/a/x',
      title: 'x',
      srcset: 'https://u.github.io/repo/posts/a/a.png 1x, https://u.github.io/repo/b.png 2x',
      poster: 'https://u.github.io/repo/p.jpg',
    });
  });
});
