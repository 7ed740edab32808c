import { describe, expect, it } from 'vitest';
import { FOREIGN_KEYS } from '../../../src/validate/foreign-keys.js';
import { POST_KEY_ALIASES, POST_KEYS } from '../../../src/validate/post-fields.js';
import { validatePost } from '../../../src/validate/validate-post.js';
import { siteConfig } from '../../helpers/model.js';

describe('FOREIGN_KEYS', () => {
  it('names none of the keys feedwright reads, nor a key that changes a post’s address', () => {
    const read = new Set<string>([...POST_KEYS, ...POST_KEY_ALIASES]);
    expect([...FOREIGN_KEYS].filter((key) => read.has(key))).toEqual([]);
    for (const key of ['permalink', 'url', 'path', 'slug', 'date']) {
      expect(FOREIGN_KEYS.has(key), key).toBe(false);
    }
  });

  it('lets a post keep other tools’ keys without a warning, while a typo still warns', () => {
    const data = {
      title: 'T',
      date: '2026-01-01',
      layout: 'post',
      weight: 3,
      extra: {},
      titel: 'x',
    };
    const hugo = siteConfig({ conventions: 'hugo' });
    const r = validatePost({ data, body: '', bodyLine: 4 }, 'p.md', 'posts/p.md', hugo);
    expect(r.diagnostics.map((d) => [d.code, d.field])).toEqual([['unknown-key', 'titel']]);
    // A site of feedwright's own names every key it does not read.
    const own = validatePost({ data, body: '', bodyLine: 4 }, 'p.md', 'posts/p.md', siteConfig());
    expect(own.diagnostics.map((d) => d.field)).toEqual(['layout', 'weight', 'extra', 'titel']);
  });
});
