import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCommand } from '../../../src/cli/build-command.js';
import { EXIT } from '../../../src/cli/io.js';
import type { Flags } from '../../../src/cli/usage.js';
import { fakeIo } from '../../helpers/cli-io.js';
import { hashTree, makeConfig, postText, siteMaker } from '../../helpers/site.js';

const makeSite = siteMaker();

async function run(dir: string, flags: Flags = {}, env: Record<string, string> = {}) {
  const { io, out } = fakeIo(dir, env);
  const code = await buildCommand(flags, io);
  return { code, ...out };
}

const good = (title: string, extra: Record<string, unknown> = {}) =>
  postText({ title, date: '2026-03-01', ...extra });
/** A post whose front matter has a key feedwright does not know: a warning at line 4, column 9. */
const WARNED = '---\ntitle: Warned\ndate: 2026-03-02\ncolour: red\n---\nBody.\n';
const WARNING_LINE =
  'warning: posts/warned.md:4:9  colour  unknown key "colour" ignored — known keys: title, date, updated, summary, description, categories, category, tags, author, authors, slug, id, link, image, aliases, draft, corrections, feed, expires, language, translationKey';
const BAD = '---\ntitle: Bad\n---\n';
const BAD_MESSAGE =
  'date is missing — add "date: 2026-05-01 09:30" (time optional; no offset means the site\'s time zone)';
const BAD_LINE = `posts/bad.md  date  ${BAD_MESSAGE}`;
const SUMMARY =
  /^feedwright: (\d+) posts read, (\d+) published, (\d+) feeds \((\d+) files: (\d+) written, (\d+) unchanged\) in \d+\.\d\ds\n$/;

