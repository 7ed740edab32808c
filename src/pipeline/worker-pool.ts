import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { SiteConfig } from '../model.js';
import { compactHeap, FRUGAL_HEAP_POSTS, frugalHeap } from './heap-growth.js';

/**
 * Below this many posts to read or render, a worker's start-up (~0.4 s to load the YAML,
 * Markdown and HTML libraries, during which this thread works on) costs more than it saves. A
 * cold build reads every post's front matter and then renders every published post (~3 ms each:
 * each gets a page), so the workers that read go on to render, and a site of a few hundred posts
 * already gains from them.
 */
export const PARALLEL_THRESHOLD = 200;

/**
 * Reading front matter (or, in a cold build, whole files: `story`), rendering bodies, or
 * rendering and staging outputs (and, aside, making a first write's page folders: `folders`).
 */
export type TaskKind = 'head' | 'story' | 'body' | 'output' | 'folders';

const WORKER_URL = new URL('./pool-worker.js', import.meta.url);

export interface RunOptions<J = unknown> {
  batchSize: number;
  onProgress?: (done: number) => void;
  /**
   * What every job of the run shares (the site an output is rendered from): sent to each worker
   * once, before its first batch, instead of with every job; dropped when the run ends.
   */
  context?: unknown;
  /**
   * What this thread's jobs need done first (the folders outputs go in), given the jobs of its
   * own run (see `takeInRuns`): run once the workers were sent the context and their own runs'
   * jobs to prepare (a kind's `prepare` in `pool-worker.ts`), so every thread prepares at once,
   * and before any batch is handed out. A job that a thread takes from another's run must cope
   * with what that thread may not have done yet.
   */
  prepare?: (jobs: readonly J[]) => void;
}

/**
 * A worker's young generation in a large cold build (see `Workers.warm`), in MB: V8's default
 * lets it grow to 48, of which a worker holding its copy of the site keeps most committed between
 * scavenges, on top of that copy, at the build's peak.
 */
export const FRUGAL_WORKER: ResourceLimits = { maxYoungGenerationSizeMb: 16 };

/**
 * Worker threads for reading and rendering posts. The main thread works too, taking batches
 * between handing them out.
 */
export class WorkerPool {
  private constructor(private readonly workers: Worker[]) {}

