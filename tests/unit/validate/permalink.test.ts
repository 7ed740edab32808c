import { describe, expect, it } from 'vitest';
import { FieldReader } from '../../../src/field-reader.js';
import { shortHash } from '../../../src/hash.js';
import { itemPagePath } from '../../../src/urls.js';
import {
  checkPostAddress,
  expandPermalink,
  postUrl,
  readOwnAddress,
} from '../../../src/validate/permalink.js';
import { validatePost } from '../../../src/validate/validate-post.js';
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

describe('expandPermalink with long slugs', () => {
  const date = at('2026-05-01T12:00:00Z');
  const long = (n: number) => 'a'.repeat(n);

  it('keeps every slug that fits its name: 255 bytes in a folder, 250 before .html', () => {
    expect(expandPermalink('/posts/:slug/', { slug: long(255), date }, 'UTC')).toBe(
      `/posts/${long(255)}/`,
    );
    expect(expandPermalink('/:slug', { slug: long(250), date }, 'UTC')).toBe(`/${long(250)}`);
    expect(expandPermalink('/:slug.html', { slug: long(250), date }, 'UTC')).toBe(
      `/${long(250)}.html`,
    );
  });

  it('cuts a slug that does not fit, with the hash of the whole slug', () => {
    const slug = long(255);
    expect(expandPermalink('/:slug', { slug, date }, 'UTC')).toBe(
      `/${long(241)}-${shortHash(slug)}`,
    );
    const dated = expandPermalink('/:year-:month-:day-:slug/', { slug, date }, 'UTC');
    expect(dated).toBe(`/2026-05-01-${long(235)}-${shortHash(slug)}/`);
    expect(Buffer.byteLength(dated.slice(1, -1))).toBe(255);
  });

  it('counts the bytes of multi-byte text around the slug', () => {
    const path = expandPermalink('/新闻-:slug/', { slug: long(255), date }, 'UTC');
    const name = path.split('/')[1] ?? '';
    expect(Buffer.byteLength(name)).toBe(255);
    expect(name).toBe(`新闻-${long(239)}-${shortHash(long(255))}`);
  });

  it('leaves the slug alone in a pattern too long to hold one (config refuses those)', () => {
    const pattern = `/${'x'.repeat(250)}:slug/`;
    expect(expandPermalink(pattern, { slug: 'abc', date }, 'UTC')).toBe(`/${'x'.repeat(250)}abc/`);
  });

  it('gives a page whose every name fits, for any slug up to 255 bytes', () => {
    const config = siteConfig({ permalink: '/:year-:slug' });
    for (const n of [1, 200, 245, 246, 250, 255]) {
      const url = postUrl({ slug: `${long(n - 1)}b`, date }, config);
      const page = itemPagePath(url, config.url);
      expect(page, String(n)).toBeDefined();
      expect(Buffer.byteLength(page ?? ''), String(n)).toBeLessThanOrEqual(255);
    }
  });
});

