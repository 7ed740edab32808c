import type { ManifestFeed, ManifestItem } from '../manifest.js';
import type { SiteDocument } from '../model.js';

/**
 * What readers are shown, for the manifest: every published item (newest first) and each
 * subscription feed's items, and when the next scheduled post comes due. The next build (and
 * `feedwright diff`) compares its own with these to tell what readers will be notified of.
 */
export function continuityRecords(
  site: SiteDocument,
  nextDue: number,
): {
  nextDue?: string;
  feeds: Record<string, ManifestFeed>;
  items: ManifestItem[];
  withdrawn?: string[];
} {
  const aliases = new Map<string, string[]>();
  for (const redirect of site.redirects) {
    aliases.set(redirect.to.id, [...(aliases.get(redirect.to.id) ?? []), redirect.from]);
  }
  const items = site.items.map((item): ManifestItem => {
    const { id, url, source, title, contentKey: hash } = item;
    const published = item.published.toISOString();
    // Made whole, in the manifest's order of fields, not spread into (a copy an item: 100,000 of
    // them in a build after one change).
    const record: ManifestItem =
      item.modified.getTime() === item.published.getTime()
        ? { id, url, source, title, published, hash }
        : { id, url, source, title, published, updated: item.modified.toISOString(), hash };
    const from = aliases.size === 0 ? undefined : aliases.get(id);
    if (from) record.aliases = from;
    return record;
  });
  const feeds = Object.fromEntries(
    site.feeds.map((doc) => [
      doc.paths.rss,
      { title: doc.title, items: doc.items.map((i) => i.id) },
    ]),
  );
  return {
    ...(Number.isFinite(nextDue) ? { nextDue: new Date(nextDue).toISOString() } : {}),
    feeds,
    items,
    ...(site.withdrawn.length > 0 ? { withdrawn: site.withdrawn.map((item) => item.id) } : {}),
  };
}
