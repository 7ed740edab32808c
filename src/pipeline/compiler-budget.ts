/**
 * What V8's optimizing compiler (TurboFan) may spend in a feedwright process. A command is a
 * batch job of seconds that runs most of its code only a few thousand times, on machines with
 * few cores (CI runners have two), where TurboFan's threads compete with the build's own. By
 * default TurboFan inlines callees into every function it optimizes, which doubles what each
 * optimization costs: in a cold build of 1,000 posts its threads took 2.5 s of CPU with inlining
 * and 1.1 s without (`--trace-opt`), and the build took 1.97 s instead of 2.17 s (eight
 * alternating runs each, output on tmpfs). Longer builds lose nothing measurable to the simpler
 * code: cold at 10,000 posts 9.11 s against 9.11 s, one changed post at 100,000 posts 8.79 s
 * against 9.05 s.
 */
import v8 from 'node:v8';

/** The V8 flag a feedwright process runs with, unless it was started with its own. */
export const SPARE_COMPILER_FLAG = '--no-turbo-inlining';

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
  if (execArgv.some((arg) => /^--(no-)?turbo[-_]inlining(=|$)/.test(arg))) return false;
  setFlags(SPARE_COMPILER_FLAG);
  return true;
}
