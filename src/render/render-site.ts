import type { KeptFile, OutputFile, SiteDocument } from '../model.js';
import { renderFeed } from './feeds/render-feeds.js';
import { itemKey, keyOf, lazyKey, type OutputPlan, pagePlans } from './pages/render-pages.js';

export type { OutputPlan } from './pages/render-pages.js';

/** What of the last output may be carried over unchanged (see `Incremental.reuse`). */
export interface SiteReuse {
  /** The digests of an output's files as last written, when its key is the one it had then. */
  kept: (paths: readonly string[], key: string) => string[] | undefined;
}

export interface RenderedSite {
  /** Every feed document in its three formats, then every page; carried-over ones by digest. */
  files: (OutputFile | KeptFile)[];
  /** Every output's key, by its first path, for the next build's reuse. */
  keys: Record<string, string>;
}

/**
 * Every output of the site, keyed, in order: the subscription documents and the archives (each
 * in RSS, Atom and JSON Feed), then the pages. Nothing is rendered until asked, so the keys (and
 * which posts' HTML the changed outputs need) are known before any body is rendered.
 */
export function siteOutputs(site: SiteDocument): OutputPlan[] {
  const feeds = [...site.feeds, ...site.archives].map((doc) => ({
    paths: [doc.paths.rss, doc.paths.atom, doc.paths.json],
    needs: doc.excerpts ? [] : doc.items.map((item) => item.source),
    render: () => renderFeed(doc),
    ...lazyKey(() => {
      const { items, ...about } = doc;
      return keyOf([JSON.stringify(about), ...items.map(itemKey)]);
    }),
  }));
  return [...feeds, ...pagePlans(site)];
}

/**
 * Every file the site is made of: carried over by digest when unchanged, else rendered. `keys`
 * taken already (from the same site, keyed before its bodies were at hand) are not taken again.
 */
export function renderSite(
  site: SiteDocument,
  reuse?: SiteReuse,
  keys: Record<string, string> = {},
): RenderedSite {
  const files: (OutputFile | KeptFile)[] = [];
  const taken: Record<string, string> = {};
  const pending = new Set(
    site.listings[0]?.items.filter((item) => item.pending).map((item) => item.source),
  );
  for (const output of siteOutputs(site)) {
    const first = output.paths[0] as string;
    const key = keys[first] ?? output.key;
    taken[first] = key;
    const kept = reuse?.kept(output.paths, key);
    if (kept) files.push(...output.paths.map((path, i) => ({ path, keep: kept[i] as string })));
    else files.push(...renderWhole(output, pending));
  }
  return { files, keys: taken };
}

/** Renders an output, refusing (a bug) when a body it shows is not at hand. */
function renderWhole(output: OutputPlan, pending: ReadonlySet<string>): OutputFile[] {
  const missing = output.needs.find((source) => pending.has(source));
  if (missing) throw new Error(`${output.paths[0]}: the body of ${missing} was not rendered`);
  return output.render();
}
