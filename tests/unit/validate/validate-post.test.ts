import { describe, expect, it } from 'vitest';
import type { FrontMatter } from '../../../src/load/front-matter.js';
import { validatePost } from '../../../src/validate/validate-post.js';
import { siteConfig } from '../../helpers/model.js';

const config = siteConfig();

function validate(data: Record<string, unknown>, body = 'Body') {
  const fm: FrontMatter = {
    data,
    locations: new Map([['title', { line: 2, column: 8 }]]),
    body,
    bodyLine: 5,
  };
  return validatePost(fm, '2026/my-post.md', 'posts/2026/my-post.md', config);
}

const minimal = { title: 'Hello', date: '2026-05-01' };

describe('validatePost', () => {
  it('fills defaults: slug from the file name, no byline (the site author stands in later), no categories', () => {
    const { post, diagnostics } = validate(minimal);
    expect(diagnostics).toEqual([]);
    expect(post).toMatchObject({
      slug: 'my-post',
      authors: [],
      categories: [],
      tags: [],
      draft: false,
    });
    expect(post?.date.toISOString()).toBe('2026-05-01T04:00:00.000Z');
  });

  it('accepts the aliases description, category and authors', () => {
    const { post } = validate({
      ...minimal,
      description: 'Sum',
      category: 'Politics',
      authors: ['A', { name: 'B', email: 'b@x.org', url: 'https://b.example/' }],
    });
    expect(post).toMatchObject({
      summary: 'Sum',
      categories: ['Politics'],
      authors: [{ name: 'A' }, { name: 'B', email: 'b@x.org', url: 'https://b.example/' }],
    });
  });

  it('trims categories and drops case-insensitive duplicates, keeping the first spelling', () => {
    expect(
      validate({ ...minimal, categories: [' Tech ', 'tech', 'TECH', '', 'Science'] }).post
        ?.categories,
    ).toEqual(['Tech', 'Science']);
  });

  it('turns an unsafe slug into a safe one, with a warning', () => {
    const { post, diagnostics } = validate({ ...minimal, slug: '../../Étude Spéciale' });
    expect(post?.slug).toBe('etude-speciale');
    expect(diagnostics[0]).toMatchObject({
      severity: 'warning',
      code: 'slug-normalized',
      field: 'slug',
    });
  });

  it('requires a pinned id to be an absolute URI and keeps it as one string', () => {
    expect(validate({ ...minimal, id: 'post-1' }).diagnostics[0]).toMatchObject({
      code: 'bad-id',
      fix: expect.stringContaining('tag:'),
    });
    expect(validate({ ...minimal, id: 'tag:example.com,2026:post-1' }).post?.id).toBe(
      'tag:example.com,2026:post-1',
    );
    expect(
      validate({ ...minimal, id: 'urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427' }).post?.id,
    ).toBe('urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427');
  });

  it('resolves an image site path against the site URL', () => {
    expect(validate({ ...minimal, image: '/img/a.jpg' }).post?.image).toEqual({
      url: 'https://news.example.com/img/a.jpg',
    });
    expect(validate({ ...minimal, image: 'https://cdn.example/a.png' }).post?.image).toEqual({
      url: 'https://cdn.example/a.png',
    });
    expect(
      validate({ ...minimal, image: { src: '/img/a.jpg', alt: 'A hill', credit: 'AP' } }).post
        ?.image,
    ).toEqual({ url: 'https://news.example.com/img/a.jpg', alt: 'A hill', credit: 'AP' });
  });

  it('resolves the key of a profile in the config to the profile', () => {
    const profile = { name: 'Jane Doe', email: 'jane@example.com', bio: 'Covers money.' };
    const withProfile = siteConfig({ authors: { jdoe: profile } });
    const fm: FrontMatter = {
      data: { ...minimal, authors: ['jdoe', 'Ada'] },
      body: '',
      bodyLine: 4,
    };
    expect(validatePost(fm, 'a.md', 'posts/a.md', withProfile).post?.authors).toEqual([
      { key: 'jdoe', ...profile },
      { name: 'Ada' },
    ]);
  });

  it('moves updated to the latest correction, and keeps the corrections oldest first', () => {
    const corrections = [
      { date: '2026-05-04 10:00', text: 'Second.' },
      { date: '2026-05-02', text: 'First.' },
    ];
    const { post, diagnostics } = validate({ ...minimal, updated: '2026-05-03', corrections });
    expect(diagnostics).toEqual([]);
    expect(post?.updated).toEqual(new Date('2026-05-04T14:00:00Z'));
    expect(post?.corrections).toEqual([
      { date: new Date('2026-05-02T04:00:00Z'), text: 'First.' },
      { date: new Date('2026-05-04T14:00:00Z'), text: 'Second.' },
    ]);
    // Without updated, the latest correction is it.
    expect(validate({ ...minimal, corrections }).post?.updated).toEqual(
      new Date('2026-05-04T14:00:00Z'),
    );
  });

  it('keeps a written updated later than every correction, and sets none without either', () => {
    const corrections = [{ date: '2026-05-02', text: 'Fixed.' }];
    expect(validate({ ...minimal, updated: '2026-05-09', corrections }).post?.updated).toEqual(
      new Date('2026-05-09T04:00:00Z'),
    );
    const plain = validate(minimal).post;
    expect(plain && ('updated' in plain || 'corrections' in plain)).toBe(false);
  });

  it('refuses a correction dated before the post, giving no post', () => {
    const { post, diagnostics } = validate({
      ...minimal,
      corrections: [{ date: '2026-04-30', text: 'Too early.' }],
    });
    expect(post).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'correction-before-date', field: 'corrections[0].date' }),
    ]);
  });

  it('sets feed only when it is not full, and expires when given', () => {
    const { post } = validate({ ...minimal, feed: 'summary', expires: '2026-06-01' });
    expect(post).toMatchObject({ feed: 'summary', expires: new Date('2026-06-01T04:00:00Z') });
    expect(validate({ ...minimal, feed: false }).post?.feed).toBe('none');
    const full = validate({ ...minimal, feed: true }).post;
    expect(full && ('feed' in full || 'expires' in full)).toBe(false);
    expect(validate({ ...minimal, expires: '2026-05-01' }).diagnostics).toEqual([
      expect.objectContaining({ code: 'expires-before-date', field: 'expires' }),
    ]);
  });

  it('requires link to be an absolute http(s) URL', () => {
    expect(validate({ ...minimal, link: 'javascript:alert(1)' }).diagnostics[0]).toMatchObject({
      code: 'not-url',
      field: 'link',
    });
  });

  it('keeps aliases as site paths with their redirect pages, and sets none when there are none', () => {
    const { post, diagnostics } = validate({
      ...minimal,
      aliases: ['/2019/old-slug/', 'https://news.example.com/my-post.html'],
    });
    expect(diagnostics).toEqual([]);
    expect(post?.aliases).toEqual([
      { path: '/2019/old-slug/', page: '2019/old-slug/index.html' },
      { path: '/my-post.html', page: 'my-post.html' },
    ]);
    expect(post && 'aliases' in post).toBe(true);
    const plain = validate(minimal).post;
    expect(plain && 'aliases' in plain).toBe(false);
    expect(validate({ ...minimal, aliases: [] }).post).toEqual(plain);
  });

  it("refuses an alias that is the post's own address, however it is written", () => {
    for (const alias of [
      '/posts/my-post/',
      'posts/my-post/',
      'https://news.example.com/posts/my-post/',
      '/posts/my-post/index.html',
    ]) {
      const { post, diagnostics } = validate({ ...minimal, aliases: ['/2019/old/', alias] });
      expect(post).toBeUndefined();
      expect(diagnostics).toEqual([
        {
          severity: 'error',
          code: 'alias-is-own-address',
          file: 'posts/2026/my-post.md',
          field: 'aliases',
          message: "an alias is the post's own address (https://news.example.com/posts/my-post/)",
          fix: 'list only addresses the post had before',
        },
      ]);
    }
  });

  it('gives no post when an alias is refused', () => {
    const { post, diagnostics } = validate({ ...minimal, aliases: ['https://elsewhere.example/'] });
    expect(post).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'bad-alias', field: 'aliases[0]' }),
    ]);
  });

  it('requires draft to be a boolean', () => {
    expect(validate({ ...minimal, draft: 'yes' }).diagnostics[0]).toMatchObject({
      code: 'bad-draft',
      message: 'draft must be true or false, not string',
    });
  });

  it('reports every problem at once', () => {
    const { post, diagnostics } = validate({
      title: 7,
      date: '2026-02-30',
      author: { email: 'nope' },
      categories: [1],
    });
    expect(post).toBeUndefined();
    expect(diagnostics.map((d) => d.field)).toEqual([
      'title',
      'date',
      'categories[0]',
      'author.name',
      'author.email',
    ]);
  });

  it('suggests the key a typo meant', () => {
    const { diagnostics } = validate({ ...minimal, categroies: ['x'], sumary: 'y', zzz: 1 });
    expect(diagnostics.map((d) => d.fix)).toEqual([
      'did you mean "categories"?',
      'did you mean "summary"?',
      expect.stringContaining('known keys'),
    ]);
  });
});

describe('validatePost: a post written for Eleventy with permalink: false', () => {
  it('is a draft: it has no page, so it is in no feed', () => {
    const config = siteConfig({ conventions: 'eleventy' });
    const data = { title: 'Data only', date: '2026-01-01', permalink: false };
    const r = validatePost({ data, body: '', bodyLine: 5 }, 'd.md', 'posts/d.md', config);
    expect(r.post?.draft).toBe(true);
    expect(r.diagnostics).toEqual([]);
  });
});
