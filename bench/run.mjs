/**
 * feedwright benchmark — issues "Fast at newsroom-archive scale" and "Faster than Hugo on every
 * build a publisher actually runs".
 *
 * HOW TO RUN
 *   npm run bench                                   compile, then all sizes and cases
 *   node bench/run.mjs --sizes 1000,10000 --runs 3  after `npm run compile`
 *   node bench/run.mjs --cases floor,cold           only some cases
 *   node bench/run.mjs --no-resync                  see touch-one / add-one below
 *   node bench/run.mjs --against 185ae87            the same cases for another commit too, paired
 *   node bench/run.mjs --no-hugo                    without the Hugo rows
 *   node bench/profile.mjs --n 10000                CPU profile of one cold build
 *
 * Options: --sizes (default 1000,10000,100000), --runs (default 5 below 100k, 3 at 100k),
 * --seed (default 1), --cases (default all), --no-snapshot, --out (default
 * bench/results/latest.json), --against (a git commit: see PAIRED below), --hugo-max-rss-gib and
 * --hugo-timeout (see HUGO).
 *
 * WHAT IT DOES
 * For each N it generates (first time only; cached in os.tmpdir()/feedwright-bench/<N>-<seed>/)
 * a deterministic newsroom archive of N posts — corpus.mjs — and times each case as a separate
 * `node` process, several runs each — cases.mjs, measure.mjs:
 *   floor      bench/floor.mjs: read every post and parse its front matter with gray-matter
 *   cold       feedwright build with no cache (node_modules/.cache/feedwright) and no dist/ (the
 *              last ones are moved to <corpus>/.trash/, deleted when the run ends: creating files
 *              right after deleting as many is several times slower here — trash.mjs)
 *   rebuild    feedwright build with no cache over the output the last build left (a config
 *              change, an upgrade, `npm ci` in a checkout that keeps dist/): every output is
 *              rendered again, and the files found unchanged are left in place
 *   warm       the same build again, nothing changed
 *   touch-one  after a sentence was appended to one recent post (a different one each run)
 *   add-one    after one new post (the newest) was added
 *   checkout-one  add-one after a git checkout that wrote every post file anew (CI publishing
 *              with its cache and output restored; the corpus's posts are committed once)
 * The edit of touch-one/add-one is undone after each run, followed by an untimed build so the
 * next run starts from the same state (--no-resync skips that build). Builds run the compiled
 * CLI from a snapshot of bin/ + lib/ (snapshot.mjs) so a recompile mid-run changes nothing.
 * Any build that exits non-zero, or reads the wrong number of posts, stops the run.
 *
 * HOW TO READ THE OUTPUT (the table, and the same in bench/results/latest.json)
 *   median s / spread   wall time of the whole process (node start-up included), median and
 *                       min–max over the runs. JSON: medianS, minS, maxS, samples[].wallS.
 *   posts/s             N / median s.
 *   cpu s               median user+system CPU of the process, all threads. cpu s > median s
 *                       means it used more than one core.
 *   sys s               of which system (kernel) CPU, median: making files and folders,
 *                       faulting in memory. It rises when the file system is slow to make files
 *                       (trash.mjs). JSON: sysS, samples[].sysS.
 *   peak RSS MB         highest peak resident set size over the runs, in MiB (2^20 bytes),
 *                       from getrusage in the process itself (worker threads included).
 *   ×floor              median s / the floor's median s at the same N: the number the issue's
 *                       targets are written in. JSON: vsFloor.
 *   ×hugo               median s / Hugo's median s for the same case at the same N (see HUGO).
 *                       JSON: vsHugo.
 *   target / ok         the issue's targets (a page for every post): cold ≤ 0.5× Hugo at 1k and
 *                       10k, ≤ 0.25× at 100k; touch-one and add-one ≤ 0.1× Hugo (10k and up);
 *                       warm ≤ 0.25 s at 1k and ≤ 0.1× floor at 100k; peak RSS ≤ 1 GB (1024 MiB)
 *                       at 100k. JSON: target, rssTarget, meetsTargets (null: no target).
 *
 * HUGO (on by default when `hugo` is on the PATH — Debian: apt-get install -y hugo; --no-hugo skips)
 * The same corpus is laid out for Hugo (hugo.mjs: <corpus>/.hugo/, content/posts mounted from the
 * corpus, templates that build what feedwright builds: the site's, every category's and every
 * author's RSS, Atom and JSON feeds, a page per post, paginated listings) and every case also times `hugo`, in the
 * same alternating order, on the same edits. Its rows are `<case> @hugo`, and the paired table
 * gives every case's ratio to Hugo (this / hugo; below 1 is faster). Hugo has no incremental
 * one-shot build: its warm, touch-one and add-one are full builds, which is what a publisher's CI
 * runs.
 * A Hugo build is stopped once its resident memory passes --hugo-max-rss-gib (default: the
 * machine's memory less 3 GiB; at 100,000 posts Hugo outgrows a 24 GiB machine and would leave
 * every process swapping or killed) or it has run --hugo-timeout seconds (default 3600). Its
 * sample is then `unfinished` (JSON: samples[].unfinished, the row's `unfinished`): its time is
 * a lower bound, printed `>`, and a ratio to it an upper bound, printed `<` (a target is met when
 * the bound meets it, unknown otherwise). Hugo's later builds of that size are not run.
 *
 * PAIRED (--against <commit>)
 * The commit is built in a temporary worktree and its CLI runs every case beside this one's, on
 * the same corpus with its own cache and output (<corpus>/.against/): each run times both, in an
 * order that alternates from run to run, and a touch-one/add-one run times both on the same
 * edit. Its rows are named `<case> @<commit>`; the last table gives, per case, both medians, their
 * ratio, and the median of the per-run ratios (the paired figure: drift cancels out).
 * The JSON also records the machine (cores = os.availableParallelism(), CPU, load average
 * before each size — the numbers are only comparable on an otherwise idle machine), the
 * corpus statistics, and which code ran (git commit, dirty flag, hash of bin/ + lib/).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BenchError, CASE_NAMES, CASES, FEEDWRIGHT_BIN, REPO_ROOT, Session } from './cases.mjs';
import { DEFAULT_SEED, ensureCorpus, GENERATOR_VERSION } from './corpus.mjs';
import { HugoSession, hugoVersion } from './hugo.mjs';
import { repairCorpus } from './mutate.mjs';
import { formatPaired, formatTable, summarise, withTargets, writeJson } from './report.mjs';
import { snapshotCli, snapshotCommit } from './snapshot.mjs';
import { emptyTrash, trashOf } from './trash.mjs';

/** @typedef {import('./cases.mjs').CaseName} CaseName */
/** @typedef {import('./report.mjs').Row} Row */

