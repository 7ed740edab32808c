import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commonFolder, trackedFiles } from '../../../src/incremental/tracked-files.js';

const BLOB = 'b'.repeat(40);

describe('trackedFiles', () => {
  it('asks git once, when first needed, of the folder holding them all, for those folders', () => {
    const asked: [string, readonly string[]][] = [];
    const blobOf = trackedFiles(['/site/posts', '/site/public', '/site/public'], (dir, folders) => {
      asked.push([dir, folders]);
      return new Map([
        ['posts/2026/a.md', BLOB],
        ['public/img/a.png', BLOB],
      ]);
    });
    expect(asked).toEqual([]);
    expect(blobOf('/site/posts', '2026/a.md')).toBe(BLOB);
    expect(blobOf('/site/public', 'img/a.png')).toBe(BLOB);
    expect(blobOf('/site/public', '2026/a.md')).toBeUndefined();
    expect(blobOf('/elsewhere', 'img/a.png')).toBeUndefined();
    expect(asked).toEqual([['/site', ['posts', 'public']]]);
  });

  it('names a folder that is the common one itself `.`', () => {
    const asked: readonly string[][] = [];
    const blobOf = trackedFiles(['/site/posts', '/site/posts/public'], (_dir, folders) => {
      (asked as string[][]).push([...folders]);
      return new Map([
        ['a.md', BLOB],
        ['public/x.png', BLOB],
      ]);
    });
    expect(blobOf('/site/posts', 'a.md')).toBe(BLOB);
    expect(blobOf('/site/posts/public', 'x.png')).toBe(BLOB);
    expect(asked).toEqual([['.', 'public']]);
  });

  it('vouches for nothing without git, or when git says nothing', () => {
    expect(trackedFiles(['/site/posts'], undefined)('/site/posts', 'a.md')).toBeUndefined();
    let asked = 0;
    const blobOf = trackedFiles(['/site/posts'], () => {
      asked++;
      return undefined;
    });
    expect(blobOf('/site/posts', 'a.md')).toBeUndefined();
    expect(blobOf('/site/posts', 'b.md')).toBeUndefined();
    expect(asked).toBe(1);
  });
});

describe('commonFolder', () => {
  it('is the deepest folder holding them all, never a folder whose name only begins theirs', () => {
    expect(commonFolder(['/a/b/posts', '/a/b/public'])).toBe('/a/b');
    expect(commonFolder(['/a/b/posts', '/a/b/posts/img'])).toBe('/a/b/posts');
    expect(commonFolder(['/a/blog/posts', '/a/b/public'])).toBe('/a');
    expect(commonFolder(['/a/posts', '/z/public'])).toBe(path.sep);
    expect(commonFolder(['/a/posts'])).toBe('/a/posts');
  });

  it('stops at a root when no folder holds them all (folders on two Windows drives)', () => {
    expect(path.win32.dirname('C:\\')).toBe('C:\\'); // what a root's parent is, there
    // On this system, a folder no root-relative path reaches: its own root is as far as it goes.
    expect(commonFolder(['/a/posts', 'relative/public'])).toBe(path.sep);
  });
});
