import { describe, expect, it } from 'vitest';
import { contentImages, contentUrls, isAbsoluteUrl } from '../../../src/check/content-urls.js';

describe('contentUrls', () => {
  it('finds links and embedded resources, in document order, decoded', () => {
    const html =
      '<p><a href="#top">up</a> <img src="/a.png" alt="x"><video poster=\'p.jpg\'><source src=https://x.org/v.mp4></video>' +
      '<a href="https://x.org/?a=1&amp;b=2">q</a></p>';
    expect(contentUrls(html)).toEqual([
      { tag: 'a', attribute: 'href', url: '#top', embedded: false },
      { tag: 'img', attribute: 'src', url: '/a.png', embedded: true },
      { tag: 'video', attribute: 'poster', url: 'p.jpg', embedded: true },
      { tag: 'source', attribute: 'src', url: 'https://x.org/v.mp4', embedded: true },
      { tag: 'a', attribute: 'href', url: 'https://x.org/?a=1&b=2', embedded: false },
    ]);
  });

  it('reads every candidate of a srcset', () => {
    const urls = contentUrls('<img srcset="a.png 1x, https://x.org/b.png 2x,c.png">').map(
      (found) => found.url,
    );
    expect(urls).toEqual(['a.png', 'https://x.org/b.png', 'c.png']);
  });

  it('ignores other attributes, and a > inside a quoted value', () => {
    expect(contentUrls('<img alt="a > b" data-src="x.png" src="y.png">')).toEqual([
      { tag: 'img', attribute: 'src', url: 'y.png', embedded: true },
    ]);
  });
});

describe('contentImages', () => {
  it('is the src of every img', () => {
    expect(contentImages('<img src="a.png"><a href="b.png">b</a><img src="">')).toEqual(['a.png']);
  });
});

describe('isAbsoluteUrl', () => {
  it('is true for a URL with a scheme, false for every relative form', () => {
    for (const url of ['https://x.org/', 'http://x', 'mailto:a@b.c', 'data:image/png;base64,AA'])
      expect(isAbsoluteUrl(url), url).toBe(true);
    for (const url of ['#x', '/a', 'a.html', '//cdn.x.org/a.png', '', '?q=1'])
      expect(isAbsoluteUrl(url), url).toBe(false);
  });
});