const log = (/** @type {string} */ line) => process.stderr.write(`${line}\n`);

function options() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,10000,100000' },
      runs: { type: 'string' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      cases: { type: 'string', default: CASE_NAMES.join(',') },
      'no-resync': { type: 'boolean', default: false },
      'no-snapshot': { type: 'boolean', default: false },
      out: { type: 'string', default: path.join(REPO_ROOT, 'bench', 'results', 'latest.json') },
      against: { type: 'string' },
      'no-hugo': { type: 'boolean', default: false },
      'hugo-max-rss-gib': { type: 'string' },
      'hugo-timeout': { type: 'string', default: '3600' },
    },
  });
  const sizes = values.sizes.split(',').map((s) => Number(s.replace(/_/g, '')));
  const cases = /** @type {CaseName[]} */ (values.cases.split(','));
  for (const name of cases) {
    if (!CASE_NAMES.includes(name)) throw new BenchError(`unknown case "${name}"`);
  }
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new BenchError('bad --sizes');
  const runs = values.runs === undefined ? undefined : Number(values.runs);
  const maxRssGiB = Number(values['hugo-max-rss-gib'] ?? os.totalmem() / 2 ** 30 - 3);
  const timeoutS = Number(values['hugo-timeout']);
  if (!(maxRssGiB > 0) || !(timeoutS > 0))
    throw new BenchError('bad --hugo-max-rss-gib or --hugo-timeout');
  return {
    sizes,
    cases: CASE_NAMES.filter((name) => cases.includes(name)),
    runsFor: (/** @type {number} */ n) => runs ?? (n >= 100_000 ? 3 : 5),
    seed: Number(values.seed),
    resync: !values['no-resync'],
    snapshot: !values['no-snapshot'],
    out: path.resolve(values.out),
    against: values.against,
    hugo: !values['no-hugo'],
    hugoLimits: { maxRssMiB: Math.round(maxRssGiB * 1024), timeoutS },
  };
}

