/**
 * What each benchmark case runs, and the untimed preparation around each timed run.
 *
 *   floor      node bench/floor.mjs posts — read + gray-matter every post, nothing else
 *   cold       feedwright build with no cache and no previous output
 *   warm       feedwright build again, nothing changed (cache and output present)
 *   touch-one  feedwright build after a sentence was appended to one recent post
 *   add-one    feedwright build after one new (newest) post was added
 *
 * Every feedwright build runs with cwd = the corpus folder, so its cache lives in
 * <corpus>/node_modules/.cache/feedwright and its output in <corpus>/dist.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureNode } from './measure.mjs';
import { addPost, touchPost } from './mutate.mjs';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FEEDWRIGHT_BIN = path.join(REPO_ROOT, 'bin', 'feedwright.js');
const FLOOR_SCRIPT = path.join(REPO_ROOT, 'bench', 'floor.mjs');
export const CASE_NAMES = /** @type {const} */ (['floor', 'cold', 'warm', 'touch-one', 'add-one']);

/** @typedef {typeof CASE_NAMES[number]} CaseName */
/** @typedef {import('./corpus.mjs').CorpusInfo} CorpusInfo */
/** @typedef {import('./measure.mjs').Measurement} Measurement */
/** @typedef {import('./mutate.mjs').AppliedMutation} AppliedMutation */

/**
 * One timed run, as kept in the results.
 * @typedef {object} Sample
 * @property {number} wallS
 * @property {number|null} cpuS
 * @property {number|null} peakRssMiB
 * @property {string} rssSource
 * @property {number|null} postsRead     as reported by the process
 * @property {number|null} published
 * @property {number|null} written       feed files written (the rest were unchanged)
 * @property {string} [edited]           post touched or added, posts-relative
 * @property {number} load1              1-minute load average when the run started
 */

export class BenchError extends Error {}

/** Runs processes against one corpus and tracks whether the build state matches it. */
export class Session {
  /**
   * @param {CorpusInfo} corpus
   * @param {{bin: string, resync: boolean, log: (line: string) => void}} options
   *   bin: the feedwright.js to run (a snapshot of the repository's, see snapshot.mjs)
   */
  constructor(corpus, options) {
    this.corpus = corpus;
    this.options = options;
    this.outDir = path.join(corpus.dir, 'dist');
    this.cacheDir = path.join(corpus.dir, 'node_modules', '.cache', 'feedwright');
    /** True when the last build ran against the corpus as it is now (cache/output in sync). */
    this.synced = false;
  }

  /** Deletes the cache, the output and any half-written output folders beside it. */
  async clean() {
    await rm(this.cacheDir, { recursive: true, force: true });
    await rm(this.outDir, { recursive: true, force: true });
    for (const name of await readdir(this.corpus.dir)) {
      if (/^\.dist\.(tmp|old)-/.test(name)) {
        await rm(path.join(this.corpus.dir, name), { recursive: true, force: true });
      }
    }
  }

  /**
   * One feedwright build; throws with its stderr unless it exits 0 having read `expectedPosts`.
   * @param {string} label
   * @param {number} expectedPosts
   * @param {string[]} [nodeArgs]
   * @returns {Promise<Sample>}
   */
  async build(label, expectedPosts, nodeArgs = []) {
    const m = await measureNode({
      script: this.options.bin,
      args: ['build', '--posts', 'posts', '--out', 'dist', '--config', 'feedwright.config.json'],
      nodeArgs,
      cwd: this.corpus.dir,
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
 * How each case prepares, runs and cleans up one timed run. `setup` runs once before the
 * first run of the case; `run` is what gets timed (plus untimed work around it).
 * @type {Record<CaseName, {setup?: (s: Session) => Promise<void>, run: (s: Session, i: number) => Promise<Sample>}>}
 */
export const CASES = {
  floor: {
    // One untimed run first, so every case reads the corpus from a warm page cache.
    setup: async (s) => {
      await s.floor();
    },
    run: (s) => s.floor(),
  },
  cold: {
    run: async (s) => {
      await s.clean();
      const sample = await s.build('cold build', s.corpus.n);
      s.synced = true;
      return sample;
    },
  },
  warm: {
    setup: (s) => s.sync(),
    run: (s) => s.build('warm build', s.corpus.n),
  },
  'touch-one': {
    setup: (s) => s.sync(),
    run: async (s, i) => {
      // A different recent post each run (one the site feed shows), so its feeds must change.
      const index = s.corpus.n - 1 - 3 * i;
      const edit = await touchPost(
        s.corpus,
        index,
        `Editor’s note: this story was updated with new information (bench run ${i + 1}).`,
      );
      return afterEdit(s, edit, () => s.build('touch-one build', s.corpus.n));
    },
  },
  'add-one': {
    setup: (s) => s.sync(),
    run: async (s, i) => {
      const edit = await addPost(s.corpus, i);
      return afterEdit(s, edit, () => s.build('add-one build', s.corpus.n + 1));
    },
  },
};

/**
 * Times `build` against an edited corpus, then undoes the edit and (with resync) rebuilds
 * untimed so the next run starts from the same state as this one.
 * @param {Session} s
 * @param {AppliedMutation} edit
 * @param {() => Promise<Sample>} build
 */
async function afterEdit(s, edit, build) {
  s.synced = false;
  let sample;
  try {
    sample = await build();
  } finally {
    await edit.undo();
  }
  sample.edited = path.relative(s.corpus.postsDir, edit.file).split(path.sep).join('/');
  if (s.options.resync) await s.sync();
  return sample;
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
function toSample(m, postsRead) {
  return {
    load1: m.load1,
    wallS: m.wallS,
    cpuS: m.cpuS,
    peakRssMiB: m.peakRssMiB,
    rssSource: m.rssSource,
    postsRead,
    published: null,
    written: null,
  };
}
