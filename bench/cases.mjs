/**
 * What each benchmark case runs, and the untimed preparation around each timed run.
 *
 *   floor      node bench/floor.mjs posts — read + gray-matter every post, nothing else
 *   cold       feedwright build with no cache and no previous output
 *   rebuild    feedwright build with no cache over the output the last build left: what a
 *              publisher runs after a config change, a feedwright upgrade or `npm ci` in a checkout
 *              that keeps its dist/ (Hugo: a build with no caches over its public/)
 *   warm       feedwright build again, nothing changed (cache and output present)
 *   touch-one  feedwright build after a sentence was appended to one recent post
 *   add-one    feedwright build after one new (newest) post was added
 *   checkout-one  add-one after a git checkout that wrote every post file anew, as CI's checkout
 *              leaves them before a publish (with the cache and output restored)
 *
 * Every feedwright build runs with cwd = the corpus folder, so its cache lives in
 * <corpus>/node_modules/.cache/feedwright and its output in <corpus>/dist. With `--against`, a
 * second session runs the other commit's CLI from <corpus>/.against/ (its own cache and output)
 * on the same posts, and each run times both, in alternating order.
 */
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureNode } from './measure.mjs';
import { addPost, checkoutPost, touchPost } from './mutate.mjs';
import { discard, trashOf } from './trash.mjs';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FEEDWRIGHT_BIN = path.join(REPO_ROOT, 'bin', 'feedwright.js');
const FLOOR_SCRIPT = path.join(REPO_ROOT, 'bench', 'floor.mjs');
export const CASE_NAMES = /** @type {const} */ ([
  'floor',
  'cold',
  'rebuild',
  'warm',
  'touch-one',
  'add-one',
  'checkout-one',
]);

/** @typedef {typeof CASE_NAMES[number]} CaseName */
/** @typedef {import('./corpus.mjs').CorpusInfo} CorpusInfo */
/** @typedef {import('./measure.mjs').Measurement} Measurement */
/** @typedef {import('./mutate.mjs').AppliedMutation} AppliedMutation */

/**
 * One timed run, as kept in the results.
 * @typedef {object} Sample
 * @property {number} wallS
 * @property {number|null} cpuS
 * @property {number|null} [sysS]         of which system CPU seconds
 * @property {number|null} peakRssMiB
 * @property {string} rssSource
 * @property {number|null} postsRead     as reported by the process
 * @property {number|null} published
 * @property {number|null} written       feed files written (the rest were unchanged)
 * @property {string} [edited]           post touched or added, posts-relative
 * @property {number} load1              1-minute load average when the run started
 * @property {string} [unfinished]       why the build did not finish (Hugo stopped at the bench's
 *                                       limits): its wall time is then a lower bound
 */

export class BenchError extends Error {}

/** Runs processes against one corpus and tracks whether the build state matches it. */
export class Session {
  /**
   * @param {CorpusInfo} corpus
   * @param {{bin: string, resync: boolean, log: (line: string) => void, workDir?: string}} options
   *   bin: the feedwright.js to run (a snapshot of the repository's, see snapshot.mjs);
   *   workDir: where it runs, keeping its cache and output (default: the corpus folder)
   */
  constructor(corpus, options) {
    this.corpus = corpus;
    this.options = options;
    this.workDir = options.workDir ?? corpus.dir;
    this.outDir = path.join(this.workDir, 'dist');
    this.cacheDir = path.join(this.workDir, 'node_modules', '.cache', 'feedwright');
    /** True when the last build ran against the corpus as it is now (cache/output in sync). */
    this.synced = false;
  }

  /**
   * Moves the cache, the output and any half-written output folders beside it to the corpus's
   * trash, deleted when the bench is done (trash.mjs says why).
   */
  async clean() {
    const trash = trashOf(this.corpus.dir);
    await discard(this.cacheDir, trash);
    await discard(this.outDir, trash);
    await mkdir(this.workDir, { recursive: true });
    for (const name of await readdir(this.workDir)) {
      if (/^\.dist\.(tmp|old)-/.test(name)) await discard(path.join(this.workDir, name), trash);
    }
  }

