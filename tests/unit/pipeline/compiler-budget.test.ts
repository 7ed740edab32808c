import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPARE_COMPILER_FLAG, spareCompiler } from '../../../src/cli/compiler-budget.js';
import { REPO } from '../../helpers/site.js';

describe('spareCompiler', () => {
  it("turns TurboFan's inlining off for a process started without a say in it", () => {
    const set: string[] = [];
    expect(spareCompiler((flags) => set.push(flags), ['--enable-source-maps', '--inspect'])).toBe(
      true,
    );
    expect(set).toEqual(['--no-turbo-inlining']);
    expect(SPARE_COMPILER_FLAG).toBe('--no-turbo-inlining');
  });

  it('leaves alone a process started with its own choice, in either spelling', () => {
    const set: string[] = [];
    for (const arg of ['--turbo-inlining', '--no-turbo-inlining', '--turbo_inlining']) {
      expect(spareCompiler((flags) => set.push(flags), ['--inspect', arg])).toBe(false);
    }
    expect(set).toEqual([]);
  });

  it('is not fooled by flags that only start alike', () => {
    const set: string[] = [];
    spareCompiler((flags) => set.push(flags), ['--turbo-inlining-js-wasm-wrappers']);
    expect(set).toEqual([SPARE_COMPILER_FLAG]);
  });

  it('is a flag this V8 knows: setting it for real neither throws nor warns', async () => {
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import v8 from 'node:v8'; v8.setFlagsFromString(${JSON.stringify(SPARE_COMPILER_FLAG)}); v8.setFlagsFromString('--no-such-flag-at-all'); console.log('ok')`,
      ],
      { encoding: 'utf8' },
    );
    expect(run.stdout).toBe('ok\n');
    // V8 names a flag it does not know on stderr (the second), and only that one.
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
