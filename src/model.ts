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

/** A writer with a profile in the config (`authors`), named in posts by its key. */
export interface AuthorProfile extends Person {
  /** The config key posts name it by; its page and feed folder is made from it. */
  key: string;
  bio?: string;
  /** Absolute URL of a portrait. */
  image?: string;
}

/** A post's byline: a profile, or a name written in the post. */
export type Author = Person & Partial<Omit<AuthorProfile, keyof Person>>;

/** A post's lead image, as written (`image:` a URL or site path, or `{src, alt, credit, caption}`). */
export interface LeadImage {
  /** Absolute URL. */
  url: string;
  alt?: string;
  /** Who took it: the photographer or agency. */
  credit?: string;
  caption?: string;
  /** For an image beside its post (`./photo.jpg`): its file, relative to the posts folder. */
  source?: string;
}

/** What the file of a lead image on this site says of it (absent for an image elsewhere). */
export interface ImageFile {
  /** Media type, e.g. `image/jpeg`. */
  type: string;
  /** Bytes. */
  length: number;
  width?: number;
  height?: number;
}

/** What reading an image file found: its facts, or why it cannot be read as an image. */
export type ImageReading = ImageFile | { problem: string };

/** A file as found on disk: where it is, its size and its modification time. */
export interface FileAt {
  file: string;
  size: number;
  mtimeMs: number;
}

/** A lead image with what its file says of it, when the site has the file. */
export type ItemImage = LeadImage & Partial<ImageFile>;

/** A dated, visible note of what was corrected in a story. */
export interface Correction {
  date: Date;
  text: string;
}

/** A piece of page text that depends on a number: `{n}` stands for it. */
export interface PluralText {
  one: string;
  other: string;
}

/**
 * The words of the pages (and of the few notes feeds carry besides the posts) in one language.
 * `{name}`-style placeholders stand for what each says; see `config/page-text.ts` for the table.
 */
export type PageText = Record<TextKey, string> & Record<PluralKey, PluralText>;

/** Keys of page text that are one string. */
export type TextKey =
  | 'skipToContent'
  | 'sections'
  | 'latest'
  | 'allCategories'
  | 'subscribe'
  | 'latestStories'
  | 'noStories'
  | 'moreStories'
  | 'newerStories'
  | 'olderStories'
  | 'pageOf'
  | 'olderStoriesHeading'
  | 'pageTitle'
  | 'and'
  | 'listSeparator'
  | 'onHost'
  | 'subscribeIntro'
  | 'everything'
  | 'theWholeSite'
  | 'copyAddress'
  | 'everyFeedInOneFile'
  | 'opmlNote'
  | 'feedFor'
  | 'jsonFeedFor'
  | 'storiesBy'
  | 'taggedName'
  | 'followEveryStory'
  | 'builtWith'
  | 'allFeedsByCategory'
  | 'kindCategory'
  | 'kindAuthor'
  | 'kindTag'
  | 'ledeCategory'
  | 'ledeTag'
  | 'ledeAuthor'
  | 'published'
  | 'updated'
  | 'byline'
  | 'filedUnder'
  | 'tagged'
  | 'backToAll'
  | 'untitled'
  | 'noLongerAvailable'
  | 'withdrawnOn'
  | 'noLongerAvailableTitle'
  | 'moved'
  | 'categories'
  | 'categoriesPageTitle'
  | 'categoriesDescription'
  | 'moreCategories'
  | 'previousCategories'
  | 'nextCategories'
  | 'categoriesByPage'
  | 'translations'
  | 'otherLanguages'
  | 'everyFeed'
  | 'feedTitleCategory'
  | 'feedDescriptionCategory'
  | 'feedDescriptionAuthor'
  | 'feedTitleTag'
  | 'feedDescriptionTag'
  | 'archiveTitle'
  | 'correction'
  | 'corrections'
  | 'photoCredit';

/** Keys of page text that depend on a number. */
export type PluralKey =
  | 'storyCount'
  | 'moreCategoryCount'
  | 'allCategoriesAndFeeds'
  | 'categoriesLede';

