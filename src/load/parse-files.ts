import type { SiteConfig } from '../model.js';
import { type FileJob, type ParsedFile, parseFile } from './parse-file.js';
import type { WorkerPool } from './worker-pool.js';

/** Below this many files a worker's start-up costs more than it saves. */
export const PARALLEL_THRESHOLD = 2000;

/** Every file's front matter, parsed and validated, on the pool's threads and this one. */
export function parseFiles(
  jobs: readonly FileJob[],
  config: SiteConfig,
  pool: WorkerPool,
  onProgress?: (done: number) => void,
): Promise<ParsedFile[]> {
  return pool.run('parse', jobs, (job) => parseFile(job, config), {
    batchSize: 256,
    ...(onProgress ? { onProgress } : {}),
  });
}
