import { describe, expect, it } from 'vitest';
import { sharedName, shareNames } from '../../../src/incremental/shared-names.js';

// Which copy of a string a value holds cannot be seen from JavaScript (strings compare by value);
// what is checked here is that sharing never changes a value. The memory it saves was measured
// with heap snapshots (see the commit that added it).
describe('sharedName', () => {
  it('gives back the same text', () => {
    const built = ['Ra', 'in'].join('');
    expect(sharedName(built)).toBe('Rain');
    expect(sharedName('Rain')).toBe('Rain');
    expect(sharedName('')).toBe('');
    expect(sharedName('Zoë')).toBe('Zoë');
  });

  it('keeps giving the right text after many names (it forgets, bounded)', () => {
    for (let i = 0; i < 210_000; i++) expect(sharedName(`name ${i}`)).toBe(`name ${i}`);
    expect(sharedName('name 5')).toBe('name 5');
  });
});

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
