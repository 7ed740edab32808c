/**
 * What V8's optimizing compiler (TurboFan) may spend in a feedwright process. Most commands are
 * batch jobs of a few seconds that run most of their code only some thousand times, on machines
 * with few cores (CI runners have two), where TurboFan's threads compete with the build's own.
 * TurboFan inlines callees into every function it optimizes, which doubles what an optimization
 * costs: in a cold build of 1,000 posts its threads took 2.5 s of CPU with inlining and 1.1 s
 * without (`--trace-opt`), and the build took 1.89 s instead of 2.16 s (six alternating runs
 * each, output on tmpfs). A large site's build runs long enough for the inlined code to pay (its
 * escape analysis spares the collector what would be allocated): without inlining a cold build
 * was even at 10,000 posts (9.11 s each) and 4–13 % slower at 30,000 posts and 7–18 % at
 * 100,000; one touched post was 9 % quicker at 10,000 posts (1.26 against 1.38 s), even at
 * 30,000 (2.80 s each) and slower at 100,000 (its site's document and keys 0.01–0.33 s longer,
 * 0.25 s on average, in each of six rounds).
 */
import v8 from 'node:v8';
import { HeldSetting, startedWith } from './held-setting.js';

/** The V8 flag a feedwright process starts with, unless node was started with its own. */
export const SPARE_COMPILER_FLAG = '--no-turbo-inlining';

/** Builds of a site of at least this many posts have TurboFan inline again while they run. */
export const FULL_COMPILER_POSTS = 20_000;

let spared = false;
const inlining = new HeldSetting('--turbo-inlining', SPARE_COMPILER_FLAG);

/**
 * Turns TurboFan's inlining off for this process (the setting is V8's, for every thread and for
 * code optimized from then on), unless node was started with `--turbo-inlining` or
 * `--no-turbo-inlining` of its own. Returns whether it did. Call it first thing, before the code
 * that builds runs hot: the CLI's launcher does; the library leaves its host's compiler alone.
 */
export function spareCompiler(
  setFlags: (flags: string) => void = v8.setFlagsFromString,
  execArgv: readonly string[] = process.execArgv,
): boolean {
  if (startedWith('turbo-inlining', execArgv)) return false;
  setFlags(SPARE_COMPILER_FLAG);
  spared = true;
  return true;
}

/** Whether TurboFan inlines now: unless `spareCompiler` turned it off and no build asked it back. */
export function compilerInlines(): boolean {
  return !spared || inlining.held;
}

/**
 * Has TurboFan inline again, if `spareCompiler` turned it off, until every build that asked has
 * given it back with the function returned (a large build: `FULL_COMPILER_POSTS`).
 */
export function fullCompiler(
  setFlags: (flags: string) => void = v8.setFlagsFromString,
): () => void {
  return spared ? inlining.hold(setFlags) : () => {};
}
