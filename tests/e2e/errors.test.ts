import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashTree, makeConfig, makeSite, postText, runCli } from '../helpers/site.js';

const GOOD = postText({ title: 'Good post', date: '2026-11-01' });

/** Builds a site holding one good post and `bad`, and returns the failed run. */
async function failWith(bad: Record<string, string | Buffer>, config = makeConfig()) {
  const dir = await makeSite({ 'good.md': GOOD, ...bad }, config);
  const run = runCli(dir);
  return { dir, ...run };
}

/** The diagnostic line for `file`: `file:LINE:COL  field  message — fix`. */
function lineFor(stderr: string, file: string): string {
  const line = stderr.split('\n').find((l) => l.startsWith(file));
  if (!line) throw new Error(`no diagnostic for ${file} in:\n${stderr}`);
  return line;
}

describe('a bad post fails the build with a message a writer can act on', () => {
  const cases: { name: string; file: string; content: string | Buffer; expect: RegExp }[] = [
    {
      name: 'YAML syntax error, with a code frame',
      file: 'posts/yaml.md',
      content: '---\ntitle: [unclosed\ndate: 2026-01-01\n---\n',
      expect: /^posts\/yaml\.md:3:1 {2}YAML syntax error: .+ — check the indentation/,
    },
    {
      name: '---js front matter (never run)',
      file: 'posts/js.md',
      content: `---js\n{ title: require("fs").writeFileSync(${JSON.stringify(path.join('/tmp', `pwned-${process.pid}`))}, "x") }\n---\n`,
      expect:
        /^posts\/js\.md:1:4 {2}front matter {2}front matter in "js" is not accepted \(it would run code\) — use YAML/,
    },
    {
      name: '---javascript front matter',
      file: 'posts/javascript.md',
      content: '---javascript\n{ title: "x" }\n---\n',
      expect:
        /^posts\/javascript\.md:1:4 {2}front matter {2}front matter in "javascript" is not accepted/,
    },
    {
      name: '---coffee front matter',
      file: 'posts/coffee.md',
      content: '---coffee\ntitle: "x"\n---\n',
      expect: /^posts\/coffee\.md:1:4 {2}front matter {2}front matter in "coffee" is not accepted/,
    },
    {
      name: 'missing title',
      file: 'posts/no-title.md',
      content: '---\ndate: 2026-01-01\n---\n',
      expect: /^posts\/no-title\.md {2}title {2}title is missing — add title: "My first post"/,
    },
    {
      name: 'empty title',
      file: 'posts/empty-title.md',
      content: '---\ntitle: "  "\ndate: 2026-01-01\n---\n',
      expect: /^posts\/empty-title\.md:2:8 {2}title {2}title is empty — write it/,
    },
    {
      name: 'title that is not a string',
      file: 'posts/number-title.md',
      content: '---\ntitle: 2026\ndate: 2026-01-01\n---\n',
      expect:
        /^posts\/number-title\.md:2:8 {2}title {2}title must be text, not the number 2026 — quote it: title: "2026"/,
    },
    {
      name: 'missing date',
      file: 'posts/no-date.md',
      content: '---\ntitle: x\n---\n',
      expect: /^posts\/no-date\.md {2}date {2}date is missing — add "date: 2026-05-01 09:30"/,
    },
    {
      name: 'invalid date 2026-13-45',
      file: 'posts/month.md',
      content: '---\ntitle: x\ndate: 2026-13-45\n---\n',
      expect:
        /^posts\/month\.md:3:7 {2}date {2}"2026-13-45" has no month 13 — write date: YYYY-MM-DD/,
    },
    {
      name: 'impossible date 2026-02-30',
      file: 'posts/feb.md',
      content: '---\ntitle: x\ndate: 2026-02-30\n---\n',
      expect:
        /^posts\/feb\.md:3:7 {2}date {2}"2026-02-30" is not a real date \(no day 30 in that month\) — write date:/,
    },
    {
      name: 'updated earlier than date',
      file: 'posts/updated.md',
      content: '---\ntitle: x\ndate: 2026-05-02\nupdated: 2026-05-01\n---\n',
      expect:
        /^posts\/updated\.md:4:10 {2}updated {2}updated is earlier than date — a correction date must be on or after/,
    },
    {
      name: 'a file that is not valid UTF-8',
      file: 'posts/latin1.md',
      content: Buffer.concat([
        Buffer.from('---\ntitle: caf'),
        Buffer.from([0xe9]),
        Buffer.from('\ndate: 2026-01-01\n---\n'),
      ]),
      expect:
        /^posts\/latin1\.md:2 {2}the file is not valid UTF-8 \(byte 14\) — save the file as UTF-8/,
    },
    {
      name: 'a YAML alias bomb',
      file: 'posts/bomb.md',
      content: `---\na: &a ["x","x","x","x","x","x","x","x","x"]\n${'bcdefghi'
        .split('')
        .map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)
        .join('\n')}\ntitle: x\ndate: 2026-01-01\n---\n`,
      // Found at its biggest alias, `*h` in i's list, before it is expanded.
      expect:
        /^posts\/bomb\.md:10:8 {2}i {2}the front matter holds YAML aliases that stand for 490,329,036 values \(at most 10,000 are allowed\): it would expand too far — write the values out/,
    },
    {
      name: 'oversized front matter',
      file: 'posts/huge.md',
      content: `---\ntitle: x\ndate: 2026-01-01\nsummary: "${'x'.repeat(70 * 1024)}"\n---\n`,
      expect:
        /^posts\/huge\.md:1:1 {2}the front matter is larger than 64 KiB — move long text into the body/,
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const { status, stderr } = await failWith({ [c.file.replace(/^posts\//, '')]: c.content });
      expect(status).toBe(1);
      expect(lineFor(stderr, c.file)).toMatch(c.expect);
      expect(stderr).toMatch(
        /feedwright: build failed: 1 error(, \d+ warnings?)?; nothing was written\n$/,
      );
    });
  }

  it('never runs JS front matter', async () => {
    await failWith({ 'js.md': cases[1]?.content ?? '' });
    expect(existsSync(path.join('/tmp', `pwned-${process.pid}`))).toBe(false);
  });

  it('shows a code frame under a YAML syntax error', async () => {
    const { stderr } = await failWith({
      'yaml.md': '---\ntitle: [unclosed\ndate: 2026-01-01\n---\n',
    });
    expect(stderr).toContain('  2 | title: [unclosed\n> 3 | date: 2026-01-01\n    | ^');
  });

  it('rejects an alias bomb within a second', async () => {
    const started = performance.now();
    const { status } = await failWith({
      'bomb.md': cases.find((c) => c.file.includes('bomb'))?.content ?? '',
    });
    expect(status).toBe(1);
    expect(performance.now() - started).toBeLessThan(
      1000 + 2000 /* node start-up on a busy CI box */,
    );
  });

  it('names both files when two posts share a slug, an id or a URL', async () => {
    const { status, stderr } = await failWith({
      'a/same.md': postText({ title: 'A', date: '2026-01-01' }),
      'b/same.md': postText({ title: 'B', date: '2026-01-01' }),
      'id1.md': postText({ title: 'C', date: '2026-01-01', id: 'tag:x.com,2026:1' }),
      'id2.md': postText({ title: 'D', date: '2026-01-01', id: 'tag:x.com,2026:1' }),
      'l1.md': postText({ title: 'E', date: '2026-01-01', link: 'https://x.com/a' }),
      'l2.md': postText({ title: 'F', date: '2026-01-01', link: 'https://x.com/a' }),
    });
    expect(status).toBe(1);
    expect(stderr).toContain(
      'posts/b/same.md  slug  slug "same" is also used by posts/a/same.md — give one of the two posts a different slug',
    );
    expect(stderr).toContain(
      'posts/id2.md  id  id "tag:x.com,2026:1" is also used by posts/id1.md — give one of the two posts a different id',
    );
    expect(stderr).toContain(
      'posts/l2.md  link  url "https://x.com/a" is also used by posts/l1.md — give one of the two posts a different link',
    );
  });

  it('reports every problem in every post in one run, then a count', async () => {
    const { status, stderr } = await failWith({
      'one.md': '---\ntitle: 5\ndate: 2026-02-30\n---\n',
      'two.md': '---\ndate: nope\n---\n',
    });
    expect(status).toBe(1);
    expect(stderr).toContain('posts/one.md:2:8  title');
    expect(stderr).toContain('posts/one.md:3:7  date');
    expect(stderr).toContain('posts/two.md  title');
    expect(stderr).toContain('posts/two.md:2:7  date  "nope" is not a date');
    expect(stderr).toMatch(/build failed: 4 errors; nothing was written/);
  });

  it('warns about unknown keys with a suggestion, and fails on them only with --strict', async () => {
    const dir = await makeSite({
      'typo.md': postText({ title: 'x', date: '2026-01-01', categroies: ['a'] }),
    });
    const lenient = runCli(dir);
    expect(lenient.status).toBe(0);
    expect(lenient.stderr).toMatch(
      /^warning: posts\/typo\.md:\d+:\d+ {2}categroies {2}unknown key "categroies" ignored — did you mean "categories"\?/m,
    );
    const strict = runCli(dir, ['build', '--strict', '--out', 'strict-out']);
    expect(strict.status).toBe(1);
    expect(existsSync(path.join(dir, 'strict-out'))).toBe(false);
  });

  it('--format json prints the same diagnostics for tools', async () => {
    const dir = await makeSite({ 'bad.md': '---\ntitle: x\ndate: 2026-02-30\n---\n' });
    const run = runCli(dir, ['build', '--format', 'json']);
    expect(run.status).toBe(1);
    const { diagnostics } = JSON.parse(run.stderr);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'bad-date',
        file: 'posts/bad.md',
        line: 3,
        column: 7,
        field: 'date',
        message: '"2026-02-30" is not a real date (no day 30 in that month)',
        fix: expect.stringContaining('YYYY-MM-DD'),
      }),
    ]);
  });

  it('prints GitHub annotations when running in GitHub Actions', async () => {
    const dir = await makeSite({ 'bad.md': '---\ntitle: x\ndate: 2026-02-30\n---\n' });
    const run = runCli(dir, ['build'], { GITHUB_ACTIONS: 'true' });
    expect(run.stderr).toContain(
      '::error file=posts/bad.md,line=3,col=7,title=date::"2026-02-30" is not a real date',
    );
  });

  it('a failed build leaves the previous output byte-for-byte unchanged, with no temporary folder', async () => {
    const dir = await makeSite({ 'good.md': GOOD });
    expect(runCli(dir).status).toBe(0);
    const before = await hashTree(path.join(dir, 'dist'));
    await writeFile(path.join(dir, 'posts', 'bad.md'), '---\ntitle: [\n---\n');
    expect(runCli(dir).status).toBe(1);
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(before);
    expect((await readdir(dir)).filter((f) => f.startsWith('.dist'))).toEqual([]);
  });
});

