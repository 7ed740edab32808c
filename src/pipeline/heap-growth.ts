/**
 * How fast V8 lets the heaps grow during a large build. By default a heap may grow to several
 * times what it keeps before a full collection, and a large build keeps its site on two threads:
 * growing 30 % at a time, a cold 100,000-post build peaked at 2.8 GB instead of 5.0 GB for 6 %
 * more time (30,000 posts: 1.1 GB instead of 1.9). A small build pays for the extra collections
 * (~4 % more CPU at 1,000 posts, for 270 MB instead of 330) and has no memory worth saving, so only
 * large cold builds ask.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { HeldSetting, startedWith } from './held-setting.js';

/** Cold builds of at least this many posts grow the heaps slowly (below, they stay under 1 GB). */
export const FRUGAL_HEAP_POSTS = 20_000;

/** Growth of a heap past what it keeps after a full collection, in percent. */
export const FRUGAL_HEAP_GROWTH = 30;

const growth = new HeldSetting(
  `--heap-growing-percent=${FRUGAL_HEAP_GROWTH}`,
  '--heap-growing-percent=0',
);

/**
 * Has V8 grow its heaps (every thread's: the setting is the process's) `FRUGAL_HEAP_GROWTH` % at
 * a time until every build that asked has given it back with the function returned; a process
 * started with its own `--heap-growing-percent` keeps it.
 */
export function frugalHeap(
  setFlags: (flags: string) => void = v8.setFlagsFromString,
  execArgv: readonly string[] = process.execArgv,
): () => void {
  if (startedWith('heap-growing-percent', execArgv)) return () => {};
  return growth.hold(setFlags);
}

/** V8 moving every live object of a heap together in its next full collections, while held. */
const compacting = new HeldSetting('--compact-on-every-full-gc', '--no-compact-on-every-full-gc');

/**
 * Collects this thread's heap now, moving every live object together so that the pages V8 grew
 * the heap to are given back, not kept for allocations to come (unless the process was started
 * with its own `--compact-on-every-full-gc`). A large cold build's main thread has its heap grown
 * to ~830 MB by the time the site is made, of which it keeps ~550 (at 100,000 posts; V8 keeps the
 * pages once grown); compacted before a worker takes its copy of the site, the two heaps no longer
 * peak together at that size: peak 1,398–1,467 MB in five cold builds at 100,000 posts against
 * 1,465–1,533 in five, for 1.2–1.6 s of this thread. A collection that does not compact gives
 * back nothing.
 */
export function compactHeap(
  setFlags: (flags: string) => void = v8.setFlagsFromString,
  execArgv: readonly string[] = process.execArgv,
  collect: () => void = fullCollection,
): void {
  const release = startedWith('compact-on-every-full-gc', execArgv)
    ? () => {}
    : compacting.hold(setFlags);
  try {
    collect();
  } finally {
    release();
  }
}

/** A full collection of this thread's heap, by the `gc` that `--expose-gc` gives new contexts. */
function fullCollection(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}
