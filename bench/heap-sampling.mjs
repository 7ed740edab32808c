/**
 * Preloaded into a profiled build (`node --import bench/heap-sampling.mjs`, by bench/profile.mjs
 * --heap): samples the main thread's allocations with V8's sampling heap profiler, keeping the
 * objects a full collection freed but dropping those a scavenge freed — what reached the old
 * generation, which is what a build's peak is made of (a large build collects its old generation
 * rarely, so the dead there count as much as the live until it does). Written when the process
 * exits, as a .heapprofile (Chrome DevTools › Memory opens it) in $FEEDWRIGHT_HEAP_PROFILE_DIR.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';

/** One sample every this many bytes allocated, on average. */
const INTERVAL = 32 * 1024;

const dir = process.env.FEEDWRIGHT_HEAP_PROFILE_DIR;
if (isMainThread && dir) {
  const session = new Session();
  session.connect();
  session.post('HeapProfiler.enable');
  session.post('HeapProfiler.startSampling', {
    samplingInterval: INTERVAL,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: false,
  });
  // A session on this thread answers at once, so the profile is written before the exit ends.
  process.on('exit', () => {
    session.post('HeapProfiler.stopSampling', (error, result) => {
      if (error) process.stderr.write(`heap profile not written: ${error.message}\n`);
      else
        writeFileSync(
          path.join(dir, `heap-${process.pid}.heapprofile`),
          JSON.stringify(result.profile),
        );
    });
  });
}
