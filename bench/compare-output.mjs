/**
 * Byte-identical output check between two versions of feedwright — for refactors that must not
 * change a single byte of what subscribers get.
 *
 *   npm run compile && node bench/compare-output.mjs --against <git-ref> [--sizes 1000,10000]
 *
 * Builds the `--against` commit in a temporary git worktree (its own `tsc`, this checkout's
 * node_modules), then builds, with both versions and no cache, the repository's own posts and
 * the benchmark corpus (bench/corpus.mjs) at each size, and compares the two output folders file
 * by file (every byte, the manifest included). A second, cached build with each version must give
 * the same bytes again. Exits 1 and lists the differing files when anything differs.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './cases.mjs';
import { DEFAULT_SEED, ensureCorpus } from './corpus.mjs';
import { snapshotCli, snapshotCommit } from './snapshot.mjs';

const log = (/** @type {string} */ line) => process.stderr.write(`${line}\n`);

/** Every file under `dir` (dotfiles included) with the sha256 of its bytes. */
async function hashTree(/** @type {string} */ dir) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  }
  return out;
}

/** Two builds (cold, then cached) of `site` into a fresh folder; the output of each. */
async function buildTwice(
  /** @type {string} */ bin,
  /** @type {{dir: string, posts: string, config: string}} */ site,
) {
  const work = await mkdtemp(path.join(os.tmpdir(), 'feedwright-compare-'));
  const out = path.join(work, 'dist');
  const run = () =>
    execFileSync(
      process.execPath,
      [bin, 'build', '--posts', site.posts, '--config', site.config, '--out', out, '--quiet'],
      {
        cwd: site.dir,
        env: { ...process.env, CI: 'true' },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  // The cache goes into the site's node_modules/.cache: start and end without one.
  const siteCache = path.join(site.dir, 'node_modules', '.cache', 'feedwright');
  await rm(siteCache, { recursive: true, force: true });
  run();
  const cold = await hashTree(out);
  run();
  const warm = await hashTree(out);
  await rm(siteCache, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
  return { cold, warm };
}

function differences(
  /** @type {Record<string,string>} */ a,
  /** @type {Record<string,string>} */ b,
) {
  const paths = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return paths.filter((p) => a[p] !== b[p]);
}

async function main() {
  const { values } = parseArgs({
    options: {
      against: { type: 'string' },
      sizes: { type: 'string', default: '1000,10000' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
    },
  });
  if (!values.against) throw new Error('pass --against <git-ref>: the version to compare with');
  if (!existsSync(path.join(REPO_ROOT, 'lib', 'cli.js')))
    throw new Error('run `npm run compile` first');
  const current = await snapshotCli(REPO_ROOT);
  const baseline = await snapshotCommit(REPO_ROOT, values.against);
  log(`comparing ${current.libHash} (this checkout) with ${baseline.libHash} (${values.against})`);

  const sites = [
    { name: 'repository posts', dir: REPO_ROOT, posts: 'posts', config: 'feedwright.config.json' },
  ];
  for (const n of values.sizes.split(',').map(Number)) {
    const corpus = await ensureCorpus({ n, seed: Number(values.seed), log });
    sites.push({
      name: `bench corpus N=${n}`,
      dir: corpus.dir,
      posts: 'posts',
      config: 'feedwright.config.json',
    });
  }
  let failed = false;
  for (const site of sites) {
    const a = await buildTwice(baseline.bin, site);
    const b = await buildTwice(current.bin, site);
    const diff = [
      ...new Set([
        ...differences(a.cold, b.cold),
        ...differences(a.warm, b.warm),
        ...differences(b.cold, b.warm),
      ]),
    ];
    const files = Object.keys(b.cold).length;
    if (diff.length === 0)
      log(`${site.name}: ${files} files, byte-identical (cold and cached builds)`);
    else {
      failed = true;
      log(`${site.name}: ${diff.length} of ${files} files differ: ${diff.slice(0, 10).join(', ')}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
