import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { png } from '../helpers/png.js';
import { hashTree, makeConfig, postText, runCli, siteMaker } from '../helpers/site.js';

const makeSite = siteMaker();

/** Post `i`, one an hour, in one of two sections. */
const post = (i: number, body = `The story of post ${i}, with [a link](../other/).\n`) =>
  postText(
    {
      title: `Post ${i}`,
      date: new Date(Date.UTC(2026, 0, 1, i)).toISOString(),
      categories: [i % 2 ? 'Politics' : 'Economy'],
    },
    body,
  );

function git(dir: string, ...args: string[]): void {
  execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
}

const commit = (dir: string) =>
  git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qam', 'posts');

/** What a fresh clone's checkout leaves: every post and public file written anew by git. */
async function checkout(dir: string): Promise<void> {
  for (const folder of ['posts', 'public'])
    await rm(path.join(dir, folder), { recursive: true, force: true });
  git(dir, 'checkout', '-q', '--', 'posts', 'public');
}

const verbose = (dir: string) => runCli(dir, ['build', '--verbose']);

describe('a build after a git checkout, with the cache restored (CI)', () => {
  let dir: string;
  beforeAll(async () => {
    const posts = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [`2026/post-${i + 1}.md`, post(i + 1)]),
    );
    // The newest post's lead image in the public folder.
    posts['2026/post-60.md'] = postText(
      {
        title: 'Post 60',
        date: new Date(Date.UTC(2026, 0, 1, 60)).toISOString(),
        image: '/img/lead.png',
      },
      'The story of post 60.\n',
    );
    dir = await makeSite(posts, makeConfig({ limit: 10 }));
    await mkdir(path.join(dir, 'public/img'), { recursive: true });
    await writeFile(path.join(dir, 'public/img/lead.png'), png(40, 20));
    await writeFile(path.join(dir, '.gitignore'), 'node_modules/\ndist/\nfresh/\n');
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    commit(dir);
    expect(verbose(dir).status).toBe(0); // a cold build: the cache learns each file's blob
  });

  it('reads no post file git finds as it checked it out: the output is up to date', async () => {
    await checkout(dir);
    const after = verbose(dir);
    expect(after.status).toBe(0);
    expect(after.stderr).toContain('front matter read for 0 of 60 posts, 0 bodies rendered');
    // Up to date: the public file's new mtime did not count either, and nothing was planned.
    expect(after.stderr).not.toMatch(/plan \d+ms/);
    expect(after.stdout).toMatch(/0 written/);
  });

  it('is not up to date when the public file changed', async () => {
    await writeFile(path.join(dir, 'public/img/lead.png'), png(80, 40));
    const after = verbose(dir);
    expect(after.status).toBe(0);
    expect(after.stderr).toMatch(/plan \d+ms/);
    expect(await readFile(path.join(dir, 'dist/rss.xml'), 'utf8')).toContain('width="80"');
    git(dir, 'checkout', '-q', '--', 'public'); // as committed again
    expect(verbose(dir).status).toBe(0);
  });

  it('reads only the posts a commit changed or added, and builds what a build without the cache builds', async () => {
    const edited = path.join(dir, 'posts/2026/post-59.md');
    await writeFile(edited, post(59, 'The story of post 59, corrected.\n'));
    await writeFile(path.join(dir, 'posts/2026/post-61.md'), post(61));
    git(dir, 'add', 'posts');
    commit(dir);
    await checkout(dir);
    const after = verbose(dir);
    expect(after.status).toBe(0);
    expect(after.stderr).toContain('front matter read for 2 of 61 posts, 2 bodies rendered');
    expect(runCli(dir, ['build', '--no-cache', '--out', 'fresh']).status).toBe(0);
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(await hashTree(path.join(dir, 'fresh')));
    expect(await readFile(path.join(dir, 'dist/rss.xml'), 'utf8')).toContain('corrected');
  });

  it('reads a post changed in the work tree after the checkout, not committed', async () => {
    await checkout(dir);
    await writeFile(path.join(dir, 'posts/2026/post-58.md'), post(58, 'Edited by hand.\n'));
    const after = verbose(dir);
    expect(after.status).toBe(0);
    // Only that one: the post the last build added was read whole then, and its blob kept.
    expect(after.stderr).toContain('front matter read for 1 of 61 posts, 1 bodies rendered');
    expect(await readFile(path.join(dir, 'dist/rss.xml'), 'utf8')).toContain('Edited by hand.');
  });

  it('with --no-git, reads every post a checkout wrote again, and leaves the output as it was', async () => {
    await checkout(dir); // post-58 as committed again
    expect(verbose(dir).status).toBe(0);
    await checkout(dir);
    const before = await hashTree(path.join(dir, 'dist'));
    const after = runCli(dir, ['build', '--verbose', '--no-git']);
    expect(after.status).toBe(0);
    expect(after.stderr).toContain('front matter read for 61 of 61 posts, 0 bodies rendered');
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(before);
  });
});
