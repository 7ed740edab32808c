import { describe, expect, it } from 'vitest';
import { fileNameOf } from '../../../src/validate/file-name.js';

describe('fileNameOf', () => {
  it('takes the name without its extension, only the last one', () => {
    expect(fileNameOf('2026/hello.md')).toEqual({
      stem: 'hello',
      title: 'hello',
      bundle: false,
      file: 'hello',
    });
    expect(fileNameOf('v9.9.0.markdown')).toMatchObject({ stem: 'v9.9.0', title: 'v9.9.0' });
  });

  it('finds a Jekyll, Eleventy or Zola date at the start of the name', () => {
    expect(fileNameOf('_posts/2025-01-29-welcome-to-jekyll.markdown')).toEqual({
      stem: '2025-01-29-welcome-to-jekyll',
      date: '2025-01-29',
      title: 'welcome-to-jekyll',
      bundle: false,
      file: '2025-01-29-welcome-to-jekyll',
    });
    expect(fileNameOf('blog/2024-03-01_first.md')).toMatchObject({
      date: '2024-03-01',
      title: 'first',
    });
    expect(fileNameOf('2025-01-29.md')).toMatchObject({ title: '2025-01-29' });
    expect(fileNameOf('2025-1-29-x.md').date).toBeUndefined();
  });

  it('names a page bundle by its folder', () => {
    expect(fileNameOf('posts/my-trip/index.md')).toEqual({
      stem: 'my-trip',
      title: 'my-trip',
      bundle: true,
      file: 'index',
    });
    expect(fileNameOf('2025-05-01-trip/index.md')).toMatchObject({
      date: '2025-05-01',
      title: 'trip',
      bundle: true,
    });
    // A lone index.md at the top of the posts folder is a post named index.
    expect(fileNameOf('index.md')).toEqual({
      stem: 'index',
      title: 'index',
      bundle: false,
      file: 'index',
    });
  });
});
