/**
 * What `feedwright migrate` pins in each post so that readers of the site's old feeds see no
 * story again: the items of the old feeds matched to the posts as the new build publishes them
 * (by id, then link, then exact title), and for each post the old id, the old address (as an
 * alias, which gets a redirect page) and the old date where they differ.
 */
import { aliasPath, brokenContinuity, type SiteContext } from '../continuity/broken.js';
import { frontMatterDate } from '../continuity/front-matter-date.js';
import { FEED_KEYS, matchItems } from '../continuity/match-items.js';
import type { ContinuityItem, ManifestSnapshot } from '../continuity/snapshot.js';
import { compareCodePoints } from '../text.js';

/** The front-matter values that keep one post as readers know it. */
export interface Pin {
  id?: string;
  /** Site paths to add to `aliases:`. */
  aliases: string[];
  /** The date as front matter writes it, in the site's zone. */
  date?: string;
}

export interface MigrationPlan {
  /** By post file (relative to the posts folder), in code-point order. */
  pins: Map<string, Pin>;
  /** Old items no post could be matched to. */
  unmatched: ContinuityItem[];
  /** Old addresses no alias can answer (not under the site URL): the post keeps the new one. */
  unreachable: { source: string; url: string }[];
}

/** The pins that make the new build continue every old feed in `previous`. */
export function planMigration(
  previous: readonly { items: readonly ContinuityItem[] }[],
  current: ManifestSnapshot,
  site: SiteContext,
): MigrationPlan {
  const pins = new Map<string, Pin>();
  const unreachable: MigrationPlan['unreachable'] = [];
  const unmatched: ContinuityItem[] = [];
  const seen = new Set<string>();
  for (const feed of previous) {
    const fresh = feed.items.filter((item) => !seen.has(item.id) && seen.add(item.id));
    const matching = matchItems(fresh, current.items, FEED_KEYS);
    unmatched.push(...matching.gone);
    for (const broken of brokenContinuity({ ...matching, gone: [] }, [], site)) {
      const pin = pins.get(broken.source) ?? { aliases: [] };
      pins.set(broken.source, pin);
      if (broken.field === 'id') pin.id ??= broken.old;
      if (broken.field === 'date') pin.date ??= frontMatterDate(broken.old, site.timeZone);
      if (broken.field === 'link') {
        const alias = aliasPath(broken.old, site.siteUrl);
        if (alias && !pin.aliases.includes(alias)) pin.aliases.push(alias);
        else if (!alias) unreachable.push({ source: broken.source, url: broken.old });
      }
    }
  }
  const sorted = [...pins].sort(([a], [b]) => compareCodePoints(a, b));
  return { pins: new Map(sorted), unmatched, unreachable };
}
