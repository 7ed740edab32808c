import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileJob, HeadRead } from '../../../src/model.js';
import { FRUGAL_HEAP_POSTS } from '../../../src/pipeline/heap-growth.js';
import { readHead } from '../../../src/pipeline/read-heads.js';
import { makePageFolders } from '../../../src/pipeline/stage-outputs.js';
import {
  MAX_IN_FLIGHT,
  PARALLEL_THRESHOLD,
  Pace,
  runBounds,
  takeInRuns,
  WorkerPool,
  Workers,
} from '../../../src/pipeline/worker-pool.js';
import { siteConfig } from '../../helpers/model.js';
import { REPO } from '../../helpers/site.js';

type PoolModule = typeof import('../../../src/pipeline/worker-pool.js');

const config = siteConfig();
let dir: string;
let jobs: FileJob[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'feedwright-pool-'));
  jobs = [];
  for (let i = 0; i < 9; i++) {
    const name = `p${i}.md`;
    const front =
      i === 4
        ? '---\ntitle: Broken\n---\n'
        : `---\ntitle: Post ${i}\ndate: 2026-01-0${i + 1}\ncategories: [C${i % 2}]\n---\n`;
    await writeFile(path.join(dir, name), `${front}Body ${i}.\n`);
    jobs.push({ file: path.join(dir, name), sourcePath: name, display: `posts/${name}` });
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The compiled pool (lib/), whose worker file exists: it starts real threads. */
const compiled = (): Promise<PoolModule> =>
  import(pathToFileURL(path.join(REPO, 'lib/pipeline/worker-pool.js')).href) as Promise<PoolModule>;

/** The `taken` of a page-folders job, shared with the worker, none taken yet. */
const takenNone = () => new Int32Array(new SharedArrayBuffer(8));

/** `readHead` as this thread's jobs, counting how many it ran. */
function readHeadHere(): { run: (job: FileJob) => HeadRead; ran: number } {
  const counted = {
    ran: 0,
    run: (job: FileJob) => {
      counted.ran++;
      return readHead(job, config);
    },
  };
  return counted;
}

describe('runBounds', () => {
  it('cuts the batches into one run a thread, in order, and is where takeInRuns starts each', () => {
    for (const [count, threads] of [
      [0, 2],
      [1, 2],
      [7, 2],
      [10, 3],
      [5, 8],
    ] as const) {
      const runs = Array.from({ length: threads }, (_, t) => runBounds(count, threads, t));
      expect(runs[0]?.[0]).toBe(0);
      expect(runs.at(-1)?.[1]).toBe(count);
      for (let t = 1; t < threads; t++) expect(runs[t]?.[0]).toBe(runs[t - 1]?.[1]);
      const take = takeInRuns(count, threads);
      runs.forEach(([start, end], t) => {
        if (start === end) return;
        // The last thread (the calling one) works through its run from the end.
        expect(take(t)).toBe(threads > 1 && t === threads - 1 ? end - 1 : start);
      });
    }
  });
});

describe('takeInRuns', () => {
  /** Takes batches for `threads` in turn (thread t taking `speed[t]` a turn) until none is left. */
  function takeAll(count: number, speeds: number[]): number[][] {
    const take = takeInRuns(count, speeds.length);
    const taken: number[][] = speeds.map(() => []);
    for (let done = false; !done; ) {
      done = true;
      speeds.forEach((speed, thread) => {
        for (let k = 0; k < speed; k++) {
          const index = take(thread);
          if (index === -1) return;
          taken[thread]?.push(index);
          done = false;
        }
      });
    }
    return taken;
  }

  it('gives each thread its own run of neighbouring batches when threads keep pace, the last from its end', () => {
    expect(takeAll(9, [1, 1, 1])).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [8, 7, 6],
    ]);
  });

  it('lets a thread done with its run take from the longest run left, at the end its owner reaches last', () => {
    const [slow, fast] = takeAll(10, [1, 3]);
    expect(slow).toEqual([0, 1, 2]);
    expect(fast).toEqual([9, 8, 7, 6, 5, 4, 3]);
    const [quick, last] = takeAll(10, [3, 1]);
    expect(quick).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(last).toEqual([9, 8]);
  });

  it('starts the first thread on the first batch and the last thread on the last', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 0, max: 60 }),
        (threads, more) => {
          const count = threads + more;
          const take = takeInRuns(count, threads);
          const first = Array.from({ length: threads }, (_, thread) => take(thread));
          expect(first[0]).toBe(0);
          expect(first.at(-1)).toBe(count - 1);
        },
      ),
    );
  });

  it('hands out every batch exactly once, for any count and threads', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 }),
        (count, speeds) => {
          const all = takeAll(count, speeds).flat();
          expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i));
        },
      ),
    );
  });
});

