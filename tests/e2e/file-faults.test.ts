/**
 * Every file-system fault is a clear error — exit 1, the path, what went wrong, the fix, no stack
 * trace — and the published output is exactly what it was. Faults are real where the machine
 * allows: a small tmpfs for a full disk, the user `nobody` (via `setpriv`) for permissions.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync } from 'node:fs';
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, hashTree, makeConfig, postText, runCli, siteMaker } from '../helpers/site.js';

const makeSite = siteMaker();

function post(i: number, body = `Paragraph of story ${i}.\n`) {
  return postText(
    { title: `Story ${i}`, date: `2026-04-${String(i + 1).padStart(2, '0')}`, categories: ['A'] },
    body,
  );
}

async function smallSite(): Promise<string> {
  const posts: Record<string, string> = {};
  for (let i = 0; i < 4; i++) posts[`story-${i}.md`] = post(i);
  return makeSite(posts, makeConfig({ limit: 3 }));
}

/** A failed run: exit 1, the message on one line, the closing summary, and no stack trace. */
function expectClearFailure(run: { status: number | null; stderr: string }, message: RegExp) {
  expect(run.status, run.stderr).toBe(1);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).toMatch(/feedwright: build failed: 1 error/);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

describe('a full disk', () => {
  let mount: string | undefined;
  let skipped = '';
  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-tmpfs-'));
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]);
    if (mounted.status === 0) mount = dir;
    else skipped = `cannot mount a tmpfs here (${mounted.stderr.toString().trim()})`;
  });
  afterAll(() => {
    if (mount) spawnSync('umount', [mount]);
  });

  it('while writing new files stops the build; the output stays as it was', async (context) => {
    if (!mount) {
      console.warn(`skipped: ${skipped}`);
      return context.skip();
    }
    const dir = await smallSite();
    const out = path.join(mount, 'dist');
    expect(runCli(dir, ['build', '--out', out]).status).toBe(0);
    const before = await hashTree(out);
    // A long story: its page and its feeds need several megabytes.
    await writeFile(path.join(dir, 'posts/long.md'), post(9, `${'All work. '.repeat(40_000)}\n`));
    const run = runCli(dir, ['build', '--out', out]);
    expectClearFailure(
      run,
      /dist\/\S+ {2}no space left on the device while writing it \(ENOSPC\) — free some space/,
    );
    expect(await hashTree(out)).toEqual(before);
    expect(await readdir(mount)).toEqual(['dist']);
  });
});

/** Runs the CLI as the unprivileged user `nobody`, or says why it cannot. */
function asNobody(cwd: string, args: string[]) {
  return spawnSync(
    'setpriv',
    ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, ...args],
    { cwd, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '' } },
  );
}

describe('missing permissions', () => {
  let skipped: string | undefined;
  beforeAll(() => {
    const probe = spawnSync('setpriv', [
      '--reuid=65534',
      '--regid=65534',
      '--clear-groups',
      'true',
    ]);
    if (process.getuid?.() !== 0) skipped = 'not running as root, cannot switch to nobody';
    else if (probe.status !== 0) skipped = `setpriv refused (${probe.stderr?.toString().trim()})`;
  });

  /** A site `nobody` may read but not write, built once by root. */
  async function readOnlySite(): Promise<string> {
    const dir = await smallSite();
    expect(runCli(dir).status).toBe(0);
    chmodSync(dir, 0o755);
    return dir;
  }

  it('to write the output folder stops the build; the output stays as it was', async (context) => {
    if (skipped) return context.skip(skipped);
    const dir = await readOnlySite();
    const before = await hashTree(path.join(dir, 'dist'));
    await writeFile(path.join(dir, 'posts/story-9.md'), post(9));
    await chmod(path.join(dir, 'posts/story-9.md'), 0o644);
    const run = asNobody(dir, ['build', '--no-cache']);
    expectClearFailure(
      run,
      /^\S+ {2}permission denied while \w+.* \(EACCES\) — give the user running feedwright access/m,
    );
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(before);
  });

  it('to read a sub-folder of the posts stops the build, naming the folder', async (context) => {
    if (skipped) return context.skip(skipped);
    const dir = await readOnlySite();
    mkdirSync(path.join(dir, 'posts/secret'), { mode: 0o700 });
    const run = asNobody(dir, ['build', '--no-cache', '--out', path.join(tmpdir(), 'unused')]);
    expectClearFailure(
      run,
      /^posts\/secret {2}permission denied while listing this folder \(EACCES\)/m,
    );
  });
});

