/**
 * The rules about one item's text, dates, URLs and language. Each returns what is wrong — the
 * measured value, the limit and the fix — or undefined when the item keeps the rule.
 */
import { primarySubtag } from '../text.js';
import { contentUrls, isAbsoluteUrl } from './content-urls.js';
import type { BuiltItem } from './parse-feed.js';
import type { RuleCheck } from './profiles.js';

/** What the item rules need to know of the feed the item is in. */
export interface ItemContext {
  now: Date;
  /** The language every item must share: the feed's, else the first one an item declares. */
  language?: string;
  /** The origin of a feed served over http: reported once for the feed, not per item. */
  insecureOrigin?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const n = (value: number) => value.toLocaleString('en-US');
const chars = (text: string) => Array.from(text).length;

/** True for the checks `itemProblem` answers. */
export function isItemCheck(check: RuleCheck): boolean {
  return [
    'title-length',
    'description-length',
    'full-text',
    'article-size',
    'future-date',
    'item-age',
    'absolute-urls',
    'https',
    'language',
  ].includes(check.kind);
}

/** What `item` does wrong by `check`, or undefined. */
export function itemProblem(
  check: RuleCheck,
  item: BuiltItem,
  context: ItemContext,
): string | undefined {
  switch (check.kind) {
    case 'title-length':
      return titleProblem(item.title ?? '', check.min, check.max);
    case 'description-length':
      return descriptionProblem(item.description ?? '', check.min);
    case 'full-text':
      if (item.contentHtml !== undefined && item.contentHtml.trim() !== '') return undefined;
      return 'the feed carries only its summary, not its full text — remove "feed: summary" from its front matter';
    case 'article-size': {
      const bytes = Buffer.byteLength(item.contentHtml ?? '', 'utf8');
      if (bytes <= check.maxBytes) return undefined;
      return `its full text is ${n(bytes)} bytes, limit ${n(check.maxBytes)} — split the story, or move large embedded data out of its body`;
    }
    case 'future-date':
    case 'item-age':
      return dateProblem(check, item.published, context.now);
    case 'absolute-urls':
      return relativeUrlProblem(item);
    case 'https':
      return insecureUrlProblem(item, context.insecureOrigin);
    case 'language':
      return languageProblem(item, context.language);
    default:
      return undefined;
  }
}

function titleProblem(title: string, min?: number, max?: number): string | undefined {
  const length = chars(title);
  if (max !== undefined && length > max) {
    return `the title is ${n(length)} characters, limit ${max} — shorten it`;
  }
  if (min !== undefined && length < min) {
    return `the title is ${n(length)} character${length === 1 ? '' : 's'}, at least ${min} wanted — make it more descriptive`;
  }
  return undefined;
}

function descriptionProblem(description: string, min: number): string | undefined {
  const length = chars(description);
  if (length >= min) return undefined;
  const measured =
    length === 0 ? 'it has no description' : `its description is ${n(length)} characters`;
  return `${measured}, at least ${min} wanted — write a "summary" of ${min} characters or more in its front matter`;
}

function dateProblem(
  check: Extract<RuleCheck, { kind: 'future-date' | 'item-age' }>,
  published: Date | undefined,
  now: Date,
): string | undefined {
  if (published === undefined) return 'it has no publication date — give the post a date';
  const when = published.toISOString().replace('.000Z', 'Z');
  if (check.kind === 'future-date') {
    if (published.getTime() <= now.getTime()) return undefined;
    return `it is dated ${when}, in the future, and is not taken until then — publish it when it is due (build without --future)`;
  }
  const days = Math.floor((now.getTime() - published.getTime()) / DAY_MS);
  if (days < check.maxDays) return undefined;
  return `it is dated ${when}, ${n(days)} days ago, limit ${check.maxDays} — it is skipped; nothing breaks, but a lower "limit" in the config keeps the feed to recent stories`;
}

/** Where an item points: its link, its images, and the URLs in its full text. */
function itemUrls(item: BuiltItem): { where: string; url: string; embedded: boolean }[] {
  return [
    ...(item.link === undefined ? [] : [{ where: 'link', url: item.link, embedded: false }]),
    ...item.images
      .filter((image) => image.role !== 'content')
      .map((image) => ({ where: `${image.role} image`, url: image.url, embedded: true })),
    ...contentUrls(item.contentHtml ?? '').map((found) => ({
      where: `<${found.tag} ${found.attribute}> in its text`,
      url: found.url,
      embedded: found.embedded,
    })),
  ];
}

function relativeUrlProblem(item: BuiltItem): string | undefined {
  const relative = itemUrls(item).filter(({ url }) => !isAbsoluteUrl(url));
  const [first] = relative;
  if (!first) return undefined;
  const base = item.link && isAbsoluteUrl(item.link) ? item.link : undefined;
  const absolute =
    base && URL.canParse(first.url, base) ? new URL(first.url, base).href : undefined;
  return `relative URL "${first.url}" (${first.where})${more(relative.length)} — write ${absolute ? `the full URL, ${absolute}` : 'full https:// URLs'}: aggregators and email tools do not resolve relative ones`;
}

function insecureUrlProblem(item: BuiltItem, insecureOrigin?: string): string | undefined {
  const insecure = itemUrls(item).filter(
    ({ url, embedded, where }) =>
      (embedded || where === 'link') &&
      /^http:/i.test(url) &&
      (insecureOrigin === undefined ||
        !URL.canParse(url) ||
        new URL(url).origin !== insecureOrigin),
  );
  const [first] = insecure;
  if (!first) return undefined;
  return `${first.where} ${first.url} is http${more(insecure.length)} — serve it over https and link the https:// URL`;
}

function languageProblem(item: BuiltItem, language?: string): string | undefined {
  if (language === undefined) return undefined;
  const other = item.languages.find((tag) => primarySubtag(tag) !== primarySubtag(language));
  if (other === undefined) return undefined;
  return `the item is in ${other}, the feed in ${language} — one language per feed: publish it in a feed of its own language, or correct its language`;
}

/** `fr` of `fr-CA`: feeds in one language may mix its regions. */

function more(count: number): string {
  return count > 1 ? ` (and ${count - 1} more)` : '';
}
