/**
 * The build, top-down: config → discover → up to date? → read heads → select/plan → bodies → docs
 * → render → write → record. One stage's function a step; `Incremental` decides what may skip.
 */
import { resolveConfig } from './config/load-config.js';
import { Incremental, type StoryJob } from './incremental/incremental.js';
import { type Asset, discoverAssets } from './load/discover-assets.js';
import { discoverPosts } from './load/discover-posts.js';
import type { SiteConfig, SiteDocument } from './model.js';
import { type BuildOptions, type BuildResult, BuildRun } from './pipeline/build-run.js';
import { Workers } from './pipeline/worker-pool.js';

export type { BuildOptions, BuildProgress, BuildResult, BuildStats } from './pipeline/build-run.js';

// Planning, documents, YAML, Markdown, sanitizing, XML: an up-to-date build loads none of them.
const stages = async () => ({
  ...(await import('./derive/plan-feeds.js')),
  ...(await import('./derive/site-wide-problems.js')),
  ...(await import('./derive/feed-documents.js')),
  ...(await import('./derive/continuity-records.js')),
  ...(await import('./pipeline/read-heads.js')),
  ...(await import('./pipeline/render-bodies.js')),
  ...(await import('./load/image-files.js')),
  ...(await import('./render/render-site.js')),
  ...(await import('./render/feeds/render-feeds.js')),
  ...(await import('./derive/feed-budget.js')),
  ...(await import('./write/public-copies.js')),
  ...(await import('./pipeline/write-site.js')),
});

/** Builds the site. Throws `FeedwrightError` listing every problem: the output is then as it was. */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const run = new BuildRun(options);
  return buildWith(run, options).catch((error: unknown) => Promise.reject(run.failure(error)));
}

async function buildWith(run: BuildRun, options: BuildOptions): Promise<BuildResult> {
  const { config, diagnostics } = await resolveConfig(options, run.cwd);
  run.report(diagnostics);
  const ahead = Incremental.readAhead(run.cacheScope()); // read while the posts are found
  const posts = run.found(discoverPosts(run.postsDir, run.postsArg, config.conventions));
  const assets = run.publicDir ? discoverAssets(run.publicDir) : [];
  run.lap('discover');
  const scope = { ...run.cacheScope(), config, assets: run.inputs(assets), ahead };
  const cache = await Incremental.open(scope);
  run.opened(config, posts.files.length, cache);
  run.lap('cache-load');

  const last = await cache.upToDate(posts.files, run.now, run.lookAhead(cache.outputStamps, true));
  if (last) {
    await run.passed('read', last.diagnostics);
    return run.unchanged(last, last.record.published);
  }
  const workers = new Workers(config, options.threads).warm(cache.toRead(posts.files));
  try {
    return await buildChanges(run, config, { files: posts.files, assets, cache, workers });
  } finally {
    await Promise.all([workers.close(), run.close()]);
  }
}

type Inputs = { files: string[]; assets: Asset[]; cache: Incremental; workers: Workers };

async function buildChanges(run: BuildRun, config: SiteConfig, inputs: Inputs) {
  const { files, assets, cache, workers } = inputs;
  const { readHeads, renderBodies, ...st } = await stages();
  const trim = (doc: SiteDocument) => st.fitFeeds(doc, config.maxFeedBytes, st.feedBytes);
  const read = await cache.heads(files, (stale, bodies) =>
    readHeads(run.headJobs(stale, bodies), config, run.threads(workers, 'read', stale.length)),
  );
  const refs = run.heads(read);
  await run.check(cache.collisions(() => st.siteWideProblems(refs, run.named, config)));

  const plan = st.planSite(refs, config, { now: run.now, ...run.selection });
  run.lap('plan');
  const same = await cache.unchanged(plan);
  if (same) {
    await run.check(same.diagnostics);
    await cache.save();
    run.lap('render');
    return run.unchanged(same, plan.published.length);
  }
  run.aheadOfWrite(cache.outputStamps, plan.hosted, workers); // on other threads, meanwhile
  // Every published (or withdrawn) post's story, then the bodies that changed outputs show.
  const render = (stale: StoryJob[]) =>
    renderBodies(run.bodyJobs(stale), config, run.threads(workers, 'render', stale.length));
  const stories = await cache.readStories(plan.hosted, render);
  const imaged = () => run.imagePosts(plan.hosted, stories.of); // a list not kept: made when read
  const leads = st.readImageFiles(imaged(), assets, config.url, cache.measured(st.measureImage));
  await run.check([...stories.diagnostics, ...leads.diagnostics]);
  const documentOf = () => st.siteDocument(plan, config, stories.view, leads.images);
  const reuse = await cache.reuse();
  const keyedSite = documentOf();
  const known = cache.itemKeys(st.itemContextKey(plan, config, leads.images));
  const keyed = st.siteOutputs(st.withKnownKeys(keyedSite, known), cache.pageKeys);
  const content = await cache.contentFor(keyed, reuse, render);
  await run.passed('render-bodies', content.diagnostics);
  const { site, diagnostics: cut } = trim(content.more ? documentOf() : keyedSite);
  const output = st.renderSite(site, reuse, site === keyedSite ? undefined : st.outputKeys(keyed));
  const published = run.withBundles(leads.assets, plan.hosted, config);
  const { copies, diagnostics: clash } = st.publicCopies(published, output.files, run.publicArg);
  await run.passed('render', [...cut, ...clash]);
  const summaries = site.feeds.map(st.feedSummary);
  const record = st.continuityRecords(site, plan.nextDue);
  const target = { ...run.writeTarget(cache.outputStamps, workers), record };
  const afresh = async (changed: ReadonlySet<string>) => {
    const again = st.keepingNone(reuse, changed);
    const { more } = await cache.contentFor(keyed, again, render);
    return st.renderSite(more ? trim(documentOf()).site : site, again, st.outputKeys(keyed));
  };
  const written = run.write ? await st.writeSite(output, afresh, copies, target) : undefined;
  const warnings = [...leads.diagnostics, ...cut];
  if (written) cache.record(written.result, { ...written.site, plan, summaries, warnings });
  run.lap('write');
  await run.saveCache(() => cache.save(plan));
  run.lap('cache-save');
  const final = (written?.site ?? output).files;
  return run.built({ plan, feeds: summaries }, stories.rendered, final, written?.result);
}
