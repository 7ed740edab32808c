import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG_FILE,
  loadConfig,
  parseConfigText,
  resolveConfig,
} from '../../../src/config/load-config.js';
import { FeedwrightError } from '../../../src/diagnostics.js';
import { makeConfig } from '../../helpers/site.js';

async function tempDir() {
  return mkdtemp(path.join(tmpdir(), 'feedwright-config-'));
}

/** A folder holding `text` as `name` (made under sub-folders as needed). */
async function withFile(name: string, text: string) {
  const dir = await tempDir();
  const file = path.join(dir, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return { dir, file };
}

/** The FeedwrightError a promise rejects with (fails the test if it resolves). */
async function thrown(promise: Promise<unknown>): Promise<FeedwrightError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FeedwrightError);
  return error as FeedwrightError;
}

const VALID = JSON.stringify(makeConfig(), null, 2);

describe('loadConfig', () => {
  it('reads and validates a config file', async () => {
    const { file } = await withFile('feedwright.config.json', VALID);
    const { config, result } = await loadConfig(file, 'feedwright.config.json');
    expect(config).toMatchObject({
      title: 'Test News',
      url: 'https://news.example.com/',
      timezone: 'America/Toronto',
    });
    expect(result).toEqual({ ok: true, config, diagnostics: [] });
  });

  it('refuses a missing file, saying how to create one or pass another', async () => {
    const dir = await tempDir();
    const error = await thrown(loadConfig(path.join(dir, 'nope.json'), 'nope.json'));
    expect(error.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'config-missing',
        file: 'nope.json',
        message: 'config file not found',
        fix: `create ${DEFAULT_CONFIG_FILE} (see the README) or pass --config FILE`,
      },
    ]);
    expect(error.message).toBe(
      'nope.json  config file not found — create feedwright.config.json (see the README) or pass --config FILE',
    );
  });

  it('names the file as given when no display name is passed', async () => {
    const file = path.join(await tempDir(), 'absent.json');
    expect((await thrown(loadConfig(file))).diagnostics[0]?.file).toBe(file);
  });

  it('refuses a path that is a folder as unreadable, with the reason', async () => {
    const dir = await tempDir();
    const error = await thrown(loadConfig(dir, 'site'));
    expect(error.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'config-unreadable',
        file: 'site',
        message: expect.stringMatching(/^config file cannot be read \(EISDIR/),
        fix: 'check the path and its permissions',
      },
    ]);
  });

  it('accepts a file that starts with a byte order mark', async () => {
    const { file } = await withFile('c.json', `\uFEFF${VALID}`);
    const { config } = await loadConfig(file, 'c.json');
    expect(config.title).toBe('Test News');
  });

  it('locates a JSON syntax error at its line and column', async () => {
    const { file } = await withFile('c.json', '{\n  "title": "T",\n}\n');
    const error = await thrown(loadConfig(file, 'c.json'));
    expect(error.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'config-json',
        file: 'c.json',
        line: 3,
        column: 1,
        message: expect.stringMatching(/^the config is not valid JSON \(.+\)$/),
        fix: 'check for a missing comma or quote, or a trailing comma',
      },
    ]);
  });

  it('throws every problem of a config that parses but is not valid', async () => {
    const { file } = await withFile('c.json', '{\n  "title": "T",\n  "limit": 0\n}\n');
    const error = await thrown(loadConfig(file, 'c.json'));
    expect(error.diagnostics.map((d) => [d.field, d.code])).toEqual([
      ['description', 'missing'],
      ['url', 'missing'],
      ['author', 'missing'],
      ['limit', 'bad-limit'],
    ]);
    expect(error.message).toMatch(/^4 errors:\n/);
  });
});

