import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../src/cli/io.js';
import { HELP } from '../../../src/cli/usage.js';

/**
 * The help's "Exit codes:" section, as `[scope, [code, meaning][]]` per clause: the first clause
 * is the build's (no scope), the others are a command's own (`diff: 0 …, 1 …, 2 …`). Clauses end
 * with `;` or `.`; the section ends the help.
 */
function exitCodeClauses(help: string): [string, [number, string][]][] {
  const start = help.lastIndexOf('\nExit codes: ');
  expect(start).toBeGreaterThan(0);
  const section = help.slice(start + '\nExit codes: '.length).replace(/\s+/g, ' ');
  expect(section.endsWith('.')).toBe(true);
  return section
    .slice(0, -1)
    .split(/; ?/)
    .map((clause) => {
      const scoped = /^([a-z]+): (.*)$/.exec(clause);
      const [scope, codes] = scoped ? [scoped[1] as string, scoped[2] as string] : ['', clause];
      const pairs = codes.split(/, (?=\d+ )/).map((pair): [number, string] => {
        const match = /^(\d+) (.+)$/.exec(pair);
        expect(match, `"${pair}" in the help's exit codes`).not.toBeNull();
        return [Number(match?.[1]), match?.[2] as string];
      });
      return [scope, pairs];
    });
}

describe('EXIT', () => {
  it('is 0 for success, 1 for problems in the content or the file system, 2 for wrong usage, 70 for a bug, as the help says', () => {
    expect(EXIT).toEqual({ ok: 0, content: 1, usage: 2, bug: 70 });
    const clauses = exitCodeClauses(HELP);
    // The first clause is the build's (unscoped, or scoped "build:"), word for word.
    expect(clauses[0]?.[0]).toMatch(/^(build)?$/);
    expect(clauses[0]?.[1]).toEqual([
      [EXIT.ok, 'built'],
      [
        EXIT.content,
        'a post, the config or the file system stopped the build (the output is then exactly as it was)',
      ],
      [EXIT.usage, 'wrong usage'],
      [EXIT.bug, 'a bug in feedwright'],
    ]);
    // Any command with codes of its own uses the same three, in order, and the same for usage.
    for (const [scope, pairs] of clauses.slice(1)) {
      expect(scope, 'a clause after the first names its command').toMatch(/^[a-z]+$/);
      expect(HELP).toMatch(new RegExp(`^\\s*feedwright ${scope}\\b`, 'm'));
      expect(pairs.map(([code]) => code)).toEqual([EXIT.ok, EXIT.content, EXIT.usage]);
      expect(pairs[2]).toEqual([EXIT.usage, 'wrong usage']);
    }
  });
});
