/** Worker thread: parses batches of post files sent by `parseFiles`. */
import { parentPort, workerData } from 'node:worker_threads';
import type { SiteConfig } from '../model.js';
import { type FileJob, parseFile } from './parse-file.js';

const config = (workerData as { config: SiteConfig }).config;
parentPort?.on('message', (batch: FileJob[]) => {
  parentPort?.postMessage(batch.map((job) => parseFile(job, config)));
});
