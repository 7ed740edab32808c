import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSite } from '../../../src/cli/check-site.js';
import type { Flags } from '../../../src/cli/usage.js';
import { fakeIo } from '../../helpers/cli-io.js';
import { hashTree, postText, siteMaker } from '../../helpers/site.js';

const makeSite = siteMaker();

const GOOD = postText({ title: 'Good', date: '2026-02-01', categories: ['Economy'] });
const WARNED = postText({ title: 'Warned', date: '2026-02-02', catgories: ['Economy'] });
const BAD = postText({ title: 'No date' });

async function check(dir: string, flags: Flags = {}, env: Record<string, string> = {}) {
  const { io, out } = fakeIo(dir, env);
  const code = await checkSite({ 'no-cache': true, ...flags }, io);
  return { code, ...out };
}

describe('checkSite', () => {
  it('builds a good site in memory: exit 0, one line, and not a file written', async () => {
    const dir = await makeSite({
      'a.md': GOOD,
      'b.md': postText({ title: 'B', date: '2026-02-03' }),
    });
    const before = await hashTree(dir);
    expect(await check(dir)).toEqual({
      code: 0,
      // The site feed and the Economy feed; three files each, the archives, pages and the rest.
      stdout: expect.stringMatching(
        /^feedwright: check passed: 2 posts read, 2 published, 2 feeds, \d+ files built in memory; no problems\n$/,
      ),
      stderr: '',
    });
    expect(await hashTree(dir)).toEqual(before);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('lists every error with its file, line and fix, and exits 1', async () => {
    const dir = await makeSite({ 'a.md': GOOD, 'bad.md': BAD, 'worse.md': '---\ntitle: [\n---\n' });
    const result = await check(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^posts\/bad\.md\S* {2}date {2}date is missing — /m);
    expect(result.stderr).toMatch(/^posts\/worse\.md:\d+/m);
    expect(result.stderr).toMatch(/\nfeedwright: check failed: 2 errors\n$/);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('passes with warnings, printing them; --strict fails on them', async () => {
    const dir = await makeSite({ 'a.md': GOOD, 'w.md': WARNED });
    const passed = await check(dir);
    expect(passed.code).toBe(0);
    expect(passed.stderr).toMatch(/^warning: posts\/w\.md\S* +catgories +unknown key/m);
    expect(passed.stdout).toMatch(/; 1 warning\n$/);
    const strict = await check(dir, { strict: true });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/\nfeedwright: check failed: 0 errors, 1 warning\n$/);
  });

  it('checks the config too', async () => {
    const dir = await makeSite({ 'a.md': GOOD }, '{"title": "T", "url": "ftp://x"}');
    const result = await check(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^feedwright\.config\.json\S* +description +description is missing/m,
    );
    expect(result.stderr).toMatch(/^feedwright\.config\.json\S* +url +/m);
  });

  it('writes nothing even where a build would refuse to (a folder of foreign files in dist/)', async () => {
    const dir = await makeSite({ 'a.md': GOOD });
    await mkdir(path.join(dir, 'dist'));
    await writeFile(path.join(dir, 'dist', 'mine.txt'), 'not feedwright’s');
    const before = await hashTree(dir);
    expect((await check(dir)).code).toBe(0);
    expect(await hashTree(dir)).toEqual(before);
  });

  it('honours --posts, --config, --drafts and --future', async () => {
    const dir = await makeSite({});
    await mkdir(path.join(dir, 'content'));
    await writeFile(path.join(dir, 'content', 'a.md'), GOOD);
    await writeFile(
      path.join(dir, 'content', 'draft.md'),
      postText({ title: 'Draft', date: '2026-02-01', draft: true }),
    );
    await writeFile(
      path.join(dir, 'content', 'later.md'),
      postText({ title: 'Later', date: '2999-01-01' }),
    );
    const plain = await check(dir, { posts: 'content' });
    expect(plain.stdout).toMatch(/3 posts read, 1 published/);
    const all = await check(dir, { posts: 'content', drafts: true, future: true });
    expect(all.stdout).toMatch(/3 posts read, 3 published/);
    const missing = await check(dir, { posts: 'content', config: 'other.json' });
    expect(missing.stderr).toMatch(/^other\.json +config file not found/m);
  });

  it('prints the problems as JSON with --format json, and only errors with --quiet', async () => {
    const dir = await makeSite({ 'w.md': WARNED, 'bad.md': BAD });
    const json = await check(dir, { format: 'json' });
    expect(json.code).toBe(1);
    const codes = JSON.parse(json.stderr).diagnostics.map((d: { severity: string }) => d.severity);
    expect(codes.sort()).toEqual(['error', 'warning']);
    const quiet = await check(dir, { quiet: true });
    expect(quiet.stderr).not.toContain('warning:');
    expect(quiet.stderr).toContain('date is missing');
  });

  it('annotates each problem for GitHub Actions', async () => {
    const dir = await makeSite({ 'bad.md': BAD });
    const result = await check(dir, {}, { GITHUB_ACTIONS: 'true' });
    expect(result.stderr).toMatch(/^::error file=posts\/bad\.md,.*::date is missing/m);
  });

  it('refuses a bad --format or --threads with exit 2', async () => {
    const dir = await makeSite({ 'a.md': GOOD });
    expect(await check(dir, { format: 'xml' })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'feedwright: --format must be "text" or "json", not "xml"\n',
    });
    expect((await check(dir, { threads: '0' })).stderr).toBe(
      'feedwright: --threads must be a whole number of at least 1, not "0"\n',
    );
  });
});
