/**
 * CPU-profiles one feedwright build over the benchmark corpus and summarises where the time goes:
 * a cold build (no cache, no output) by default, or with --case the build after one post was
 * touched or added, or added after a checkout gave every post file a new mtime (run on a cache
 * and output brought up to date first, untimed; the edit is undone afterwards).
 *
 *   npm run compile && node bench/profile.mjs [--n 10000]
 *                                             [--case cold|touch-one|add-one|checkout-one]
 *                                             [--seed 1] [--top 25] [--bin FILE] [--heap]
 *
 * --heap profiles memory instead of time: what the main thread allocated that outlived its young
 * generation (bench/heap-sampling.mjs), by function and module — what a large build's peak is
 * made of, since its old generation is collected rarely. Saved as bench/results/
 * profile-<n>[-<case>]-heap.txt.
 *
 * --bin runs a given feedwright.js, e.g. the snapshot a benchmark run used (its path is in
 * bench/results/latest.json as feedwright.bin), so the profile matches the table. Without it, the
 * CLI runs lib/ unbundled (see scripts/bundle.mjs), so the summary names each module: the bundle
 * changes only how long the modules take to load.
 *
 * The raw .cpuprofile files (one per thread; open them in Chrome DevTools › Performance) stay in
 * os.tmpdir()/feedwright-bench/profiles/; the summary is printed and saved as
 * bench/results/profile-<n>.txt.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { REPO_ROOT, Session } from './cases.mjs';
import { DEFAULT_SEED, ensureCorpus } from './corpus.mjs';
import { summariseProfile } from './cpuprofile-summary.mjs';
import { summariseHeapProfile } from './heapprofile-summary.mjs';
import { addPost, checkoutPost, repairCorpus, touchPost } from './mutate.mjs';
import { snapshotCli } from './snapshot.mjs';
import { emptyTrash, trashOf } from './trash.mjs';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '10000' },
    case: { type: 'string', default: 'cold' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    top: { type: 'string', default: '25' },
    bin: { type: 'string' },
    heap: { type: 'boolean', default: false },
  },
});
const n = Number(values.n);
const kind = /** @type {string} */ (values.case);
if (!['cold', 'touch-one', 'add-one', 'checkout-one'].includes(kind)) {
  throw new Error(`--case must be cold, touch-one, add-one or checkout-one, not ${kind}`);
}
const log = (/** @type {string} */ line) => process.stderr.write(`${line}\n`);

const corpus = await ensureCorpus({ n, seed: Number(values.seed), log });
await repairCorpus(corpus);
// --bin reuses a snapshot a benchmark ran (results: feedwright.bin), to profile the same code.
const cli = values.bin
  ? { bin: path.resolve(values.bin), libHash: path.basename(path.resolve(values.bin, '../..')) }
  : await snapshotCli(REPO_ROOT, undefined, { bundled: false });
const profileDir = path.join(
  os.tmpdir(),
  'feedwright-bench',
  'profiles',
  `${kind}-${n}-${Date.now()}`,
);
await mkdir(profileDir, { recursive: true });

const session = new Session(corpus, { bin: cli.bin, resync: false, log });
await session.clean();
/** @type {import('./mutate.mjs').AppliedMutation | undefined} */
let edit;
if (kind !== 'cold') {
  await session.sync();
  edit =
    kind === 'touch-one'
      ? await touchPost(corpus, n - 1, 'Editor’s note: this story was updated (profile run).')
      : await (kind === 'add-one' ? addPost : checkoutPost)(corpus, 0);
}
const heap = values.heap === true;
log(`profiling ${heap ? 'the memory of ' : ''}a ${kind} build of ${n} posts …`);
if (heap) process.env.FEEDWRIGHT_HEAP_PROFILE_DIR = profileDir;
const sampling = path.join(REPO_ROOT, 'bench', 'heap-sampling.mjs');
const sample = await session
  .build(
    `profiled ${kind} build`,
    kind === 'add-one' || kind === 'checkout-one' ? n + 1 : n,
    heap
      ? ['--import', pathToFileURL(sampling).href]
      : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
  )
  .finally(() => edit?.undo());
await session.clean();
await emptyTrash([trashOf(corpus.dir)], log);

const extension = heap ? '.heapprofile' : '.cpuprofile';
const files = (await readdir(profileDir)).filter((f) => f.endsWith(extension)).sort();
const parts = [
  `${kind} build, N=${n}: ${sample.wallS.toFixed(2)} s wall, ${sample.cpuS?.toFixed(2)} s CPU ` +
    `(${sample.sysS?.toFixed(2)} s system), ` +
    `${sample.peakRssMiB?.toFixed(0)} MB peak RSS (profiler on, so slower than unprofiled)`,
  ...(heap ? ['bytes: what the main thread allocated that outlived its young generation'] : []),
  `code: ${cli.bin} (hash of bin/ + lib/: ${cli.libHash})`,
  `profiles: ${profileDir}`,
  '',
];
for (const file of files) {
  const profile = JSON.parse(await readFile(path.join(profileDir, file), 'utf8'));
  const summarise = heap ? summariseHeapProfile : summariseProfile;
  parts.push(summarise(profile, { top: Number(values.top), title: file }), '');
}
const text = parts.join('\n');
console.log(text);
const out = path.join(
  REPO_ROOT,
  'bench',
  'results',
  `profile-${n}${kind === 'cold' ? '' : `-${kind}`}${heap ? '-heap' : ''}.txt`,
);
await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, text);
log(`wrote ${path.relative(process.cwd(), out)}`);
if (files.length === 0) await rm(profileDir, { recursive: true, force: true });
