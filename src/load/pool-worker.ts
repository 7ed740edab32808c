/** Worker thread for `runPool`: parses or renders the batches of post files it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import type { SiteConfig } from '../model.js';
import type { TaskKind } from './worker-pool.js';

const { config, kind } = workerData as { config: SiteConfig; kind: TaskKind };
// Load only what this kind of task needs.
const task: (job: never, config: SiteConfig) => unknown =
  kind === 'parse'
    ? (await import('./parse-file.js')).parseFile
    : (await import('./render-file.js')).renderFile;

parentPort?.on('message', (batch: never[]) => {
  parentPort?.postMessage(batch.map((job) => task(job, config)));
});
