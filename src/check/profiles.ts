/**
 * What each aggregator documents about the feeds it takes, as rule tables: one profile per
 * aggregator, each rule with an id, what it checks, whether breaking it is an `error` (the
 * aggregator refuses the feed or the story, or does not show it) or `advice` (it is shown, but
 * worse, or only after someone acts), where the rule comes from, and the measurement it takes.
 */

export type Severity = 'error' | 'advice';

export type FeedFormat = 'rss' | 'atom' | 'json';

/**
 * Where an item's image comes from: Media RSS `media:content`, an RSS `enclosure` (Atom
 * `link rel="enclosure"`), `media:thumbnail`, JSON Feed `image`, or an `<img>` in its full text.
 */
export type ImageRole = 'media' | 'enclosure' | 'thumbnail' | 'json' | 'content';

/** What a rule measures, with its limits. */
export type RuleCheck =
  /** Bytes of each document the aggregator reads (RSS, Atom): sizes differ per format. */
  | { kind: 'feed-size'; maxBytes: number }
  | { kind: 'item-count'; min?: number; max?: number }
  /** Every item in one language; `declared`: the feed must also name it. */
  | { kind: 'language'; declared: boolean }
  /** The feed, item links and embedded resources (images, video, frames) over https. */
  | { kind: 'https' }
  /** Links and resources in items, their full text included, are absolute URLs. */
  | { kind: 'absolute-urls' }
  | { kind: 'title-length'; min?: number; max?: number }
  | { kind: 'description-length'; min: number }
  /** The item carries its full text (RSS `content:encoded`, Atom `content`). */
  | { kind: 'full-text' }
  /** UTF-8 bytes of the item's full text. */
  | { kind: 'article-size'; maxBytes: number }
  | { kind: 'future-date' }
  | { kind: 'item-age'; maxDays: number }
  | { kind: 'image'; from: readonly ImageRole[] }
  /** The site's own image files, measured; `side`: which side the minimum is for. */
  | {
      kind: 'image-size';
      from: readonly ImageRole[];
      minPx: number;
      side: 'shortest' | 'longest';
    }
  /** `media:credit` on the Media RSS image. */
  | { kind: 'image-credit' }
  /** Images on another host: their size cannot be read without the network. */
  | { kind: 'image-remote'; from: readonly ImageRole[] };

export interface Rule {
  /** `<profile>/<rule>`, stable: scripts and CI filters key on it. */
  id: string;
  severity: Severity;
  /** What the rule asks for, in a few words. */
  description: string;
  /** Where the rule comes from, and why it matters. */
  source: string;
  check: RuleCheck;
}

export interface Profile {
  name: string;
  /** The aggregator, as its documentation names it. */
  title: string;
  /** The formats the aggregator reads: only those documents are checked. */
  formats: readonly FeedFormat[];
  rules: readonly Rule[];
}