/** One of the site's languages: its tag, the folder its feeds and pages go in, its words. */
export interface Language {
  /** BCP 47 tag in canonical form, e.g. `fr-CA`. */
  tag: string;
  /** `''` for the default (first) language, else e.g. `fr/`. */
  folder: string;
  /** The site's title and description in this language (the config's unless `text` says). */
  title: string;
  description: string;
  text: PageText;
  /**
   * The locale dates and numbers are written in: the tag's, or English's when the page text is
   * English for want of a table in this language (words and dates in one language). Absent: `tag`.
   */
  locale?: string;
}

/** The static site generators whose posts feedwright builds as they are. */
export type Conventions = 'jekyll' | 'hugo' | 'zola' | 'eleventy';

/** What the feeds carry of a story: all of it, its summary and link, or nothing (`feed:`). */
export type FeedChoice = 'full' | 'summary' | 'none';

export interface SiteConfig {
  title: string;
  description: string;
  /** Absolute site root, always ending in `/`. */
  url: string;
  /** BCP 47 tag in canonical form: the default language (the first of `languages`). */
  language: string;
  /**
   * Every language the site publishes in, the default first. With more than one, each has its
   * own feeds, listings and pages, in its folder.
   */
  languages: Language[];
  /** IANA zone that zone-less dates in posts are read in. */
  timezone: string;
  author: Person;
  copyright?: string;
  /** Items per feed, and stories per listing page. */
  limit: number;
  /** Items per archive document (RFC 5005): a full one never changes. */
  archiveSize: number;
  /**
   * What archive documents carry of each story: its summary and link (the full text is on its
   * page), or its full text, which makes every story's HTML appear in about six more files.
   */
  archiveContent: 'summary' | 'full';
  /** Small square image (Atom `icon`, JSON Feed `favicon`). */
  icon?: string;
  /** Larger image (RSS `image`, Atom `logo`, JSON Feed `icon`). */
  logo?: string;
  /** Path pattern relative to `url`, e.g. `/posts/:slug/`. */
  permalink: string;
  /**
   * The tool the posts were written for, whose ways feedwright keeps so their URLs stay: its
   * permalink pattern (unless `permalink` is set), its slugs, Jekyll's space-separated categories.
   */
  conventions?: Conventions;
  /** What happens to raw HTML in posts. */
  html: 'sanitize' | 'keep';
  /** WebSub hubs announced in every feed. */
  hubs: string[];
  /** Writers' profiles, by the key posts name them by. */
  authors: Record<string, AuthorProfile>;
  /** A feed and a page per tag (off for sites with thousands of tags). */
  tagFeeds: boolean;
  /**
   * The most bytes a subscription document may have in any format (Google News stops at 2 MB):
   * past it the oldest items carry only their summary, then drop out. Off when absent.
   */
  maxFeedBytes?: number;
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
  /** Its byline as written (profiles resolved); empty when it names none (the site's author). */
  authors: Author[];
  slug: string;
  /** The tag of the site language it is written in (its own `language:`, else the default). */
  language: string;
  /** Posts that share it are translations of each other (`translationKey:`). */
  translationKey?: string;
  /** Pinned permanent id (an absolute IRI). */
  id?: string;
  /** Canonical URL when the article lives elsewhere. */
  link?: string;
  /** The item URL: `link`, else the site URL plus the expanded permalink. Settled by validation. */
  url: string;
  /** Where its page goes in the output, when the site hosts it. Settled by validation. */
  pagePath?: string;
  image?: LeadImage;
  /**
   * Where the `image:` value is in the file (1-based), found when the file was read: a warning
   * about the image's file points there without reading the file again.
   */
  imageAt?: { line: number; column: number };
  /** Oldest first; `updated` is on or after the last one. */
  corrections?: Correction[];
  /** What the feeds carry of it; absent for `full`. */
  feed?: Exclude<FeedChoice, 'full'>;
  /** After this instant it leaves every feed and listing, and its page says it was withdrawn. */
  expires?: Date;
  /** Old addresses of the post on this site: each gets a page that redirects here. */
  aliases?: Alias[];
  draft: boolean;
  /** Where the body starts in the file (bytes, and the 1-based line). */
  bodyOffset?: number;
  bodyLine?: number;
}

