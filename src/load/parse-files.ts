import type { SiteConfig } from '../model.js';
import { type FileJob, type ParsedFile, parseFile } from './parse-file.js';
import { runPool } from './worker-pool.js';

/** Below this many files a worker's start-up costs more than it saves. */
export const PARALLEL_THRESHOLD = 2000;
export interface ThreadOptions {
  /** Threads to use, this one included; default 1. */
  threads?: number;
  /** Fewest jobs worth starting workers for; default per task. */
  minParallel?: number;
  onProgress?: (done: number) => void;
}

/** Every file's front matter, parsed and validated. */
export function parseFiles(
  jobs: readonly FileJob[],
  config: SiteConfig,
  options: ThreadOptions = {},
): Promise<ParsedFile[]> {
  return runPool('parse', jobs, config, (job) => parseFile(job, config), {
    threads: options.threads ?? 1,
    minParallel: options.minParallel ?? PARALLEL_THRESHOLD,
    batchSize: 256,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}