describe('checkPostAddress', () => {
  const config = siteConfig({ url: 'https://news.example.com/', permalink: '/:slug' });

  /** What the check says of a post with front matter `data` and the URL it got. */
  function check(data: Record<string, unknown>, url: string) {
    const r = new FieldReader(data, 'posts/p.md', (key) =>
      key === 'slug' || key === 'link' ? { line: 4, column: 7 } : undefined,
    );
    const link = typeof data.link === 'string' ? data.link : undefined;
    const pagePath = itemPagePath(url, config.url);
    const ok = checkPostAddress(r, { url, link, pagePath }, config);
    return { ok, diagnostics: r.diagnostics };
  }

  it('passes a post with a page of its own, or a link elsewhere', () => {
    expect(check({}, 'https://news.example.com/my-post.html')).toEqual({
      ok: true,
      diagnostics: [],
    });
    expect(check({ link: 'https://else.example/a' }, 'https://else.example/a').ok).toBe(true);
    // A link to a file on the site gets no page, and takes nothing.
    expect(
      check({ link: 'https://news.example.com/rss.xml' }, 'https://news.example.com/rss.xml').ok,
    ).toBe(true);
  });

  it('refuses a post named after the landing page, blaming its file name', () => {
    expect(check({}, postUrl({ slug: 'index', date: at('2026-01-01') }, config))).toEqual({
      ok: false,
      diagnostics: [
        {
          severity: 'error',
          code: 'reserved-path',
          file: 'posts/p.md',
          field: 'file name',
          message:
            "the post's address https://news.example.com/index is where feedwright writes the landing page (index.html)",
          fix: 'set another slug: in the front matter, or keep posts in a folder of their own with "permalink": "/posts/:slug/" in the config',
        },
      ],
    });
  });

  it('refuses a slug that lands among the category pages, at the slug line', () => {
    const folders = siteConfig({ permalink: '/:slug/' });
    const url = postUrl({ slug: 'categories', date: at('2026-01-01') }, folders);
    const r = new FieldReader({ slug: 'categories' }, 'posts/p.md', () => ({ line: 4, column: 7 }));
    expect(
      checkPostAddress(
        r,
        { url, link: undefined, pagePath: itemPagePath(url, folders.url) },
        folders,
      ),
    ).toBe(false);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: 'reserved-path',
        line: 4,
        field: 'slug',
        message: `the post's address ${url} is where feedwright writes the category pages and feeds (categories/index.html)`,
      }),
    ]);
  });

  it('refuses a slug that is a listing page number', () => {
    const pages = siteConfig({ permalink: '/page/:slug/' });
    const url = postUrl({ slug: '2', date: at('2026-01-01') }, pages);
    const r = new FieldReader({ slug: '2' }, 'posts/p.md', () => undefined);
    const pagePath = itemPagePath(url, pages.url);
    expect(checkPostAddress(r, { url, link: undefined, pagePath }, pages)).toBe(false);
    expect(r.diagnostics[0]?.message).toContain('a listing page (page/2/index.html)');
  });

  it('refuses a link into feedwright’s own pages, saying to link elsewhere', () => {
    const url = 'https://news.example.com/categories/politics/';
    expect(check({ link: url }, url).diagnostics).toEqual([
      expect.objectContaining({
        code: 'reserved-path',
        field: 'link',
        line: 4,
        fix: 'link to the article’s own address, not to a page feedwright writes',
      }),
    ]);
  });

  it('refuses a link on the site with a name no file system takes', () => {
    const url = `https://news.example.com/${'x'.repeat(300)}/`;
    expect(check({ link: url }, url).diagnostics).toEqual([
      expect.objectContaining({
        code: 'name-too-long',
        field: 'link',
        message: `the post's address ${url} has a name of 300 bytes; file systems allow 255`,
        fix: 'shorten the address: no file on this site can have that name',
      }),
    ]);
  });
});

describe('readOwnAddress', () => {
  const config = { url: 'https://u.github.io/blog/' };
  const read = (data: Record<string, unknown>) => {
    const r = new FieldReader(data, 'p.md', () => undefined);
    return {
      url: readOwnAddress(r, config),
      problems: r.diagnostics.map((d) => [d.field, d.code]),
    };
  };

  it('reads Jekyll’s and Eleventy’s permalink, Hugo’s url and Zola’s path as a site path', () => {
    expect(read({ permalink: '/2025/01/29/hello.html' }).url).toBe(
      'https://u.github.io/blog/2025/01/29/hello.html',
    );
    expect(read({ url: '/notes/hello/' }).url).toBe('https://u.github.io/blog/notes/hello/');
    expect(read({ path: 'blog/hello' }).url).toBe('https://u.github.io/blog/blog/hello');
    expect(read({}).url).toBeUndefined();
  });

  it('warns of template code (the pattern gives the address); refuses another site, no path', () => {
    expect(read({ permalink: '/{{ page.fileSlug }}/' })).toEqual({
      url: undefined,
      problems: [['permalink', 'template-permalink']],
    });
    expect(read({ url: 'https://elsewhere.example/x/' }).problems).toEqual([['url', 'bad-url']]);
    expect(read({ path: 4 }).problems).toEqual([['path', 'bad-path']]);
  });
});

