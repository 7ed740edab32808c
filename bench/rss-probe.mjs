/**
 * Preloaded into every timed process with `node --import <this file> …` (see measure.mjs).
 * When the process exits it writes its own peak resident set size and CPU time to
 * $FEEDWRIGHT_BENCH_PROBE_DIR/<pid>.json.
 *
 * `process.resourceUsage().maxRSS` is getrusage(RUSAGE_SELF): the high-water mark of the whole
 * process, so memory used by worker threads (which share the process) is included. Only the
 * main thread reports; preloads also run inside worker threads, where this does nothing.
 * Child *processes* a build might spawn are not included (each would write its own file).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';

const dir = process.env.FEEDWRIGHT_BENCH_PROBE_DIR;

if (dir && isMainThread) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const report = {
      pid: process.pid,
      maxRssKiB: usage.maxRSS,
      userCpuUs: usage.userCPUTime,
      systemCpuUs: usage.systemCPUTime,
    };
    writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(report));
  });
}
