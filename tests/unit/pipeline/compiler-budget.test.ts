import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compilerInlines,
  fullCompiler,
  SPARE_COMPILER_FLAG,
  spareCompiler,
} from '../../../src/pipeline/compiler-budget.js';
import { REPO } from '../../helpers/site.js';

// In file order: a process that never spared its compiler first, then one that did.
describe('fullCompiler', () => {
  it('changes nothing in a process whose compiler was never spared (the library in its host)', () => {
    const set: string[] = [];
    const giveBack = fullCompiler((flags) => set.push(flags));
    giveBack();
    expect(set).toEqual([]);
    expect(compilerInlines()).toBe(true);
  });
});

describe('spareCompiler', () => {
  it('leaves alone a process started with its own choice, in either spelling', () => {
    const set: string[] = [];
    for (const arg of ['--turbo-inlining', '--no-turbo-inlining', '--turbo_inlining']) {
      expect(spareCompiler((flags) => set.push(flags), ['--inspect', arg])).toBe(false);
    }
    expect(set).toEqual([]);
    expect(compilerInlines()).toBe(true);
  });

  it("turns TurboFan's inlining off for a process started without a say in it", () => {
    const set: string[] = [];
    expect(spareCompiler((flags) => set.push(flags), ['--enable-source-maps'])).toBe(true);
    expect(set).toEqual(['--no-turbo-inlining']);
    expect(SPARE_COMPILER_FLAG).toBe('--no-turbo-inlining');
    expect(compilerInlines()).toBe(false);
  });

  it('is not fooled by flags that only start alike', () => {
    const set: string[] = [];
    spareCompiler((flags) => set.push(flags), ['--turbo-inlining-js-wasm-wrappers']);
    expect(set).toEqual([SPARE_COMPILER_FLAG]);
  });

  it('sets a flag this V8 knows: set for real, it neither throws nor warns', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import v8 from 'node:v8'; for (const f of [${JSON.stringify(SPARE_COMPILER_FLAG)}, '--turbo-inlining', '--no-such-flag-at-all']) v8.setFlagsFromString(f); console.log('ok')`,
      ],
      { encoding: 'utf8' },
    );
    expect(run.stdout).toBe('ok\n');
    // V8 names a flag it does not know on stderr (the last), and only that one.
    expect(run.stderr).toContain('no-such-flag-at-all');
    expect(run.stderr).not.toContain('turbo-inlining');
  });

  it("is called by the CLI's launcher before the command runs", async () => {
    const launcher = await readFile(path.join(REPO, 'bin/feedwright.js'), 'utf8');
    const called = launcher.indexOf('spareCompiler();');
    expect(called).toBeGreaterThan(0);
    expect(called).toBeLessThan(launcher.indexOf('runCli(process.argv'));
  });
});

describe('fullCompiler, once spared', () => {
  it('inlines again while any large build holds it, and spares the compiler when the last is done', () => {
    const set: string[] = [];
    const record = (flags: string) => set.push(flags);
    const first = fullCompiler(record);
    const second = fullCompiler(record);
    expect(set).toEqual(['--turbo-inlining']);
    expect(compilerInlines()).toBe(true);
    first();
    first(); // given back twice counts once
    expect(set).toHaveLength(1);
    expect(compilerInlines()).toBe(true);
    second();
    expect(set).toEqual(['--turbo-inlining', SPARE_COMPILER_FLAG]);
    expect(compilerInlines()).toBe(false);
  });
});