describe('config errors', () => {
  const configCases: { name: string; config: unknown; expect: RegExp }[] = [
    {
      name: 'no url',
      config: { ...makeConfig(), url: undefined },
      expect:
        /^feedwright\.config\.json {2}url {2}url is missing — add "url": "https:\/\/example\.com\/"/m,
    },
    {
      name: 'relative url',
      config: makeConfig({ url: '/blog/' }),
      expect:
        /^feedwright\.config\.json:\d+:\d+ {2}url {2}url "\/blog\/" is not an absolute http\(s\) URL — use e\.g\./m,
    },
    {
      name: 'unknown time zone',
      config: makeConfig({ timezone: 'Mars/Olympus' }),
      expect:
        /^feedwright\.config\.json:\d+:\d+ {2}timezone {2}timezone "Mars\/Olympus" is not a known IANA time zone — use e\.g\. "America\/Toronto"/m,
    },
    {
      name: 'bad language tag',
      config: makeConfig({ language: 'english!' }),
      expect:
        /^feedwright\.config\.json:\d+:\d+ {2}language {2}language "english!" is not a BCP 47 language tag — use e\.g\. "en"/m,
    },
    {
      name: 'invalid JSON',
      config: '{ "title": "x", }',
      expect:
        /^feedwright\.config\.json:1:\d+ {2}the config is not valid JSON .+ — check for a missing comma/m,
    },
  ];
  for (const c of configCases) {
    it(c.name, async () => {
      const dir = await makeSite(
        { 'good.md': GOOD },
        typeof c.config === 'string' ? c.config : (c.config as never),
      );
      const run = runCli(dir);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(c.expect);
    });
  }

  it('a missing config file says how to make one', async () => {
    const dir = await makeSite({ 'good.md': GOOD });
    const run = runCli(dir, ['build', '--config', 'nope.json']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'nope.json  config file not found — create feedwright.config.json',
    );
  });
});

describe('usage', () => {
  it('--help and --version exit 0', async () => {
    const dir = await makeSite({});
    expect(runCli(dir, ['--help'])).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(
        /^Usage: feedwright <command> \[options\]\n[\s\S]*\n {2}build /,
      ),
    });
    expect(runCli(dir, ['build', '--help'])).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^Usage: feedwright build \[options\]\n/),
    });
    expect(runCli(dir, ['--version'])).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/),
    });
  });

  it('usage errors exit 2', async () => {
    const dir = await makeSite({});
    expect(runCli(dir, ['build', '--bogus']).status).toBe(2);
    expect(runCli(dir, ['publish']).status).toBe(2);
    expect(runCli(dir, []).status).toBe(2);
    expect(runCli(dir, ['build', '--format', 'xml']).status).toBe(2);
  });

  it('a missing posts folder is a clear error', async () => {
    const dir = await makeSite({});
    const run = runCli(dir, ['build', '--posts', 'nowhere']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'nowhere  posts folder not found — create it, or pass --posts DIR',
    );
  });
});
