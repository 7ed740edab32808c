/** Worker thread for `WorkerPool`: reads or renders the batches of post files it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import type { SiteConfig } from '../model.js';
import type { TaskKind } from './worker-pool.js';

type Task = (job: never, config: SiteConfig) => unknown;

const { config } = workerData as { config: SiteConfig };
const tasks = new Map<TaskKind, Promise<Task>>();
// Each kind loads only the libraries it needs, once.
const task = (kind: TaskKind): Promise<Task> => {
  let loading = tasks.get(kind);
  if (!loading) {
    loading =
      kind === 'head'
        ? import('./read-heads.js').then((m) => m.readHead as Task)
        : import('./render-bodies.js').then((m) => m.renderPostFile as Task);
    tasks.set(kind, loading);
  }
  return loading;
};

// Messages are handled one at a time, in order, so replies match requests.
let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (message: { preload: TaskKind } | { kind: TaskKind; batch: never[] }) => {
  queue = queue.then(async () => {
    if ('preload' in message) {
      await task(message.preload);
      return;
    }
    const run = await task(message.kind);
    parentPort?.postMessage(message.batch.map((job) => run(job, config)));
  });
});