/** An old address of a post on this site, as written (`/2019/old-slug/`) and as an output path. */
export interface Alias {
  /** The site path, from the site root, with a leading `/`. */
  path: string;
  /** Where its redirect page goes in the output, e.g. `2019/old-slug/index.html`. */
  page: string;
}

/** What ordering, grouping and the collision checks need of a post; a full `Post` is one too. */
export type PostRef = Pick<
  Post,
  | 'sourcePath'
  | 'date'
  | 'updated'
  | 'slug'
  | 'language'
  | 'translationKey'
  | 'categories'
  | 'tags'
  | 'authors'
  | 'feed'
  | 'expires'
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
  /**
   * Read the body too and render it unless the post is a draft (a cold build, with no story
   * cached: nearly every post's body will be needed).
   */
  withBody?: true;
  /**
   * The hash of the front matter the cache holds for this file (`HeadRecord.headHash`), when it
   * holds one: a file whose head still hashes to it is not parsed or validated again (its record
   * stands), and its body is hashed instead (`HeadRead.sameHead`) — a fresh checkout gives every
   * file a new mtime, and most of them the same bytes.
   */
  known?: string;
  /**
   * The folder to put the rendered HTML aside in (see `stored-html.ts`): a writing build holds no
   * story's HTML, only where it is. Without it, the HTML is given back as text.
   */
  storeHtmlIn?: string;
  /**
   * Its summary put aside there too, and its post's own (the front matter's) let go once the
   * story's is made: a large cold build (see `FRUGAL_HEAP_POSTS`) then holds no summary's text on
   * any thread — ~90 MB at 100,000 posts, on each thread the site is sent to. A smaller one keeps
   * them as text: each output that shows one would read it back.
   */
  storeSummary?: true;
}

/** What a build keeps of one post file's front matter (between stages, and between builds). */
export interface HeadRecord {
  sourcePath: string;
  size: number;
  mtimeMs: number;
  /** Hash of the front matter bytes: a touched but unchanged file is recognised by it. */
  headHash: string;
  /**
   * Hash of the body bytes, when the file was last read whole at this size and mtime (a cold
   * build's read, a touched file whose head was known, a body rendered or checked): with it, a
   * touched but unchanged file changes nothing the output depends on (`outputFingerprint`).
   */
  bodyHash?: string;
  /**
   * The file's git blob id (`gitBlobId`), when it was last read whole at this size and mtime: a
   * file with a new mtime (every file, after a checkout) is known unchanged unread when git's
   * index vouches for the same blob (see `Incremental`).
   */
  blob?: string;
  /** Absent when the front matter has errors. */
  ref?: PostRef;
  diagnostics: Diagnostic[];
}

/**
 * A file's head as read, and — when a cold build read the whole file at once (`FileJob.withBody`)
 * — its story too, so the file is not read and validated a second time.
 */
export interface HeadRead extends HeadRecord {
  story?: BodyOutcome;
  /**
   * Set when the front matter hashed to `FileJob.known`: it was not parsed again (no `ref` and no
   * diagnostics here; the cached record stands, with this size and mtime), and its body, read
   * too, hashes to `bodyHash`.
   */
  sameHead?: { bodyHash: string; blob?: string };
}

/** What a post's body becomes in a feed. */
export interface RenderedBody {
  /** As text, or put aside on disk by the thread that rendered it, as its HTML. */
  summary: string | StoredHtml;
  /**
   * `hashBytes(summary)`, taken by the thread that rendered it and kept with the story: it stands
   * for the summary in item keys, so a build does not write and hash every summary again.
   */
  summaryKey: string;
  /** As text, or put aside on disk by the thread that rendered it (see `stored-html.ts`). */
  contentHtml: string | StoredHtml;
}

/**
 * Where a story's rendered HTML was put aside while a build runs, or where the build cache keeps
 * a story's summary (see `stored-html.ts`).
 */
