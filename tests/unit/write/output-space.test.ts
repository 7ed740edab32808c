import { realpathSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  earlyStage,
  leftovers,
  outputSpace,
  shown,
  writeSuffix,
} from '../../../src/write/output-space.js';

const parents: string[] = [];
afterAll(async () => {
  await Promise.all(parents.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh folder, by its real path. */
async function tempParent(): Promise<string> {
  const dir = realpathSync(await mkdtemp(path.join(tmpdir(), 'feedwright-space-')));
  parents.push(dir);
  return dir;
}

describe('outputSpace', () => {
  it('names the journal, staging and backup folders beside the output', async () => {
    const parent = await tempParent();
    expect(outputSpace(path.join(parent, 'dist'), 'out/dist', '42-beef', '/site')).toEqual({
      out: path.join(parent, 'dist'),
      parent,
      display: 'out/dist',
      journal: path.join(parent, '.dist.journal'),
      stage: path.join(parent, '.dist.stage-42-beef'),
      backup: path.join(parent, '.dist.backup-42-beef'),
      cwd: '/site',
    });
    expect(outputSpace(path.join(parent, 'dist'), 'dist', 's').cwd).toBe(process.cwd());
  });

  it('names a staging folder made early apart, and makes it with the parent folder', async () => {
    const parent = await tempParent();
    const dist = path.join(parent, 'site/dist');
    expect(outputSpace(dist, 'dist', '42-beef', parent, true).stage).toBe(
      path.join(parent, 'site/.dist.early-42-beef'),
    );
    const { suffix, stage } = earlyStage(dist, 'dist');
    expect(suffix).toMatch(new RegExp(`^${process.pid}-[0-9a-f]{8}$`));
    expect(stage).toBe(outputSpace(dist, 'dist', suffix, parent, true).stage);
    expect(statSync(stage).isDirectory()).toBe(true);
    expect(writeSuffix()).not.toBe(suffix);
  });

  it('resolves a relative output folder against the working folder', () => {
    const space = outputSpace('no-such-output-folder', 'x', 's');
    expect(space.out).toBe(path.resolve('no-such-output-folder'));
    expect(space.parent).toBe(process.cwd());
  });

  it('follows a symbolic link to the real output folder, and works beside it', async () => {
    const parent = await tempParent();
    await mkdir(path.join(parent, 'releases/site'), { recursive: true });
    await symlink(path.join(parent, 'releases/site'), path.join(parent, 'public_html'));
    const space = outputSpace(path.join(parent, 'public_html'), 'public_html', 's');
    expect(space).toMatchObject({
      out: path.join(parent, 'releases/site'),
      parent: path.join(parent, 'releases'),
      display: 'public_html',
      journal: path.join(parent, 'releases/.site.journal'),
      stage: path.join(parent, 'releases/.site.stage-s'),
    });
  });
});

describe('leftovers', () => {
  it('finds what stopped writes left beside the output, by kind', async () => {
    const parent = await tempParent();
    const names = [
      '.dist.stage-1-aa',
      '.dist.backup-1-aa',
      '.dist.tmp-2-bb',
      '.dist.old-2-bb',
      '.dist.journal.tmp-3',
    ];
    for (const name of names) await mkdir(path.join(parent, name));
    for (const name of ['dist', '.dist.journal', '.dist.lock', '.distance', '.dist.old', 'x.old-1'])
      await writeFile(path.join(parent, name), '');
    const found = leftovers(outputSpace(path.join(parent, 'dist'), 'dist', 's'));
    expect(found.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      [
        { name: '.dist.backup-1-aa', kind: 'backup' },
        { name: '.dist.journal.tmp-3', kind: 'journal.tmp' },
        { name: '.dist.old-2-bb', kind: 'old' },
        { name: '.dist.stage-1-aa', kind: 'stage' },
        { name: '.dist.tmp-2-bb', kind: 'tmp' },
      ].map(({ name, kind }) => ({ name: path.join(parent, name), kind })),
    );
  });

  it('finds a staging folder made before its write took the lock only once its process has ended', async () => {
    const parent = await tempParent();
    const dist = path.join(parent, 'dist');
    // This process runs; no process has a pid this large (Linux's pid_max is at most 2^22).
    const live = earlyStage(dist, 'dist');
    await mkdir(path.join(parent, '.dist.early-999999999-aa'));
    await mkdir(path.join(parent, '.dist.early-x'));
    const found = leftovers(outputSpace(dist, 'dist', 's'));
    expect(found.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: path.join(parent, '.dist.early-999999999-aa'), kind: 'early' },
      { name: path.join(parent, '.dist.early-x'), kind: 'early' },
    ]);
    expect(found.map((f) => f.name)).not.toContain(live.stage);
  });

  it('finds nothing when the parent folder does not exist', async () => {
    const parent = await tempParent();
    expect(leftovers(outputSpace(path.join(parent, 'no/such/dist'), 'dist', 's'))).toEqual([]);
  });
});

describe('shown', () => {
  it('shows a path in the output or staged for it under the name of the output', async () => {
    const parent = await tempParent();
    const space = outputSpace(path.join(parent, 'dist'), 'site/dist', 's');
    expect(shown(space, path.join(parent, 'dist/posts/a/index.html'))).toBe(
      'site/dist/posts/a/index.html',
    );
    expect(shown(space, path.join(space.stage, 'rss.xml'))).toBe('site/dist/rss.xml');
    expect(shown(space, path.join(parent, 'dist'))).toBe('site/dist');
    expect(shown(space, space.stage)).toBe('site/dist');
  });

  it('shows a path under the working folder relative to it, and any other as it is', async () => {
    const parent = await tempParent();
    const space = outputSpace(path.join(parent, 'dist'), 'dist', 's');
    expect(shown(space, path.join(process.cwd(), 'posts/a.md'))).toBe('posts/a.md');
    expect(shown(space, path.join(parent, 'distance/a.md'))).toBe(
      path.join(parent, 'distance/a.md'),
    );
    expect(shown(space, space.journal)).toBe(space.journal);
  });
});
