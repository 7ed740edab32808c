import { describe, expect, it } from 'vitest';
import { shareHeadTexts, shareNames } from '../../../src/incremental/shared-names.js';
import type { BodyOutcome, HeadRecord, Post } from '../../../src/model.js';

// Which copy of a string a value holds cannot be seen from JavaScript: what is checked is that
// sharing changes no value, in place (see `sharedName` in tests/unit/text.test.ts).
describe('shareNames', () => {
  it("changes nothing of a post's values, in place, and returns the post", () => {
    const author = { name: 'Grace Chen', key: 'grace' };
    const post = {
      categories: ['Politics', 'Climate'],
      tags: ['Rain', 'Snow', 'Rain'],
      authors: [author, { name: 'Arjun Singh' }],
      language: 'en',
      title: 'Left alone',
    };
    const categories = post.categories;
    const shared = shareNames(post);
    expect(shared).toBe(post);
    expect(post.categories).toBe(categories);
    expect(post.authors[0]).toBe(author);
    expect(post).toEqual({
      categories: ['Politics', 'Climate'],
      tags: ['Rain', 'Snow', 'Rain'],
      authors: [{ name: 'Grace Chen', key: 'grace' }, { name: 'Arjun Singh' }],
      language: 'en',
      title: 'Left alone',
    });
    // Twice is the same as once.
    expect(shareNames(post)).toEqual(shared);
  });

  it('takes a post with no names', () => {
    const post = { categories: [], tags: [], authors: [], language: '' };
    expect(shareNames(post)).toEqual({ categories: [], tags: [], authors: [], language: '' });
  });

  it("shares a byline's every text and changes none", () => {
    const author = {
      name: 'Grace Chen',
      key: 'grace',
      email: 'grace@example.com',
      url: 'https://example.com/grace',
      bio: 'Covers the legislature.',
      image: 'https://example.com/grace.jpg',
    };
    const post = {
      categories: [],
      tags: [],
      authors: [author, { name: 'Arjun Singh' }],
      language: 'en',
    };
    const before = structuredClone(post);
    shareNames(post);
    expect(post).toEqual(before);
    expect(post.authors[0]).toBe(author);
    expect(Object.keys(post.authors[1] as object)).toEqual(['name']);
  });
});

describe('shareHeadTexts', () => {
  const post = {
    sourcePath: '2026/11/gallery.md',
    title: 'Gallery reopens',
    slug: 'gallery-reopens',
    url: 'https://news.example.com/2026/11/gallery-reopens/',
    pagePath: '2026/11/gallery-reopens/index.html',
    id: 'tag:news.example.com,2026:gallery',
    summary: 'The gallery reopens.',
    categories: ['Culture'],
    tags: [],
    authors: [{ name: 'Grace Chen' }],
    language: 'en',
  } as unknown as Post;
  const { sourcePath, slug, url, pagePath, id } = post;
  const head: HeadRecord = {
    sourcePath,
    size: 120,
    mtimeMs: 1,
    headHash: 'h1',
    diagnostics: [],
    ref: { sourcePath, slug, url, pagePath, id } as HeadRecord['ref'],
  };
  const story: BodyOutcome = {
    sourcePath,
    post,
    rendered: {
      summary: 'The gallery reopens.',
      summaryKey: 'k1',
      contentHtml: { file: '/tmp/feedwright-html-1/0', offset: 0, bytes: 10 },
    },
    reused: false,
    size: 120,
    mtimeMs: 1,
    headHash: 'h1',
    bodyHash: 'b1',
  } as BodyOutcome;

  // As they come from another thread: every string a copy of its own.
  const received = () => structuredClone({ head, story });

  it('changes no value of the story or the head, in place', () => {
    const { head: h, story: s } = received();
    const post = s.post;
    shareHeadTexts(s, h);
    expect(s.post).toBe(post);
    expect({ head: h, story: s }).toEqual({ head, story });
  });

  it('leaves a text alone where the story and the head differ', () => {
    const { head: h, story: s } = received();
    const ref = h.ref as NonNullable<HeadRecord['ref']>;
    ref.url = 'https://news.example.com/elsewhere/';
    h.headHash = 'h2';
    (s.rendered as { summary: string }).summary = 'Rendered otherwise.';
    shareHeadTexts(s, h);
    expect(s.post?.url).toBe(url);
    expect(s.headHash).toBe('h1');
    expect(s.rendered?.summary).toBe('Rendered otherwise.');
    expect(ref.url).toBe('https://news.example.com/elsewhere/');
  });

  it('takes a story with no post, no rendering or HTML as text, and a head with no ref', () => {
    const { head: h, story: s } = received();
    const { ref: _ref, ...bare } = h;
    const text = { ...s, rendered: { summary: 'x', summaryKey: 'k', contentHtml: '<p>x</p>' } };
    shareHeadTexts(text, bare);
    expect(text.rendered.contentHtml).toBe('<p>x</p>');
    const { post: _post, rendered: _rendered, ...failed } = s;
    const { post: _p, rendered: _r, ...expected } = story;
    shareHeadTexts(failed, h);
    expect(failed).toEqual(expected);
  });
});
