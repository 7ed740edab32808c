import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE } from '../../src/manifest.js';
import { renderSite } from '../../src/render/render-site.js';
import {
  FEED_FILES,
  feedPaths,
  httpUrl,
  isFeedPath,
  isPlainHttpUrl,
  isSafePagePath,
  itemPagePath,
  MAX_NAME_BYTES,
  OWN_FOLDERS,
  overlongName,
  PERMALINK_TOKEN,
  parseHttpUrl,
  reservedUse,
  resolveSitePath,
  servedPath,
  slugRoom,
} from '../../src/urls.js';
import { makePost, siteConfig, siteOf } from '../helpers/model.js';
import { nearlyPlainUrl } from '../helpers/url-arbitraries.js';

const SITE = 'https://u.github.io/repo/';

describe('FEED_FILES', () => {
  it('names the three feed files', () => {
    expect(FEED_FILES).toEqual({ rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' });
  });
});

describe('feedPaths', () => {
  it('puts the site feeds at the top of the output', () => {
    expect(feedPaths('')).toEqual({ rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' });
  });

  it('puts a category’s feeds in its folder', () => {
    expect(feedPaths('categories/economy/')).toEqual({
      rss: 'categories/economy/rss.xml',
      atom: 'categories/economy/atom.xml',
      json: 'categories/economy/feed.json',
    });
  });

  it('gives paths that isFeedPath recognises', () => {
    for (const p of Object.values(feedPaths('a/b/'))) expect(isFeedPath(p)).toBe(true);
  });
});

describe('isFeedPath', () => {
  it.each(['rss.xml', 'atom.xml', 'feed.json', 'categories/x/rss.xml', 'a/b/c/feed.json'])(
    '%s is a feed',
    (p) => {
      expect(isFeedPath(p)).toBe(true);
    },
  );

  it.each([
    'index.html',
    'myrss.xml',
    'rss.xml.bak',
    'RSS.XML',
    'rss.xml/index.html',
    'categories/rss/index.html',
    'feed.json/',
    '',
  ])('%j is not a feed', (p) => {
    expect(isFeedPath(p)).toBe(false);
  });
});

describe('parseHttpUrl', () => {
  it('parses absolute http and https URLs', () => {
    const url = parseHttpUrl('HTTPS://Example.COM:443/a b?q=1#f');
    expect(url).toBeInstanceOf(URL);
    expect(url?.href).toBe('https://example.com/a%20b?q=1#f');
    expect(parseHttpUrl('http://127.0.0.1:8080/x')?.port).toBe('8080');
  });

  it.each([
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a mailto: URL', 'mailto:ada@example.com'],
    ['an ftp URL', 'ftp://example.com/x'],
    ['a file URL', 'file:///etc/passwd'],
    ['a root-relative path', '/posts/x/'],
    ['a relative path', 'posts/x/'],
    ['a host without a scheme', 'example.com'],
    ['a protocol-relative URL', '//example.com/x'],
    ['an empty string', ''],
    ['a broken URL', 'http://[bad'],
  ])('refuses %s', (_, value) => {
    expect(parseHttpUrl(value)).toBeUndefined();
  });

  it.each([[42], [null], [undefined], [['https://e.example/']], [new URL('https://e.example/')]])(
    'refuses the non-string %j',
    (value) => {
      expect(parseHttpUrl(value)).toBeUndefined();
    },
  );
});

describe('httpUrl', () => {
  it('gives the normalised href of an http(s) URL', () => {
    expect(httpUrl('https://E.example')).toBe('https://e.example/');
    expect(httpUrl('http://e.example/a/../b c')).toBe('http://e.example/b%20c');
  });

  it('gives nothing for anything else', () => {
    expect(httpUrl('javascript:alert(1)')).toBeUndefined();
    expect(httpUrl('data:,x')).toBeUndefined();
    expect(httpUrl('/relative')).toBeUndefined();
    expect(httpUrl(7)).toBeUndefined();
    expect(httpUrl(undefined)).toBeUndefined();
  });

  it('gives what parsing gives, whether it parses or not (a plain URL is itself)', () => {
    fc.assert(
      fc.property(nearlyPlainUrl, (url) => {
        const parsed = URL.canParse(url) ? new URL(url) : undefined;
        const href = parsed && /^https?:$/.test(parsed.protocol) ? parsed.href : undefined;
        expect(httpUrl(url)).toBe(href);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('isPlainHttpUrl', () => {
  it('is true of http(s) URLs written as parsing writes them back', () => {
    for (const url of [
      'https://news.example.com/2026/03/story/',
      'http://a.example/',
      'https://www.statcan.gc.ca/en/a_b~c;d=e?lang=en&ref=news#section-4',
      'https://a--b.example/?',
      'https://example.com/#',
      `https://${'a'.repeat(300)}.example/`,
      'https://1.2.3.example/x',
    ])
      expect([url, isPlainHttpUrl(url)]).toEqual([url, true]);
  });

  it('is false of those parsing would change, refuse, or that are not http(s)', () => {
    for (const url of [
      'https://news.example.com',
      'https://News.example.com/',
      'HTTPS://news.example.com/',
      'https://news.example.com:443/',
      'https://news.example.com/a/../b',
      'https://news.example.com/a/./b',
      'https://news.example.com/a/..',
      'https://news.example.com/a b',
      'https://news.example.com/%7e',
      "https://news.example.com/?q='x'",
      'https://xn--nxasmq6b.example/',
      'https://example.0x1/',
      'https://1.2.3.4/',
      'https://user@news.example.com/',
      'https://news.example.com/é',
      'ftp://news.example.com/',
      'news.example.com/',
    ])
      expect([url, isPlainHttpUrl(url)]).toEqual([url, false]);
  });

  it('is never true of a URL whose href is not itself', () => {
    let plain = 0;
    fc.assert(
      fc.property(nearlyPlainUrl, (url) => {
        if (!isPlainHttpUrl(url)) return;
        plain++;
        expect(URL.canParse(url) && new URL(url).href).toBe(url);
      }),
      { numRuns: 5000 },
    );
    // The URLs are mostly plain: the property holds of many of them, not vacuously.
    expect(plain).toBeGreaterThan(1000);
  });
});

describe('resolveSitePath', () => {
  it.each([
    ['/img/a.png', 'https://u.github.io/repo/img/a.png'],
    ['img/a.png', 'https://u.github.io/repo/img/a.png'],
    ['//img/a.png', 'https://u.github.io/repo/img/a.png'],
    ['img/a b.png?v=2#x', 'https://u.github.io/repo/img/a%20b.png?v=2#x'],
    ['', 'https://u.github.io/repo/'],
  ])('puts the site path %j under a sub-path site', (value, expected) => {
    expect(resolveSitePath(SITE, value)).toBe(expected);
  });

  it('puts a site path under a site at the root of its host', () => {
    expect(resolveSitePath('https://e.example/', '/icon.png')).toBe('https://e.example/icon.png');
  });

  it('keeps an absolute URL, normalised', () => {
    expect(resolveSitePath(SITE, 'HTTPS://CDN.example/x.png')).toBe('https://cdn.example/x.png');
    expect(resolveSitePath(SITE, 'http://cdn.example')).toBe('http://cdn.example/');
  });

  it('throws for an absolute URL that does not parse', () => {
    expect(() => resolveSitePath(SITE, 'http://[bad')).toThrow(TypeError);
  });

  it('throws when the site URL does not parse', () => {
    expect(() => resolveSitePath('not a url', '/x.png')).toThrow(TypeError);
  });
});

describe('itemPagePath', () => {
  it.each([
    ['https://u.github.io/repo/posts/2026/my-post/', 'posts/2026/my-post/index.html'],
    ['https://u.github.io/repo/posts/my-post.html', 'posts/my-post.html'],
    ['https://u.github.io/repo/posts/my-post', 'posts/my-post.html'],
    ['https://u.github.io/repo/posts/caf%C3%A9/', 'posts/café/index.html'],
  ])('%s → %s', (url, path) => {
    expect(itemPagePath(url, 'https://u.github.io/repo/')).toBe(path);
  });

  it.each([
    ['another origin', 'https://example.org/repo/posts/x/'],
    ['another sub-path', 'https://u.github.io/repository/posts/x/'],
    ['the site root', 'https://u.github.io/repo/'],
    ['a query', 'https://u.github.io/repo/posts/x/?a=1'],
    ['a fragment', 'https://u.github.io/repo/posts/x/#top'],
    ['an empty segment', 'https://u.github.io/repo/posts//x/'],
    ['an encoded slash', 'https://u.github.io/repo/posts/a%2F..%2F..%2Fetc/'],
    ['an encoded backslash', 'https://u.github.io/repo/posts/..%5Cetc/'],
    ['a bad escape', 'https://u.github.io/repo/posts/%E0%A4%A/'],
    ['another file type', 'https://u.github.io/repo/posts/feed.xml'],
    ['no URL at all', 'not a url'],
  ])('no page for %s', (_, url) => {
    expect(itemPagePath(url, 'https://u.github.io/repo/')).toBeUndefined();
  });

  it.each([
    ['another scheme', 'http://u.github.io/repo/posts/x/'],
    ['a path above the site', 'https://u.github.io/repo/../x/'],
    ['an encoded NUL', 'https://u.github.io/repo/posts/a%00b/'],
    ['an encoded line break', 'https://u.github.io/repo/posts/a%0Ab'],
    ['a last segment ending in a dot', 'https://u.github.io/repo/posts/x.'],
    ['an image', 'https://u.github.io/repo/posts/photo.png'],
    ['a name over 255 bytes', `https://u.github.io/repo/posts/${'a'.repeat(256)}/`],
    ['a file name over 255 bytes', `https://u.github.io/repo/posts/${'a'.repeat(251)}`],
  ])('no page for %s either', (_, url) => {
    expect(itemPagePath(url, SITE)).toBeUndefined();
  });

  it.each([
    ['keeps .htm and the case of the extension', 'posts/x.HTM', 'posts/x.HTM'],
    ['allows dots in folder names', 'posts/v1.2/', 'posts/v1.2/index.html'],
    ['decodes spaces', 'posts/a%20b/', 'posts/a b/index.html'],
    ['resolves dot segments first', 'posts/../x/', 'x/index.html'],
    ['treats an encoded dot segment as one', 'posts/%2e%2e/x/', 'x/index.html'],
    ['reads a backslash as a slash', 'posts\\x/', 'posts/x/index.html'],
    ['keeps the tilde', '~ada/notes', '~ada/notes.html'],
  ])('%s', (_, rest, expected) => {
    expect(itemPagePath(SITE + rest, SITE)).toBe(expected);
  });

  it('compares origins after normalising them', () => {
    expect(itemPagePath('https://U.GitHub.IO:443/repo/posts/x/', SITE)).toBe('posts/x/index.html');
  });

  it('works for a site at the root of its host', () => {
    expect(itemPagePath('https://e.example/a/', 'https://e.example/')).toBe('a/index.html');
    expect(itemPagePath('https://e.example/', 'https://e.example/')).toBeUndefined();
  });

  it('reads a site URL without its trailing slash as a folder', () => {
    expect(itemPagePath('https://u.github.io/repo/x/', 'https://u.github.io/repo')).toBe(
      'x/index.html',
    );
    expect(itemPagePath('https://u.github.io/repository/x/', 'https://u.github.io/repo')).toBe(
      undefined,
    );
  });

  it('gives no page when the site URL does not parse', () => {
    expect(itemPagePath('not a url/x/', 'not a url/')).toBeUndefined();
  });

  it('always gives a safe path or nothing', () => {
    const segment = fc.string({
      unit: fc.constantFrom('a', 'é', '.', '%2e', '%2F', '%5C', '%00', '%', ' ', '?', '#', '\\'),
      maxLength: 5,
    });
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 4 }), fc.boolean(), (segments, folder) => {
        const page = itemPagePath(SITE + segments.join('/') + (folder ? '/' : ''), SITE);
        if (page !== undefined) expect(isSafePagePath(page), page).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  describe('its fast path', () => {
    /** The documented rules, always parsing both URLs with `new URL`. */
    function referencePagePath(itemUrl: string, siteUrl: string): string | undefined {
      if (!URL.canParse(itemUrl) || !URL.canParse(siteUrl)) return undefined;
      const url = new URL(itemUrl);
      const site = new URL(siteUrl);
      if (url.origin !== site.origin || url.search !== '' || url.hash !== '') return undefined;
      const base = site.pathname.endsWith('/') ? site.pathname : `${site.pathname}/`;
      if (!url.pathname.startsWith(base)) return undefined;
      const rest = url.pathname.slice(base.length);
      if (rest === '') return undefined;
      let segments: string[];
      try {
        segments = rest.split('/').map(decodeURIComponent);
      } catch {
        return undefined;
      }
      const last = segments[segments.length - 1] ?? '';
      let page = segments.join('/');
      if (last === '') page += 'index.html';
      else if (!/\.html?$/i.test(last)) {
        if (last.includes('.')) return undefined;
        page += '.html';
      }
      return isSafePagePath(page) ? page : undefined;
    }

    const plainSegment = fc.string({
      unit: fc.constantFrom(...'aZ09-_~', '.', '.', 'x.html', 'y.HTM', 'z.png'),
      maxLength: 4,
    });
    // Normalised site URLs, as the config hands them on: root or sub-path, ending in `/`.
    const siteUrl = fc
      .tuple(
        fc.constantFrom(
          'https://u.github.io',
          'http://127.0.0.1:8080',
          'https://xn--caf-dma.example',
        ),
        fc.array(fc.stringMatching(/^[a-z0-9-]{1,6}$/), { maxLength: 2 }),
      )
      .map(([origin, parts]) => new URL(`${origin}/${parts.map((p) => `${p}/`).join('')}`).href);

    it('agrees with parsing for the site URL plus plain path characters', () => {
      fc.assert(
        fc.property(siteUrl, fc.array(plainSegment, { maxLength: 5 }), (site, segments) => {
          const url = site + segments.join('/');
          expect(itemPagePath(url, site), url).toBe(referencePagePath(url, site));
        }),
        { numRuns: 500 },
      );
    });

    it('agrees with parsing when the rest holds characters that need it', () => {
      const rest = fc.string({
        unit: fc.constantFrom(
          'a',
          '/',
          '.',
          '%2e',
          '%41',
          '%',
          'é',
          ' ',
          '?',
          '#',
          '\\',
          '\t',
          ':',
        ),
        maxLength: 12,
      });
      fc.assert(
        fc.property(siteUrl, rest, (site, tail) => {
          const url = site + tail;
          expect(itemPagePath(url, site), url).toBe(referencePagePath(url, site));
        }),
        { numRuns: 500 },
      );
    });

    it('agrees with parsing for the examples that matter', () => {
      for (const rest of [
        'a/b/',
        'a/b',
        'a/./b',
        'a/../b/',
        '../a',
        './',
        '.',
        'a//b',
        '...',
        '.a/',
      ]) {
        expect(itemPagePath(SITE + rest, SITE), rest).toBe(referencePagePath(SITE + rest, SITE));
      }
    });
  });
});

describe('isSafePagePath', () => {
  it.each([
    'index.html',
    'posts/x/index.html',
    'posts/café/index.html',
    'posts/a b.html',
    '.well-known/x.html',
    '...',
    'a..b/c',
  ])('accepts %j', (p) => {
    expect(isSafePagePath(p)).toBe(true);
  });

  it.each([
    '',
    '/etc/passwd',
    'a//b',
    'a/',
    '.',
    '..',
    './a',
    'a/./b',
    'a/../b',
    'a/..',
    'a\\b',
    'a\0b',
    'a\nb',
    'a\rb',
    'a\x1Fb',
    'a\x7Fb',
  ])('refuses %j', (p) => {
    expect(isSafePagePath(p)).toBe(false);
  });

  it('takes a name of 255 bytes, and refuses one of 256, counting bytes, not characters', () => {
    expect(isSafePagePath(`posts/${'a'.repeat(250)}.html`)).toBe(true);
    expect(isSafePagePath(`posts/${'a'.repeat(251)}.html`)).toBe(false);
    expect(isSafePagePath(`${'新'.repeat(85)}/index.html`)).toBe(true); // 255 bytes
    expect(isSafePagePath(`${'新'.repeat(86)}/index.html`)).toBe(false); // 258 bytes
  });
});

describe('MAX_NAME_BYTES', () => {
  it('is the 255 bytes ext4, APFS and NTFS allow a file or folder name', () => {
    expect(MAX_NAME_BYTES).toBe(255);
  });
});

describe('overlongName', () => {
  it('finds the first name over 255 bytes', () => {
    const long = 'b'.repeat(256);
    expect(overlongName(`a/${long}/c/${long}x`)).toBe(long);
    expect(overlongName(`${'😀'.repeat(64)}/x`)).toBe('😀'.repeat(64)); // 256 bytes
  });

  it('finds nothing in paths whose names fit, however long the path', () => {
    expect(overlongName('')).toBeUndefined();
    expect(overlongName(`${'a'.repeat(255)}/`.repeat(20))).toBeUndefined();
    expect(overlongName('😀'.repeat(63))).toBeUndefined(); // 252 bytes
  });
});

describe('servedPath', () => {
  it.each([
    ['', 'index.html'],
    ['posts/x/', 'posts/x/index.html'],
    ['posts/x', 'posts/x.html'],
    ['posts/x.html', 'posts/x.html'],
    ['rss.xml', 'rss.xml'],
    ['categories/a/feed.json', 'categories/a/feed.json'],
    ['img/photo.png', 'img/photo.png'],
    ['caf%C3%A9/', 'café/index.html'],
  ])('serves %j from %j', (rest, path) => {
    expect(servedPath(SITE + rest, SITE)).toBe(path);
  });

  it('serves a plain path as parsing the URLs would, whichever site URL was asked before', () => {
    const plain = fc.string({ unit: fc.constantFrom(...'ab-._~/09Z') });
    const parsed = SITE.slice(0, -1); // no trailing slash: the URLs are parsed to tell
    fc.assert(
      fc.property(plain, (rest) => {
        const other = servedPath(`https://other.example/${rest}`, 'https://other.example/');
        expect(servedPath(SITE + rest, SITE)).toBe(servedPath(SITE + rest, parsed));
        expect(other).toBe(servedPath(`https://other.example/${rest}`, 'https://other.example'));
      }),
    );
  });

  it('serves nothing for URLs off the site, or that do not decode', () => {
    expect(servedPath('https://elsewhere.example/x/', SITE)).toBeUndefined();
    expect(servedPath(`${SITE}x/?q=1`, SITE)).toBeUndefined();
    expect(servedPath(`${SITE}%E0%A4%A/`, SITE)).toBeUndefined();
  });
});

describe('reservedUse', () => {
  it.each([
    ['index.html', 'the landing page'],
    [MANIFEST_FILE, 'the build manifest'],
    ['rss.xml', 'a feed file'],
    ['posts/x/atom.xml', 'a feed file'],
    ['deep/in/a/folder/feed.json', 'a feed file'],
    ['categories/index.html', 'the category pages and feeds'],
    ['categories/politics/index.html', 'the category pages and feeds'],
    ['categories/politics/page/2/index.html', 'the category pages and feeds'],
    ['categories/a-post.html', 'the category pages and feeds'],
    ['categories.html', 'the category pages and feeds'],
    ['authors/jdoe/index.html', 'the author pages and feeds'],
    ['authors/jdoe/page/2/index.html', 'the author pages and feeds'],
    ['authors.html', 'the author pages and feeds'],
    ['tags/budget/index.html', 'the tag pages and feeds'],
    ['tags/budget/archive/1/index.html', 'the tag pages and feeds'],
    ['tags.html', 'the tag pages and feeds'],
    ['page/2/index.html', 'a listing page'],
    ['page/10/x/index.html', 'a listing page'],
    ['archive/1/index.html', 'an archive of the feed'],
    ['archive/12/x.html', 'an archive of the feed'],
  ])('keeps %j for %s', (path, use) => {
    expect(reservedUse(path)).toBe(use);
  });

  it.each([
    'posts/index.html',
    'posts/x/index.html',
    'page/index.html',
    'page.html',
    'page/about/index.html',
    'archive/index.html',
    'archive/old/index.html',
    'categories-of-news/index.html',
    'Categories/index.html',
    'authorship/index.html',
    'tagsoup.html',
    'x/index.html',
    'about.html',
  ])('leaves %j to posts', (path) => {
    expect(reservedUse(path)).toBeUndefined();
  });

  it('keeps every path a site writes but its post pages and redirect pages', () => {
    const config = siteConfig({ limit: 1, archiveSize: 1 });
    const posts = ['a', 'b', 'c'].map((slug, i) =>
      makePost(
        {
          slug,
          date: new Date(Date.UTC(2026, 4, 1 + i)),
          categories: ['Politics', 'Économie'],
          tags: ['Budget'],
          authors: [{ name: 'Ada Lovelace' }],
          aliases: [{ path: `/old/${slug}/`, page: `old/${slug}/index.html` }],
        },
        config,
      ),
    );
    const written = renderSite(siteOf(posts, config)).files.map((f) => f.path);
    const own = posts.flatMap((p) => [p.pagePath, ...(p.aliases ?? []).map((a) => a.page)]);
    const theirs = written.filter((path) => !own.includes(path));
    // Listings paginated, archives, categories, bylines and tags with both: every kind of page
    // is in the site, and so are the files that describe it at its root.
    for (const kind of [
      'page/2/',
      'archive/1/',
      'categories/economie/page/2/',
      'authors/ada-lovelace/page/2/',
      'tags/budget/archive/1/',
      'feeds.opml',
      'sitemap.xml',
      'sitemap-news.xml',
      'robots.txt',
    ]) {
      expect(
        theirs.some((path) => path.startsWith(kind)),
        kind,
      ).toBe(true);
    }
    expect(theirs.filter((path) => reservedUse(path) === undefined)).toEqual([]);
    expect(own.filter((path) => path && reservedUse(path) !== undefined)).toEqual([]);
  });

  it('keeps the feed list, the sitemaps and robots.txt at the root, and only there', () => {
    const use = 'the site’s feed list, sitemaps or robots.txt';
    for (const path of [
      'feeds.opml',
      'robots.txt',
      'sitemap.xml',
      'sitemap-news.xml',
      'sitemap-3.xml',
    ]) {
      expect(reservedUse(path), path).toBe(use);
    }
    for (const path of ['sitemap-x.xml', 'posts/robots.txt']) {
      expect(reservedUse(path), path).toBeUndefined();
    }
  });

  it('names the folders it keeps in OWN_FOLDERS', () => {
    expect(OWN_FOLDERS).toEqual({
      categories: 'categories/',
      authors: 'authors/',
      tags: 'tags/',
      listing: 'page/',
      archive: 'archive/',
    });
  });
});

describe('PERMALINK_TOKEN', () => {
  it('matches the four tokens, and not a longer word', () => {
    expect('/:year/:month/:day/:slug/:slugs/:yearly/'.match(PERMALINK_TOKEN)).toEqual([
      ':year',
      ':month',
      ':day',
      ':slug',
    ]);
  });
});

describe('slugRoom', () => {
  it.each([
    ['/posts/:slug/', 255],
    ['/:slug/', 255],
    ['/:slug', 250], // served from `<slug>.html`
    ['/:slug.html', 250],
    ['/:slug.htm', 251],
    ['/:year/:month/:day/:slug/', 255],
    ['/:year-:month-:day-:slug/', 244],
    ['/:slug-:slug/', 127],
    ['/新闻/:slug/', 255],
    ['/新闻-:slug/', 248],
    ['/caf%C3%A9-:slug/', 249],
  ])('%j leaves :slug %i bytes', (pattern, room) => {
    expect(slugRoom(pattern)).toBe(room);
  });

  it('is negative when a name without :slug is too long on its own', () => {
    expect(slugRoom(`/${'a'.repeat(256)}/:slug/`)).toBe(-1);
    expect(slugRoom(`/x/:slug/${'新'.repeat(90)}/`)).toBe(-15);
  });

  it('is what is left beside the fixed text of the name :slug is in', () => {
    expect(slugRoom(`/${'a'.repeat(200)}-:slug/`)).toBe(54);
    expect(slugRoom(`/${'a'.repeat(255)}:slug/`)).toBe(0);
  });
});
