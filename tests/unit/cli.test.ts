import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandHelp, generalHelp } from '../../src/cli/usage.js';
import { EXIT, runCli, version } from '../../src/cli.js';
import { formatManifest, MANIFEST_FILE } from '../../src/manifest.js';
import { fakeIo } from '../helpers/cli-io.js';
import { manifestItem, manifestWith } from '../helpers/continuity.js';
import { CLI, postText, REPO, siteMaker, runCli as spawnCli } from '../helpers/site.js';

const makeSite = siteMaker();

/** Runs one command line in-process, in `cwd`, collecting what it prints. */
async function cli(argv: string[], cwd = path.join(REPO, 'no-such-folder')) {
  const { io, out } = fakeIo(cwd);
  const code = await runCli(argv, io);
  return { code, ...out };
}

const HINT = 'Run "feedwright --help" for usage.\n';
const hint = (command: string) => `Run "feedwright ${command} --help" for its options.\n`;
const GOOD = postText({ title: 'Good', date: '2026-02-01' });

describe('version', () => {
  it("is package.json's version", async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8'));
    expect(version()).toBe(pkg.version);
  });
});

describe('runCli', () => {
  it('prints the general help on stdout and exits 0 for --help and -h', async () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['nonsense', '-h']]) {
      expect(await cli(argv)).toEqual({ code: EXIT.ok, stdout: `${generalHelp()}\n`, stderr: '' });
    }
  });

  it("prints a command's own help for COMMAND --help, -h and help COMMAND", async () => {
    for (const argv of [
      ['build', '--help'],
      ['build', '-h'],
      ['help', 'build'],
      ['-h', 'build'],
    ]) {
      expect(await cli(argv)).toEqual({
        code: EXIT.ok,
        stdout: `${commandHelp('build')}\n`,
        stderr: '',
      });
    }
    expect((await cli(['serve', '--help'])).stdout).toMatch(
      /^Usage: feedwright serve \[options\]\n/,
    );
    expect((await cli(['serve', '--help'])).stdout).not.toContain('--allow-empty');
  });

  it("prints package.json's version for --version and -v", async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8'));
    for (const argv of [['--version'], ['-v']]) {
      expect(await cli(argv)).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    }
  });

  it('prefers --help to --version when given both', async () => {
    expect((await cli(['-v', '-h'])).stdout).toBe(`${generalHelp()}\n`);
  });

  it('refuses an unknown command with exit 2, the command it probably meant and the help hint', async () => {
    expect(await cli(['deploy'])).toEqual({
      code: EXIT.usage,
      stdout: '',
      stderr: `feedwright: unknown command "deploy"\n${HINT}`,
    });
    expect(await cli(['biuld'])).toEqual({
      code: EXIT.usage,
      stdout: '',
      stderr: `feedwright: unknown command "biuld"; did you mean "build"?\n${HINT}`,
    });
  });

  it('refuses a command followed by words it does not take, naming them all', async () => {
    expect(await cli(['build', 'now', 'please'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `feedwright: build takes no arguments, but was given "now" "please"\n${hint('build')}`,
    });
    expect((await cli(['ping', 'x'])).stderr).toBe(
      `feedwright: ping takes no arguments, but was given "x"\n${hint('ping')}`,
    );
  });

  it('refuses no command at all with exit 2 and the help hint', async () => {
    expect(await cli([])).toEqual({
      code: 2,
      stdout: '',
      stderr: `feedwright: no command given\n${HINT}`,
    });
    expect((await cli(['--quiet'])).stderr).toBe(`feedwright: no command given\n${HINT}`);
  });

  it("refuses an unknown option with exit 2, the option meant and the command's help hint", async () => {
    expect(await cli(['build', '--fast'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `feedwright: build has no option --fast\n${hint('build')}`,
    });
    expect(await cli(['build', '--dirfts'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `feedwright: build has no option --dirfts; did you mean --drafts?\n${hint('build')}`,
    });
  });

  it('refuses an option missing its value with exit 2', async () => {
    expect(await cli(['build', '--out'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `feedwright: --out needs a value: --out DIR\n${hint('build')}`,
    });
  });

  it('runs build with the options given', async () => {
    const dir = await makeSite({ 'a.md': GOOD });
    const result = await cli(['build', '--out', 'site', '--no-cache'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^feedwright: 1 posts read, 1 published, 1 feeds /);
    expect(existsSync(path.join(dir, 'site/rss.xml'))).toBe(true);
    expect(existsSync(path.join(dir, 'node_modules'))).toBe(false);
    // The build command's own checks run: the flags reached it.
    expect(await cli(['build', '--format', 'xml'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'feedwright: --format must be "text" or "json", not "xml"\n',
    });
  });

  it('exits 1 when build finds a bad post', async () => {
    const dir = await makeSite({ 'a.md': GOOD, 'bad.md': '---\ntitle: Bad\n---\n' });
    const result = await cli(['build'], dir);
    expect(result.code).toBe(EXIT.content);
    expect(result.stderr).toMatch(/build failed: 1 error; nothing was written\n$/);
  });

  it('runs ping', async () => {
    const dir = await makeSite({ 'a.md': GOOD });
    expect((await cli(['build', '-q'], dir)).code).toBe(0);
    expect(await cli(['ping'], dir)).toEqual({
      code: 0,
      stdout: 'feedwright: no WebSub hubs configured: nothing to ping\n',
      stderr: '',
    });
  });

  it('runs diff with the options given', async () => {
    const dir = await makeSite({ 'a.md': GOOD });
    const a = manifestItem('a');
    await mkdir(path.join(dir, 'site'));
    await writeFile(path.join(dir, 'site', MANIFEST_FILE), formatManifest(manifestWith([a])));
    await writeFile(path.join(dir, 'live.json'), formatManifest(manifestWith([])));
    expect(await cli(['diff', '--previous', 'live.json', '--out', 'site'], dir)).toEqual({
      code: 0,
      stdout:
        'Readers will see 1 new story.\n\n## Test News (`rss.xml`)\n\n- new: A (`posts/a.md`)\n',
      stderr: '',
    });
    const json = await cli(
      ['diff', '--previous', 'live.json', '--out', 'site', '--format', 'json'],
      dir,
    );
    expect(JSON.parse(json.stdout).summary).toEqual({ new: 1, updated: 0, removed: 0, broken: 0 });
    expect((await cli(['diff'], dir)).code).toBe(EXIT.usage);
  });

  it('runs check with the options given', async () => {
    const dir = await makeSite({ 'a.md': GOOD });
    expect((await cli(['build', '-q'], dir)).code).toBe(0);
    const result = await cli(['check', '--profile', 'google-news'], dir);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(
      /^google-news — Google News: \d+ rules, 1 feed read as RSS and Atom\n/,
    );
    expect(result.stdout).toContain(
      'advice  google-news/image  posts/a.md  "Good": it has no image',
    );
    // Without --profile: the posts and config, built in memory.
    expect(await cli(['check', '--no-cache'], dir)).toMatchObject({
      code: EXIT.ok,
      stdout: expect.stringMatching(/^feedwright: check passed: 1 posts read, 1 published/),
    });
    expect((await cli(['check', '--profile', 'msn'], path.join(dir, 'posts'))).code).toBe(
      EXIT.content,
    );
    expect((await cli(['check', 'x'], dir)).stderr).toBe(
      `feedwright: check takes no arguments, but was given "x"\n${hint('check')}`,
    );
  });
});

describe('bin/feedwright.js (spawned)', () => {
  it('builds a small site, exits 0 and prints the summary line', async () => {
    const dir = await makeSite({
      'a.md': GOOD,
      'b.md': postText({ title: 'B', date: '2026-02-02' }),
    });
    const run = spawnCli(dir, ['build']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      // 3 feed files, 3 of the feed's archive, the landing page, a page per post, feeds.opml,
      // sitemap.xml, sitemap-news.xml and robots.txt.
      /^feedwright: 2 posts read, 2 published, 1 feeds \(13 files: 13 written, 0 unchanged\) in \d+\.\d\ds\n$/,
    );
    const feed = JSON.parse(await readFile(path.join(dir, 'dist/feed.json'), 'utf8'));
    expect(feed.items.map((i: { title: string }) => i.title)).toEqual(['B', 'Good']);
  });

  it('exits 1 on a bad post and writes nothing', async () => {
    const dir = await makeSite({ 'bad.md': '---\ntitle: Bad\n---\n' });
    const run = spawnCli(dir, ['build']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^posts\/bad\.md {2}date {2}date is missing/);
    expect(run.stderr).toMatch(/\nfeedwright: build failed: 1 error; nothing was written\n$/);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('prints the help and exits 0 for --help', () => {
    const run = spawnCli(REPO, ['--help']);
    expect(run).toEqual({ status: 0, stdout: `${generalHelp()}\n`, stderr: '' });
  });

  it('says to compile first, with exit 1 and no stack, in a checkout whose lib/ was never made', async () => {
    const dir = await makeSite({});
    await mkdir(path.join(dir, 'bin'));
    await writeFile(path.join(dir, 'package.json'), '{"type": "module"}\n');
    await writeFile(path.join(dir, 'bin/feedwright.js'), await readFile(CLI, 'utf8'));
    const run = spawnSync(process.execPath, [path.join(dir, 'bin/feedwright.js'), 'build'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 1,
      stdout: '',
      stderr:
        'feedwright: lib/ is missing: this checkout of feedwright was not compiled — run "npm run compile" (or "npm run build") first\n',
    });
  });

  it("prints build's own help for build --help", () => {
    const run = spawnCli(REPO, ['build', '--help']);
    expect(run).toEqual({ status: 0, stdout: `${commandHelp('build')}\n`, stderr: '' });
  });

  it('suggests the option a typo meant, with exit 2 and no stack trace', () => {
    const run = spawnCli(REPO, ['build', '--foce']);
    expect(run).toEqual({
      status: 2,
      stdout: '',
      stderr: `feedwright: build has no option --foce; did you mean --force?\n${hint('build')}`,
    });
  });
});
