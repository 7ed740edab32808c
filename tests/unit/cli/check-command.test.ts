import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCommand } from '../../../src/cli/check-command.js';
import type { Flags } from '../../../src/cli/usage.js';
import { type FixtureItem, SITE, writeBuild } from '../../helpers/built-feeds.js';
import { fakeIo } from '../../helpers/cli-io.js';
import { png } from '../../helpers/png.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Yesterday: the date rules are kept whenever the test runs. */
const RECENT = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();

const good: FixtureItem = {
  slug: 'good',
  title: 'A story that keeps every rule',
  description: 'A summary. '.repeat(30),
  content: '<p>Body.</p>',
  date: RECENT,
  image: { url: `${SITE}images/big.png`, credit: 'Jo Photo' },
};

/** A working folder with a build in `out` of a site feed holding `items`. */
async function site(items: FixtureItem[], out = 'dist'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-check-cli-'));
  dirs.push(dir);
  await writeBuild(path.join(dir, out), { '': { items } }, { 'images/big.png': png(1000, 800) });
  return dir;
}

async function check(dir: string, flags: Flags, env: Record<string, string> = {}) {
  const { io, out } = fakeIo(dir, env);
  const code = await checkCommand(flags, io);
  return { code, ...out };
}

describe('checkCommand: usage', () => {
  it('without --profile, checks the posts and the config instead of the built feeds', async () => {
    // A build in dist/ but no posts folder and no config: the in-memory check reads those.
    const dir = await site([good]);
    const result = await check(dir, { 'no-cache': true });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^feedwright\.config\.json {2}config file not found/);
    expect(result.stderr).toMatch(/\nfeedwright: check failed: 1 error\n$/);
  });

  it('refuses an unknown profile, naming it and the known ones', async () => {
    const dir = await site([good]);
    expect(await check(dir, { profile: 'msn,apple-news' })).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'feedwright: unknown profile "apple-news"; the profiles are: google-news, msn, flipboard\n',
    });
    expect((await check(dir, { profile: ',' })).code).toBe(2);
  });

  it('refuses a format it does not write', async () => {
    const dir = await site([good]);
    expect((await check(dir, { profile: 'msn', format: 'xml' })).stderr).toBe(
      'feedwright: --format must be "text" or "json", not "xml"\n',
    );
  });
});

describe('checkCommand: results', () => {
  it('exits 0 when every rule is kept', async () => {
    const dir = await site([good]);
    const result = await check(dir, { profile: 'msn' });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      'msn — MSN Partner Hub: 10 rules, 1 feed read as RSS and Atom\n\nmsn: every rule kept in 1 feed.\n',
    );
  });

  it('exits 1 on an error, one line per finding naming the rule and the post file', async () => {
    const dir = await site([good, { ...good, slug: 'short', title: 'Too short' }]);
    const result = await check(dir, { profile: 'msn' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '\nerror   msn/title-length  posts/short.md  "Too short": the title is 9 characters, at least 20 wanted — make it more descriptive\n',
    );
  });

  it('exits 0 on advice alone, 1 with --strict; --quiet leaves advice out', async () => {
    const dir = await site([{ ...good, description: 'Short.' }]);
    const advice = await check(dir, { profile: 'flipboard' });
    expect(advice.code).toBe(0);
    expect(advice.stdout).toContain('advice  flipboard/item-count');
    expect(advice.stdout).toContain('advice  flipboard/description-length  posts/good.md');
    expect((await check(dir, { profile: 'flipboard', strict: true })).code).toBe(1);
    const quiet = await check(dir, { profile: 'flipboard', quiet: true });
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain('advice  ');
  });

  it('reads --out and shows post files under --posts; --format json for tools', async () => {
    const dir = await site([{ ...good, slug: 'short', title: 'Too short' }], 'public_html');
    const result = await check(dir, {
      profile: 'msn,flipboard',
      out: 'public_html',
      posts: 'content',
      format: 'json',
    });
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.summary).toEqual({ errors: 1, advice: 1, feeds: 1 });
    expect(json.findings.map((f: { rule: string; source?: string }) => [f.rule, f.source])).toEqual(
      [
        ['msn/title-length', 'content/short.md'],
        ['flipboard/item-count', undefined],
      ],
    );
  });

  it('annotates each finding for GitHub Actions', async () => {
    const dir = await site([{ ...good, slug: 'short', title: 'Too short' }]);
    const result = await check(dir, { profile: 'msn' }, { GITHUB_ACTIONS: 'true' });
    expect(result.stderr).toBe(
      '::error file=posts/short.md,title=msn/title-length::"Too short": the title is 9 characters, at least 20 wanted — make it more descriptive\n',
    );
  });

  it('exits 1 and says to build first when the output folder holds no build', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-check-cli-'));
    dirs.push(dir);
    expect(await check(dir, { profile: 'google-news' })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'dist/.feedwright-manifest.json  no feedwright build here (the manifest is missing or not feedwright’s) — run `feedwright build` first (or pass the --out folder it wrote to)\n',
    });
  });
});