describe('Pace', () => {
  it("keeps two batches in flight while this thread's jobs are short", () => {
    const pace = new Pace();
    for (let i = 0; i < 10; i++) pace.ran(0.5);
    expect(pace.inFlight(5)).toBe(2);
    expect(pace.inFlight(0)).toBe(2);
  });

  it('keeps enough in flight to cover a long job of this thread, up to a limit', () => {
    const pace = new Pace();
    pace.ran(30);
    expect(pace.inFlight(10)).toBe(4);
    expect(pace.inFlight(1)).toBe(MAX_IN_FLIGHT);
    // Shorter jobs after it: the cover shrinks as the long one is forgotten.
    for (let i = 0; i < 40; i++) pace.ran(1);
    expect(pace.inFlight(10)).toBe(2);
  });

  it('lets the workers through once a few milliseconds of jobs have run', () => {
    const pace = new Pace();
    expect(pace.ran(1)).toBe(false);
    expect(pace.ran(2)).toBe(false);
    expect(pace.ran(1.5)).toBe(true);
    expect(pace.ran(1)).toBe(false);
    expect(pace.ran(10)).toBe(true);
  });
});

describe('WorkerPool', () => {
  it('has no workers when run from the TypeScript sources, whatever it is asked for', async () => {
    for (const threads of [1, 2, 8]) {
      const pool = WorkerPool.start(config, threads);
      expect(pool.size).toBe(0);
      await pool.close();
    }
  });

  it('runs every job locally, once, giving results in job order and progress per batch', async () => {
    const pool = WorkerPool.start(config, 4);
    const called: number[] = [];
    const progress: number[] = [];
    const results = await pool.run(
      'head',
      [1, 2, 3, 4, 5, 6, 7],
      (n: number) => {
        called.push(n);
        return n * 10;
      },
      { batchSize: 3, onProgress: (done) => progress.push(done) },
    );
    expect(results).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(called).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(progress).toEqual([3, 6, 7]);
  });

  it('gives no results and no progress for no jobs', async () => {
    const pool = WorkerPool.start(config, 1);
    const progress: number[] = [];
    const results = await pool.run('body', [], (n: number) => n, {
      batchSize: 8,
      onProgress: (d) => progress.push(d),
    });
    expect(results).toEqual([]);
    expect(progress).toEqual([]);
  });

  it('can be closed twice, and preloading without workers does nothing', async () => {
    const pool = WorkerPool.start(config, 2);
    pool.preload('body');
    await pool.close();
    await expect(pool.close()).resolves.toBeUndefined();
  });

  it('with real threads reads heads exactly as readHead does on this thread, in order', async () => {
    const lib = await compiled();
    const pool = lib.WorkerPool.start(config, 3);
    try {
      expect(pool.size).toBe(2);
      const local = readHeadHere();
      const progress: number[] = [];
      const heads = await pool.run('head', jobs, local.run, {
        batchSize: 1,
        onProgress: (d) => progress.push(d),
      });
      expect(heads).toEqual(jobs.map((job) => readHead(job, config)));
      expect(heads.map((h) => h.ref?.slug)).toEqual([
        'p0',
        'p1',
        'p2',
        'p3',
        undefined,
        'p5',
        'p6',
        'p7',
        'p8',
      ]);
      expect(heads[4]?.diagnostics[0]).toMatchObject({ severity: 'error', field: 'date' });
      // Each worker is handed two batches before this thread takes any.
      expect(local.ran).toBeLessThanOrEqual(jobs.length - 4);
      expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    } finally {
      await pool.close();
    }
    await pool.close();
  });

  it('runs `prepare` on the jobs of its own run before any job, on this thread and with real threads, and stops at its error', async () => {
    const order: string[] = [];
    const local = WorkerPool.start(config, 2);
    await local.run('head', [1, 2], (n: number) => order.push(`job ${n}`), {
      batchSize: 1,
      prepare: (jobs) => order.push(`prepare ${jobs.join(' ')}`),
    });
    expect(order).toEqual(['prepare 1 2', 'job 1', 'job 2']);
    const lib = await compiled();
    const pool = lib.WorkerPool.start(config, 2);
    try {
      // A worker's job reads a file `prepare` writes: it exists before any job starts anywhere.
      const late = path.join(dir, 'late.md');
      const job = { file: late, sourcePath: 'late.md', display: 'posts/late.md' };
      const prepared: unknown[] = [];
      const four = [1, 2, 3, 4].map((n) => ({ ...job, display: `posts/late.md (${n})` }));
      const heads = await pool.run('head', four, (j) => readHead(j, config), {
        batchSize: 1,
        context: 'shared',
        prepare: (mine) => {
          prepared.push(...mine.map((j) => j.display));
          writeFileSync(late, '---\ntitle: Late\ndate: 2026-01-09\n---\nBody.\n');
        },
      });
      expect(heads.map((h) => h.ref?.slug)).toEqual(['late', 'late', 'late', 'late']);
      // This thread's run is the last half of the batches (the worker's, the first).
      expect(prepared).toEqual(['posts/late.md (3)', 'posts/late.md (4)']);
      const ran: number[] = [];
      await expect(
        pool.run('head', [1], (n: number) => ran.push(n), {
          batchSize: 1,
          context: 'shared',
          prepare: () => {
            throw new Error('no folder');
          },
        }),
      ).rejects.toThrow('no folder');
      expect(ran).toEqual([]);
    } finally {
      await pool.close();
    }
  });

  it('with real threads keeps a run of one batch on this thread, ready, rather than hand it to a worker', async () => {
    const lib = await compiled();
    const pool = lib.WorkerPool.start(config, 2);
    try {
      const local = readHeadHere();
      const one = jobs.slice(0, 1);
      const heads = await pool.run('head', one, local.run, { batchSize: 1 });
      expect(local.ran).toBe(1);
      expect(heads).toEqual(one.map((job) => readHead(job, config)));
    } finally {
      await pool.close();
    }
  });

  it('with real threads rejects the run when a job throws in a worker (a bug, not a bad post)', async () => {
    const lib = await compiled();
    const pool = lib.WorkerPool.start(config, 2);
    try {
      // A job no caller makes: the post's path is not a string, so validation itself throws.
      const broken = { file: jobs[0]?.file, sourcePath: 42, display: 'posts/broken.md' };
      await expect(
        // Two: the worker's own run is the first (this thread keeps a lone batch for itself).
        pool.run('head', [broken as never, broken as never], () => 'never here', {
          batchSize: 1,
        }),
      ).rejects.toThrow(TypeError);
    } finally {
      await pool.close();
    }
  });
});

