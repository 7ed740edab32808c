import type { SiteConfig } from '../model.js';
import type { ThreadOptions } from './parse-files.js';
import { type RenderJob, type RenderOutcome, renderFile } from './render-file.js';
import { runPool } from './worker-pool.js';

/**
 * A render worker spends ~0.4 s loading Markdown and HTML libraries, as long as rendering a
 * hundred posts: below this many, the main thread renders alone.
 */
export const RENDER_PARALLEL_THRESHOLD = 1000;

/** Every file read in full and its body rendered (unless the cached rendering still holds). */
export function renderFiles(
  jobs: readonly RenderJob[],
  config: SiteConfig,
  options: ThreadOptions = {},
): Promise<RenderOutcome[]> {
  return runPool('render', jobs, config, (job) => renderFile(job, config), {
    threads: options.threads ?? 1,
    minParallel: options.minParallel ?? RENDER_PARALLEL_THRESHOLD,
    batchSize: 16,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}