export interface StoredHtml {
  /** The file of the thread that rendered it, in the build's own folder; or the cache's file. */
  file: string;
  /** Where its UTF-8 bytes start in the file, and how many there are. */
  offset: number;
  bytes: number;
  /**
   * `hashBytes` of the text, when the file outlives the build (the cache's): the bytes read back
   * are checked against it, never trusted.
   */
  key?: string;
}

/**
 * An item's HTML: as text, or — its story's body put aside on disk — the parts that go around
 * that body, put together when an output shows it (`htmlText`).
 */
export type ItemHtml = string | StoredItemHtml;

export interface StoredItemHtml {
  body: StoredHtml;
  /** Shown before the body unless the body holds `unless` (the body shows its lead image). */
  lead?: { html: string; unless: string };
  /** Shown after the body (its corrections), or ''. */
  after: string;
}

/**
 * A published post as the build knows it: validated, with its summary and the hashes of the bytes
 * it came from. Its HTML is there when it was rendered this build, or kept because a feed holds it.
 */
export interface Story {
  post: Post;
  /** Size and mtime of the file as read: while they hold, so does the story. */
  size: number;
  mtimeMs: number;
  headHash: string;
  bodyHash: string;
  /**
   * As text, or where the build cache keeps it (a story read back from the cache): read with
   * `storyText` where an output shows it.
   */
  summary: string | StoredHtml;
  /** Stands for `summary` in item keys (see `RenderedBody.summaryKey`). */
  summaryKey: string;
  contentHtml?: string | StoredHtml;
  /** Warnings about its body. */
  diagnostics: Diagnostic[];
}

/** A post file to read in full and render, unless its bytes match the rendering `previous` hashed. */
export interface BodyJob extends FileJob {
  previous?: { headHash: string; bodyHash: string };
  /** Render even when the bytes match `previous` (its HTML is needed and not kept). */
  force?: boolean;
}

/** What reading and rendering one post file gave. */
export interface BodyOutcome {
  sourcePath: string;
  /** Absent when the file has errors now (it changed while the build ran). */
  post?: Post;
  /** Absent when the previous rendering still holds (`reused`) or the file has errors. */
  rendered?: RenderedBody;
  reused: boolean;
  size: number;
  mtimeMs: number;
  headHash: string;
  bodyHash: string;
  /** The whole file's git blob id, as read (see `HeadRecord.blob`). */
  blob?: string;
  diagnostics: Diagnostic[];
}

export interface Category {
  name: string;
  slug: string;
}

/** One entry as every format shows it. */
export interface FeedItem {
  /** The post file it comes from, relative to the posts folder. */
  source: string;
  /**
   * Changes whenever the post file's bytes do: everything the item shows follows from them (and
   * the config), so a document's key can be taken without its items' HTML.
   */
  contentKey: string;
  /** The same string in RSS guid, Atom id and JSON Feed id. */
  id: string;
  /** True when `id` is the item URL (RSS `isPermaLink`). */
  idIsUrl: boolean;
  url: string;
  /** Where the site hosts its page, if it does (see `Post.pagePath`). */
  pagePath?: string;
  title: string;
  /** The tag of the site language it is in. */
  language: string;
  /**
   * Every language version of it (`translationKey`), itself included, in the site's language
   * order; absent when it has no other.
   */
  translations?: Translation[];
  published: Date;
  /** `updated`, or `published` when the post was never corrected. */
  modified: Date;
  /** Its story's summary, as text or where the build cache keeps it (see `Story.summary`). */
  summary: string | StoredHtml;
  /**
   * A hash of `summary`, when its story gave one (`Story.summaryKey`): its keys then use it rather
   * than the summary's text.
   */
  summaryKey?: string;
  /**
   * '' until the body is rendered: documents are keyed before every body is at hand. Read it with
   * `htmlText`: a stored story's body is read back only by the output that shows it.
   */
  contentHtml: ItemHtml;
  /** True while the body is not at hand: nothing that shows it may be rendered yet. */
  pending?: true;
  categories: Category[];
  /** Free-form tags (those not also categories); a tag's slug names its feed when tag feeds are on. */
  tags: Category[];
  /** Its byline, or the site's author; `slug` set for those with a page and feed. */
  authors: (Author & { slug?: string })[];
  image?: ItemImage;
  /** Oldest first. */
  corrections?: Correction[];
  /** Feeds carry its summary and link only (`feed: summary`). */
  excerpt?: true;
  /** When it leaves every feed (`expires`). */
  expires?: Date;
}

