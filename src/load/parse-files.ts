import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SiteConfig } from '../model.js';
import { type FileJob, type ParsedFile, parseFile } from './parse-file.js';

/** Below this many files a worker's start-up costs more than it saves. */
export const PARALLEL_THRESHOLD = 2000;
const BATCH = 256;
const WORKER_URL = new URL('./parse-worker.js', import.meta.url);

export interface ParseOptions {
  /** Threads to use, this one included; default 1. */
  threads?: number;
  /** Fewest files worth starting workers for; default `PARALLEL_THRESHOLD`. */
  minParallel?: number;
  onProgress?: (done: number) => void;
}

/**
 * Parses every file's front matter, spread over `threads` threads for large sites. The main
 * thread works too, taking batches between handing them out, so nothing sits idle. Results come
 * back in `jobs` order whatever the threads did, so output never depends on scheduling.
 */
export async function parseFiles(
  jobs: readonly FileJob[],
  config: SiteConfig,
  options: ParseOptions = {},
): Promise<ParsedFile[]> {
  const threads = Math.max(1, Math.floor(options.threads ?? 1));
  const batches: FileJob[][] = [];
  for (let i = 0; i < jobs.length; i += BATCH) batches.push(jobs.slice(i, i + BATCH));
  const results: ParsedFile[][] = new Array(batches.length);
  let done = 0;
  const finished = (index: number, parsed: ParsedFile[]) => {
    results[index] = parsed;
    done += parsed.length;
    options.onProgress?.(done);
  };

  // Workers run the compiled library; from TypeScript sources (tests) there is no worker file.
  const useWorkers =
    threads > 1 && jobs.length >= PARALLEL_THRESHOLD && existsSync(fileURLToPath(WORKER_URL));
  let next = 0;
  const workerRuns = useWorkers
    ? Array.from({ length: threads - 1 }, () =>
        runWorker(config, () => (next < batches.length ? next++ : -1), batches, finished),
      )
    : [];
  while (next < batches.length) {
    const index = next++;
    finished(
      index,
      (batches[index] ?? []).map((job) => parseFile(job, config)),
    );
    // Let workers' finished batches and requests for more through.
    if (useWorkers) await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(workerRuns);
  return results.flat();
}

function runWorker(
  config: SiteConfig,
  take: () => number,
  batches: FileJob[][],
  finished: (index: number, parsed: ParsedFile[]) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: { config } });
    let current = -1;
    const send = () => {
      current = take();
      if (current === -1) {
        worker.terminate().then(() => resolve(), reject);
        return;
      }
      worker.postMessage(batches[current]);
    };
    worker.on('message', (parsed: ParsedFile[]) => {
      finished(current, parsed);
      send();
    });
    worker.on('error', reject);
    worker.on('online', send);
  });
}
