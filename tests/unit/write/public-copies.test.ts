import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE } from '../../../src/manifest.js';
import { publicCopies } from '../../../src/write/public-copies.js';

/** A file of the public folder at output path `p`. */
const asset = (p: string) => ({ path: p, file: `/site/public/${p}` });

const generated = [
  { path: 'rss.xml' },
  { path: 'atom.xml' },
  { path: 'feed.json' },
  { path: 'index.html' },
  { path: 'posts/a/index.html' },
];

describe('publicCopies', () => {
  it('copies every asset to its path, from its file, in order', () => {
    const result = publicCopies(
      [asset('img/logo.png'), asset('robots.txt'), asset('café/ünï code.txt')],
      generated,
      'public',
    );
    expect(result).toEqual({
      copies: [
        { path: 'img/logo.png', source: '/site/public/img/logo.png' },
        { path: 'robots.txt', source: '/site/public/robots.txt' },
        { path: 'café/ünï code.txt', source: '/site/public/café/ünï code.txt' },
      ],
      diagnostics: [],
    });
  });

  it('copies nothing and finds nothing wrong without assets', () => {
    expect(publicCopies([], generated, 'public')).toEqual({ copies: [], diagnostics: [] });
  });

  it('reports an asset that would replace a generated file, naming it in the public folder', () => {
    const { diagnostics } = publicCopies(
      [asset('img/a.png'), asset('posts/a/index.html')],
      generated,
      'public',
    );
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'public-clash',
        file: 'public/posts/a/index.html',
        message: 'this file would replace one that feedwright writes',
        fix: 'rename it or move it to another folder',
      },
    ]);
  });

  it('reports an asset that would replace the manifest, even though it is not generated', () => {
    const { diagnostics } = publicCopies([asset(MANIFEST_FILE)], [], 'site/public');
    expect(diagnostics.map((d) => [d.code, d.file])).toEqual([
      ['public-clash', `site/public/${MANIFEST_FILE}`],
    ]);
  });

  it('reports every clashing asset, each once, in the assets’ order', () => {
    const { copies, diagnostics } = publicCopies(
      [asset('feed.json'), asset('ok.txt'), asset('rss.xml')],
      generated,
      'public',
    );
    expect(diagnostics.map((d) => d.file)).toEqual(['public/feed.json', 'public/rss.xml']);
    expect(diagnostics.every((d) => d.severity === 'error')).toBe(true);
    // The copies are still listed: the diagnostics stop the build, not this function.
    expect(copies.map((c) => c.path)).toEqual(['feed.json', 'ok.txt', 'rss.xml']);
  });

  it('does not treat a file in a generated file’s folder, or a similar name, as a clash', () => {
    const { diagnostics } = publicCopies(
      [asset('posts/a/photo.jpg'), asset('RSS.XML'), asset('rss.xml.bak'), asset('x/rss.xml')],
      generated,
      'public',
    );
    expect(diagnostics).toEqual([]);
  });
});
