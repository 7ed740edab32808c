/**
 * Broken continuity: what makes readers show a story again, or lose it — a post readers saw now
 * has another id, link or date, or is no longer published while its file is still there. Each
 * problem comes with the exact front-matter change that mends it.
 */
import { compareCodePoints } from '../text.js';
import { itemPagePath, resolveSitePath } from '../urls.js';
import { frontMatterDate } from './front-matter-date.js';
import { type ItemPair, type Matching, sameUrlKey } from './match-items.js';
import type { ContinuityItem } from './snapshot.js';

export interface BrokenContinuity {
  /** The post file, relative to the posts folder. */
  source: string;
  field: 'id' | 'link' | 'date' | 'published';
  old: string;
  /** null when the post is no longer published. */
  new: string | null;
  /** The change to its front matter that keeps readers' copies right. */
  fix: string;
}

export interface SiteContext {
  /** The site URL, ending in `/`: aliases are paths below it. */
  siteUrl: string;
  /** The site time zone, for dates to write back into front matter. */
  timeZone: string;
}

const FIELD_ORDER: BrokenContinuity['field'][] = ['id', 'link', 'date', 'published'];

/**
 * Every broken-continuity problem, by post file then field. `postFiles` are the post files that
 * exist now (relative to the posts folder): an item gone while its file is there is a problem.
 */
export function brokenContinuity(
  matching: Matching,
  postFiles: Iterable<string>,
  site: SiteContext,
): BrokenContinuity[] {
  const files = new Set(postFiles);
  const broken = [
    ...matching.pairs.flatMap((pair) => pairProblems(pair, site)),
    ...matching.gone.flatMap((item) =>
      item.source && files.has(item.source) ? [unpublished(item, item.source, site)] : [],
    ),
  ];
  return broken.sort(
    (a, b) =>
      compareCodePoints(a.source, b.source) ||
      FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field),
  );
}

function pairProblems({ previous, current }: ItemPair, site: SiteContext): BrokenContinuity[] {
  const source = current.source ?? '';
  const out: BrokenContinuity[] = [];
  if (previous.id !== current.id) {
    out.push({
      source,
      field: 'id',
      old: previous.id,
      new: current.id,
      fix: `pin the old id: add \`id: ${JSON.stringify(previous.id)}\` to its front matter`,
    });
  }
  if (
    sameUrlKey(previous.url) !== sameUrlKey(current.url) &&
    !aliased(previous.url, current, site)
  ) {
    out.push({
      source,
      field: 'link',
      old: previous.url,
      new: current.url,
      fix: linkFix(previous.url, site),
    });
  }
  if (
    previous.published &&
    current.published &&
    !sameInstant(previous.published, current.published)
  ) {
    out.push({
      source,
      field: 'date',
      old: previous.published,
      new: current.published,
      fix: `restore the date: \`date: ${frontMatterDate(previous.published, site.timeZone)}\``,
    });
  }
  return out;
}

function unpublished(item: ContinuityItem, source: string, site: SiteContext): BrokenContinuity {
  const date = item.published ? frontMatterDate(item.published, site.timeZone) : undefined;
  const restore = date ? ` and restore \`date: ${date}\` if it was moved to the future` : '';
  return {
    source,
    field: 'published',
    old: item.id,
    new: null,
    fix: `publish it again: remove \`draft: true\`${restore} — or delete the file if the story is withdrawn`,
  };
}

/** The site path `url` is at, as `aliases:` takes it; undefined when no page can be there. */
export function aliasPath(url: string, siteUrl: string): string | undefined {
  const href = sameUrlKey(url);
  if (!href.startsWith(siteUrl) || !itemPagePath(href, siteUrl)) return undefined;
  return `/${href.slice(siteUrl.length)}`;
}

function linkFix(oldUrl: string, site: SiteContext): string {
  const alias = aliasPath(oldUrl, site.siteUrl);
  if (alias) {
    const quoted = JSON.stringify(alias);
    return `keep the old address answering: add ${quoted} to its \`aliases:\` (\`aliases: [${quoted}]\`)`;
  }
  return `restore the old address (\`slug:\`, \`link:\` or the permalink pattern): it is not a page under ${site.siteUrl}, so \`aliases:\` cannot redirect it`;
}

/** True when the new item lists the old address among its aliases. */
function aliased(oldUrl: string, item: ContinuityItem, site: SiteContext): boolean {
  const old = sameUrlKey(oldUrl);
  return (item.aliases ?? []).some((alias) => {
    try {
      return sameUrlKey(resolveSitePath(site.siteUrl, alias)) === old;
    } catch {
      return false;
    }
  });
}

function sameInstant(a: string, b: string): boolean {
  return Date.parse(a) === Date.parse(b);
}
