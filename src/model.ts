/**
 * The typed model every stage works on, and the records stages hand each other. Nothing here is
 * raw front matter: validation turns files into these, and later stages only read them.
 */
import type { Diagnostic } from './diagnostics.js';

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

/** A post as validated from its front matter; its body stays on disk until it is rendered. */
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
  /** The item URL: `link`, else the site URL plus the expanded permalink. Settled by validation. */
  url: string;
  /** Where its page goes in the output, when the site hosts it. Settled by validation. */
  pagePath?: string;
  /** Absolute image URL. */
  image?: string;
  draft: boolean;
  /** Where the body starts in the file (bytes, and the 1-based line). */
  bodyOffset?: number;
  bodyLine?: number;
}

/** What ordering, grouping and the collision checks need of a post; a full `Post` is one too. */
export type PostRef = Pick<
  Post,
  | 'sourcePath'
  | 'date'
  | 'updated'
  | 'slug'
  | 'categories'
  | 'draft'
  | 'id'
  | 'link'
  | 'url'
  | 'pagePath'
>;

/** One post file to read. */
export interface FileJob {
  /** Absolute path. */
  file: string;
  /** Relative to the posts folder, `/`-separated. */
  sourcePath: string;
  /** As shown in messages. */
  display: string;
}

/** What a build keeps of one post file's front matter (between stages, and between builds). */
export interface HeadRecord {
  sourcePath: string;
  size: number;
  mtimeMs: number;
  /** Hash of the front matter bytes: a touched but unchanged file is recognised by it. */
  headHash: string;
  /** Absent when the front matter has errors. */
  ref?: PostRef;
  diagnostics: Diagnostic[];
}

/** What a post's body becomes in a feed. */
export interface RenderedBody {
  summary: string;
  contentHtml: string;
}

/** A post with its body rendered: all that feeds and pages show of it. */
export interface RenderedPost extends RenderedBody {
  post: Post;
}

/** A rendered post with the hashes of the bytes it came from: valid while they are unchanged. */
export interface RenderedEntry extends RenderedPost {
  headHash: string;
  bodyHash: string;
  diagnostics: Diagnostic[];
}

/** A post file to read in full and render, unless its bytes match the rendering `previous` hashed. */
export interface BodyJob extends FileJob {
  previous?: { headHash: string; bodyHash: string };
}

/** What reading and rendering one post file gave. */
export interface BodyOutcome {
  sourcePath: string;
  /** Absent when the file has errors now (it changed while the build ran). */
  post?: Post;
  /** Absent when the previous rendering still holds (`reused`) or the file has errors. */
  rendered?: RenderedBody;
  reused: boolean;
  headHash: string;
  bodyHash: string;
  diagnostics: Diagnostic[];
}

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
  /** Where the site hosts its page, if it does (see `Post.pagePath`). */
  pagePath?: string;
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

/** What a build says of each feed it wrote: everything but the items. */
export interface FeedSummary {
  title: string;
  description: string;
  /** The page this feed is about. */
  homeUrl: string;
  /** Output paths relative to the output folder, `/`-separated. */
  paths: FeedFiles;
  /** Absolute URLs the feeds are served at. */
  urls: FeedFiles;
  /** Set for per-category feeds. */
  category?: Category;
}

/** One feed (the site's or a category's) in all three formats. */
export interface FeedDocument extends FeedSummary {
  language: string;
  /** Newest item's modification date; a fixed epoch for an empty feed, never the clock. */
  updated: Date;
  author: Person;
  copyright?: string;
  icon?: string;
  logo?: string;
  hubs: string[];
  items: FeedItem[];
}

/** Everything the site's pages show: the site itself and its feeds, the site feed first. */
export interface SiteDocument {
  title: string;
  description: string;
  /** Absolute site root, ending in `/`. */
  url: string;
  language: string;
  /** Dates on the pages are shown in this zone. */
  timezone: string;
  copyright?: string;
  icon?: string;
  /** The site feed, then one per category. */
  feeds: FeedDocument[];
}

/** One file to write, path relative to the output folder. */
export interface OutputFile {
  path: string;
  content: string;
}

/** A file to carry over unchanged from the previous output, by the digest it had there. */
export interface KeptFile {
  path: string;
  keep: string;
}

/** A file copied as it is from `source` (an image from the public folder, say). */
export interface CopiedFile {
  path: string;
  source: string;
}

/** Size and mtime of a file as written, to recognise it later without reading it. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}
