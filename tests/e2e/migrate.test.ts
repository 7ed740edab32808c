/**
 * `feedwright migrate` end to end, the real CLI: a site that moved from Jekyll (jekyll-feed's
 * Atom) and one that moved from Hugo (its RSS) build, migrate from the old feed, build again —
 * and `feedwright diff` against the old feed finds continuity whole: no subscriber sees an old
 * story again.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hugoRss, jekyllAtom, SITE } from '../helpers/continuity.js';
import { postText, runCli, siteMaker } from '../helpers/site.js';

const makeSite = siteMaker();

const posts = {
  'a.md': postText({ title: 'A', date: '2026-03-01 10:00' }),
  'b.md': postText({ title: 'B', date: '2026-03-02 10:00', categories: ['News'] }),
};

async function migrated(oldFeed: string) {
  const dir = await makeSite(posts);
  await writeFile(path.join(dir, 'old.xml'), oldFeed);
  const cli = (...args: string[]) => runCli(dir, args);
  expect(cli('build', '-q').status).toBe(0);
  const before = cli('diff', '--previous', 'old.xml');
  const migrate = cli('migrate', '--from', 'old.xml');
  const rebuilt = cli('build', '-q');
  const after = cli('diff', '--previous', 'old.xml');
  return { dir, before, migrate, rebuilt, after };
}

describe('feedwright migrate', () => {
  it('continues jekyll-feed’s Atom: old ids pinned, old addresses redirected', async () => {
    const { dir, before, migrate, rebuilt, after } = await migrated(
      jekyllAtom([
        [`${SITE}2026/03/02/b.html`, `${SITE}2026/03/02/b`, 'B', '2026-03-02T10:00:00-05:00'],
        [`${SITE}2026/03/01/a.html`, `${SITE}2026/03/01/a`, 'A', '2026-03-01T10:00:00-05:00'],
      ]),
    );
    expect(before.status).toBe(1);
    expect(migrate.status, migrate.stderr).toBe(0);
    expect(migrate.stdout).toContain('Pinned what readers know 2 posts by:');
    expect(migrate.stdout).toContain(
      `posts/a.md: id "${SITE}2026/03/01/a", alias /2026/03/01/a.html`,
    );
    expect(await readFile(path.join(dir, 'posts/a.md'), 'utf8')).toContain(
      `id: "${SITE}2026/03/01/a"\naliases: ["/2026/03/01/a.html"]\n---\n`,
    );
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    expect(after.status, after.stdout + after.stderr).toBe(0);
    expect(await readFile(path.join(dir, 'dist/2026/03/01/a.html'), 'utf8')).toContain(
      `${SITE}posts/a/`,
    );
  });

  it('continues Hugo’s RSS, and names an old item no post matches', async () => {
    const { before, migrate, after } = await migrated(
      hugoRss([
        [`${SITE}post/gone/`, 'Gone', 'Tue, 03 Mar 2026 10:00:00 -0500'],
        [`${SITE}post/b/`, 'B', 'Mon, 02 Mar 2026 10:00:00 -0500'],
        [`${SITE}post/a/`, 'A', 'Sun, 01 Mar 2026 10:00:00 -0500'],
      ]),
    );
    expect(before.status).toBe(1);
    expect(migrate.status, migrate.stderr).toBe(0);
    expect(migrate.stderr).toContain('no post is "Gone"');
    expect(after.stdout).not.toContain('broken');
    expect(after.status, after.stdout + after.stderr).toBe(0);
  });

  it('with --dry-run says what it would pin and changes nothing', async () => {
    const dir = await makeSite(posts);
    await writeFile(
      path.join(dir, 'old.xml'),
      hugoRss([[`${SITE}post/a/`, 'A', 'Sun, 01 Mar 2026 10:00:00 -0500']]),
    );
    expect(runCli(dir, ['build', '-q']).status).toBe(0);
    const run = runCli(dir, ['migrate', '--from', 'old.xml', '--dry-run']);
    expect(run.stdout).toContain('Would pin what readers know 1 post by:');
    expect(await readFile(path.join(dir, 'posts/a.md'), 'utf8')).toBe(posts['a.md']);
  });

  it('needs --from, and a build to compare with', async () => {
    const dir = await makeSite(posts);
    expect(runCli(dir, ['migrate']).status).toBe(2);
    const run = runCli(dir, ['migrate', '--from', 'old.xml']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('run feedwright build first');
  });
});
