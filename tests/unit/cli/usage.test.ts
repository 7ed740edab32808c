import { describe, expect, it } from 'vitest';
import { type Flags, HELP, parseCommandLine } from '../../../src/cli/usage.js';

/**
 * Every option `parseCommandLine` accepts, with a value to pass when it takes one. Typed against
 * `Flags`, so adding or removing an option without updating this list fails the type check.
 */
const OPTIONS: Record<keyof Flags, string | null> = {
  posts: 'content',
  out: 'site',
  config: 'site.json',
  future: null,
  drafts: null,
  strict: null,
  force: null,
  'allow-empty': null,
  'cache-dir': '.cache/feedwright',
  format: 'json',
  previous: 'old.json',
  profile: 'msn,flipboard',
  quiet: null,
  verbose: null,
  threads: '3',
  'no-cache': null,
  help: null,
  version: null,
};

describe('parseCommandLine', () => {
  it('reads the command as a positional and options as typed values', () => {
    const { values, positionals } = parseCommandLine([
      'build',
      '--posts',
      'content',
      '--out=site',
      '--future',
      '--threads',
      '4',
      '--no-cache',
    ]);
    expect(positionals).toEqual(['build']);
    expect(values).toEqual({
      posts: 'content',
      out: 'site',
      future: true,
      threads: '4',
      'no-cache': true,
    });
  });

  it('leaves out options that were not given', () => {
    expect(parseCommandLine(['ping'])).toEqual({ values: {}, positionals: ['ping'] });
    expect(parseCommandLine([])).toEqual({ values: {}, positionals: [] });
  });

  it('accepts -q, -v and -h for --quiet, --version and --help', () => {
    expect(parseCommandLine(['-q']).values).toEqual({ quiet: true });
    expect(parseCommandLine(['-v']).values).toEqual({ version: true });
    expect(parseCommandLine(['-h']).values).toEqual({ help: true });
    expect(parseCommandLine(['build', '-qh']).values).toEqual({ quiet: true, help: true });
  });

  it('keeps every positional, in order, wherever the options are', () => {
    expect(parseCommandLine(['--quiet', 'build', 'extra', '--strict']).positionals).toEqual([
      'build',
      'extra',
    ]);
    expect(parseCommandLine(['build', '--', '--out']).positionals).toEqual(['build', '--out']);
  });

  it('takes every option it knows, each with its value type', () => {
    for (const [name, value] of Object.entries(OPTIONS)) {
      const args = value === null ? [`--${name}`] : [`--${name}`, value];
      expect(parseCommandLine(args).values).toEqual({ [name]: value ?? true });
    }
  });

  it('throws a TypeError naming an unknown option', () => {
    expect(() => parseCommandLine(['build', '--nope'])).toThrow(TypeError);
    expect(() => parseCommandLine(['build', '--nope'])).toThrow("Unknown option '--nope'");
    expect(() => parseCommandLine(['-x'])).toThrow("Unknown option '-x'");
  });

  it('throws when an option that needs a value has none, or a switch is given one', () => {
    expect(() => parseCommandLine(['build', '--out'])).toThrow(
      "Option '--out <value>' argument missing",
    );
    expect(() => parseCommandLine(['build', '--quiet=yes'])).toThrow(
      "Option '-q, --quiet' does not take an argument",
    );
  });
});

describe('HELP', () => {
  it('lists every option parseCommandLine accepts, with its value placeholder', () => {
    const lines = HELP.split('\n');
    for (const [name, value] of Object.entries(OPTIONS)) {
      const line = lines.find((l) => new RegExp(`--${name}\\b(?!-)`).test(l) && /^ {2}-/.test(l));
      expect(line, `--${name} in HELP`).toBeDefined();
      if (value !== null) expect(line).toMatch(new RegExp(`--${name} [A-Z]|--${name} text\\|json`));
    }
  });

  it('lists the short forms next to their long options', () => {
    expect(HELP).toContain('  -q, --quiet ');
    expect(HELP).toContain('  -h, --help ');
    expect(HELP).toContain('  -v, --version ');
  });

  it('lists no option that parseCommandLine would refuse', () => {
    const listed = [...HELP.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThan(0);
    for (const name of new Set(listed)) expect(Object.keys(OPTIONS)).toContain(name);
  });

  it('names every command in the usage lines', () => {
    expect(HELP.split('\n').slice(0, 4)).toEqual([
      'Usage: feedwright build [options]',
      '       feedwright ping [--out DIR] [--config FILE] [--previous FILE]',
      '       feedwright diff --previous FILE [--out DIR] [--posts DIR] [--config FILE]',
      '                       [--format text|json]',
    ]);
  });

  it('names the check command with its options, and gives its exit codes', () => {
    expect(HELP).toContain('feedwright check --profile NAME[,NAME…] [--out DIR] [--posts DIR]');
    expect(HELP).toMatch(/^check {2}Checks the feeds in the output folder/m);
    expect(HELP).toContain('--profile NAMES    (check) google-news, msn, flipboard');
    expect(HELP).toMatch(
      /check: 0 no errors \(advice alone passes, unless --strict\), 1 errors found or no\s+build in the output folder, 2 wrong usage\.`?$/,
    );
  });

  it("gives diff's exit codes", () => {
    expect(HELP).toContain(
      'diff: 0 continuity holds, 1 it is broken or a file cannot be read, 2 wrong usage;',
    );
  });
});
