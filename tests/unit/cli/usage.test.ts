import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, COMMANDS, OPTIONS } from '../../../src/cli/commands.js';
import { commandHelp, type Flags, generalHelp, parseCommandLine } from '../../../src/cli/usage.js';

/**
 * Every option `parseCommandLine` accepts, with a value to pass when it takes one. Typed against
 * `Flags`, so adding or removing an option without updating this list fails the type check.
 */
const VALUES: Record<keyof Flags, string | null> = {
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
  'no-git': null,
  title: 'My News',
  url: 'https://example.com/',
  timezone: 'Europe/Paris',
  slug: 'my-story',
  port: '4001',
  from: 'old-rss.xml',
  'dry-run': null,
  help: null,
  version: null,
};

const run = (argv: string[]) => {
  const line = parseCommandLine(argv);
  if (line.kind !== 'run') throw new Error(`not a run: ${JSON.stringify(line)}`);
  return line;
};

describe('parseCommandLine', () => {
  it('reads the command, its options as typed values, and its words', () => {
    expect(
      parseCommandLine(['build', '--posts', 'content', '--out=site', '--future', '--threads', '4']),
    ).toEqual({
      kind: 'run',
      command: 'build',
      flags: { posts: 'content', out: 'site', future: true, threads: '4' },
      args: [],
    });
    expect(parseCommandLine(['init', 'my-site', '--title', 'My News'])).toEqual({
      kind: 'run',
      command: 'init',
      flags: { title: 'My News' },
      args: ['my-site'],
    });
    expect(run(['new', 'Hello', 'world', '--slug', 'hi']).args).toEqual(['Hello', 'world']);
    expect(run(['--quiet', 'build']).flags).toEqual({ quiet: true });
    expect(run(['build', '-q']).flags).toEqual({ quiet: true });
    // Everything after -- is a word, even what looks like an option.
    expect(run(['new', '--', '--out is a title']).args).toEqual(['--out is a title']);
  });

  it('accepts every option of each command, and only those', () => {
    for (const command of COMMAND_NAMES) {
      for (const name of COMMANDS[command].options) {
        const value = VALUES[name];
        const argv = [command, ...(command === 'new' ? ['Title'] : [])];
        const line = parseCommandLine([...argv, `--${name}`, ...(value === null ? [] : [value])]);
        const multiple = 'multiple' in OPTIONS[name];
        expect(line, `${command} --${name}`).toMatchObject({
          kind: 'run',
          flags: { [name]: value === null ? true : multiple ? [value] : value },
        });
      }
    }
  });

  it('gives the help, of the command named, for --help or -h anywhere, and for "help COMMAND"', () => {
    expect(parseCommandLine(['--help'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['-h'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['help'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['build', '--help'])).toEqual({ kind: 'help', command: 'build' });
    expect(parseCommandLine(['--help', 'serve'])).toEqual({ kind: 'help', command: 'serve' });
    expect(parseCommandLine(['help', 'check'])).toEqual({ kind: 'help', command: 'check' });
    // Help wins over anything wrong on the same line.
    expect(parseCommandLine(['build', '--fast', '-h'])).toEqual({ kind: 'help', command: 'build' });
    expect(parseCommandLine(['nonsense', '-h'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['-v', '-h'])).toEqual({ kind: 'help' });
  });

  it('gives the version for --version or -v', () => {
    expect(parseCommandLine(['--version'])).toEqual({ kind: 'version' });
    expect(parseCommandLine(['build', '-v'])).toEqual({ kind: 'version' });
  });

  it('suggests the command a typo meant', () => {
    expect(parseCommandLine(['biuld'])).toEqual({
      kind: 'wrong',
      message: 'unknown command "biuld"; did you mean "build"?',
    });
    expect(parseCommandLine(['serv'])).toMatchObject({
      message: expect.stringContaining('"serve"'),
    });
    expect(parseCommandLine(['help', 'chek'])).toMatchObject({
      message: 'unknown command "chek"; did you mean "check"?',
    });
    expect(parseCommandLine(['deploy'])).toEqual({
      kind: 'wrong',
      message: 'unknown command "deploy"',
    });
    expect(parseCommandLine([])).toEqual({ kind: 'wrong', message: 'no command given' });
    expect(parseCommandLine(['--quiet'])).toEqual({ kind: 'wrong', message: 'no command given' });
  });

  it("suggests the option a typo meant, among the command's own", () => {
    expect(parseCommandLine(['build', '--futre'])).toEqual({
      kind: 'wrong',
      message: 'build has no option --futre; did you mean --future?',
      help: 'build',
    });
    expect(parseCommandLine(['build', '--draft'])).toMatchObject({
      message: 'build has no option --draft; did you mean --drafts?',
    });
    expect(parseCommandLine(['serve', '--prot', '4001'])).toMatchObject({
      message: 'serve has no option --prot; did you mean --port?',
    });
    expect(parseCommandLine(['build', '--fast'])).toMatchObject({
      message: 'build has no option --fast',
    });
    expect(parseCommandLine(['build', '-x'])).toMatchObject({ message: 'build has no option -x' });
  });

  it('names the command an option belongs to when another was given it', () => {
    expect(parseCommandLine(['build', '--profile', 'msn'])).toMatchObject({
      message: 'build has no option --profile (check has it)',
      help: 'build',
    });
    expect(parseCommandLine(['diff', '--title', 'x', '--previous', 'a.json'])).toMatchObject({
      message: 'diff has no option --title (init has it)',
    });
    expect(parseCommandLine(['init', '--drafts'])).toMatchObject({
      message: 'init has no option --drafts (serve, check, build have it)',
    });
  });

  it('says which value an option is missing, and that a switch takes none', () => {
    expect(parseCommandLine(['build', '--out'])).toMatchObject({
      message: '--out needs a value: --out DIR',
      help: 'build',
    });
    expect(parseCommandLine(['build', '--out', '--future'])).toMatchObject({
      message:
        '--out needs a value, not the option "--future" (for a value that starts with "-", write --out=--future)',
    });
    expect(run(['build', '--out=-odd']).flags).toEqual({ out: '-odd' });
    expect(parseCommandLine(['build', '--quiet=yes'])).toMatchObject({
      message: '--quiet takes no value (given "yes")',
    });
  });

  it('refuses words a command does not take, and a title-less new', () => {
    expect(parseCommandLine(['build', 'now', 'please'])).toMatchObject({
      message: 'build takes no arguments, but was given "now" "please"',
      help: 'build',
    });
    expect(parseCommandLine(['init', 'a', 'b'])).toMatchObject({
      message: 'init takes one folder, but was given "a" "b"',
    });
    expect(parseCommandLine(['new'])).toMatchObject({
      message: 'new needs the title of the post: feedwright new "The title"',
    });
  });
});

describe('generalHelp', () => {
  const help = generalHelp();

  it('lists every command with its summary, and how to see its options', () => {
    expect(help.split('\n')[0]).toBe('Usage: feedwright <command> [options]');
    for (const command of COMMAND_NAMES) {
      expect(help).toMatch(
        new RegExp(`^ {2}${command} +${escapeRegExp(COMMANDS[command].summary)}$`, 'm'),
      );
    }
    expect(help).toContain('Run "feedwright <command> --help" for a command\'s options.');
    expect(help).toContain('  -h, --help ');
    expect(help).toContain('  -v, --version ');
  });
});

describe('commandHelp', () => {
  it("starts with the command's usage, and lists its options (with their values) and no other", () => {
    for (const command of COMMAND_NAMES) {
      const help = commandHelp(command);
      expect(help.startsWith(`Usage: feedwright ${command}`), command).toBe(true);
      const listed = [...help.matchAll(/^ {2}(?:-\w, )?--([a-z-]+)/gm)].map((m) => m[1]);
      expect(listed.sort()).toEqual([...COMMANDS[command].options, 'help'].sort());
      for (const name of COMMANDS[command].options) {
        const value = VALUES[name];
        if (value === null || !(name in OPTIONS)) continue;
        expect(help, `${command} --${name}`).toMatch(new RegExp(`--${name} (?:[A-Z]|text\\|json)`));
      }
      expect(help).toMatch(/\nExit codes: 0 [^\n]*(\n[^\n]+)*\.$/);
    }
  });

  it('keeps every line within 80 columns', () => {
    for (const command of COMMAND_NAMES) {
      for (const line of commandHelp(command).split('\n')) {
        expect(line.length, `${command}: ${line}`).toBeLessThanOrEqual(80);
      }
    }
    for (const line of generalHelp().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it("gives check's two forms and what each does", () => {
    const help = commandHelp('check');
    expect(help.split('\n').slice(0, 2)).toEqual([
      'Usage: feedwright check [options]',
      '       feedwright check --profile NAME[,NAME…] [options]',
    ]);
    expect(help).toContain('builds the site in\nmemory, writing nothing');
    expect(help).toContain(
      '  --profile NAMES    google-news, msn, flipboard, or several: msn,flipboard',
    );
  });

  it('wraps a long option text under its column', () => {
    expect(commandHelp('build')).toContain(
      '  --allow-empty      build even when the posts folder holds no post although the\n                     output folder has a published site (it would be emptied)',
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
