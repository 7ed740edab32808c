import type { SiteConfig } from '../model.js';
import { type RenderJob, type RenderOutcome, renderFile } from './render-file.js';
import type { WorkerPool } from './worker-pool.js';

/**
 * A render worker started just for rendering spends ~0.4 s loading Markdown and HTML libraries,
 * as long as rendering a hundred posts: below this many, it is not started.
 */
export const RENDER_PARALLEL_THRESHOLD = 1000;

/** Every file read in full and its body rendered (unless the cached rendering still holds). */
export function renderFiles(
  jobs: readonly RenderJob[],
  config: SiteConfig,
  pool: WorkerPool,
  onProgress?: (done: number) => void,
): Promise<RenderOutcome[]> {
  return pool.run('render', jobs, (job) => renderFile(job, config), {
    batchSize: 8,
    ...(onProgress ? { onProgress } : {}),
  });
}
