/**
 * The modules of the stages a build that has something to do runs, loaded once, when first asked:
 * planning, documents, YAML, Markdown, sanitizing, XML. An up-to-date build loads none of them;
 * after a checkout they load while git looks at the posts.
 */
export const stages = (): ReturnType<typeof load> => (loading ??= load());

let loading: ReturnType<typeof load> | undefined;

const load = async () => ({
  ...(await import('../derive/plan-feeds.js')),
  ...(await import('../derive/site-wide-problems.js')),
  ...(await import('../derive/feed-documents.js')),
  ...(await import('../derive/continuity-records.js')),
  ...(await import('./read-heads.js')),
  ...(await import('./render-bodies.js')),
  ...(await import('../load/image-files.js')),
  ...(await import('../render/render-site.js')),
  ...(await import('../render/feeds/render-feeds.js')),
  ...(await import('../derive/feed-budget.js')),
  ...(await import('../write/public-copies.js')),
  ...(await import('./write-site.js')),
});
