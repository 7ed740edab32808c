import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  absoluteUrl,
  absolutizeAttributes,
  parsedAbsoluteUrl,
} from '../../../src/bodies/absolute-urls.js';
import { nearlyPlainReference, nearlyPlainUrl, urlPath } from '../../helpers/url-arbitraries.js';

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

  it('gives what URL parsing gives, plain links (not parsed) or not', () => {
    // The post's and site's URLs too are mostly plain, now and then not (or not http).
    const folder = fc.oneof(
      {
        arbitrary: nearlyPlainUrl.map((url) => url.replace(/[?#].*$/, '').replace(/\/?$/, '/')),
        weight: 4,
      },
      { arbitrary: nearlyPlainUrl, weight: 1 },
    );
    // As validation leaves them, URLs parsing takes (against any other, every link is left as is).
    const bases = fc
      .record({ itemUrl: folder, siteUrl: folder })
      .filter((at) => URL.canParse(at.itemUrl) && URL.canParse(at.siteUrl));
    const value = fc.oneof(nearlyPlainUrl, nearlyPlainReference, urlPath, fc.string());
    fc.assert(
      fc.property(value, bases, (link, at) => {
        expect(absoluteUrl(link, at)).toBe(parsedAbsoluteUrl(link, at));
      }),
      { numRuns: 5000 },
    );
  });

  it('resolves paths relative to the post as URL parsing does, at any depth', () => {
    const segment = fc.constantFrom('b', 'c', 'x.html', '', '.', '..', '%2e', 'B');
    const folder = fc
      .array(segment, { maxLength: 4 })
      .map((segments) => `https://a.example/${segments.join('/')}`);
    const up = fc.array(fc.constantFrom('./', '../', '.', '..', '/'), { maxLength: 5 });
    const link = fc.tuple(up, fc.constantFrom('', 'd', 'd/e', 'd/', 'd/../e', '.d', '..d'));
    fc.assert(
      fc.property(link, folder, ([steps, rest], itemUrl) => {
        const at = { itemUrl, siteUrl: 'https://a.example/' };
        const value = `${steps.join('')}${rest}`;
        expect(absoluteUrl(value, at)).toBe(parsedAbsoluteUrl(value, at));
      }),
      { numRuns: 3000 },
    );
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
