/**
 * Worker thread for `WorkerPool`: reads or renders the batches of post files it is sent, or
 * renders and stages outputs of the site it was given (and makes a first write's page folders).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SiteConfig } from '../model.js';
import type { OutputContext, PageFolders } from './stage-outputs.js';
import type { TaskKind } from './worker-pool.js';

type Task = (job: never, config: SiteConfig, context: unknown) => unknown;

/**
 * What a kind's jobs need done first on this thread, given the jobs of its run (see
 * `RunOptions.prepare`): for outputs, the folders they go in.
 */
type Prepare = (jobs: never[], context: unknown) => void;

const { config } = workerData as { config: SiteConfig };

/** What each kind's jobs run, from the libraries it needs (see `task`). */
const loaders: Record<TaskKind, () => Promise<Task>> = {
  head: () => import('./read-heads.js').then((m) => m.readHead as Task),
  story: () => import('./render-bodies.js').then((m) => m.readStory as Task),
  body: () => import('./render-bodies.js').then((m) => m.renderPostFile as Task),
  output: () =>
    import('./stage-outputs.js').then(
      (m) =>
        ((index: number, _: SiteConfig, context: unknown) =>
          m.stageOutputJob(index, context as OutputContext)) as Task,
    ),
  folders: () =>
    import('./stage-outputs.js').then(
      (m) => ((job: PageFolders) => m.makePageFolders(job, 'first')) as Task,
    ),
};

const tasks = new Map<TaskKind, Promise<Task>>();
// Each kind loads only the libraries it needs, once.
const task = (kind: TaskKind): Promise<Task> => {
  let loading = tasks.get(kind);
  if (!loading) {
    loading = loaders[kind]();
    tasks.set(kind, loading);
  }
  return loading;
};

/** The kind's `Prepare`, if it has one (loaded with its task). */
const preparer = async (kind: TaskKind): Promise<Prepare | undefined> => {
  if (kind !== 'output') return undefined;
  const m = await import('./stage-outputs.js');
  return (jobs, context) => m.prepareOutputJobs(jobs, context as OutputContext);
};

/** What a kind's context is taken in with on this thread, as it comes (see `takeInSite`). */
const receiver = async (kind: TaskKind): Promise<((context: unknown) => void) | undefined> => {
  if (kind !== 'output') return undefined;
  const m = await import('./stage-outputs.js');
  return (context) => m.takeInSite(context as OutputContext);
};

/** What a kind's jobs hold on this thread once its run is over and its context dropped. */
const releaser = async (kind: TaskKind): Promise<(() => void) | undefined> => {
  if (kind !== 'output') return undefined;
  const m = await import('./stage-outputs.js');
  return m.forgetSite;
};

/** What the jobs of the current run of each kind share (see `RunOptions.context`). */
const contexts = new Map<TaskKind, unknown>();

type Message =
  | { preload: TaskKind }
  | { context: TaskKind; value: unknown }
  | { prepare: TaskKind; jobs: never[] }
  | { kind: TaskKind; batch: never[] };

// Messages are handled one at a time, in order, so replies match requests.
let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (message: Message) => {
  queue = queue.then(async () => {
    if ('preload' in message) {
      await task(message.preload);
      return;
    }
    if ('prepare' in message) {
      (await preparer(message.prepare))?.(message.jobs, contexts.get(message.prepare));
      return;
    }
    if ('context' in message) {
      if (message.value !== undefined) {
        (await receiver(message.context))?.(message.value);
        contexts.set(message.context, message.value);
      } else if (contexts.delete(message.context)) (await releaser(message.context))?.();
      return;
    }
    const run = await task(message.kind);
    const context = contexts.get(message.kind);
    const started = performance.now();
    const results = message.batch.map((job) => run(job, config, context));
    parentPort?.postMessage({ results, ms: performance.now() - started });
  });
});