function machine() {
  const cpus = os.cpus();
  return {
    cores: os.availableParallelism(),
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    totalMemGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${process.platform} ${process.arch}`,
    node: process.version,
  };
}

function codeVersion() {
  const git = (/** @type {string[]} */ args) => {
    try {
      return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  };
  const status = git(['status', '--porcelain', '--', 'src', 'bin', 'package.json']);
  return {
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: status === null ? null : !!status,
  };
}

async function main() {
  const opts = options();
  if (!existsSync(path.join(REPO_ROOT, 'lib', 'cli.js'))) {
    throw new BenchError('lib/ is missing: run `npm run compile` first (or use `npm run bench`)');
  }
  const code = codeVersion(); // when the snapshot is taken, not when the run ends
  const cli = opts.snapshot
    ? await snapshotCli(REPO_ROOT)
    : { bin: FEEDWRIGHT_BIN, root: REPO_ROOT, libHash: null };
  const against = opts.against ? await snapshotCommit(REPO_ROOT, opts.against) : undefined;
  const m = machine();
  const hugo = opts.hugo ? hugoVersion() : null;
  if (opts.hugo && !hugo) log('hugo is not on the PATH (apt-get install -y hugo): no Hugo rows');
  const header =
    `feedwright bench — ${m.cores} cores (os.availableParallelism), Node ${m.node}, ` +
    `${m.cpu}, ${m.totalMemGiB} GiB, ${m.platform}; corpus seed ${opts.seed}, generator v${GENERATOR_VERSION}` +
    (hugo ? `; ${hugo.split(' ').slice(0, 2).join(' ')}` : '');
  log(header);
  /** The session after this checkout's: its label in row names. */
  const labels = [...(against ? [opts.against] : []), ...(hugo ? ['hugo'] : [])];

  /** @type {Row[]} */
  const rows = [];
  /** @type {Record<string, unknown>[]} */
  const corpora = [];
  try {
    for (const n of opts.sizes) {
      const corpus = await ensureCorpus({ n, seed: opts.seed, log });
      const repaired = await repairCorpus(corpus);
      if (repaired)
        log(`  repaired an interrupted ${repaired.kind} edit (post #${repaired.index})`);
      corpora.push({
        n,
        dir: corpus.dir,
        loadAverageBefore: os.loadavg().map((v) => Number(v.toFixed(2))),
        ...corpus.stats,
      });
      /** @type {(Session|HugoSession)[]} */
      const sessions = [new Session(corpus, { bin: cli.bin, resync: opts.resync, log })];
      if (against) {
        const workDir = path.join(corpus.dir, '.against');
        sessions.push(new Session(corpus, { bin: against.bin, resync: opts.resync, log, workDir }));
      }
      if (hugo)
        sessions.push(
          new HugoSession(corpus, { resync: opts.resync, log, limit: 50, limits: opts.hugoLimits }),
        );
      const runs = opts.runsFor(n);
      /** @type {number|null} */
      let floorMedian = null;
      for (const name of opts.cases) {
        const def = CASES[name];
        log(`N=${n} ${name}:`);
        await def.setup?.(sessions);
        /** @type {import('./cases.mjs').Sample[][]} */
        const samples = sessions.map(() => []);
        for (let i = 0; i < runs; i++) {
          const results = await def.run(sessions, i);
          results.forEach((sample, k) => {
            samples[k]?.push(sample);
            log(
              `  run ${i + 1}/${runs}${k > 0 ? ` @${labels[k - 1]}` : ''}: ` +
                `${sample.unfinished ? '>' : ''}${sample.wallS.toFixed(3)} s, ` +
                `${sample.peakRssMiB?.toFixed(0) ?? '?'} MB peak RSS` +
                (sample.written === null ? '' : `, ${sample.written} feed files written`) +
                (sample.unfinished ? ` (${sample.unfinished})` : ''),
            );
          });
        }
        const row = summarise(n, name, samples[0] ?? [], floorMedian);
        if (name === 'floor') floorMedian = row.medianS;
        rows.push(row);
        labels.forEach((label, k) => {
          const more = samples[k + 1];
          if (!more?.length) return;
          rows.push({
            ...summarise(n, name, more, floorMedian),
            case: /** @type {any} */ (`${name} @${label}`),
            rssTarget: null,
            meetsTargets: null,
          });
        });
      }
    }
  } catch (error) {
    if (rows.length > 0) log(`\nresults so far:\n${formatTable(header, withTargets(rows))}\n`);
    throw error;
  } finally {
    await emptyTrash(
      corpora.map((c) => trashOf(/** @type {string} */ (c.dir))),
      log,
    );
  }

  const results = withTargets(rows);
  console.log(formatTable(header, results));
  for (const label of labels) console.log(`\n${formatPaired(results, label)}`);
  await writeJson(opts.out, {
    schema: 1,
    createdAt: new Date().toISOString(),
    machine: m,
    feedwright: { ...code, libHash: cli.libHash, bin: cli.bin },
    ...(against ? { against: { commit: opts.against, libHash: against.libHash } } : {}),
    ...(hugo ? { hugo } : {}),
    options: {
      sizes: opts.sizes,
      runs: Object.fromEntries(opts.sizes.map((n) => [n, opts.runsFor(n)])),
      seed: opts.seed,
      generator: GENERATOR_VERSION,
      resync: opts.resync,
      ...(hugo ? { hugoLimits: opts.hugoLimits } : {}),
    },
    corpora,
    results,
  });
  log(`\nwrote ${path.relative(process.cwd(), opts.out) || opts.out}`);
}

try {
  await main();
} catch (error) {
  if (!(error instanceof BenchError)) throw error;
  console.error(`bench: ${error.message}`);
  process.exitCode = 1;
}
