import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../../src/cli/commands.js';
import { type CliIo, EXIT, nowOf, shownPath } from '../../../src/cli/io.js';
import { commandHelp } from '../../../src/cli/usage.js';

/** A command help's "Exit codes:" section as `[code, meaning]` pairs. */
function exitCodes(help: string): [number, string][] {
  const start = help.lastIndexOf('\nExit codes: ');
  expect(start).toBeGreaterThan(0);
  const section = help.slice(start + '\nExit codes: '.length).replace(/\s+/g, ' ');
  expect(section.endsWith('.')).toBe(true);
  return section
    .slice(0, -1)
    .split(/, (?=\d+ )/)
    .map((pair): [number, string] => {
      const match = /^(\d+) (.+)$/.exec(pair);
      expect(match, `"${pair}" in the help's exit codes`).not.toBeNull();
      return [Number(match?.[1]), match?.[2] as string];
    });
}

const io = (cwd: string, now?: () => Date): CliIo => ({
  stdout: () => {},
  stderr: () => {},
  env: {},
  cwd,
  ...(now ? { now } : {}),
});

describe('EXIT', () => {
  it('is 0 for success, 1 for problems in the content or the file system, 2 for wrong usage, 70 for a bug, as the help says', () => {
    expect(EXIT).toEqual({ ok: 0, content: 1, usage: 2, bug: 70 });
    expect(exitCodes(commandHelp('build'))).toEqual([
      [EXIT.ok, 'built'],
      [
        EXIT.content,
        'a post, the config or the file system stopped the build (the output is then exactly as it was)',
      ],
      [EXIT.usage, 'wrong usage'],
      [EXIT.bug, 'a bug in feedwright'],
    ]);
  });

  it("gives every command's exit codes as 0, 1, then 2 for wrong usage", () => {
    for (const command of COMMAND_NAMES) {
      const pairs = exitCodes(commandHelp(command));
      expect(pairs.map(([code]) => code).slice(0, 3), command).toEqual([0, 1, 2]);
      expect(pairs[2], command).toEqual([EXIT.usage, 'wrong usage']);
    }
  });
});

describe('nowOf', () => {
  it("is io's clock when it has one, else the time now", () => {
    const fixed = new Date('2026-11-18T15:00:00Z');
    expect(nowOf(io('/tmp', () => fixed))).toBe(fixed);
    const before = Date.now();
    const now = nowOf(io('/tmp')).getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe('shownPath', () => {
  const cwd = path.resolve('/work/site');
  it('shows a path under the working folder relative to it, with /', () => {
    expect(shownPath(io(cwd), path.join(cwd, 'posts', 'a.md'))).toBe('posts/a.md');
    expect(shownPath(io(cwd), cwd)).toBe('.');
  });

  it('shows any other path as it is', () => {
    expect(shownPath(io(cwd), path.resolve('/work/other/a.md'))).toBe(
      path.resolve('/work/other/a.md'),
    );
    expect(shownPath(io(cwd), path.resolve('/work/site-b'))).toBe(path.resolve('/work/site-b'));
  });
});
