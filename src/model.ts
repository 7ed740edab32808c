/** The typed model every stage after validation works on. Nothing here is raw front matter. */

export interface Person {
  name: string;
  email?: string;
  url?: string;
}

export interface SiteConfig {
  title: string;
  description: string;
  /** Absolute site root, always ending in `/`. */
  url: string;
  /** BCP 47 tag in canonical form. */
  language: string;
  /** IANA zone that zone-less dates in posts are read in. */
  timezone: string;
  author: Person;
  copyright?: string;
  /** Items per feed. */
  limit: number;
  /** Small square image (Atom `icon`, JSON Feed `favicon`). */
  icon?: string;
  /** Larger image (RSS `image`, Atom `logo`, JSON Feed `icon`). */
  logo?: string;
  /** Path pattern relative to `url`, e.g. `/posts/:slug/`. */
  permalink: string;
  /** What happens to raw HTML in posts. */
  html: 'sanitize' | 'keep';
  /** WebSub hubs announced in every feed. */
  hubs: string[];
}

/** A post as validated from its file; body not yet rendered. */
export interface Post {
  /** Path relative to the posts folder, `/`-separated. */
  sourcePath: string;
  title: string;
  date: Date;
  updated?: Date;
  summary?: string;
  /** Display names, trimmed, duplicates (case-insensitive) removed, in the order written. */
  categories: string[];
  tags: string[];
  authors: Person[];
  slug: string;
  /** Pinned permanent id (an absolute IRI). */
  id?: string;
  /** Canonical URL when the article lives elsewhere. */
  link?: string;
  /** Absolute image URL. */
  image?: string;
  draft: boolean;
  /**
   * Markdown body, control characters already removed. Absent until loaded: a build reads
   * every post's front matter but only the bodies of posts that land in some feed.
   */
  body?: string;
  /** Where the body starts in the file (bytes, and the 1-based line). */
  bodyOffset?: number;
  bodyLine?: number;
}

/**
 * What ordering, grouping and the URL checks need of a post; a full `Post` is one too. `url`,
 * when present, is the post's item URL, worked out once when its front matter was read.
 */
export type PostRef = Pick<
  Post,
  'sourcePath' | 'date' | 'updated' | 'slug' | 'categories' | 'draft' | 'id' | 'link'
> & { url?: string };

export interface Category {
  name: string;
  slug: string;
}

/** One entry as every format shows it. */
export interface FeedItem {
  /** The same string in RSS guid, Atom id and JSON Feed id. */
  id: string;
  /** True when `id` is the item URL (RSS `isPermaLink`). */
  idIsUrl: boolean;
  url: string;
  title: string;
  published: Date;
  /** `updated`, or `published` when the post was never corrected. */
  modified: Date;
  summary: string;
  contentHtml: string;
  categories: Category[];
  /** Free-form tags, shown as categories too but with no feed of their own. */
  tags: string[];
  authors: Person[];
  image?: string;
}

export interface FeedFiles {
  rss: string;
  atom: string;
  json: string;
}

/** One feed (the site's or a category's) in all three formats. */
export interface FeedDocument {
  title: string;
  description: string;
  /** The page this feed is about. */
  homeUrl: string;
  /** Output paths relative to the output folder, `/`-separated. */
  paths: FeedFiles;
  /** Absolute URLs the feeds are served at. */
  urls: FeedFiles;
  language: string;
  /** Newest item's modification date; a fixed epoch for an empty feed, never the clock. */
  updated: Date;
  author: Person;
  copyright?: string;
  icon?: string;
  logo?: string;
  hubs: string[];
  items: FeedItem[];
  /** Set for per-category feeds. */
  category?: Category;
}

/** One file to write, path relative to the output folder. */
export interface OutputFile {
  path: string;
  content: string;
}