describe('Workers', () => {
  it('replaces a pool that has no workers, so a larger stage may start real ones', () => {
    const workers = new Workers(config, 2);
    const first = workers.get(10, 1000);
    const second = workers.get(10, 1000);
    expect(first.size).toBe(0);
    expect(second).not.toBe(first);
  });

  it('keeps a pool that has workers until it is released', async () => {
    const lib = await compiled();
    const workers = new lib.Workers(config, 2);
    try {
      const first = workers.get(1, 1000);
      expect(first.size).toBe(1);
      expect(workers.get(5000, 1000)).toBe(first);
      workers.preload('body');
    } finally {
      await workers.close();
    }
    await expect(workers.close()).resolves.toBeUndefined();
  });

  it('ends its threads when released, and starts new ones for a later stage that wants them', async () => {
    const lib = await compiled();
    const workers = new lib.Workers(config, 2);
    try {
      const read = (job: FileJob) => readHead(job, config);
      const first = workers.get(1, 1000);
      const ran = await first.run('head', jobs, read, { batchSize: 1 });
      workers.release();
      await expect(first.close()).resolves.toBeUndefined();
      const second = workers.get(1, 1000);
      expect(second).not.toBe(first);
      expect(second.size).toBe(1);
      expect(ran).toEqual(jobs.map(read));
      expect(await second.run('head', jobs, read, { batchSize: 1 })).toEqual(ran);
    } finally {
      await workers.close();
    }
    await expect(workers.close()).resolves.toBeUndefined();
  });

  it('starts threads by the number of jobs when no count is given', async () => {
    const lib = await compiled();
    const small = new lib.Workers(config);
    const big = new lib.Workers(config);
    try {
      expect(small.get(999, 1000).size).toBe(0);
      expect(big.get(1000, 1000).size).toBe(availableParallelism() - 1);
    } finally {
      await small.close();
      await big.close();
    }
  });

  it('starts threads early only when enough files are to be read, and keeps them', async () => {
    const lib = await compiled();
    const none = new lib.Workers(config).warm({ files: 0, whole: false });
    const few = new lib.Workers(config).warm({ files: PARALLEL_THRESHOLD - 1, whole: true });
    const cold = new lib.Workers(config).warm({ files: PARALLEL_THRESHOLD, whole: true });
    const checkout = new lib.Workers(config).warm({ files: PARALLEL_THRESHOLD, whole: false });
    try {
      // Nothing to read (one post touched, say): no pool yet, so a stage starts one for its own jobs.
      expect(none.get(1, PARALLEL_THRESHOLD).size).toBe(0);
      expect(few.get(1, 1).size).toBe(availableParallelism() - 1);
      for (const early of [cold, checkout]) {
        const pool = early.get(1, PARALLEL_THRESHOLD);
        expect(pool.size).toBe(availableParallelism() - 1);
        expect(early.get(1, PARALLEL_THRESHOLD)).toBe(pool);
      }
    } finally {
      await Promise.all([none.close(), few.close(), cold.close(), checkout.close()]);
    }
  });

  it('starts the workers of a large cold build with a smaller young generation, and others with V8’s own', async () => {
    const lib = await compiled();
    const given: unknown[] = [];
    const start = lib.WorkerPool.start;
    lib.WorkerPool.start = (...args: Parameters<typeof start>) => {
      given.push(args[2]);
      return start.apply(lib.WorkerPool, args);
    };
    const started: Workers[] = [];
    try {
      started.push(new lib.Workers(config).warm({ files: FRUGAL_HEAP_POSTS, whole: true }));
      started.push(new lib.Workers(config).warm({ files: FRUGAL_HEAP_POSTS, whole: false }));
      started.push(new lib.Workers(config).warm({ files: FRUGAL_HEAP_POSTS - 1, whole: true }));
      expect(given).toEqual([{ maxYoungGenerationSizeMb: 16 }, undefined, undefined]);
      expect(lib.FRUGAL_WORKER).toEqual({ maxYoungGenerationSizeMb: 16 });
    } finally {
      lib.WorkerPool.start = start;
      await Promise.all(started.map((workers) => workers.close()));
    }
  });

  it('waits for its threads to end when released in a large cold build only', async () => {
    const lib = await compiled();
    const watched = (workers: Workers) => {
      const pool = workers.get(1, 1);
      expect(pool.size).toBe(availableParallelism() - 1);
      const state = { ended: false };
      const close = pool.close.bind(pool);
      pool.close = async () => {
        await close();
        state.ended = true;
      };
      return state;
    };
    const cold = new lib.Workers(config).warm({ files: FRUGAL_HEAP_POSTS, whole: true });
    const checkout = new lib.Workers(config).warm({ files: FRUGAL_HEAP_POSTS, whole: false });
    try {
      const [coldEnd, checkoutEnd] = [watched(cold), watched(checkout)];
      await cold.release();
      expect(coldEnd.ended).toBe(true);
      await checkout.release();
      expect(checkoutEnd.ended).toBe(false); // its threads end while the build goes on
      await checkout.close();
      expect(checkoutEnd.ended).toBe(true);
    } finally {
      await Promise.all([cold.close(), checkout.close()]);
    }
  });

  it("compacts this thread's heap before a run's context goes to workers, in a large cold build only", async () => {
    expect(new Workers(config).beforeSharing()).toBe(false);
    const checkout = new Workers(config).warm({ files: FRUGAL_HEAP_POSTS, whole: false });
    const cold = new Workers(config).warm({ files: FRUGAL_HEAP_POSTS, whole: true });
    try {
      expect(checkout.beforeSharing()).toBe(false);
      expect(cold.beforeSharing()).toBe(true);
    } finally {
      await Promise.all([checkout.close(), cold.close()]);
    }
    // Asked by `runJobs` only when the context is sent: to a real worker, with one.
    const lib = await compiled();
    const asked: number[] = [];
    const run = async (threads: number, context?: string) => {
      const workers = new lib.Workers(config, threads);
      workers.beforeSharing = () => asked.push(threads) > 0;
      const read = (job: FileJob) => readHead(job, config);
      const options = { workers, batchSize: 1, threshold: 1 };
      try {
        return await lib.runJobs('head', jobs, read, context ? { ...options, context } : options);
      } finally {
        await workers.close();
      }
    };
    const heads = await run(2);
    expect(asked).toEqual([]);
    expect(await run(2, 'shared')).toEqual(heads);
    expect(await run(1, 'shared')).toEqual(heads);
    expect(asked).toEqual([2]);
  });

  it('can be closed and preloaded before any pool was started', async () => {
    const workers = new Workers(config);
    workers.preload('head');
    await workers.close();
    await expect(workers.close()).resolves.toBeUndefined();
  });
});