describe('paths that cannot be', () => {
  it('--out under a file', async () => {
    const dir = await smallSite();
    await writeFile(path.join(dir, 'notes.txt'), 'not a folder');
    expectClearFailure(
      runCli(dir, ['build', '--out', 'notes.txt/dist']),
      /^notes\.txt {2}a file stands where this folder should be while creating this folder \(EEXIST\)/m,
    );
  });

  it('--out with a name longer than the file system allows', async () => {
    const dir = await smallSite();
    expectClearFailure(
      runCli(dir, ['build', '--out', 'x'.repeat(300)]),
      /the path is too long for the file system .*\(ENAMETOOLONG\) — shorten/,
    );
  });

  it('--out deeper than PATH_MAX', async () => {
    const dir = await smallSite();
    const deep = Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(250, 'd')).join('/');
    expectClearFailure(runCli(dir, ['build', '--out', deep]), /\(ENAMETOOLONG\)/);
  });

  it('--config naming a folder', async () => {
    const dir = await smallSite();
    mkdirSync(path.join(dir, 'conf'));
    expectClearFailure(
      runCli(dir, ['build', '--config', 'conf']),
      /^conf {2}config file cannot be read \(EISDIR.*\) — check the path/m,
    );
  });

  it('an output folder whose parent does not exist yet is created', async () => {
    const dir = await smallSite();
    const run = runCli(dir, ['build', '--out', 'site/public/feeds']);
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'site/public/feeds/rss.xml'))).toBe(true);
  });
});

describe('a cache that cannot be saved', () => {
  it('is a warning once the output is in place: the build succeeds', async () => {
    const dir = await smallSite();
    await writeFile(path.join(dir, 'blocker'), 'a file where the cache folder would go');
    const run = runCli(dir, ['build', '--cache-dir', 'blocker/cache']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /^warning: blocker\/cache {2}the build cache could not be saved: a part of the path is a file, not a folder .*the output was written, the next build will be slower/m,
    );
    expect(existsSync(path.join(dir, 'dist/rss.xml'))).toBe(true);
  });
});

describe('an empty posts folder', () => {
  it('with a published output is an error, and the output stays as it was', async () => {
    const dir = await smallSite();
    expect(runCli(dir).status).toBe(0);
    const before = await hashTree(path.join(dir, 'dist'));
    await rm(path.join(dir, 'posts'), { recursive: true });
    mkdirSync(path.join(dir, 'posts'));
    expectClearFailure(
      runCli(dir),
      /^posts {2}no post files found, but dist holds a published site that this build would empty — .*--allow-empty/m,
    );
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(before);
  });

  it('builds with --allow-empty, and when nothing was published before', async () => {
    const dir = await smallSite();
    expect(runCli(dir).status).toBe(0);
    await rm(path.join(dir, 'posts'), { recursive: true });
    mkdirSync(path.join(dir, 'posts'));
    expect(runCli(dir, ['build', '--allow-empty']).status).toBe(0);
    expect(existsSync(path.join(dir, 'dist/posts/story-0/index.html'))).toBe(false);
    const fresh = await makeSite({});
    cpSync(path.join(dir, 'feedwright.config.json'), path.join(fresh, 'feedwright.config.json'));
    expect(runCli(fresh).status).toBe(0);
  });
});