  /**
   * `threads` counts this one. No workers when asked for one thread, or when running from
   * TypeScript sources (tests), where there is no compiled worker file.
   */
  static start(config: SiteConfig, threads: number, limits?: ResourceLimits): WorkerPool {
    const count = threads > 1 && existsSync(fileURLToPath(WORKER_URL)) ? threads - 1 : 0;
    const options = { workerData: { config }, ...(limits ? { resourceLimits: limits } : {}) };
    return new WorkerPool(Array.from({ length: count }, () => new Worker(WORKER_URL, options)));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Asks the workers to load what `kind` needs now, so they are ready when it comes. */
  preload(kind: TaskKind): void {
    for (const worker of this.workers) worker.postMessage({ preload: kind });
  }

  /**
   * Runs `local` (or its worker twin) over every job. Results come back in `jobs` order whatever
   * the threads did: output never depends on scheduling.
   */
  async run<J, R>(
    kind: TaskKind,
    jobs: readonly J[],
    local: (job: J) => R,
    options: RunOptions<J>,
  ): Promise<R[]> {
    await this.asides;
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
    // This thread takes the last run, from its end. Workers get their next batches only between
    // this thread's own: the longest jobs go first or last, where a worker has slow ones too.
    const threads = this.workers.length + 1;
    const take = takeInRuns(batches.length, threads);
    const mine = this.workers.length;
    // The jobs of each thread's own run, as `takeInRuns` first hands them out.
    const runOf = (thread: number) => {
      const [start, end] = runBounds(batches.length, threads, thread);
      return batches.slice(start, end).flat();
    };
    for (const [i, worker] of this.workers.entries()) {
      if (options.context !== undefined)
        worker.postMessage({ context: kind, value: options.context });
      if (options.prepare) worker.postMessage({ prepare: kind, jobs: runOf(i) });
    }
    try {
      options.prepare?.(runOf(mine));
    } catch (error) {
      this.forget(kind, options);
      throw error;
    }
    const pace = new Pace();
    // This thread's first batch is its own before any worker takes one: a run of fewer batches
    // than threads (one new post's body) is not all taken by a worker still loading its code
    // while this thread, ready, waits.
    const first = take(mine);
    const runs = this.workers.map((worker, i) =>
      feed(worker, kind, () => take(i), batches, finished, pace),
    );
    for (let index = first; index !== -1; index = take(mine)) {
      const batch: R[] = [];
      for (const job of batches[index] ?? []) {
        const started = performance.now();
        batch.push(local(job));
        // Let the workers' finished batches through, and send them more, between jobs that last.
        if (this.workers.length > 0 && pace.ran(performance.now() - started)) await nextTurn();
      }
      finished(index, batch);
      if (this.workers.length > 0) await nextTurn();
    }
    await Promise.all(runs);
    this.forget(kind, options);
    return results.flat();
  }

  /** Tells the workers to drop the run's context. */
  private forget(kind: TaskKind, options: Pick<RunOptions, 'context'>): void {
    if (options.context !== undefined)
      for (const worker of this.workers) worker.postMessage({ context: kind, value: undefined });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  /** What the workers do aside (see `aside`): a run waits for it, since its replies come first. */
  private asides: Promise<unknown> = Promise.resolve();

  /**
   * Runs `jobs` of `kind` as one batch on the first worker while this thread goes on with other
   * work; true once it is done, false at once without workers, or if the worker ended first.
   */
  aside(kind: TaskKind, jobs: readonly unknown[]): Promise<boolean> {
    const worker = this.workers[0];
    if (!worker) return Promise.resolve(false);
    const done = new Promise<boolean>((resolve) => {
      const finish = (ok: boolean) => () => {
        worker.off('message', replied).off('exit', ended).off('error', ended);
        resolve(ok);
      };
      const [replied, ended] = [finish(true), finish(false)];
      worker.on('message', replied).on('exit', ended).on('error', ended);
      worker.postMessage({ kind, batch: jobs });
    });
    this.asides = Promise.all([this.asides, done]);
    return done;
  }
}

/**
 * Hands out `count` batches to `threads` threads, each working through its own run of neighbouring
 * batches, so that jobs that share work (outputs showing the same stories, whose XML a thread
 * keeps) stay on one thread. The last thread (the calling one) works through its run from the end:
 * the first and the last batches are the first two threads' own, and meet on one thread only when
 * the other did all the rest. A thread done with its run takes from the longest run left, at the
 * end its owner reaches last. The index of the next batch for `thread`, or -1 when there is none.
 */
export function takeInRuns(count: number, threads: number): (thread: number) => number {
  const runs = Array.from({ length: threads }, (_, t) => {
    const [next, end] = runBounds(count, threads, t);
    return { next, end, backward: threads > 1 && t === threads - 1 };
  });
  return (thread) => {
    const own = runs[thread];
    if (own && own.next < own.end) return own.backward ? --own.end : own.next++;
    let longest: (typeof runs)[number] | undefined;
    for (const run of runs)
      if (run.end - run.next > (longest ? longest.end - longest.next : 0)) longest = run;
    if (!longest) return -1;
    return longest.backward ? longest.next++ : --longest.end;
  };
}

/** The batches of `thread`'s own run, of `count` among `threads` (see `takeInRuns`): [start, end). */
export function runBounds(count: number, threads: number, thread: number): [number, number] {
  return [Math.floor((thread * count) / threads), Math.floor(((thread + 1) * count) / threads)];
}

/** A turn of the event loop: what the workers sent is handled, and they are sent more. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Longest in flight on one worker: at the end of a run, what it holds the others cannot take. */
export const MAX_IN_FLIGHT = 8;

/**
 * How long this thread's own jobs take, and so how much work each worker must have in hand: a
 * worker is sent its next batch only between this thread's jobs, and one that runs out while this
 * thread renders a long one (a subscription document, while the worker renders pages) sits idle.
 */
export class Pace {
  /** This thread's longest recent job, in ms (it decays as shorter ones follow). */
  private localMs = 0;
  private sinceTurn = 0;

  /** Notes a job of this thread's; true when it is time to let the workers through. */
  ran(ms: number): boolean {
    this.localMs = Math.max(ms, this.localMs * 0.9);
    this.sinceTurn += ms;
    if (this.sinceTurn < 4) return false;
    this.sinceTurn = 0;
    return true;
  }

  /** Batches to keep in flight on a worker whose batches take `batchMs` of its time (0: unknown yet). */
  inFlight(batchMs: number): number {
    if (batchMs <= 0) return 2;
    const cover = Math.ceil(this.localMs / batchMs) + 1;
    return Math.min(MAX_IN_FLIGHT, Math.max(2, cover));
  }
}

/**
 * Keeps batches in flight on one worker until there are none left: two, or as many as cover this
 * thread's longest job (see `Pace`), by the time the worker says each of its batches took.
 */
function feed<J, R>(
  worker: Worker,
  kind: TaskKind,
  take: () => number,
  batches: J[][],
  finished: (index: number, batch: R[]) => void,
  pace: Pace,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const inFlight: number[] = [];
    let batchMs = 0;
    let more = true;
    const send = () => {
      while (more && inFlight.length < pace.inFlight(batchMs)) {
        const index = take();
        if (index === -1) more = false;
        else {
          inFlight.push(index);
          worker.postMessage({ kind, batch: batches[index] });
        }
      }
    };
    const onMessage = (reply: { results: R[]; ms: number }) => {
      batchMs = batchMs === 0 ? reply.ms : batchMs * 0.8 + reply.ms * 0.2;
      finished(inFlight.shift() as number, reply.results);
      send();
      if (inFlight.length === 0) done();
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    const done = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      resolve();
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    send();
    if (inFlight.length === 0) done();
  });
}

/**
 * The build's threads, started when first needed and kept until the build has no more work for
 * them (`release`): workers that read front matter go on to render bodies, and load the rendering
 * libraries while the main thread plans the feeds. Output never depends on how many there are.
 */
export class Workers {
  private pool: WorkerPool | undefined;