describe('buildCommand', () => {
  it('builds the site and prints a one-line summary on stdout, nothing on stderr', async () => {
    const dir = await makeSite({
      'a.md': good('A', { categories: ['News'] }),
      'b.md': good('B'),
    });
    const result = await run(dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    // 2 feeds × 3 formats, their archives × 3 formats, the landing page, the category page,
    // 2 post pages, and feeds.opml, sitemap.xml, sitemap-news.xml and robots.txt.
    expect(SUMMARY.exec(result.stdout)?.slice(1)).toEqual(['2', '2', '2', '20', '20', '0']);
    expect(JSON.parse(await readFile(path.join(dir, 'dist/feed.json'), 'utf8')).items).toHaveLength(
      2,
    );
  });

  it('counts unchanged files on a second build', async () => {
    const dir = await makeSite({ 'a.md': good('A') });
    await run(dir);
    const again = await run(dir);
    expect(again.code).toBe(0);
    // The feed and its archive (3 files each), the landing page, the post's page, and feeds.opml,
    // sitemap.xml, sitemap-news.xml and robots.txt.
    expect(SUMMARY.exec(again.stdout)?.slice(1)).toEqual(['1', '1', '1', '12', '0', '12']);
  });

  it('prints warnings on stderr and still succeeds', async () => {
    const dir = await makeSite({ 'warned.md': WARNED });
    const result = await run(dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`${WARNING_LINE}\n`);
    expect(result.stdout).toMatch(SUMMARY);
  });

  it('with quiet prints neither warnings nor the summary', async () => {
    const dir = await makeSite({ 'warned.md': WARNED });
    const result = await run(dir, { quiet: true });
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(existsSync(path.join(dir, 'dist/rss.xml'))).toBe(true);
  });

  it('with quiet still prints errors and the failure line', async () => {
    const dir = await makeSite({ 'bad.md': BAD, 'warned.md': WARNED });
    const result = await run(dir, { quiet: true });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `${BAD_LINE}\nfeedwright: build failed: 1 error, 1 warning; nothing was written\n`,
    );
  });

  it('with --format json prints {diagnostics} as one JSON document on stderr', async () => {
    const dir = await makeSite({ 'warned.md': WARNED });
    const result = await run(dir, { format: 'json' });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stderr)).toEqual({
      diagnostics: [
        {
          severity: 'warning',
          code: 'unknown-key',
          file: 'posts/warned.md',
          line: 4,
          column: 9,
          field: 'colour',
          message: 'unknown key "colour" ignored',
          fix: expect.stringMatching(/^known keys: title, date/),
        },
      ],
    });
    expect(result.stdout).toMatch(SUMMARY);
  });

  it('with --format json reports a failed build as JSON alone, without the text failure line', async () => {
    const dir = await makeSite({ 'bad.md': BAD });
    const result = await run(dir, { format: 'json' });
    expect(result.code).toBe(1);
    const { diagnostics } = JSON.parse(result.stderr) as {
      diagnostics: { code: string; file: string; severity: string }[];
    };
    expect(diagnostics.map((d) => [d.severity, d.code, d.file])).toEqual([
      ['error', 'missing', 'posts/bad.md'],
    ]);
    expect(result.stderr).not.toContain('build failed');
  });

  it('adds a GitHub annotation after each problem when GITHUB_ACTIONS is "true"', async () => {
    const dir = await makeSite({ 'warned.md': WARNED });
    const result = await run(dir, {}, { GITHUB_ACTIONS: 'true' });
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe(WARNING_LINE);
    expect(lines[1]).toMatch(
      /^::warning file=posts\/warned\.md,line=4,col=9,title=colour::unknown key "colour" ignored — known keys: title, /,
    );
    expect(lines).toHaveLength(3);

    const other = await makeSite({ 'warned.md': WARNED });
    expect((await run(other, {}, { GITHUB_ACTIONS: 'false' })).stderr).toBe(`${WARNING_LINE}\n`);
  });

  it('annotates errors as ::error', async () => {
    const dir = await makeSite({ 'bad.md': BAD });
    const result = await run(dir, {}, { GITHUB_ACTIONS: 'true' });
    expect(result.stderr.split('\n')).toEqual([
      BAD_LINE,
      `::error file=posts/bad.md,title=date::${BAD_MESSAGE}`,
      'feedwright: build failed: 1 error; nothing was written',
      '',
    ]);
  });

  it('refuses a --format other than text or json with exit 2, building nothing', async () => {
    const dir = await makeSite({ 'a.md': good('A') });
    const result = await run(dir, { format: 'yaml' });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'feedwright: --format must be "text" or "json", not "yaml"\n',
    });
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('refuses --threads that is not a whole number of at least 1 with exit 2', async () => {
    const dir = await makeSite({ 'a.md': good('A') });
    for (const threads of ['0', '-1', '1.5', 'many', '']) {
      const result = await run(dir, { threads });
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr: `feedwright: --threads must be a whole number of at least 1, not "${threads}"\n`,
      });
    }
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
    expect((await run(dir, { threads: '2' })).code).toBe(0);
  });

  it('fails with exit 1 on a bad post, counting errors and warnings, and writes nothing', async () => {
    const dir = await makeSite({
      'a.md': good('A'),
      'bad.md': BAD,
      'worse.md': '---\ndate: 2026-01-01\n---\n',
      'warned.md': WARNED,
    });
    const result = await run(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toContain(BAD_LINE);
    expect(lines).toContain(WARNING_LINE);
    expect(lines.at(-1)).toBe('feedwright: build failed: 2 errors, 1 warning; nothing was written');
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('leaves the previous output untouched when a later build fails', async () => {
    const dir = await makeSite({ 'a.md': good('A') });
    expect((await run(dir)).code).toBe(0);
    const before = await hashTree(path.join(dir, 'dist'));
    await writeFile(path.join(dir, 'posts/bad.md'), BAD);
    expect((await run(dir)).code).toBe(1);
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(before);
  });

  it('with --strict fails on a warning', async () => {
    const dir = await makeSite({ 'warned.md': WARNED });
    const result = await run(dir, { strict: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `${WARNING_LINE}\nfeedwright: build failed: 0 errors, 1 warning; nothing was written\n`,
    );
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('with --verbose prints how much came from the cache and the time of each stage', async () => {
    const dir = await makeSite({ 'a.md': good('A'), 'b.md': good('B') });
    const first = await run(dir, { verbose: true });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(
      /^feedwright: front matter read for 2 of 2 posts, 2 bodies rendered \(the rest from the cache\); discover \d+ms, cache-load \d+ms, read \d+ms, plan \d+ms, render-bodies \d+ms, render \d+ms, write \d+ms, cache-save \d+ms\n$/,
    );
    const second = await run(dir, { verbose: true });
    expect(second.stderr).toMatch(
      /^feedwright: front matter read for 0 of 2 posts, 0 bodies rendered \(the rest from the cache\); discover \d+ms, cache-load \d+ms, read \d+ms\n$/,
    );
  });

  it('with --verbose says when the next scheduled post is due, on every build until then', async () => {
    const dir = await makeSite({
      'a.md': good('A'),
      'future.md': postText({ title: 'Future', date: '2999-01-01' }),
    });
    const due = 'feedwright: next scheduled post due at 2999-01-01T05:00:00.000Z\n';
    const first = await run(dir, { verbose: true });
    expect(first.code).toBe(0);
    expect(first.stderr.endsWith(due)).toBe(true);
    expect(first.stderr.split('\n')).toHaveLength(3);
    // Up to date: the time comes from the record.
    const second = await run(dir, { verbose: true });
    expect(second.stderr).toMatch(/front matter read for 0 of 2 posts/);
    expect(second.stderr.endsWith(due)).toBe(true);
    // Not without --verbose.
    expect((await run(dir)).stderr).toBe('');
  });

  it('with --verbose says why the cache was not used', async () => {
    const dir = await makeSite({ 'a.md': good('A') });
    await run(dir);
    await writeFile(
      path.join(dir, 'feedwright.config.json'),
      JSON.stringify(makeConfig({ title: 'Renamed' })),
    );
    const result = await run(dir, { verbose: true });
    expect(result.stderr.split('\n')[0]).toBe(
      'feedwright: the config or feedwright changed: starting with an empty cache',
    );
    expect(result.stderr).toContain('front matter read for 1 of 1 posts, 1 bodies rendered');
  });

  it('passes --posts, --out and --config through, resolved against the working folder', async () => {
    const dir = await makeSite({});
    await writeFile(path.join(dir, 'site.json'), JSON.stringify(makeConfig({ title: 'Other' })));
    await mkdir(path.join(dir, 'content'));
    await writeFile(path.join(dir, 'content/a.md'), good('A'));
    const result = await run(dir, { posts: 'content/', out: 'site', config: 'site.json' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^feedwright: 1 posts read, 1 published, 1 feeds /);
    const feed = JSON.parse(await readFile(path.join(dir, 'site/feed.json'), 'utf8'));
    expect(feed.title).toBe('Other');
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('includes drafts and future posts only when asked', async () => {
    const dir = await makeSite({
      'a.md': good('A'),
      'draft.md': good('Draft', { draft: true }),
      'future.md': postText({ title: 'Future', date: '2999-01-01' }),
    });
    const titles = async () =>
      (
        JSON.parse(await readFile(path.join(dir, 'dist/feed.json'), 'utf8')).items as {
          title: string;
        }[]
      ).map((i) => i.title);
    expect((await run(dir)).stdout).toMatch(/^feedwright: 3 posts read, 1 published, /);
    expect(await titles()).toEqual(['A']);
    expect((await run(dir, { drafts: true, future: true })).code).toBe(0);
    expect(await titles()).toEqual(['Future', 'A', 'Draft']);
  });

  it('with --no-cache keeps no cache folder', async () => {
    const dir = await makeSite({ 'a.md': good('A') });
    expect((await run(dir, { 'no-cache': true })).code).toBe(0);
    expect(existsSync(path.join(dir, 'node_modules'))).toBe(false);
    expect((await run(dir)).code).toBe(0);
    // The index, and beside it the items' keys, the feeds' items, the heads and the stories of the
    // published posts (one post: one file of each, and the stories' summaries); and feedwright's
    // code fingerprint, for any site.
    const cached = (await readdir(path.join(dir, 'node_modules/.cache/feedwright'))).sort();
    expect(cached).toEqual([
      expect.stringMatching(/^build-[0-9a-f]{16}\.bin$/),
      expect.stringMatching(/^build-[0-9a-f]{16}\.heads-\d+\.bin$/),
      expect.stringMatching(/^build-[0-9a-f]{16}\.item-keys\.bin$/),
      expect.stringMatching(/^build-[0-9a-f]{16}\.items\.bin$/),
      expect.stringMatching(/^build-[0-9a-f]{16}\.stories-\d+\.bin$/),
      expect.stringMatching(/^build-[0-9a-f]{16}\.stories-\d+\.summaries-[\w-]+\.txt$/),
      'code-fingerprint.json',
    ]);
    const base = (cached[0] ?? '').replace(/\.bin$/, '');
    expect(cached.slice(0, 6).every((name) => name.startsWith(base))).toBe(true);
  });

  it('refuses an output folder with foreign files unless --force', async () => {
    const dir = await makeSite({ 'a.md': good('A') });
    await mkdir(path.join(dir, 'dist'));
    await writeFile(path.join(dir, 'dist/mine.txt'), 'keep me');
    const refused = await run(dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'the output folder holds files feedwright did not write (mine.txt)',
    );
    expect(refused.stderr).toMatch(/build failed: 1 error; nothing was written\n$/);
    expect((await run(dir, { force: true })).code).toBe(0);
    expect(existsSync(path.join(dir, 'dist/mine.txt'))).toBe(false);
  });

  it('reports a file-system fault as a clear error, exit 1, the path named', async () => {
    const dir = await makeSite({ 'a.md': good('A') });
    await writeFile(path.join(dir, 'blocker'), 'a file where a folder should be');
    const { io, out } = fakeIo(dir);
    expect(await buildCommand({ out: 'blocker/dist' }, io)).toBe(EXIT.content);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(
      'blocker  a file stands where this folder should be while creating this folder (EEXIST) — move the file out of the way, or choose another path\nfeedwright: build failed: 1 error; nothing was written\n',
    );
  });

  it('lets an unexpected error (a bug, not a content problem) reject', async () => {
    const dir = await makeSite({ 'a.md': good('A') });
    const { io } = fakeIo(dir);
    const bug = new TypeError('a bug');
    const stdout = () => {
      throw bug;
    };
    await expect(buildCommand({}, { ...io, stdout })).rejects.toBe(bug);
  });
});
