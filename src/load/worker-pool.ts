import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SiteConfig } from '../model.js';

export type TaskKind = 'parse' | 'render';

const WORKER_URL = new URL('./pool-worker.js', import.meta.url);

export interface PoolOptions {
  /** Threads to use, this one included. */
  threads: number;
  /** Fewest jobs worth starting workers for. */
  minParallel: number;
  batchSize: number;
  onProgress?: (done: number) => void;
}

/**
 * Runs `local` over every job, spread over `threads` threads when there are enough jobs. The
 * main thread works too, taking batches between handing them out, so nothing sits idle.
 * Results come back in `jobs` order whatever the threads did: output never depends on
 * scheduling.
 */
export async function runPool<J, R>(
  kind: TaskKind,
  jobs: readonly J[],
  config: SiteConfig,
  local: (job: J) => R,
  options: PoolOptions,
): Promise<R[]> {
  const batches: J[][] = [];
  for (let i = 0; i < jobs.length; i += options.batchSize)
    batches.push(jobs.slice(i, i + options.batchSize));
  const results: R[][] = new Array(batches.length);
  let done = 0;
  const finished = (index: number, batch: R[]) => {
    results[index] = batch;
    done += batch.length;
    options.onProgress?.(done);
  };
  // Workers run the compiled library; from TypeScript sources (tests) there is no worker file.
  const useWorkers =
    options.threads > 1 &&
    jobs.length >= options.minParallel &&
    existsSync(fileURLToPath(WORKER_URL));
  let next = 0;
  const take = () => (next < batches.length ? next++ : -1);
  const workerRuns = useWorkers
    ? Array.from({ length: options.threads - 1 }, () =>
        runWorker(kind, config, take, batches, finished),
      )
    : [];
  for (let index = take(); index !== -1; index = take()) {
    finished(index, (batches[index] ?? []).map(local));
    // Let the workers' finished batches and requests for more through.
    if (useWorkers) await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(workerRuns);
  return results.flat();
}

function runWorker<J, R>(
  kind: TaskKind,
  config: SiteConfig,
  take: () => number,
  batches: J[][],
  finished: (index: number, batch: R[]) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: { config, kind } });
    // Two batches in flight, so the worker never waits for the main thread to hand out more.
    const inFlight: number[] = [];
    const send = () => {
      const index = take();
      if (index === -1) return;
      inFlight.push(index);
      worker.postMessage(batches[index]);
    };
    worker.on('message', (batch: R[]) => {
      finished(inFlight.shift() as number, batch);
      send();
      if (inFlight.length === 0) worker.terminate().then(() => resolve(), reject);
    });
    worker.on('error', reject);
    worker.on('online', () => {
      send();
      send();
      if (inFlight.length === 0) worker.terminate().then(() => resolve(), reject);
    });
  });
}
