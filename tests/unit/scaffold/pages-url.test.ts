import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { originUrl, pagesUrl, pagesUrlOf } from '../../../src/scaffold/pages-url.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('pagesUrlOf', () => {
  it("is a project site's address for a GitHub remote in any of its forms", () => {
    for (const remote of [
      'git@github.com:Jane-Doe/gazette.git',
      'https://github.com/Jane-Doe/gazette',
      'https://github.com/Jane-Doe/gazette.git',
      'https://token@github.com/Jane-Doe/gazette.git',
      'ssh://git@github.com/Jane-Doe/gazette.git',
      'git://github.com/Jane-Doe/gazette.git',
      '  https://github.com/Jane-Doe/gazette/  ',
    ])
      expect(pagesUrlOf(remote), remote).toBe('https://jane-doe.github.io/gazette/');
  });

  it("is the user site's root for the <owner>.github.io repository", () => {
    expect(pagesUrlOf('git@github.com:jane/jane.github.io.git')).toBe('https://jane.github.io/');
    expect(pagesUrlOf('https://github.com/Jane/jane.github.io')).toBe('https://jane.github.io/');
  });

  it('is nothing for a remote elsewhere', () => {
    expect(pagesUrlOf('git@gitlab.com:jane/gazette.git')).toBeUndefined();
    expect(pagesUrlOf('https://github.com.evil.example/jane/gazette')).toBeUndefined();
    expect(pagesUrlOf('/srv/git/gazette.git')).toBeUndefined();
  });
});

describe('originUrl', () => {
  it('reads the url of [remote "origin"] only', () => {
    const config = `[core]
\trepositoryformatversion = 0
[remote "upstream"]
\turl = https://github.com/other/site.git
[remote "origin"]
\turl = git@github.com:jane/gazette.git
\tfetch = +refs/heads/*:refs/remotes/origin/*
`;
    expect(originUrl(config)).toBe('git@github.com:jane/gazette.git');
    expect(originUrl('[core]\n\tbare = false\n')).toBeUndefined();
  });
});

describe('pagesUrl', () => {
  it("is the Pages address of the folder's own git repository, if GitHub hosts it", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-pages-'));
    dirs.push(dir);
    expect(pagesUrl(dir)).toBeUndefined();
    await mkdir(path.join(dir, '.git'));
    await writeFile(
      path.join(dir, '.git', 'config'),
      '[remote "origin"]\n\turl = https://github.com/jane/gazette.git\n',
    );
    expect(pagesUrl(dir)).toBe('https://jane.github.io/gazette/');
  });
});
