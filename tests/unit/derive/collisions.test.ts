import { describe, expect, it } from 'vitest';
import { findCollisions } from '../../../src/derive/collisions.js';
import { makePost } from '../../helpers/model.js';

const display = (p: { sourcePath: string }) => `posts/${p.sourcePath}`;

describe('findCollisions', () => {
  it('names both files and reports a shared slug once, not also as a shared URL', () => {
    const d = findCollisions(
      [makePost({ slug: 'x', sourcePath: 'a.md' }), makePost({ slug: 'x', sourcePath: 'b.md' })],
      display,
    );
    expect(d).toEqual([
      expect.objectContaining({
        file: 'posts/b.md',
        field: 'slug',
        message: 'slug "x" is also used by posts/a.md',
        fix: 'give one of the two posts a different slug',
      }),
    ]);
  });

  it('reports a shared id and a shared link between posts with different slugs', () => {
    const d = findCollisions(
      [
        makePost({ slug: 'a', sourcePath: 'a.md', id: 'tag:x,2026:1' }),
        makePost({ slug: 'b', sourcePath: 'b.md', id: 'tag:x,2026:1' }),
        makePost({ slug: 'c', sourcePath: 'c.md', url: 'https://e.example/x' }),
        makePost({ slug: 'd', sourcePath: 'd.md', url: 'https://e.example/x' }),
      ],
      display,
    );
    // d's id is its URL: one problem, the shared address.
    expect(d.map((x) => [x.code, x.file, x.field])).toEqual([
      ['duplicate-id', 'posts/b.md', 'id'],
      ['duplicate-url', 'posts/d.md', 'link'],
    ]);
  });

  it('lets posts share a slug where their addresses differ (a date in the permalink)', () => {
    const d = findCollisions(
      [
        makePost({
          slug: 'notes',
          sourcePath: '2024/notes.md',
          url: 'https://e.example/2024/notes/',
        }),
        makePost({
          slug: 'notes',
          sourcePath: '2025/notes.md',
          url: 'https://e.example/2025/notes/',
        }),
      ],
      display,
    );
    expect(d).toEqual([]);
  });

  it('finds the same problems whatever order the posts come in', () => {
    const posts = [
      makePost({ slug: 'x', sourcePath: 'b.md' }),
      makePost({ slug: 'x', sourcePath: 'a.md' }),
    ];
    expect(findCollisions(posts, display)).toEqual(findCollisions([...posts].reverse(), display));
  });

  it('lets a story and its translation share a slug, but not two stories in one language', () => {
    const en = makePost({ slug: 'budget', sourcePath: 'budget.md', language: 'en' });
    const fr = makePost({
      slug: 'budget',
      sourcePath: 'fr/budget.md',
      language: 'fr',
      url: 'https://news.example.com/fr/posts/budget/',
    });
    expect(findCollisions([en, fr], display)).toEqual([]);
    const again = makePost({
      slug: 'budget',
      sourcePath: 'fr/again.md',
      language: 'fr',
      url: 'https://news.example.com/fr/posts/budget/',
    });
    expect(
      findCollisions([en, fr, again], display).map((d) => [d.file, d.field, d.message]),
    ).toEqual([['posts/fr/budget.md', 'slug', 'slug "budget" is also used by posts/fr/again.md']]);
  });

  it('finds nothing among distinct posts', () => {
    expect(findCollisions([makePost({ slug: 'a' }), makePost({ slug: 'b' })], display)).toEqual([]);
  });
});