describe('aside', () => {
  it('is false at once without workers, and a pool with none runs nothing', async () => {
    const made = path.join(dir, 'aside-none');
    const job = { stage: made, folders: ['a'], taken: takenNone() };
    expect(await WorkerPool.start(config, 1).aside('folders', [job])).toBe(false);
    expect(await new Workers(config, 1).aside('folders', [job])).toBe(false);
    expect(new Workers(config, 1).running).toBe(false);
    expect(existsSync(path.join(made, 'a'))).toBe(false);
  });

  it('with real threads runs the jobs on a worker while this thread goes on, and a run waits for it', async () => {
    const lib = await compiled();
    const pool = lib.WorkerPool.start(config, 2);
    try {
      const stage = path.join(dir, 'aside-stage');
      mkdirSync(stage);
      const folders = Array.from({ length: 300 }, (_, i) => `y${i % 3}/p${i}`);
      const aside = pool.aside('folders', [{ stage, folders, taken: takenNone() }]);
      // The run starts only once the worker is done with what it had aside: its replies come first.
      const heads = await pool.run('head', jobs, (job) => readHead(job, config), { batchSize: 1 });
      expect(heads).toEqual(jobs.map((job) => readHead(job, config)));
      expect(await aside).toBe(true);
      expect(readdirSync(path.join(stage, 'y1')).length).toBe(100);
    } finally {
      await pool.close();
    }
  });

  it('with real threads makes page folders from both ends at once, every one of them', async () => {
    const lib = await compiled();
    const pool = lib.WorkerPool.start(config, 2);
    try {
      const stage = path.join(dir, 'aside-both-ends');
      mkdirSync(stage);
      const folders = Array.from(
        { length: 6000 },
        (_, i) => `y${i % 7}/p${String(i).padStart(4, '0')}`,
      ).sort();
      const job = { stage, folders, taken: takenNone() };
      const aside = pool.aside('folders', [job]);
      // This thread, as a build's once it is ready to write, from the other end meanwhile.
      makePageFolders(job, 'last');
      expect(await aside).toBe(true);
      const made = ['y0', 'y1', 'y2', 'y3', 'y4', 'y5', 'y6'].flatMap((year) =>
        readdirSync(path.join(stage, year)).map((p) => `${year}/${p}`),
      );
      expect(made.sort()).toEqual(folders);
      // The worker's takes are seen here: one memory for both threads, not a copy each.
      const [first = 0, last = 0] = job.taken;
      expect(first).toBeGreaterThan(0);
      // Each folder taken once, but for the one where they met (taken by both) and each end's
      // last take, where it stopped.
      expect(first + last).toBeGreaterThanOrEqual(folders.length);
      expect(first + last).toBeLessThanOrEqual(folders.length + 3);
    } finally {
      await pool.close();
    }
  });

  it('with real threads is false when the worker ends first', async () => {
    const lib = await compiled();
    const workers = new lib.Workers(config, 2);
    workers.get(10, 1);
    expect(workers.running).toBe(true);
    const stage = path.join(dir, 'aside-ended');
    mkdirSync(stage);
    const folders = Array.from({ length: 20000 }, (_, i) => `p${i}`);
    const aside = workers.aside('folders', [{ stage, folders, taken: takenNone() }]);
    await workers.close();
    expect(await aside).toBe(false);
    expect(workers.running).toBe(false);
  });
});
