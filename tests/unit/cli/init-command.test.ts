import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCommand } from '../../../src/cli/build-command.js';
import { initCommand } from '../../../src/cli/init-command.js';
import type { Flags } from '../../../src/cli/usage.js';
import { version } from '../../../src/cli/version.js';
import { fakeIo } from '../../helpers/cli-io.js';
import { hashTree } from '../../helpers/site.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-init-'));
  dirs.push(dir);
  return dir;
}

/** 23:30 on the 18th in UTC: already the 19th in Tokyo. */
const NOW = new Date('2026-11-18T23:30:00Z');

async function init(cwd: string, flags: Flags = {}, args: string[] = []) {
  const { io, out } = fakeIo(cwd);
  io.now = () => NOW;
  const code = await initCommand(flags, io, args);
  return { code, ...out };
}

const FILES = [
  '.github/workflows/publish.yml',
  '.gitignore',
  'feedwright.config.json',
  'package.json',
  'posts/welcome.md',
  'public/.gitkeep',
];

describe('initCommand', () => {
  it('writes a site into a new folder, says what it wrote and what to do next', async () => {
    const cwd = await tempDir();
    const result = await init(cwd, {}, ['harbour-gazette']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const dir = path.join(cwd, 'harbour-gazette');
    expect(Object.keys(await hashTree(dir)).sort()).toEqual(FILES);
    expect(result.stdout).toMatch(
      /^feedwright: a new site in harbour-gazette:\n {2}feedwright\.config\.json\n/,
    );
    expect(result.stdout).toContain('\n  cd harbour-gazette\n  npm install ');
    expect(result.stdout).toContain('npx feedwright serve');
    expect(result.stdout).toContain(
      'Set "url" in feedwright.config.json to the address the site will have (it says https://example.com/ for now).',
    );
    const config = JSON.parse(await readFile(path.join(dir, 'feedwright.config.json'), 'utf8'));
    expect(config).toMatchObject({
      title: 'Harbour Gazette',
      url: 'https://example.com/',
      timezone: 'UTC',
    });
    const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({
      name: 'harbour-gazette',
      devDependencies: { feedwright: `^${version()}` },
    });
  });

  it('takes the title, URL and time zone from the flags, and dates the post in that zone', async () => {
    const dir = await tempDir();
    const flags = {
      title: 'Tokyo Desk',
      url: 'https://news.example.jp/desk',
      timezone: 'Asia/Tokyo',
    };
    expect((await init(dir, flags)).code).toBe(0);
    const config = JSON.parse(await readFile(path.join(dir, 'feedwright.config.json'), 'utf8'));
    expect(config).toMatchObject({
      title: 'Tokyo Desk',
      url: 'https://news.example.jp/desk',
      timezone: 'Asia/Tokyo',
    });
    const post = await readFile(path.join(dir, 'posts/welcome.md'), 'utf8');
    expect(post).toMatch(/^---\ntitle: "Welcome to Tokyo Desk"\ndate: 2026-11-19\n---\n/);
  });

  it("takes the GitHub Pages address from the folder's GitHub remote", async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, '.git'));
    await writeFile(
      path.join(dir, '.git/config'),
      '[remote "origin"]\n\turl = git@github.com:jane/gazette.git\n',
    );
    const result = await init(dir);
    expect(result.stdout).not.toContain('Set "url"');
    const config = JSON.parse(await readFile(path.join(dir, 'feedwright.config.json'), 'utf8'));
    expect(config.url).toBe('https://jane.github.io/gazette/');
  });

  it('writes a site that builds as it is', async () => {
    const cwd = await tempDir();
    expect((await init(cwd, {}, ['gazette'])).code).toBe(0);
    const { io, out } = fakeIo(path.join(cwd, 'gazette'));
    expect(await buildCommand({ 'no-cache': true }, io)).toBe(0);
    expect(out.stderr).toBe('');
    const feed = JSON.parse(await readFile(path.join(cwd, 'gazette/dist/feed.json'), 'utf8'));
    expect(feed.title).toBe('Gazette');
    expect(feed.items.map((i: { title: string }) => i.title)).toEqual(['Welcome to Gazette']);
  });

  it('keeps an existing package.json as it is, and says how to add feedwright to it', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'package.json'), '{"name": "mine"}\n');
    const result = await init(dir);
    expect(result.code).toBe(0);
    expect(await readFile(path.join(dir, 'package.json'), 'utf8')).toBe('{"name": "mine"}\n');
    expect(result.stdout).toContain('package.json was there already: it is left as it was.');
    expect(result.stdout).toContain('  npm i -D feedwright\n');
  });

  it('refuses to replace any file: lists those in the way, exit 1, writes nothing', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'posts'));
    await writeFile(path.join(dir, 'posts/welcome.md'), 'my own post');
    await writeFile(path.join(dir, '.gitignore'), 'mine\n');
    const before = await hashTree(dir);
    expect(await init(dir)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'feedwright: init writes nothing: these files exist already:\n  posts/welcome.md\n  .gitignore\nMove them away, or start the site in another folder: feedwright init DIR\n',
    });
    expect(await hashTree(dir)).toEqual(before);
    expect(existsSync(path.join(dir, 'feedwright.config.json'))).toBe(false);
  });

  it('refuses a folder that is a file', async () => {
    const cwd = await tempDir();
    await writeFile(path.join(cwd, 'site'), '');
    expect(await init(cwd, {}, ['site'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'feedwright: site is a file, not a folder — name a new or existing folder\n',
    });
  });

  it('refuses flags that make a config feedwright would refuse, with exit 2, writing nothing', async () => {
    const dir = await tempDir();
    const bad = await init(dir, { url: 'ftp://example.com/', timezone: 'Mars/Olympus' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^feedwright: --url "ftp:\/\/example\.com\/": .+ — /m);
    expect(bad.stderr).toMatch(
      /^feedwright: --timezone "Mars\/Olympus": timezone "Mars\/Olympus" is not a known IANA time zone — use e\.g\./m,
    );
    expect(await hashTree(dir)).toEqual({});
    expect((await init(dir, { title: '  ' })).stderr).toMatch(/^feedwright: --title " {2}": /);
  });
});
