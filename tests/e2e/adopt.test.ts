/**
 * "Adopt it in one command", as a new user does it: from an empty folder, install the packed
 * tarball (no install script runs), then `feedwright init`, `new`, `check` and `build` through
 * npx, and read the feeds with parsers we did not write.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectValidJsonFeed,
  expectWellFormed,
  parseWithFeedsmith,
  parseWithRowanmanning,
} from '../helpers/feeds.js';
import { REPO } from '../helpers/site.js';

let work: string;
let site: string;
let tarball: string;
const timings: Record<string, number> = {};

/** Runs `command` in `cwd` with a clean, non-CI-annotating environment; times it as `label`. */
function run(label: string, command: string, args: string[], cwd: string) {
  const started = performance.now();
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_ACTIONS: '', npm_config_update_notifier: 'false' },
    timeout: 120_000,
  });
  timings[label] = Math.round(performance.now() - started);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const feedwright = (args: string[]) =>
  run(args[0] as string, 'npx', ['--no', 'feedwright', ...args], site);

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'feedwright-adopt-'));
  site = path.join(work, 'site');
  await mkdir(site);
  // lib/ is compiled by the tests' global setup; --ignore-scripts leaves it be (prepack would
  // delete and compile it again under the feet of the other tests running now).
  const packed = run(
    'pack',
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', work],
    REPO,
  );
  expect(packed.status, packed.stderr).toBe(0);
  tarball = path.join(work, JSON.parse(packed.stdout)[0].filename);
}, 120_000);

afterAll(async () => {
  console.info(`npm pack → install → init → new → check → build, ms: ${JSON.stringify(timings)}`);
  await rm(work, { recursive: true, force: true });
});

describe('a new site from the npm package', () => {
  it('installs into an empty folder with no build step and no install script', () => {
    const installed = run(
      'install',
      'npm',
      ['install', '--save-dev', tarball, '--prefer-offline', '--no-audit', '--no-fund'],
      site,
    );
    expect(installed.status, installed.stderr).toBe(0);
    // npm names every package whose install scripts it runs or holds back: feedwright has none.
    expect(`${installed.stdout}${installed.stderr}`).not.toMatch(/install.?scripts?|prepare/i);
    const pkg = JSON.parse(
      readFileSync(path.join(site, 'node_modules/feedwright/package.json'), 'utf8'),
    );
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare'])
      expect(pkg.scripts?.[hook], hook).toBeUndefined();
    expect(existsSync(path.join(site, 'node_modules/feedwright/lib/cli.js'))).toBe(true);
    expect(existsSync(path.join(site, 'node_modules/feedwright/src'))).toBe(false);
    expect(existsSync(path.join(site, 'node_modules/.bin/feedwright'))).toBe(true);
  }, 120_000);

  it('feedwright init writes a site, keeping the package.json npm made', async () => {
    const before = await readFile(path.join(site, 'package.json'), 'utf8');
    const init = feedwright(['init']);
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    expect(init.stdout).toMatch(/^feedwright: a new site in this folder:\n/);
    expect(init.stdout).toContain('package.json was there already: it is left as it was.');
    expect(init.stdout).not.toContain('npm i -D feedwright');
    expect(await readFile(path.join(site, 'package.json'), 'utf8')).toBe(before);
    for (const file of [
      'feedwright.config.json',
      'posts/welcome.md',
      '.gitignore',
      '.github/workflows/publish.yml',
    ])
      expect(existsSync(path.join(site, file)), file).toBe(true);
    const config = JSON.parse(await readFile(path.join(site, 'feedwright.config.json'), 'utf8'));
    // The editor's schema is where the config says, inside the installed package.
    expect(existsSync(path.join(site, config.$schema))).toBe(true);
    expect(feedwright(['init']).status).toBe(1);
  });

  it('feedwright new "Hello" starts a post', async () => {
    const created = feedwright(['new', 'Hello']);
    expect(created).toMatchObject({
      status: 0,
      stdout: 'feedwright: wrote posts/hello.md\n',
      stderr: '',
    });
    expect(await readFile(path.join(site, 'posts/hello.md'), 'utf8')).toMatch(
      /^---\ntitle: "Hello"\ndate: \d{4}-\d\d-\d\d \d\d:\d\d\n---\n/,
    );
    expect(feedwright(['new', 'Hello']).status).toBe(1);
  });

  it('feedwright check passes, writing nothing', () => {
    const checked = feedwright(['check']);
    expect(checked.stderr).toBe('');
    expect(checked.status).toBe(0);
    expect(checked.stdout).toMatch(
      /^feedwright: check passed: 2 posts read, 2 published, 1 feeds, /,
    );
    expect(existsSync(path.join(site, 'dist'))).toBe(false);
  });

  it('feedwright build writes valid RSS, Atom and JSON feeds of both posts', async () => {
    const built = feedwright(['build']);
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    expect(built.stdout).toMatch(/^feedwright: 2 posts read, 2 published, 1 feeds /);
    const rss = await readFile(path.join(site, 'dist/rss.xml'), 'utf8');
    const atom = await readFile(path.join(site, 'dist/atom.xml'), 'utf8');
    const json = await readFile(path.join(site, 'dist/feed.json'), 'utf8');
    expectWellFormed(rss, 'rss');
    expectWellFormed(atom, 'feed');
    expectValidJsonFeed(json);
    // Atom's text constructs come as { value }.
    const text = (t: unknown) =>
      typeof t === 'object' && t !== null ? (t as { value: string }).value : t;
    for (const document of [rss, atom, json]) {
      const feed = parseWithFeedsmith(document).feed as {
        title?: unknown;
        items?: { title?: unknown }[];
        entries?: { title?: unknown }[];
      };
      expect(text(feed.title)).toBe('Site');
      const titles = (feed.items ?? feed.entries ?? []).map((item) => text(item.title)).sort();
      expect(titles).toEqual(['Hello', 'Welcome to Site']);
    }
    const parsed = await parseWithRowanmanning(rss);
    expect(parsed.items.map((item) => item.url).sort()).toEqual([
      'https://example.com/posts/hello/',
      'https://example.com/posts/welcome/',
    ]);
    expect(existsSync(path.join(site, 'dist/posts/hello/index.html'))).toBe(true);
  });
});
