import { chmod, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedwrightError } from '../../../src/diagnostics.js';
import { discoverPosts, isPostFile } from '../../../src/load/discover-posts.js';
import { compareCodePoints } from '../../../src/text.js';

/** A temp posts folder holding these (empty) files; a path ending in `/` is an empty folder. */
async function postsDir(files: string[]): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'feedwright-posts-'));
  for (const file of files) {
    const target = path.join(root, file);
    if (file.endsWith('/')) await mkdir(target, { recursive: true });
    else {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, '---\ntitle: T\n---\n');
    }
  }
  return root;
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('discoverPosts', () => {
  it('finds the *.md files at any depth, and the other files with their size and mtime', async () => {
    const dir = await postsDir([
      'a.md',
      '2026/05/b.md',
      'notes.txt',
      'README',
      'c.md.bak',
      'image.png',
      'md',
      'drafts/',
    ]);
    const found = discoverPosts(dir, 'posts');
    expect(found.files).toEqual(['2026/05/b.md', 'a.md']);
    expect(found.warnings).toEqual([]);
    expect(found.others.map((o) => [o.path, o.file, o.size])).toEqual([
      ['README', path.join(dir, 'README'), 17],
      ['c.md.bak', path.join(dir, 'c.md.bak'), 17],
      ['image.png', path.join(dir, 'image.png'), 17],
      ['md', path.join(dir, 'md'), 17],
      ['notes.txt', path.join(dir, 'notes.txt'), 17],
    ]);
    expect(found.others.every((o) => o.mtimeMs > 0)).toBe(true);
  });

  it('finds posts written with every Markdown extension other tools use, in any case', async () => {
    const names = ['a.markdown', 'b.mdown', 'c.mkdn', 'd.mkd', 'e.mkdown', 'f.mdwn', 'g.MD'];
    const dir = await postsDir([...names, 'h.html', 'i.txt']);
    const found = discoverPosts(dir, 'posts', 'jekyll');
    expect(found.files).toEqual(names);
    expect(found.others.map((o) => o.path)).toEqual(['h.html', 'i.txt']);
    // A site of feedwright's own reads *.md only (as it always did), and names the others once.
    const own = discoverPosts(dir, 'posts');
    expect(own.files).toEqual([]);
    expect(own.warnings).toEqual([
      {
        severity: 'warning',
        code: 'markdown-not-read',
        file: 'posts/a.markdown',
        message:
          'not read (and 6 more): a site reads *.md posts only, unless it names the tool its posts were written for',
        fix: 'rename it to .md, or set "conventions" in the config (jekyll, hugo, zola or eleventy)',
      },
    ]);
  });

  it('skips sections’ own pages (_index.md) of posts written for another tool, in one note', async () => {
    const dir = await postsDir(['_index.md', 'blog/_index.markdown', 'blog/post/index.md', 'x.md']);
    const found = discoverPosts(dir, 'posts', 'hugo');
    expect(found.files).toEqual(['blog/post/index.md', 'x.md']);
    expect(found.warnings).toEqual([
      {
        severity: 'note',
        code: 'section-pages-skipped',
        file: 'posts/_index.md',
        message:
          '2 section pages (_index.md) skipped: this one and 1 more; feedwright makes the listing pages',
        fix: 'nothing to do; move a section’s text into the site description if you want it shown',
      },
    ]);
  });

  it('tells a Markdown file by its name’s extension, in any case; `.md` alone is a dotfile', () => {
    for (const name of ['a.md', 'A.MD', '..md', 'x.markdown', 'x.Mkd', 'a.b.md'])
      expect(isPostFile(name), name).toBe(true);
    for (const name of ['.md', 'md', 'a.md.txt', 'a.mdx', 'a.txt', 'a.', '', '/.md', 'a/.md'])
      expect(isPostFile(name), name).toBe(false);
  });

  it('sorts by code point, not by locale', async () => {
    const dir = await postsDir(['b.md', 'B.md', 'a.md', 'é.md', 'z.md', '10.md', '9.md']);
    expect(discoverPosts(dir, 'posts').files).toEqual([
      '10.md',
      '9.md',
      'B.md',
      'a.md',
      'b.md',
      'z.md',
      'é.md',
    ]);
  });

  it('sorts as compareCodePoints does, past the Basic Multilingual Plane too', async () => {
    // U+1F600 is written as two UTF-16 units below U+FF5A's one: both sort it first.
    const names = ['ｚ.md', '😀.md', 'Z.md', 'ä.md', '𝒜.md', 'ﬀ.md'];
    const dir = await postsDir(names);
    expect(discoverPosts(dir, 'posts').files).toEqual([...names].sort(compareCodePoints));
    expect(discoverPosts(dir, 'posts').files).toEqual([
      'Z.md',
      'ä.md',
      '𝒜.md',
      '😀.md',
      'ﬀ.md',
      'ｚ.md',
    ]);
  });

  it('sorts a path by its characters, / included', async () => {
    const dir = await postsDir(['a/b.md', 'a-b.md', 'a.md', 'a0.md']);
    expect(discoverPosts(dir, 'posts').files).toEqual(['a-b.md', 'a.md', 'a/b.md', 'a0.md']);
  });

  it('skips dotfiles and everything in dot-folders', async () => {
    const dir = await postsDir(['.draft.md', '.obsidian/x.md', 'x/.y/z.md', 'x/.w.md', 'x/v.md']);
    expect(discoverPosts(dir, 'posts')).toMatchObject({ files: ['x/v.md'], warnings: [] });
  });

  it('finds nothing in an empty folder', async () => {
    expect(discoverPosts(await postsDir([]), 'posts')).toEqual({
      files: [],
      others: [],
      warnings: [],
    });
  });

  it('warns about a symbolic link to a post and does not follow it', async () => {
    const outside = await postsDir(['private.md', 'folder/secret.md']);
    const dir = await postsDir(['a.md', 'sub/']);
    await symlink(path.join(outside, 'private.md'), path.join(dir, 'sub/linked.md'));
    await symlink(path.join(outside, 'folder'), path.join(dir, 'more'));
    const found = discoverPosts(dir, 'site/posts');
    expect(found.files).toEqual(['a.md']);
    const warning = (file: string) => ({
      severity: 'warning',
      code: 'symlink-skipped',
      file,
      message: 'symbolic link not followed',
      fix: 'copy the file into the posts folder instead of linking to it',
    });
    expect(found.warnings).toEqual([
      warning('site/posts/more'),
      warning('site/posts/sub/linked.md'),
    ]);
  });

  it('says nothing about links that could not be posts, or that are dotfiles', async () => {
    const outside = await postsDir(['photo.png', 'x.md']);
    const dir = await postsDir(['a.md']);
    await symlink(path.join(outside, 'photo.png'), path.join(dir, 'photo.png'));
    await symlink(path.join(outside, 'x.md'), path.join(dir, '.hidden.md'));
    expect(discoverPosts(dir, 'posts')).toMatchObject({ files: ['a.md'], warnings: [] });
  });

  it('throws posts-missing, naming the folder as displayed, when it does not exist', async () => {
    const root = await postsDir([]);
    const error = thrown(() => discoverPosts(path.join(root, 'nope'), 'nope'));
    expect(error).toBeInstanceOf(FeedwrightError);
    expect((error as FeedwrightError).diagnostics).toEqual([
      {
        severity: 'error',
        code: 'posts-missing',
        file: 'nope',
        message: 'posts folder not found',
        fix: 'create it, or pass --posts DIR',
      },
    ]);
    expect((error as Error).message).toBe(
      'nope  posts folder not found — create it, or pass --posts DIR',
    );
  });

  it('throws posts-missing when the posts path is a file', async () => {
    const root = await postsDir(['posts']);
    const error = thrown(() => discoverPosts(path.join(root, 'posts'), 'posts'));
    expect(error).toBeInstanceOf(FeedwrightError);
    expect((error as FeedwrightError).diagnostics.map((d) => [d.code, d.file])).toEqual([
      ['posts-missing', 'posts'],
    ]);
  });

  it.skipIf(process.getuid?.() === 0)(
    'passes on other errors, such as a folder it may not read',
    async () => {
      const dir = await postsDir(['a.md', 'locked/b.md']);
      await chmod(path.join(dir, 'locked'), 0o000);
      try {
        const error = thrown(() => discoverPosts(dir, 'posts'));
        expect(error).not.toBeInstanceOf(FeedwrightError);
        expect(error).toMatchObject({ code: 'EACCES' });
      } finally {
        await chmod(path.join(dir, 'locked'), 0o755);
      }
    },
  );
});
