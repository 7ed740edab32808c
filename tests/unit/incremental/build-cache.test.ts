import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheKey } from '../../../src/hash.js';
import { BuildCache } from '../../../src/incremental/build-cache.js';
import type { HeadRecord } from '../../../src/model.js';

const entry: HeadRecord & { ref: NonNullable<HeadRecord['ref']> } = {
  sourcePath: 'a.md',
  size: 10,
  mtimeMs: 1,
  headHash: 'h',
  diagnostics: [],
  ref: {
    sourcePath: 'a.md',
    date: new Date('2026-01-01T00:00:00Z'),
    slug: 'a',
    categories: ['X'],
    draft: false,
    url: 'https://example.com/posts/a/',
    pagePath: 'posts/a/index.html',
  },
};

async function file() {
  return path.join(await mkdtemp(path.join(tmpdir(), 'feedwright-cache-')), 'cache.bin');
}

describe('BuildCache', () => {
  it('round-trips entries, dates included', async () => {
    const f = await file();
    const { cache } = await BuildCache.open(f, 'k');
    cache.setFile(entry);
    await cache.setRendered('a.md', {
      post: { ...entry.ref, title: 'A', tags: [], authors: [] },
      summary: 's',
      contentHtml: '<p>x</p>',
      headHash: 'h',
      bodyHash: 'b',
      diagnostics: [],
    });
    await cache.save(new Set(['a.md']));
    const { cache: again, problem } = await BuildCache.open(f, 'k');
    expect((await again.rendered()).get('a.md')?.contentHtml).toBe('<p>x</p>');
    expect(problem).toBeUndefined();
    expect(again.files.get('a.md')).toEqual(entry);
  });

  it('starts empty when feedwright or the config changed (a different key)', async () => {
    const f = await file();
    const { cache } = await BuildCache.open(f, cacheKey([{ title: 'a' }, 'code-1']));
    cache.setFile(entry);
    await cache.save();
    const { cache: again, problem } = await BuildCache.open(
      f,
      cacheKey([{ title: 'a' }, 'code-2']),
    );
    expect(problem).toMatch(/changed/);
    expect(again.files.size).toBe(0);
  });

  it('discards a file that is not a cache, or whose checksum fails', async () => {
    const f = await file();
    await writeFile(f, 'not a cache at all');
    expect((await BuildCache.open(f, 'k')).problem).toMatch(/corrupt/);
  });

  it('forgets files that are gone', () => {
    const cache = BuildCache.none('k');
    cache.setFile(entry);
    cache.keepOnly(new Set());
    expect(cache.files.size).toBe(0);
  });
});