  /** `threads` asked for explicitly are used even for a few files (tests compare outputs). */
  constructor(
    private readonly config: SiteConfig,
    private readonly threads?: number,
  ) {}

  /** A pool for `jobs` jobs: the running one, else one with as many threads as are worth it. */
  get(jobs: number, threshold: number): WorkerPool {
    // A pool without workers holds nothing to close: a larger stage may start a real one.
    if (this.pool?.size) return this.pool;
    const threads = this.threads ?? (jobs >= threshold ? availableParallelism() : 1);
    this.pool = WorkerPool.start(
      this.config,
      threads,
      this.giveBackHeap ? FRUGAL_WORKER : undefined,
    );
    return this.pool;
  }

  /** Asks running workers to load what `kind` needs now, so they are ready when it comes. */
  preload(kind: TaskKind): void {
    this.pool?.preload(kind);
  }

  /** True while there are workers running (not this thread alone). */
  get running(): boolean {
    return (this.pool?.size ?? 0) > 0;
  }

  /** `WorkerPool.aside` on the running workers; false without any. */
  aside(kind: TaskKind, jobs: readonly unknown[]): Promise<boolean> {
    return this.pool?.aside(kind, jobs) ?? Promise.resolve(false);
  }

  /**
   * Starts the threads now when the first stage will read enough files to pay for them (`files`
   * changed since the cache's record; `whole`, every post read whole, in a cold build), loading
   * what reading them needs while this thread loads the stages: a worker started only when the
   * first stage runs spends its first ~0.15 s starting, while this thread reads alone. That is a
   * cold build, or a checkout in CI, which gives every post file a new mtime.
   */
  warm({ files, whole }: { files: number; whole: boolean }): this {
    // A large cold build keeps a large site on every thread: collect before the heaps balloon.
    // Set before the threads start: `get` starts them with `FRUGAL_WORKER` then.
    if (whole && files >= FRUGAL_HEAP_POSTS) this.giveBackHeap = frugalHeap();
    if (files > 0) this.get(files, PARALLEL_THRESHOLD).preload(whole ? 'story' : 'head');
    return this;
  }

  private giveBackHeap: (() => void) | undefined;
  private readonly ending: Promise<void>[] = [];

  /**
   * Called before a run's context is copied to the workers (a build's site, for its outputs): in
   * a large cold build, this thread's heap is compacted first (`compactHeap`), so that a worker's
   * copy of the site does not grow beside a heap as large as this thread's grew. True when it was.
   */
  beforeSharing(): boolean {
    if (!this.giveBackHeap) return false;
    compactHeap();
    return true;
  }

  /**
   * Ends the threads now, when the build has no more work for them (its outputs are staged): a
   * worker holds its copy of the site until it ends, since nothing it waits for makes V8
   * collect it (at 100,000 posts, ~640 MB while this thread saves the cache). A later stage
   * that wants threads starts them again. Resolves once they have ended in a large cold build
   * (see `warm`), whose next steps on this thread (the staged files taken in, the output
   * committed) would otherwise grow its heap while a worker's copy of the site is still being
   * let go; at once in any other.
   */
  release(): Promise<void> {
    const ending = this.pool?.close();
    this.pool = undefined;
    if (!ending) return Promise.resolve();
    this.ending.push(ending);
    return this.giveBackHeap ? ending : Promise.resolve();
  }

  async close(): Promise<void> {
    this.giveBackHeap?.();
    await Promise.all([this.release(), ...this.ending]);
  }
}

/** How a stage shares its work: with the build's threads, or on this one. */
export interface StageOptions {
  /** Threads to share the work with; without, it is done on this one. */
  workers?: Workers;
  onProgress?: (done: number) => void;
}

/**
 * Runs `local` (or its worker twin `kind`) over every job, on the build's threads when there are
 * enough jobs (`threshold`) to pay for starting them; results in `jobs` order.
 */
export function runJobs<J, R>(
  kind: TaskKind,
  jobs: readonly J[],
  local: (job: J) => R,
  options: StageOptions & Omit<RunOptions<J>, 'onProgress'> & { threshold: number },
): Promise<R[]> {
  const { workers, onProgress, batchSize, threshold, context, prepare } = options;
  if (!workers) {
    prepare?.(jobs);
    return Promise.resolve(jobs.map(local));
  }
  const pool = workers.get(jobs.length, threshold);
  const shared = context !== undefined && pool.size > 0;
  if (shared) workers.beforeSharing();
  return pool.run(kind, jobs, local, {
    batchSize,
    ...(onProgress ? { onProgress } : {}),
    ...(shared ? { context } : {}),
    ...(prepare ? { prepare } : {}),
  });
}