/**
 * An item's element as a feed document holds it (`<item>` or `<entry>`, with the line break and
 * indentation before it), cut where its full text goes: one part when it carries none.
 */
export type ItemText = readonly [string] | readonly [string, string];

/**
 * An item's element as UTF-8, as feed documents are written from it (`ItemText` encoded once,
 * however many documents hold it).
 */
export type ItemXml = readonly [Uint8Array] | readonly [Uint8Array, Uint8Array];

/** A piece of a file's text: a string, or text encoded already (as UTF-8). */
export type TextPart = string | Uint8Array;

/**
 * Feed items an earlier build kept for the next, by `${summaryKey}\u0000${form}`: their keys at
 * hand, each item read only when asked for (a `Map` is one).
 */
export interface ItemShelf {
  keys(): Iterable<string>;
  get(key: string): ItemXml | undefined;
}

/**
 * The keys a build took of its items (`itemKey`, without their HTML), in columns, an item a row
 * (its published items, then its withdrawn ones): each item's post file, that file's content key
 * then (`FeedItem.contentKey`), and the key, if the build took it. Kept for the next build, which
 * takes them as the keys of the same file's items while the file and what else makes them are
 * the same. Columns, not a tuple an item: 100,000 of those, twice over, were ~14 MB for the
 * collector in a build after one change.
 */
export interface TakenItemKeys {
  sources: readonly string[];
  contentKeys: readonly string[];
  keys: readonly (string | undefined)[];
}

/**
 * The keys a build took of its items and their pages (`pageKeys`: of each item's page, if it has
 * one and the build took it), and what the pages were made in besides their items
 * (`pageContext`: see `pageContextKey`), when the site has pages.
 */
export interface TakenKeys extends TakenItemKeys {
  pageKeys: readonly (string | undefined)[];
  pageContext?: string;
}

/** The key an earlier build took of the same file's item (or page), if it holds for this build. */
export type KnownKey = (item: { source: string; contentKey: string }) => string | undefined;

/**
 * The items a build keeps for the next: those of the earlier build's shelf it keeps as they were,
 * by key, and those it wrote itself.
 */
export interface KeptItems {
  earlier: string[];
  fresh: Map<string, ItemXml>;
}

/** Another language version of an item. */
export interface Translation {
  language: string;
  url: string;
  /** Where the site hosts its page. */
  pagePath?: string;
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
  /** Set for per-author feeds (`author` is the feed's own author). */
  writer?: Author & { slug: string };
  /** Set for per-tag feeds. */
  tag?: Category;
  /** The tag of the language its items are in. */
  language: string;
}

/** One feed (the site's or a category's) in all three formats. */
export interface FeedDocument extends FeedSummary {
  /**
   * Absolute root of the feed's edition, ending in `/`: the site's, or its language's folder
   * (`…/fr/`), where its sections and tags are (the taxonomies its categories name).
   */
  siteUrl: string;
  /** Newest item's modification date; a fixed epoch for an empty feed, never the clock. */
  updated: Date;
  author: Person;
  copyright?: string;
  icon?: string;
  logo?: string;
  hubs: string[];
  items: FeedItem[];
  /** Set on archive documents (RFC 5005 §4): their number, 1 for the oldest. */
  archive?: number;
  /** Its items carry their summary and link, not their full text. */
  excerpts?: true;
  /** RFC 5005 links: to the subscription document and the neighbouring archives. */
  history?: FeedHistory;
}

/** Where a feed's history continues, as the absolute URLs of each format's document. */
export interface FeedHistory {
  /** The subscription document (`rel="current"`), from an archive. */
  current?: FeedFiles;
  /** The next older archive (`rel="prev-archive"`; JSON Feed `next_url`). */
  prev?: FeedFiles;
  /** The next newer archive (`rel="next-archive"`). */
  next?: FeedFiles;
}

