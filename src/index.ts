/**
 * The public API: `build`, the stage functions `build` itself runs (to call on their own), the
 * model types, and the error type. Everything else is internal.
 */

export { deriveSummary, renderBody } from './bodies/render-body.js';
export {
  type BuildOptions,
  type BuildProgress,
  type BuildResult,
  type BuildStats,
  build,
} from './build.js';
export {
  type CheckOptions,
  type CheckReport,
  checkFeeds,
  type Finding,
} from './check/check-feeds.js';
export { formatCheckJson, formatCheckText } from './check/format-report.js';
export {
  type FeedFormat,
  type ImageRole,
  PROFILE_NAMES,
  PROFILES,
  type Profile,
  profileNamed,
  type Rule,
  type RuleCheck,
  type Severity,
} from './check/profiles.js';
export { loadConfig, parseConfigText, resolveConfig } from './config/load-config.js';
export { type UserConfig, validateConfig } from './config/validate-config.js';
export type { BrokenContinuity, SiteContext } from './continuity/broken.js';
export {
  type ContinuityReport,
  type DiffContext,
  diffSnapshots,
  type FeedChanges,
  type ReportItem,
} from './continuity/diff.js';
export { formatReportJson, formatReportText } from './continuity/format-report.js';
export { readCurrent, readPrevious } from './continuity/read-snapshots.js';
export type { ContinuityItem, Snapshot } from './continuity/snapshot.js';
export {
  categoryLimits,
  MAX_CATEGORIES_PER_POST,
  MAX_SITE_CATEGORIES,
  MAX_SITE_TAGS,
} from './derive/category-limits.js';
export { findCollisions } from './derive/collisions.js';
export { continuityRecords } from './derive/continuity-records.js';
export { fitFeeds } from './derive/feed-budget.js';
export { feedDocuments, feedSummary, siteDocument } from './derive/feed-documents.js';
export {
  type FeedPlan,
  planFeeds,
  planSite,
  postsInFeeds,
  type SitePlan,
} from './derive/plan-feeds.js';
export { comparePosts, type SelectOptions, selectPublished } from './derive/select.js';
export { siteWideProblems } from './derive/site-wide-problems.js';
export { type Diagnostic, FeedwrightError, formatDiagnostic } from './diagnostics.js';
export { contentKeyOf } from './hash.js';
export { discoverAssets } from './load/discover-assets.js';
export { discoverPosts } from './load/discover-posts.js';
export { type ImagePost, readImageFiles } from './load/image-files.js';
export { MANIFEST_FILE, type Manifest, readManifest } from './manifest.js';
export type * from './model.js';
export { readHead, readHeads } from './pipeline/read-heads.js';
export { renderBodies, renderPostFile } from './pipeline/render-bodies.js';
export { Workers } from './pipeline/worker-pool.js';
export { type WriteSiteOptions, writeSite } from './pipeline/write-site.js';
export { type PingOptions, type PingResult, pingHubs } from './publish/ping.js';
export { renderAtom, renderRss } from './render/feeds/feed-adapter.js';
export { type JsonFeed, renderJsonFeed, toJsonFeed } from './render/feeds/json-feed.js';
export { feedBytes, renderFeed, renderFeeds } from './render/feeds/render-feeds.js';
export { renderSitePages } from './render/pages/render-pages.js';
export {
  type OutputPlan,
  type RenderedSite,
  renderSite,
  siteOutputs,
} from './render/render-site.js';
export { validatePost } from './validate/validate-post.js';
export { publicCopies } from './write/public-copies.js';
export { verifyJsonFeed, verifyXml } from './write/verify-output.js';
export { writeOutput } from './write/write-output.js';