  /** Moves the cache alone to the trash: the next build renders everything, over the output. */
  async forgetCache() {
    await discard(this.cacheDir, trashOf(this.corpus.dir));
  }

  /**
   * One feedwright build; throws with its stderr unless it exits 0 having read `expectedPosts`.
   * @param {string} label
   * @param {number} expectedPosts
   * @param {string[]} [nodeArgs]
   * @returns {Promise<Sample>}
   */
  async build(label, expectedPosts, nodeArgs = []) {
    // A case that starts from a synced state (touch-one, add-one) may be the first in its folder.
    await mkdir(this.workDir, { recursive: true });
    const m = await measureNode({
      script: this.options.bin,
      args: [
        'build',
        '--posts',
        path.relative(this.workDir, this.corpus.postsDir) || '.',
        '--out',
        'dist',
        '--config',
        path.relative(this.workDir, path.join(this.corpus.dir, 'feedwright.config.json')),
      ],
      nodeArgs,
      cwd: this.workDir,
    });
    check(label, m);
    const report = /(\d+) posts read, (\d+) published.*?(\d+) written/.exec(m.stdout);
    const sample = toSample(m, report ? Number(report[1]) : null);
    if (report) {
      sample.published = Number(report[2]);
      sample.written = Number(report[3]);
    }
    expectPosts(label, sample, expectedPosts, m);
    return sample;
  }

  /**
   * The floor script over this corpus.
   * @returns {Promise<Sample>}
   */
  async floor() {
    const m = await measureNode({
      script: FLOOR_SCRIPT,
      args: [this.corpus.postsDir],
      cwd: this.corpus.dir,
    });
    check('floor', m);
    const report = /floor: (\d+) posts/.exec(m.stdout);
    const sample = toSample(m, report ? Number(report[1]) : null);
    expectPosts('floor', sample, this.corpus.n, m);
    return sample;
  }

  /** An untimed build that brings cache and output in line with the corpus. */
  async sync() {
    if (this.synced) return;
    this.options.log('  (untimed build to bring cache and output up to date)');
    await this.build('sync build', this.corpus.n);
    this.synced = true;
  }
}

/**
 * A build tool under test: this checkout's or another commit's CLI (`Session`), or Hugo.
 * @typedef {Session | import('./hugo.mjs').HugoSession} Runner
 */

/**
 * How each case prepares, runs and cleans up one timed run. `setup` runs once before the
 * first run of the case; `run` is what gets timed (plus untimed work around it), once per session
 * (this checkout's CLI, and with `--against` the other commit's), in an order that alternates
 * from run to run. The floor is the machine's, not a CLI's: it runs once.
 * @type {Record<CaseName, {setup?: (s: Runner[]) => Promise<void>, run: (s: Runner[], i: number) => Promise<Sample[]>}>}
 */
export const CASES = {
  floor: {
    // One untimed run first, so every case reads the corpus from a warm page cache.
    setup: async ([s]) => {
      await /** @type {Session} */ (s).floor();
    },
    run: async ([s]) => [await /** @type {Session} */ (s).floor()],
  },
  cold: { run: afterForgetting('cold build', (s) => s.clean()) },
  rebuild: { setup: syncAll, run: afterForgetting('rebuild', (s) => s.forgetCache()) },
  warm: {
    setup: syncAll,
    run: (sessions, i) => each(sessions, i, (s) => s.build('warm build', s.corpus.n)),
  },
  'touch-one': {
    setup: syncAll,
    run: async (sessions, i) => {
      const s = /** @type {Session} */ (sessions[0]);
      // A different recent post each run (one the site feed shows), so its feeds must change.
      const index = s.corpus.n - 1 - 3 * i;
      const edit = await touchPost(
        s.corpus,
        index,
        `Editor’s note: this story was updated with new information (bench run ${i + 1}).`,
      );
      return afterEdit(sessions, i, edit, (t) => t.build('touch-one build', t.corpus.n));
    },
  },
  'add-one': afterNewPost('add-one', addPost),
  'checkout-one': afterNewPost('checkout-one', checkoutPost),
};