/** Every published story of a feed, newest first: what its listing pages page through. */
export interface Listing {
  /** The subscription document the listing belongs to (its title, paths, category). */
  feed: FeedDocument;
  items: FeedItem[];
}

/** A page at an old address that sends readers to the item's page. */
export interface Redirect {
  /** Output path of the redirect page. */
  path: string;
  /** The old address, as a site path with a leading `/`. */
  from: string;
  to: FeedItem;
}

/** Everything the site's pages show: the site itself and its feeds, the site feed first. */
export interface SiteDocument {
  title: string;
  description: string;
  /** Absolute site root, ending in `/`. */
  url: string;
  /** The default language's tag. */
  language: string;
  /** Every language, the default first: the site feed of each is in `feeds`. */
  languages: Language[];
  /** Every published story, in every language, newest first. */
  items: FeedItem[];
  /** Dates on the pages are shown in this zone. */
  timezone: string;
  copyright?: string;
  icon?: string;
  /**
   * The subscription documents: per language, the site feed, then one per category, author and
   * tag; the default language's site feed first.
   */
  feeds: FeedDocument[];
  /** Every archive document of every feed. */
  archives: FeedDocument[];
  /** The site's listing, then one per category. */
  listings: Listing[];
  /** Stories per listing page. */
  pageSize: number;
  redirects: Redirect[];
  /** Stories past their `expires`: each keeps a page that says it is no longer available. */
  withdrawn: FeedItem[];
}

/** One file to write, path relative to the output folder. */
export interface OutputFile {
  path: string;
  content: string;
  /**
   * The content in the parts it was put together from (a feed document: its shell's head, its
   * items, its shell's tail), when it was: the writer encodes them one after another, so a
   * document of megabytes is never copied into one string. `content` is then their join, made
   * only if it is read.
   */
  parts?: readonly TextPart[];
  /**
   * Set when the file was checked as it was put together — a feed document is its checked shell
   * with checked items in it — so the writer need not parse the whole of it again.
   */
  checked?: true;
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

/** What an `lstat` found at a path: its kind, size and mtime. */
export interface Seen {
  kind: 'file' | 'folder' | 'other' | 'none';
  size: number;
  mtimeMs: number;
}

/** What was seen at a path relative to the output folder; undefined when it was not looked at. */
export type SeenAt = (relative: string) => Seen | undefined;

/**
 * The stamps of many paths, in columns: `stamps` holds each path's size and mtime, one after the
 * other. V8 copies these twenty times faster than an object per path (a build reads and writes
 * them with its cache: ~11,000 folders at 10,000 posts, 1 ms against 23).
 */
export interface StampColumns {
  paths: string[];
  stamps: Float64Array;
}

/**
 * The output as the last build left it: its files' stamps, its folders' (see `listOutput`), and
 * its manifest.
 */
export interface OutputStamps {
  files: StampColumns;
  folders: StampColumns;
  manifest?: KnownManifest;
}

/**
 * A manifest as a write left it: its files, and a hash of its text (`hashBytes`). Taken instead
 * of reading and parsing the live one while that one's stamp is the one recorded (5.6 MB of
 * JSON at 10,000 posts, 55 MB at 100,000).
 */
export interface KnownManifest {
  /** Its files' digests, by path. */
  files: ReadonlyMap<string, string>;
  digest: string;
}

/** Where a front-matter key's value starts in its file, for messages. */
export interface FieldLocation {
  line: number;
  column: number;
}

/** A post file's front matter as read (YAML, TOML or JSON), and its body. */
export interface FrontMatter {
  /** Plain data, built with no prototype tricks: keys like `__proto__` are own properties. */
  data: Record<string, unknown>;
  /**
   * Where each top-level key's value starts, for messages. Absent when the fast parser read
   * the file: locations are only worth their cost when there is something to report.
   */
  locations?: Map<string, FieldLocation>;
  body: string;
  /** File line the body starts on. */
  bodyLine: number;
}

export type FrontMatterResult =
  | { ok: true; frontMatter: FrontMatter }
  | { ok: false; diagnostics: Diagnostic[] };