describe('parseConfigText', () => {
  it('locates a bad key by where its value starts', () => {
    const r = parseConfigText(
      '{\n  "title": "T",\n  "description": "D",\n  "url": "ftp://x",\n  "author": "A"\n}',
      'c.json',
    );
    expect(r.diagnostics[0]).toMatchObject({ field: 'url', line: 4, column: 10 });
  });

  it('locates a problem inside an object at the key that holds it', () => {
    const r = parseConfigText(
      '{\n  "title": "T",\n  "description": "D",\n  "url": "https://x.example/",\n  "author": {"name": "A", "email": "bad"}\n}',
      'c.json',
    );
    expect(r).toEqual({
      ok: false,
      diagnostics: [
        {
          severity: 'error',
          code: 'bad-email',
          file: 'c.json',
          line: 5,
          column: 13,
          field: 'author.email',
          message: 'author.email is not an email address',
          fix: 'use e.g. "ada@example.com"',
        },
      ],
    });
  });

  it('locates an unknown key, even one whose name needs escaping in a pattern', () => {
    const r = parseConfigText(
      JSON.stringify({ ...makeConfig(), $schema: 'x', 'tit(le': 'oops' }, null, 2),
      'c.json',
    );
    expect(r.ok).toBe(true);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'unknown-key', field: 'tit(le', line: 12, column: 13 }),
    ]);
  });

  it('locates a missing comma between two keys', () => {
    const r = parseConfigText('{\n  "title": "T"\n  "url": 1}', 'c.json');
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'config-json', line: 3, column: 3 }),
    ]);
  });

  it('reports an empty file as not JSON, without a place', () => {
    const r = parseConfigText('', 'c.json');
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'config-json',
        file: 'c.json',
        message: 'the config is not valid JSON (Unexpected end of JSON input)',
        fix: 'check for a missing comma or quote, or a trailing comma',
      },
    ]);
  });

  it('refuses JSON that is not an object', () => {
    expect(parseConfigText('[1, 2]', 'c.json').diagnostics).toEqual([
      expect.objectContaining({ code: 'config-not-object', file: 'c.json' }),
    ]);
  });
});

describe('resolveConfig', () => {
  it('validates a config given as an object and returns its warnings', async () => {
    const { config, diagnostics } = await resolveConfig(
      { config: { ...makeConfig(), ...({ titel: 'x' } as object) } },
      '/nowhere',
    );
    expect(config.title).toBe('Test News');
    expect(diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'unknown-key',
        file: 'config',
        field: 'titel',
        message: 'unknown key "titel" ignored',
        fix: 'did you mean "title"?',
      },
    ]);
  });

  it('prefers the object over any config file', async () => {
    const { dir } = await withFile(DEFAULT_CONFIG_FILE, '{ not json');
    const { config } = await resolveConfig({ config: makeConfig({ title: 'Object' }) }, dir);
    expect(config.title).toBe('Object');
  });

  it('throws the problems of an object config as a FeedwrightError', async () => {
    const error = await thrown(
      resolveConfig({ config: makeConfig({ url: 'not a url', limit: 0 }) }, '/nowhere'),
    );
    expect(error.diagnostics.map((d) => [d.file, d.field, d.code])).toEqual([
      ['config', 'url', 'not-url'],
      ['config', 'limit', 'bad-limit'],
    ]);
  });

  it('reads feedwright.config.json in cwd by default', async () => {
    const { dir } = await withFile(DEFAULT_CONFIG_FILE, VALID);
    const { config, diagnostics } = await resolveConfig({}, dir);
    expect(config.url).toBe('https://news.example.com/');
    expect(diagnostics).toEqual([]);
  });

  it('resolves a config file against cwd, and names it as given in messages', async () => {
    const { dir } = await withFile('site/conf.json', JSON.stringify({ ...makeConfig(), extra: 1 }));
    const { diagnostics } = await resolveConfig({ configFile: 'site/conf.json' }, dir);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'unknown-key', file: 'site/conf.json', field: 'extra' }),
    ]);
    const error = await thrown(resolveConfig({ configFile: 'site/other.json' }, dir));
    expect(error.diagnostics[0]).toMatchObject({ code: 'config-missing', file: 'site/other.json' });
  });
});
