import { describe, expect, it } from 'vitest';
import {
  COMMAND_NAMES,
  COMMANDS,
  commandNamed,
  OPTION_HELP,
  OPTIONS,
} from '../../../src/cli/commands.js';

describe('COMMANDS', () => {
  it('are the commands, starting a site first and publishing after', () => {
    expect(COMMAND_NAMES).toEqual([
      'init',
      'new',
      'serve',
      'check',
      'build',
      'diff',
      'migrate',
      'ping',
    ]);
  });

  it('each take only options that exist, each once', () => {
    for (const command of COMMAND_NAMES) {
      const options: readonly string[] = COMMANDS[command].options;
      expect(new Set(options).size, command).toBe(options.length);
      for (const name of options)
        expect(Object.keys(OPTIONS), `${command} --${name}`).toContain(name);
    }
  });

  it('every option but --help and --version belongs to some command', () => {
    const used = new Set(COMMAND_NAMES.flatMap((c) => COMMANDS[c].options as readonly string[]));
    const unused = Object.keys(OPTIONS).filter((name) => !used.has(name));
    expect(unused).toEqual(['help', 'version']);
  });

  it('names the value of every option that takes one, and of no switch', () => {
    for (const [name, option] of Object.entries(OPTIONS)) {
      const help = OPTION_HELP[name as keyof typeof OPTIONS];
      expect(help.help.length, name).toBeGreaterThan(0);
      if (option.type === 'string') expect(help.value, name).toMatch(/^[A-Z]+$|^text\|json$/);
      else expect(help.value, name).toBeUndefined();
    }
  });

  it('gives each command a usage naming it, a summary and exit codes', () => {
    for (const command of COMMAND_NAMES) {
      const spec = COMMANDS[command];
      for (const line of spec.usage) expect(line.startsWith(`${command} `), line).toBe(true);
      expect(spec.summary).not.toMatch(/\.$/);
      expect(spec.exitCodes).toMatch(/^0 .*, 1 .*, 2 wrong usage/);
    }
  });

  it("check's build options are build's, so checking finds what building would", () => {
    const build: readonly string[] = COMMANDS.build.options;
    for (const name of ['posts', 'config', 'future', 'drafts', 'strict', 'format', 'threads'])
      expect(COMMANDS.check.options).toContain(name as never);
    for (const name of COMMANDS.check.options.filter((o) => o !== 'profile'))
      expect(build, name).toContain(name);
  });
});

describe('commandNamed', () => {
  it('is the command a word names, and nothing for any other word', () => {
    expect(commandNamed('build')).toBe('build');
    expect(commandNamed('init')).toBe('init');
    expect(commandNamed('Build')).toBeUndefined();
    expect(commandNamed('toString')).toBeUndefined();
    expect(commandNamed('__proto__')).toBeUndefined();
  });
});
