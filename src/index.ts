export { type BuildOptions, type BuildResult, build } from './build.js';
export { loadConfig, parseConfigText } from './config/load-config.js';
export { defineConfig, type UserConfig, validateConfig } from './config/validate-config.js';
export {
  feedDocuments,
  findCollisions,
  planFeeds,
  postsInFeeds,
  selectPublished,
} from './derive/derive-feeds.js';
export { deriveFeeds, deriveSummary, renderBody } from './derive/render-body.js';
export { type Diagnostic, FeedwrightError, formatDiagnostic } from './diagnostics.js';
export { loadPosts } from './load/load-posts.js';
export { parsePost } from './load/parse-post.js';
export type * from './model.js';
export { type PingOptions, type PingResult, pingHubs } from './publish/ping.js';
export { renderAtom, renderRss } from './render/feed-adapter.js';
export { renderContentHtml } from './render/html-content.js';
export { renderSitePages } from './render/html-pages.js';
export { type JsonFeed, renderJsonFeed, toJsonFeed } from './render/json-feed.js';
export { renderFeeds } from './render/render-feeds.js';
export { validatePost } from './validate/validate-post.js';
export { verifyJsonFeed, verifyXml } from './write/verify-output.js';
export { writeOutput } from './write/write-output.js';
