import { describe, expect, it } from 'vitest';
import { groupCategories } from '../../../src/derive/categories.js';
import { makePost } from '../../helpers/model.js';

describe('groupCategories', () => {
  it('groups case-insensitively under the first spelling and makes safe, unique slugs', () => {
    const groups = groupCategories([
      makePost({ categories: ['Économie', 'C++'] }),
      makePost({ categories: ['économie', 'C'] }),
    ]);
    expect(
      [...groups.values()].map((g) => [g.category.name, g.category.slug, g.posts.length]),
    ).toEqual([
      ['C', 'c', 1],
      ['C++', expect.stringMatching(/^c-[0-9a-f]{8}$/), 1],
      ['Économie', 'economie', 2],
    ]);
  });

  it('gives names Windows refuses as folders, and names with no letters, a usable slug', () => {
    const groups = groupCategories([makePost({ categories: ['CON', '!!!'] })]);
    const slugs = [...groups.values()].map((g) => g.category.slug);
    expect(slugs).toContain('con-category');
    expect(slugs).toContainEqual(expect.stringMatching(/^category-[0-9a-f]{8}$/));
  });
});
