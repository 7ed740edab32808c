/**
 * The build, top-down: config → discover → up to date? → read heads → select/plan → bodies →
 * documents → render → write → record. Each step is one stage's function; `Incremental` only
 * decides which inputs a stage may skip.
 */
import { resolveConfig } from './config/load-config.js';
import { findCollisions } from './derive/collisions.js';
import { feedDocuments, feedSummary, siteDocument } from './derive/feed-documents.js';
import { planSite } from './derive/plan-feeds.js';
import { Incremental } from './incremental/incremental.js';
import { type Asset, discoverAssets } from './load/discover-assets.js';
import { discoverPosts } from './load/discover-posts.js';
import type { SiteConfig } from './model.js';
import { type BuildOptions, type BuildResult, BuildRun } from './pipeline/build-run.js';
import { Workers } from './pipeline/worker-pool.js';

export type { BuildOptions, BuildProgress, BuildResult, BuildStats } from './pipeline/build-run.js';

// Reading, rendering and writing pull in large libraries (YAML, Markdown, HTML sanitizing, XML):
// a build that finds its output up to date never loads them.
const stages = async () => ({
  ...(await import('./pipeline/read-heads.js')),
  ...(await import('./pipeline/render-bodies.js')),
  ...(await import('./render/render-site.js')),
  ...(await import('./write/public-copies.js')),
  ...(await import('./pipeline/write-site.js')),
});

/** Builds the site. Throws `FeedwrightError` listing every problem, and then writes nothing. */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const run = new BuildRun(options);
  const { config, diagnostics } = await resolveConfig(options, run.cwd);
  run.report(diagnostics);
  const posts = discoverPosts(run.postsDir, run.postsArg);
  run.report(posts.warnings);
  const assets = run.publicDir ? discoverAssets(run.publicDir) : [];
  run.lap('discover');
  const cache = await Incremental.open({ ...run.cacheScope(), config, assets });
  run.opened(config, posts.files.length, cache);
  run.lap('cache-load');

  const last = await cache.upToDate(posts.files, run.now);
  if (last) {
    await run.check(last.diagnostics);
    run.lap('read');
    return run.unchanged(last.record, last.record.published);
  }
  const workers = new Workers(config, options.threads);
  try {
    return await buildChanges(run, config, { files: posts.files, assets, cache, workers });
  } finally {
    await workers.close();
  }
}

type Inputs = { files: string[]; assets: Asset[]; cache: Incremental; workers: Workers };

async function buildChanges(run: BuildRun, config: SiteConfig, inputs: Inputs) {
  const { files, assets, cache, workers } = inputs;
  const { readHeads, renderBodies, renderSite, publicCopies, writeSite } = await stages();
  const threads = (stage: 'read' | 'render', n: number) => ({
    workers,
    onProgress: run.progress(stage, n),
  });
  const read = await cache.heads(files, (stale) =>
    readHeads(run.headJobs(stale), config, threads('read', stale.length)),
  );
  run.read(read.read);
  run.lap('read');
  for (const head of read.heads) run.report(head.diagnostics);
  const refs = read.heads.flatMap((head) => (head.ref ? [head.ref] : []));
  await run.check(
    cache.collisions(() => findCollisions(refs, (ref) => run.display(ref.sourcePath))),
  );

  const plan = planSite(refs, config, { now: run.now, ...run.selection });
  run.lap('plan');
  const same = await cache.unchanged(plan);
  if (same) {
    await run.check(same.diagnostics);
    await cache.save();
    run.lap('render');
    return run.unchanged(same, plan.published.length);
  }

  const bodies = await cache.bodies(plan.selected, (stale) =>
    renderBodies(run.bodyJobs(stale), config, threads('render', stale.length)),
  );
  run.lap('render-bodies');
  await run.check(bodies.diagnostics);

  const feeds = feedDocuments(plan, config, bodies.of);
  const site = siteDocument(config, feeds);
  const output = renderSite(site, await cache.reuse(plan, feeds, bodies.entries));
  const { copies, diagnostics: clashes } = publicCopies(assets, output.files, run.publicArg);
  await run.check(clashes);
  run.lap('render');

  const target = run.writeTarget(cache.outputStamps);
  const rerender = () => renderSite(site);
  const written = run.write ? await writeSite(output, rerender, copies, target) : undefined;
  const summaries = feeds.map(feedSummary);
  const pageKeys = (written?.site ?? output).pageKeys;
  if (written) cache.record(written.result, { plan, summaries, pageKeys, bodies });
  run.lap('write');
  await cache.save(plan.selected);
  run.lap('cache-save');
  const built = { published: plan.published.length, feeds: summaries, rendered: bodies.rendered };
  return run.built(built, (written?.site ?? output).files, written?.result);
}
