import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../../src/build.js';
import { migrateCommand } from '../../../src/cli/migrate-command.js';
import type { Flags } from '../../../src/cli/usage.js';
import { fakeIo } from '../../helpers/cli-io.js';
import { hugoRss, SITE } from '../../helpers/continuity.js';
import { postText, siteMaker } from '../../helpers/site.js';

const makeSite = siteMaker();
const A = postText({ title: 'A', date: '2026-03-01 10:00' });

async function built(): Promise<string> {
  const dir = await makeSite({ 'a.md': A });
  await build({ cwd: dir, cacheDir: false });
  return dir;
}

describe('migrateCommand', () => {
  it('pins the old item in its post and says what it pinned, and what to do next', async () => {
    const dir = await built();
    await writeFile(
      path.join(dir, 'old.xml'),
      hugoRss([[`${SITE}post/a/`, 'A', 'Sun, 01 Mar 2026 10:00:00 -0500']]),
    );
    const { io, out } = fakeIo(dir);
    expect(await migrateCommand({ from: ['old.xml'] } as Flags, io)).toBe(0);
    expect(out.stdout).toBe(
      `Pinned what readers know 1 post by:\n  posts/a.md: id "${SITE}post/a/", alias /post/a/\n\nBuild again, then check with: feedwright diff --previous FEED\n`,
    );
    expect(await readFile(path.join(dir, 'posts/a.md'), 'utf8')).toContain(`id: "${SITE}post/a/"`);
  });

  it('says so when nothing needs pinning, and warns of an old item no post is', async () => {
    const dir = await built();
    await writeFile(
      path.join(dir, 'old.xml'),
      hugoRss([
        [`${SITE}posts/a/`, 'A', 'Sun, 01 Mar 2026 10:00:00 -0500'],
        [`${SITE}post/gone/`, 'Gone', 'Sat, 28 Feb 2026 10:00:00 -0500'],
      ]),
    );
    const { io, out } = fakeIo(dir);
    expect(await migrateCommand({ from: ['old.xml'] } as Flags, io)).toBe(0);
    expect(out.stdout).toBe('Every old item already continues: nothing to pin.\n');
    expect(out.stderr).toContain('no post is "Gone"');
  });

  it('needs --from (exit 2), and a readable build and feed (exit 1)', async () => {
    const dir = await makeSite({ 'a.md': A });
    const { io, out } = fakeIo(dir);
    expect(await migrateCommand({} as Flags, io)).toBe(2);
    expect(out.stderr).toContain('migrate needs --from FEED');
    expect(await migrateCommand({ from: ['old.xml'] } as Flags, io)).toBe(1);
    expect(out.stderr).toContain('run feedwright build first');
  });
});