const GOOGLE_NEWS: Profile = {
  name: 'google-news',
  title: 'Google News',
  formats: ['rss', 'atom'],
  rules: [
    {
      id: 'google-news/feed-size',
      severity: 'error',
      description: 'each feed document is at most 2 MB',
      source:
        'Publisher Center technical feed specification: "Size limit: 1 MB per article and 2 MB per feed"; what is past the limit is not read.',
      check: { kind: 'feed-size', maxBytes: 2_000_000 },
    },
    {
      id: 'google-news/article-size',
      severity: 'error',
      description: 'each article’s full text is at most 1 MB',
      source:
        'Publisher Center technical feed specification: "Size limit: 1 MB per article and 2 MB per feed".',
      check: { kind: 'article-size', maxBytes: 1_000_000 },
    },
    {
      id: 'google-news/item-count',
      severity: 'advice',
      description: 'at most 60 items, so no fetch finds more than 60 new ones',
      source:
        'Publisher Center technical feed specification: "Up to 60 new articles per fetch"; the rest of a larger batch (a first fetch) waits or is missed.',
      check: { kind: 'item-count', max: 60 },
    },
    {
      id: 'google-news/title-length',
      severity: 'advice',
      description: 'titles of at most 110 characters',
      source:
        'Google asks for concise article titles, as long ones are truncated on some devices; its Article structured-data guidance capped headlines at 110 characters until 2023.',
      check: { kind: 'title-length', max: 110 },
    },
    {
      id: 'google-news/full-text',
      severity: 'advice',
      description: 'the full article in the feed, not only its summary',
      source:
        'Google News feed guidelines: readers must be able to read full-length articles without leaving the app, so the feed should carry complete articles (content:encoded).',
      check: { kind: 'full-text' },
    },
    {
      id: 'google-news/image',
      severity: 'advice',
      description: 'every article has a Media RSS image',
      source:
        'Google News reads article images from Media RSS (media:content); an article without one is shown without a picture.',
      check: { kind: 'image', from: ['media'] },
    },
    {
      id: 'google-news/image-size',
      severity: 'advice',
      description: 'images at least 800 px on their shortest side',
      source:
        'Google News feed guidelines: "The shortest side of an image should be 800px, but ideally larger for better display on tablets."',
      check: { kind: 'image-size', from: ['media'], minPx: 800, side: 'shortest' },
    },
    {
      id: 'google-news/image-remote',
      severity: 'advice',
      description: 'images on other hosts cannot be measured here',
      source:
        'feedwright check reads no network, so the 800 px rule can only be checked for the site’s own image files.',
      check: { kind: 'image-remote', from: ['media'] },
    },
    {
      id: 'google-news/absolute-urls',
      severity: 'error',
      description: 'links and images are absolute URLs',
      source:
        'Google News requires a feed that validates, and a relative URL (fragment links included) resolves against Google’s copy, not the article: links and images break.',
      check: { kind: 'absolute-urls' },
    },
  ],
};

const MSN: Profile = {
  name: 'msn',
  title: 'MSN Partner Hub',
  formats: ['rss', 'atom'],
  rules: [
    {
      id: 'msn/https',
      severity: 'error',
      description: 'the feed, item links and embedded images and media over https',
      source:
        'MSN feed specifications: "MSN only supports HTTPS feed sources"; feeds must "use valid HTTPS URLs for delivery".',
      check: { kind: 'https' },
    },
    {
      id: 'msn/language',
      severity: 'error',
      description: 'one language per feed',
      source:
        'MSN Partner Hub takes one language per feed (set when the feed is added); stories in another language are shown to the wrong readers or rejected.',
      check: { kind: 'language', declared: false },
    },
    {
      id: 'msn/title-length',
      severity: 'error',
      description: 'titles of 20 to 150 characters',
      source:
        'MSN feed item requirements: the title "must be more than 20 characters but not exceed 150"; longer titles may be removed.',
      check: { kind: 'title-length', min: 20, max: 150 },
    },
    {
      id: 'msn/future-date',
      severity: 'error',
      description: 'published dates in the past',
      source:
        'MSN feed item requirements: "The date must be in the past and less than 365 days old otherwise it will not be ingested."',
      check: { kind: 'future-date' },
    },
    {
      id: 'msn/item-age',
      severity: 'advice',
      description: 'items less than a year old',
      source:
        'MSN feed item requirements: items 365 days old or more are not ingested (they do no harm in the feed, but MSN skips them).',
      check: { kind: 'item-age', maxDays: 365 },
    },
    {
      id: 'msn/image',
      severity: 'error',
      description: 'every article has an image',
      source:
        'MSN feed specifications: "only articles that include images can be auto-published" (Media RSS or an <img> in the body).',
      check: { kind: 'image', from: ['media', 'content'] },
    },
    {
      id: 'msn/image-size',
      severity: 'error',
      description: 'images at least 720 px wide or high',
      source:
        'MSN feed specifications: images should be "at least 720px in height or width"; smaller ones keep an article from being auto-published.',
      check: { kind: 'image-size', from: ['media', 'content'], minPx: 720, side: 'longest' },
    },
    {
      id: 'msn/image-remote',
      severity: 'advice',
      description: 'images on other hosts cannot be measured here',
      source:
        'feedwright check reads no network, so the 720 px rule can only be checked for the site’s own image files.',
      check: { kind: 'image-remote', from: ['media', 'content'] },
    },
    {
      id: 'msn/image-credit',
      severity: 'advice',
      description: 'images credit their photographer',
      source:
        'MSN reads the photographer from media:credit; without it the picture runs uncredited.',
      check: { kind: 'image-credit' },
    },
    {
      id: 'msn/absolute-urls',
      severity: 'error',
      description: 'links and images are absolute URLs',
      source:
        'MSN ingests the body as HTML on its own pages, where a relative URL (fragment links included) points nowhere.',
      check: { kind: 'absolute-urls' },
    },
  ],
};