describe('expandPermalink with the tokens of other tools', () => {
  const date = at('2025-01-29T15:00:00Z');
  const post = (sourcePath: string, categories: string[] = []) => ({
    slug: 'hello',
    date,
    sourcePath,
    categories,
  });

  it('gives Jekyll’s :title (case kept) and :categories, Eleventy’s :filename', () => {
    const jekyll = '/:categories/:year/:month/:day/:title.html';
    expect(
      expandPermalink(jekyll, post('2025-01-29-Hello-World.md', ['Jekyll', 'Big News']), 'UTC'),
    ).toBe('/jekyll/big-news/2025/01/29/Hello-World.html');
    expect(expandPermalink(jekyll, post('2025-01-29-x.md'), 'UTC')).toBe('/2025/01/29/x.html');
    expect(expandPermalink('/:sections/:filename/', post('blog/2025-01-29-x.md'), 'UTC')).toBe(
      '/blog/2025-01-29-x/',
    );
  });

  it('gives Hugo’s and Zola’s :sections, leaving out a bundle’s own folder, and :section', () => {
    expect(expandPermalink('/:sections/:slug/', post('posts/2025/trip/index.md'), 'UTC')).toBe(
      '/posts/2025/hello/',
    );
    expect(expandPermalink('/:section/:slug/', post('posts/2025/x.md'), 'UTC')).toBe(
      '/posts/hello/',
    );
    expect(expandPermalink('/:sections/:slug/', post('x.md'), 'UTC')).toBe('/hello/');
  });
});

describe('checkPostAddress in a site of several languages', () => {
  const config = siteConfig({ language: undefined, languages: ['en', 'fr'], permalink: '/:slug/' });
  const check = (pagePath: string, language: string) => {
    const r = new FieldReader({}, 'p.md', () => undefined);
    const url = `${config.url}${pagePath.replace(/index\.html$/, '')}`;
    const ok = checkPostAddress(r, { url, pagePath, language }, config);
    return { ok, messages: r.diagnostics.map((d) => d.message) };
  };

  it('refuses an English page inside the French edition’s folder, which that edition writes', () => {
    expect(check('fr/index.html', 'en')).toEqual({
      ok: false,
      messages: [
        "the post's address https://news.example.com/fr/ is where feedwright writes the fr edition (its folder fr/) (fr/index.html)",
      ],
    });
    expect(check('fr/some-story/index.html', 'fr').ok).toBe(true);
    // In its own edition's folder, a French story may not take the French categories index.
    expect(check('fr/categories/index.html', 'fr').ok).toBe(false);
    expect(check('france/index.html', 'en').ok).toBe(true);
  });
});

describe('readOwnAddress: Jekyll’s tokens in a post’s own permalink', () => {
  it('is a pattern of the post’s own, which validation expands', () => {
    const r = new FieldReader({ permalink: 'blog/:year/:title/' }, 'p.md', () => undefined);
    expect(readOwnAddress(r, { url: 'https://x.example/' })).toEqual({
      pattern: '/blog/:year/:title/',
    });
    const config = siteConfig({ conventions: 'jekyll' });
    const data = { title: 'T', date: '2024-03-01', permalink: '/blog/:year/:title/' };
    const post = validatePost(
      { data, body: '', bodyLine: 5 },
      '2024-03-01-hello.md',
      'p',
      config,
    ).post;
    expect(post?.url).toBe('https://news.example.com/blog/2024/hello/');
  });
});

describe('readOwnAddress: Eleventy’s permalink: false', () => {
  it('is false (no page anywhere), which keeps the post out like a draft', () => {
    const r = new FieldReader({ permalink: false }, 'p.md', () => undefined);
    expect(readOwnAddress(r, { url: 'https://x.example/' })).toBe(false);
    expect(r.diagnostics).toEqual([]);
  });
});

describe('expandPermalink: Jekyll’s :title and a slug in the front matter', () => {
  it('is the front matter’s slug when it gives one, as Jekyll does, else the file’s title', () => {
    const date = new Date('2024-01-15T12:00:00Z');
    const facts = { slug: 'custom-slug', date, sourcePath: '2024-01-15-hello-world.md' };
    expect(expandPermalink('/:title.html', { ...facts, slugGiven: true }, 'UTC')).toBe(
      '/custom-slug.html',
    );
    expect(expandPermalink('/:title.html', facts, 'UTC')).toBe('/hello-world.html');
  });
});

describe('expandPermalink: Jekyll’s :categories', () => {
  it('writes each category lower-cased as Jekyll does, not slugged', () => {
    const facts = {
      slug: 'x',
      date: new Date('2024-01-15T12:00:00Z'),
      categories: ['Release Notes', 'News'],
      conventions: 'jekyll' as const,
    };
    expect(expandPermalink('/:categories/:slug/', facts, 'UTC')).toBe('/release%20notes/news/x/');
    expect(
      expandPermalink('/:categories/:slug/', { ...facts, conventions: undefined }, 'UTC'),
    ).toBe('/release-notes/news/x/');
  });
});
