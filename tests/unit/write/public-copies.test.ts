import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE } from '../../../src/manifest.js';
import { caseTwins, publicCopies } from '../../../src/write/public-copies.js';

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

  it('publishes a site’s own robots.txt, sitemap or feed list instead of feedwright’s, with a note', () => {
    const withSiteFiles = [...generated, { path: 'robots.txt' }, { path: 'sitemap.xml' }];
    const result = publicCopies(
      [asset('robots.txt'), asset('sitemap.xml')],
      withSiteFiles,
      'public',
    );
    expect(result.copies.map((c) => c.path)).toEqual(['robots.txt', 'sitemap.xml']);
    expect(result.diagnostics).toEqual([
      {
        severity: 'note',
        code: 'public-site-file',
        file: 'public/robots.txt',
        message: 'published instead of the robots.txt feedwright writes',
      },
      {
        severity: 'note',
        code: 'public-site-file',
        file: 'public/sitemap.xml',
        message: 'published instead of the sitemap.xml feedwright writes',
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
    // RSS.XML is no clash here, but one on a case-insensitive host: a warning, not an error.
    expect(diagnostics.map((d) => [d.severity, d.code, d.file])).toEqual([
      ['warning', 'case-twin', 'public/RSS.XML'],
    ]);
  });

  it('warns of public files whose names differ only in case', () => {
    const { copies, diagnostics } = publicCopies(
      [asset('Logo.png'), asset('img/a.png'), asset('logo.png')],
      generated,
      'public',
    );
    expect(copies).toHaveLength(3);
    expect(diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'case-twin',
        file: 'public/logo.png',
        message:
          'this file and public/Logo.png differ only in letter case: on a case-insensitive file system (macOS, Windows) one replaces the other',
        fix: 'rename one of them, and the links to it',
      },
    ]);
  });
});

describe('caseTwins', () => {
  it('finds nothing without public files, or when no two names fold together', () => {
    expect(caseTwins([], [{ path: 'A.html' }, { path: 'a.html' }], 'public')).toEqual([]);
    expect(caseTwins([asset('a.png'), asset('b.png')], generated, 'public')).toEqual([]);
  });

  it('names both files, in folders too, each twin once against the first', () => {
    const twins = caseTwins(
      [asset('Img/Photo.JPG'), asset('img/photo.jpg'), asset('IMG/PHOTO.jpg')],
      [],
      'site/public',
    );
    expect(twins.map((d) => [d.file, d.message.split(' differ')[0]])).toEqual([
      ['site/public/img/photo.jpg', 'this file and site/public/Img/Photo.JPG'],
      ['site/public/IMG/PHOTO.jpg', 'this file and site/public/Img/Photo.JPG'],
    ]);
  });

  it('warns of a public file that differs from a generated one only in case', () => {
    expect(caseTwins([asset('Posts/A/index.html')], generated, 'public')).toEqual([
      {
        severity: 'warning',
        code: 'case-twin',
        file: 'public/Posts/A/index.html',
        message:
          'this file and posts/a/index.html (which feedwright writes) differ only in letter case: on a case-insensitive file system (macOS, Windows) one replaces the other',
        fix: 'rename one of them, and the links to it',
      },
    ]);
  });

  it('leaves the exact same path to the clash error', () => {
    expect(caseTwins([asset('rss.xml')], generated, 'public')).toEqual([]);
  });

  it('tells apart names that differ only in how an accent is encoded', () => {
    const composed = 'caf\u00e9.txt';
    const decomposed = 'cafe\u0301.txt';
    expect(caseTwins([asset(composed), asset(decomposed)], [], 'public')).toEqual([
      expect.objectContaining({
        file: `public/${decomposed}`,
        message: `this file and public/${composed} differ only in letter case or in how their accented letters are encoded: on a case-insensitive file system (macOS, Windows) one replaces the other`,
      }),
    ]);
  });
});