const FLIPBOARD: Profile = {
  name: 'flipboard',
  title: 'Flipboard',
  formats: ['rss'],
  rules: [
    {
      id: 'flipboard/item-count',
      severity: 'advice',
      description: 'at least 20 items',
      source:
        'Flipboard RSS guidelines: a feed "should contain at least the 20 most recent items" (older guidance: 30) before it is featured.',
      check: { kind: 'item-count', min: 20 },
    },
    {
      id: 'flipboard/language',
      severity: 'advice',
      description: 'the channel names its one language',
      source:
        'Flipboard RSS guidelines: the channel includes <language>, "the language the feed is written in" (such as en or en-CA).',
      check: { kind: 'language', declared: true },
    },
    {
      id: 'flipboard/full-text',
      severity: 'advice',
      description: 'the full article in content:encoded',
      source:
        'Flipboard RSS specification: feeds need "the entire body copy of your article, not just headlines and summaries" before being featured.',
      check: { kind: 'full-text' },
    },
    {
      id: 'flipboard/description-length',
      severity: 'advice',
      description: 'descriptions of at least 300 characters',
      source:
        'Flipboard RSS guidelines: the <description> excerpt "should generally contain 300 or more characters" to give an informative summary.',
      check: { kind: 'description-length', min: 300 },
    },
    {
      id: 'flipboard/image',
      severity: 'error',
      description: 'every article has an image',
      source:
        'Flipboard RSS specification: "At least one image per article" before the feed is featured.',
      check: { kind: 'image', from: ['media', 'enclosure', 'content'] },
    },
    {
      id: 'flipboard/image-size',
      severity: 'error',
      description: 'an image at least 400 px on its shortest side',
      source:
        'Flipboard RSS specification: at least one image per article "no less than 400px in the smallest dimension".',
      check: {
        kind: 'image-size',
        from: ['media', 'enclosure', 'content'],
        minPx: 400,
        side: 'shortest',
      },
    },
    {
      id: 'flipboard/enclosure-size',
      severity: 'advice',
      description: 'the enclosure image at least 500 px on its shortest side',
      source:
        'Flipboard RSS guidelines: the <enclosure> image illustrates the article in layout view; "the smallest dimension should not be under 500px".',
      check: { kind: 'image-size', from: ['enclosure'], minPx: 500, side: 'shortest' },
    },
    {
      id: 'flipboard/image-remote',
      severity: 'advice',
      description: 'images on other hosts cannot be measured here',
      source:
        'feedwright check reads no network, so the 400 px and 500 px rules can only be checked for the site’s own image files.',
      check: { kind: 'image-remote', from: ['media', 'enclosure', 'content'] },
    },
    {
      id: 'flipboard/absolute-urls',
      severity: 'error',
      description: 'links and images are absolute URLs',
      source:
        'Flipboard renders the full text in its own layout, where a relative URL (fragment links included) points nowhere.',
      check: { kind: 'absolute-urls' },
    },
  ],
};

/** Every profile, by name. */
export const PROFILES: Readonly<Record<string, Profile>> = {
  'google-news': GOOGLE_NEWS,
  msn: MSN,
  flipboard: FLIPBOARD,
};

export const PROFILE_NAMES: readonly string[] = Object.keys(PROFILES);

/** The profile called `name`, or undefined. */
export function profileNamed(name: string): Profile | undefined {
  return Object.hasOwn(PROFILES, name) ? PROFILES[name] : undefined;
}

/**
 * The profiles a comma-separated list names (`google-news,msn`), each once, in the order given;
 * or the names that are not profiles.
 */
export function parseProfileList(
  list: string,
): { ok: true; profiles: Profile[] } | { ok: false; unknown: string[] } {
  const names = [...new Set(list.split(',').map((name) => name.trim().toLowerCase()))].filter(
    (name) => name !== '',
  );
  const unknown = names.filter((name) => profileNamed(name) === undefined);
  if (unknown.length > 0 || names.length === 0) return { ok: false, unknown };
  return { ok: true, profiles: names.map((name) => profileNamed(name) as Profile) };
}
