import { describe, expect, it } from 'vitest';
import { shareNames } from '../../../src/incremental/shared-names.js';

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
});
