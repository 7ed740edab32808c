import { describe, expect, it } from 'vitest';
import { hubProblem, imageUrl, siteUrlProblem } from '../../../src/config/config-urls.js';

describe('siteUrlProblem', () => {
  it('finds nothing wrong with a root or a sub-path, with or without its trailing slash', () => {
    for (const url of [
      'https://example.com/',
      'https://u.github.io/repo',
      'https://u.github.io/repo/',
      'http://127.0.0.1:8080/site/',
      'https://example.com/v1.2',
    ]) {
      expect(siteUrlProblem(url), url).toBeUndefined();
    }
  });

  it('refuses a query or a fragment, empty ones too, wherever the slash is', () => {
    for (const url of [
      'https://example.com/news?x=1',
      'https://example.com/news/?x=1',
      'https://example.com/news#top',
      'https://example.com/news/#/',
      'https://example.com/news?',
      'https://example.com/news#',
    ]) {
      expect(siteUrlProblem(url), url).toEqual({
        message: 'url must not have a query or fragment',
        fix: 'use the site root, e.g. "https://example.com/"',
      });
    }
  });

  it('refuses a user name or password, which every page and feed would show', () => {
    for (const url of ['https://ada:secret@example.com/', 'https://ada@example.com/news/']) {
      expect(siteUrlProblem(url), url).toEqual({
        message: 'url holds a user name or password, which every page and feed would show',
        fix: 'remove the "user:password@" part',
      });
    }
  });

  it('refuses a file, saying which folder to use', () => {
    expect(siteUrlProblem('https://example.com/news/index.html')).toEqual({
      message: 'url must be the folder the site is served from, not a file ("index.html")',
      fix: 'use "https://example.com/news/"',
    });
    expect(siteUrlProblem('https://example.com/feed.XML')).toMatchObject({
      fix: 'use "https://example.com/"',
    });
  });
});

describe('hubProblem', () => {
  it('finds nothing wrong with a plain hub URL', () => {
    expect(hubProblem('hubs[0]', 'https://pubsubhubbub.appspot.com/')).toBeUndefined();
  });

  it('refuses a hub URL with a user name or password', () => {
    expect(hubProblem('hubs[1]', 'https://ada:token@hub.example/')).toEqual({
      message: 'hubs[1] holds a user name or password, which every feed would show',
      fix: 'remove the "user:password@" part',
    });
  });
});

describe('imageUrl', () => {
  const site = 'https://u.github.io/repo/';

  it('resolves a site path under the site URL, with or without its leading slash', () => {
    expect(imageUrl('icon', site, '/icon.png')).toEqual({
      href: 'https://u.github.io/repo/icon.png',
    });
    expect(imageUrl('logo', site, ' img/logo.png ')).toEqual({
      href: 'https://u.github.io/repo/img/logo.png',
    });
    expect(imageUrl('logo', site, 'img/my logo.png')).toEqual({
      href: 'https://u.github.io/repo/img/my%20logo.png',
    });
  });

  it('keeps an absolute http(s) URL, normalised', () => {
    expect(imageUrl('logo', site, 'HTTPS://CDN.example/l.png')).toEqual({
      href: 'https://cdn.example/l.png',
    });
  });

  it('refuses a URL of another scheme, naming it', () => {
    for (const [value, scheme] of [
      ['javascript:alert(1)', 'javascript:'],
      ['data:image/png;base64,iVBORw0KGgo=', 'data:'],
      ['file:///etc/passwd', 'file:'],
      ['ftp://example.com/i.png', 'ftp:'],
    ] as const) {
      expect(imageUrl('icon', site, value), value).toEqual({
        message: `icon ${JSON.stringify(value)} is a ${scheme} URL; it must be an http(s) URL or a site path`,
        fix: 'use a site path such as "/icon.png" (a file in public/) or "https://example.com/icon.png"',
      });
    }
  });

  it('refuses an absolute URL that does not parse, instead of throwing', () => {
    for (const value of ['http://', 'https://exa mple.com/i.png', 'http://[::1/i.png']) {
      expect(imageUrl('logo', site, value), value).toEqual({
        message: `logo ${JSON.stringify(value)} is not a valid URL`,
        fix: 'use a site path such as "/logo.png" (a file in public/) or "https://example.com/logo.png"',
      });
    }
  });

  it('refuses a URL with a user name or password', () => {
    expect(imageUrl('logo', site, 'https://ada:pw@cdn.example/l.png')).toEqual({
      message: 'logo holds a user name or password, which every feed would show',
      fix: 'remove the "user:password@" part',
    });
  });
});