/**
 * A case that times the build after one new post, which `edit` adds (and undoes): post N + i on
 * run i, so each run adds a post the last did not.
 * @param {string} name
 * @param {(corpus: import('./corpus.mjs').CorpusInfo, k: number) => Promise<AppliedMutation>} edit
 */
function afterNewPost(name, edit) {
  return {
    setup: syncAll,
    /** @param {Runner[]} sessions @param {number} i */
    run: async (sessions, i) => {
      const s = /** @type {Session} */ (sessions[0]);
      const applied = await edit(s.corpus, i);
      return afterEdit(sessions, i, applied, (t) => t.build(`${name} build`, t.corpus.n + 1));
    },
  };
}

/**
 * A case's run that times a build of every session after `forget` took from it what the build
 * would otherwise start from (its cache, its output): the build leaves it in sync again.
 * @param {string} label
 * @param {(s: Runner) => Promise<void>} forget
 * @returns {(sessions: Runner[], i: number) => Promise<Sample[]>}
 */
function afterForgetting(label, forget) {
  return (sessions, i) =>
    each(sessions, i, async (s) => {
      await forget(s);
      const sample = await s.build(label, s.corpus.n);
      s.synced = true;
      return sample;
    });
}

/** @param {Runner[]} sessions */
async function syncAll(sessions) {
  for (const s of sessions) await s.sync();
}

/**
 * Runs `fn` for every session, in turn, starting with the first on even runs and the last on odd
 * ones (so a drift in the machine's speed does not favour either); samples in session order.
 * @param {Runner[]} sessions
 * @param {number} i
 * @param {(s: Runner) => Promise<Sample>} fn
 * @returns {Promise<Sample[]>}
 */
async function each(sessions, i, fn) {
  const order = i % 2 === 0 ? sessions : [...sessions].reverse();
  const samples = new Map();
  for (const s of order) samples.set(s, await fn(s));
  return sessions.map((s) => /** @type {Sample} */ (samples.get(s)));
}

/**
 * Times `build` of every session against an edited corpus, then undoes the edit and (with
 * resync) rebuilds untimed so the next run starts from the same state as this one.
 * @param {Runner[]} sessions
 * @param {number} i
 * @param {AppliedMutation} edit
 * @param {(s: Runner) => Promise<Sample>} build
 */
async function afterEdit(sessions, i, edit, build) {
  for (const s of sessions) s.synced = false;
  let samples;
  try {
    samples = await each(sessions, i, build);
  } finally {
    await edit.undo();
  }
  for (const [k, s] of sessions.entries()) {
    const sample = /** @type {Sample} */ (samples[k]);
    sample.edited = path.relative(s.corpus.postsDir, edit.file).split(path.sep).join('/');
    if (s.options.resync) await s.sync();
  }
  return samples;
}

/**
 * @param {string} label
 * @param {Measurement} m
 */
function check(label, m) {
  if (m.code !== 0) {
    throw new BenchError(
      `${label} failed (exit ${m.code ?? m.signal}):\n${m.stderr.trim() || m.stdout.trim()}`,
    );
  }
}

/**
 * @param {string} label
 * @param {Sample} sample
 * @param {number} expected
 * @param {Measurement} m
 */
function expectPosts(label, sample, expected, m) {
  if (sample.postsRead !== null && sample.postsRead !== expected) {
    throw new BenchError(
      `${label} read ${sample.postsRead} posts, expected ${expected}:\n${m.stdout}${m.stderr}`,
    );
  }
}

/**
 * @param {Measurement} m
 * @param {number|null} postsRead
 * @returns {Sample}
 */
export function toSample(m, postsRead) {
  return {
    load1: m.load1,
    wallS: m.wallS,
    cpuS: m.cpuS,
    sysS: m.sysS,
    peakRssMiB: m.peakRssMiB,
    rssSource: m.rssSource,
    postsRead,
    published: null,
    written: null,
  };
}
