import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type {
  HeadRecord,
  ImageReading,
  KeptItems,
  Post,
  PostRef,
  Story,
  TakenKeys,
} from '../model.js';
import { isStored, readStoredHtml } from '../stored-html.js';
import {
  decodeCacheFile,
  InParts,
  isOtherVersion,
  readAhead,
  readIfThere,
  SHARDS,
  shardFile,
  shardOf,
  writeCacheFile,
  writeCacheFiles,
} from './cache-file.js';
import { HeadShards } from './head-shards.js';
import type { KnownInput } from './input-identities.js';
import { ItemKeys, type ItemKeysPayload } from './item-keys.js';
import {
  type OutputRecord,
  outputOf,
  type StoredOutputRecord,
  storedOutputInParts,
} from './output-record.js';
import { areRecordColumns, columnsOf, type RecordColumns, recordsOf } from './record-columns.js';
import { areItemColumns, type ItemColumns, StoredItems } from './stored-items.js';
import {
  areSummaryColumns,
  type SummaryColumns,
  summaryPlaces,
  sweepSummaries,
  writeSummaries,
} from './summary-store.js';

/** The bytes of the files `BuildCache.open` reads, each undefined when it could not be read. */
export interface CacheBytes {
  index: Promise<Buffer | undefined>;
  /** Each shard of heads (see `shardFile`). */
  heads: readonly Promise<Buffer | undefined>[];
}

interface IndexPayload {
  key: string;
  /** The stamp of each heads shard as saved with this index ('' for one never written). */
  heads: string[];
  output?: StoredOutputRecord;
  /** True when the posts in the heads shards were checked and no two share a slug, id or URL. */
  collisionFree?: boolean;
  /** What the last build read of each image file: valid while its size and mtime stay. */
  images?: [file: string, ...KnownImage][];
  /** The files besides the posts the output depends on, as last seen (see `inputIdentities`). */
  inputs?: [file: string, ...KnownInput][];
}

/**
 * An image file's size and mtime when it was read, what reading it found, and the blob git
 * vouched for then ('' for none).
 */
export type KnownImage = [size: number, mtimeMs: number, reading: ImageReading, blob: string];

/**
 * A shard of stories: their files' paths, the stories without their posts or summaries, and the
 * posts, each as columns (see `RecordColumns`), row for row; the summaries are in a file of their
 * own (see `summary-store.ts`).
 */
interface StoriesPayload extends SummaryColumns {
  key: string;
  paths: string[];
  stories: RecordColumns;
  posts: RecordColumns;
}

/**
 * A story as its file keeps it. Its post without what its head record holds (categories, tags,
 * URL, dates: 200,000 names at 10,000 posts, each post's own copy once decoded), which
 * it takes back from the head of the same front matter when read; without its summary, which is
 * kept in a file of its own and read when shown; and without the post's `summary` (the front
 * matter's, which the story's is made of: a build renders a body again from its file, read again).
 */
type StoredStory = Omit<Story, 'summary' | 'post'> & {
  post: Omit<Post, keyof PostRef | 'summary'>;
};

/** What a post's head record holds of it, left out of its stored story. */
const REF_FIELDS = [
  'sourcePath',
  'date',
  'updated',
  'slug',
  'language',
  'translationKey',
  'categories',
  'tags',
  // Not 'authors': the index keeps a byline's name and key only, not the profile it resolved to.
  'feed',
  'expires',
  'draft',
  'id',
  'link',
  'url',
  'pagePath',
] as const satisfies readonly (keyof PostRef)[];

interface ItemsPayload {
  key: string;
  items: ItemColumns;
}

/**
 * What the previous build learned, in checksummed files: every post file's parsed front matter
 * (valid while size and mtime match), in `SHARDS` files, and an index with a record of the last
 * output, read on every build; and the stories of the published posts, with the HTML of those a
 * feed holds (valid while their content hashes match), in `SHARDS` files read only when something
 * has to be rendered. A corrupt or truncated file is detected and discarded, never trusted.
 * `key` covers the config and feedwright's code, so changing either starts afresh.
 */
export class BuildCache {
  private lastOutput: OutputRecord | undefined;
  collisionFree: boolean;
  /** What the last build read of its image files, by file. */
  images: ReadonlyMap<string, KnownImage>;
  /** The files besides the posts, as the last build saw them, by file. */
  inputs: ReadonlyMap<string, KnownInput>;
  private storyEntries: Map<string, Story> | undefined;
  private itemShelf: StoredItems | undefined;
  /** The items to keep in place of the shelf's, when they differ. */
  private nextItems: KeptItems | undefined;
  private itemKeyStore: ItemKeys | undefined;
  /** The items' keys to keep in place of the store's, when they differ. */
  private nextItemKeys: ItemKeysPayload | undefined;
  private indexChanged = false;
  /** The story files to write again: those holding a story set or let go since they were read. */
  private readonly changedShards = new Set<number>();
  /** Each story file's summaries file, once read or written (see `summary-store.ts`). */
  private readonly summaryFiles: (string | undefined)[] = [];

  private constructor(
    readonly key: string,
    private readonly file: string | undefined,
    private readonly heads = HeadShards.empty(),
    index?: IndexPayload,
    output = outputOf(index?.output),
  ) {
    this.lastOutput = output;
    this.collisionFree = index?.collisionFree === true;
    this.images = new Map(index?.images?.map(([file, ...known]) => [file, known]));
    this.inputs = new Map(index?.inputs?.map(([file, ...known]) => [file, known]));
  }

  /** The record of the last output, as read or as set since (`setOutput`). */
  get output(): OutputRecord | undefined {
    return this.lastOutput;
  }

  /** Every file's parsed front matter; built from the stored columns on first use. */
  get files(): Map<string, HeadRecord> {
    return this.heads.files;
  }

  /** True when the cache knows some files. */
  get hasFiles(): boolean {
    return this.heads.hasFiles;
  }

  /**
   * True when `sourcePaths` are exactly the files the cache holds, each with the size and mtime
   * in `stamps` ([size, mtimeMs] pairs): then nothing about the posts changed.
   */
  unchanged(sourcePaths: readonly string[], stamps: Float64Array): boolean {
    return this.heads.unchanged(sourcePaths, stamps);
  }

  /** The stored diagnostics of every file, in `sourcePaths` order. */
  storedDiagnostics(sourcePaths: readonly string[]): Diagnostic[] {
    return this.heads.storedDiagnostics(sourcePaths);
  }

  setCollisionFree(value: boolean): void {
    if (value !== this.collisionFree) this.indexChanged = true;
    this.collisionFree = value;
  }

  /** A cache that starts empty and is never saved. */
  static none(key: string): BuildCache {
    return new BuildCache(key, undefined);
  }

  /**
   * Starts reading the files `open` reads (see `readAhead`): the index and, before it is read,
   * every shard of heads, so that all are read while the main thread does other work.
   */
  static readAhead(file: string): CacheBytes {
    return {
      index: readAhead(file),
      heads: Array.from({ length: SHARDS }, (_, k) => readAhead(shardFile(file, 'heads', k))),
    };
  }

  /**
   * Opens the cache at `file` (its files as `read`, by default read now); `problem` says why an
   * existing cache was not used. `known` is given the last output's record as soon as the index
   * is read, before the heads are (a fifth of a second at 100,000 posts): the output can be
   * looked at meanwhile.
   */
  static async open(
    file: string,
    key: string,
    known?: (output: OutputRecord) => void,
    read: CacheBytes = BuildCache.readAhead(file),
  ): Promise<{ cache: BuildCache; problem?: string }> {
    const bytes = await read.index;
    if (!bytes) return { cache: new BuildCache(key, file) };
    if (isOtherVersion(bytes)) {
      return {
        cache: new BuildCache(key, file),
        problem: 'the build cache is from another version of feedwright: starting afresh',
      };
    }
    const index = decodeCacheFile<IndexPayload>(
      bytes,
      (p) => Array.isArray(p.heads) && p.heads.length === SHARDS,
    );
    if (!index)
      return {
        cache: new BuildCache(key, file),
        problem: 'the build cache was corrupt and has been discarded',
      };
    if (index.key !== key) {
      return {
        cache: new BuildCache(key, file),
        problem: 'the config or feedwright changed: starting with an empty cache',
      };
    }
    const output = outputOf(index.output);
    if (output) known?.(output);
    const { heads, lost } = await HeadShards.read(key, index.heads, read.heads);
    // Files whose heads were lost are read again, unchecked against the others.
    if (lost) index.collisionFree = false;
    return { cache: new BuildCache(key, file, heads, index, output) };
  }

  setFile(entry: HeadRecord): void {
    this.heads.set(entry);
  }

  /** Keeps `images` (what this build read of its image files) for the next build. */
  setImages(images: ReadonlyMap<string, KnownImage>): void {
    if (differ(images, this.images)) this.indexChanged = true;
    this.images = images;
  }

  /** Keeps `inputs` (the files besides the posts, as this build saw them) for the next build. */
  setInputs(inputs: ReadonlyMap<string, KnownInput>): void {
    if (differ(inputs, this.inputs)) this.indexChanged = true;
    this.inputs = inputs;
  }

  setOutput(record: OutputRecord): void {
    this.lastOutput = record;
    this.indexChanged = true;
  }

  /**
   * Every published post as the last builds knew it, read from disk the first time asked — once
   * the heads are settled (`setFile`): each story takes its post's head fields from its file's
   * head, and one whose front matter is no longer the file's is dropped.
   */
  async stories(): Promise<Map<string, Story>> {
    if (!this.storyEntries) {
      const file = this.file;
      const shards = file
        ? await Promise.all(
            Array.from({ length: SHARDS }, (_, k) => readAhead(shardFile(file, 'stories', k))),
          )
        : [];
      this.storyEntries = new Map();
      for (const [k, bytes] of shards.entries()) {
        const payload = bytes
          ? decodeCacheFile<StoriesPayload>(bytes, isStoriesPayload)
          : undefined;
        const shard = file && payload?.key === this.key ? shardFile(file, 'stories', k) : '';
        const read = payload && shard && storiesIn(shard, payload, (p) => this.files.get(p));
        // A damaged file (or its summaries') loses only its own stories: rendered again.
        if (payload && read) {
          this.summaryFiles[k] = payload.summaryFile;
          for (const [path, story, head] of read) {
            // Keyed by the head's copy of the path: one string a post, not one per file read.
            if (story && head) this.storyEntries.set(head.sourcePath, story);
            // Its front matter changed or its file is gone: the story is of no use, and goes.
            else this.changedShards.add(shardOf(path));
          }
        }
      }
    }
    return this.storyEntries;
  }

  /**
   * The feed items the last build wrote for the documents a new story changes (by what each shows
   * and its form), read from disk the first time asked — when a build first renders a feed, and
   * never by one that renders none; none when the file is missing or damaged.
   */
  items(): StoredItems {
    if (!this.itemShelf) {
      const bytes = this.file ? readIfThere(itemsFile(this.file)) : undefined;
      const payload = bytes
        ? decodeCacheFile<ItemsPayload>(bytes, (p) => areItemColumns(p.items))
        : undefined;
      this.itemShelf = new StoredItems(payload?.key === this.key ? payload.items : undefined);
    }
    return this.itemShelf;
  }

  /**
   * Keeps `kept` in place of the items kept before: its `earlier` ones by their key on the shelf
   * `items()` gave; written by `save` only if they differ (some fresh, or not every one kept).
   */
  setItems(kept: KeptItems): void {
    const shelf = this.items();
    const same =
      kept.fresh.size === 0 &&
      kept.earlier.length === shelf.size &&
      kept.earlier.every((key) => shelf.has(key));
    this.nextItems = same ? undefined : kept;
  }

  /** The keys the last build took of its items, read from disk the first time asked. */
  itemKeys(): ItemKeys {
    this.itemKeyStore ??= ItemKeys.read(this.file && itemKeysFile(this.file), this.key);
    return this.itemKeyStore;
  }

  /** Keeps `taken`, the keys of items made in `context`; written by `save` if they differ. */
  setItemKeys(context: string, taken: TakenKeys): void {
    this.nextItemKeys = this.itemKeys().next(this.key, context, taken);
  }

  async setStory(sourcePath: string, story: Story): Promise<void> {
    (await this.stories()).set(sourcePath, story);
    this.changedShards.add(shardOf(sourcePath));
  }

  /** Forgets files that no longer exist; true if there were any. */
  keepOnly(sourcePaths: ReadonlySet<string>): boolean {
    return this.heads.keepOnly(sourcePaths);
  }

  /**
   * Writes what changed, atomically (temporary file, then rename), so a concurrent build never
   * reads half a cache. After a full build (`keep` given) the stories store keeps only the
   * published posts, and their HTML only for the posts `keep.html` names; HTML put aside on disk
   * for the build is read back to be kept, or dropped.
   */
  async save(keep?: { published: ReadonlySet<string>; html: ReadonlySet<string> }): Promise<void> {
    if (!this.file) return;
    if (this.storyEntries) this.prune(this.storyEntries, keep);
    if (this.storyEntries && this.changedShards.size > 0) {
      const file = this.file;
      const shards = new Map([...this.changedShards].map((k) => [k, [] as [string, Story][]]));
      for (const [path, story] of this.storyEntries) shards.get(shardOf(path))?.push([path, story]);
      const { key, summaryFiles } = this;
      const released = new Set<string>();
      await writeCacheFiles(
        path.dirname(file),
        // Each shard's columns (and summaries file) made when its turn to be written comes.
        (function* () {
          for (const [k, stories] of shards) {
            const shard = shardFile(file, 'stories', k);
            const summaries = writeSummaries(
              shard,
              stories.map(([, story]) => story.summary),
            );
            const before = summaryFiles[k];
            if (before !== undefined && before !== summaries.summaryFile) released.add(before);
            summaryFiles[k] = summaries.summaryFile;
            yield [shard, storiesPayload(key, stories, summaries)] as const;
          }
        })(),
      );
      this.changedShards.clear();
      const named = new Set(summaryFiles.filter((name) => name !== undefined));
      sweepSummaries(file, named, released);
      // Earlier builds kept every story in one file, which is read no more.
      await rm(file.replace(/\.bin$/, '.stories.bin'), { force: true });
    }
    if (this.nextItems) {
      const items = this.items().with(this.nextItems);
      await writeCacheFile(itemsFile(this.file), { key: this.key, items } satisfies ItemsPayload);
      this.itemShelf = new StoredItems(items);
      this.nextItems = undefined;
    }
    if (this.nextItemKeys && this.file) {
      await writeCacheFile(itemKeysFile(this.file), this.nextItemKeys);
      this.itemKeyStore = undefined;
      this.nextItemKeys = undefined;
    }
    if (this.heads.hasChanges || this.indexChanged) {
      // The output's record in parts, its long columns made as they are written (see `InParts`).
      const output = this.lastOutput && storedOutputInParts(this.lastOutput, ['output']);
      const payload: IndexPayload = {
        key: this.key,
        // The heads first: an index names only shards already written.
        heads: await this.heads.save(this.file, this.key),
        collisionFree: this.collisionFree,
        ...(output ? { output: output.root } : {}),
        ...(this.images.size > 0
          ? { images: [...this.images].map(([file, known]) => [file, ...known] as const) }
          : {}),
        ...(this.inputs.size > 0
          ? { inputs: [...this.inputs].map(([file, known]) => [file, ...known] as const) }
          : {}),
      };
      await writeCacheFile(this.file, new InParts(payload, output?.parts ?? (() => [])));
      this.indexChanged = false;
    }
  }

  /**
   * Drops the stories of posts no longer published and the HTML `keep.html` does not name (with
   * no `keep`, only the HTML put aside on disk, which goes with the build); reads back the stored
   * HTML it keeps.
   */
  private prune(
    stories: Map<string, Story>,
    keep?: { published: ReadonlySet<string>; html: ReadonlySet<string> },
  ): void {
    for (const [sourcePath, story] of stories) {
      const html = story.contentHtml;
      const stored = html !== undefined && isStored(html);
      if (keep && !keep.published.has(sourcePath)) stories.delete(sourcePath);
      else if (html !== undefined && (keep ? !keep.html.has(sourcePath) : stored)) {
        const { contentHtml: _, ...rest } = story;
        stories.set(sourcePath, rest);
      } else if (stored) stories.set(sourcePath, { ...story, contentHtml: readStoredHtml(html) });
      else continue;
      this.changedShards.add(shardOf(sourcePath));
    }
  }
}

/** `story` as its file keeps it (see `StoredStory`). */
function storedStory(story: Story): StoredStory {
  const { summary: _, post, ...rest } = story;
  const own: Partial<Post> = { ...post };
  for (const field of REF_FIELDS) delete own[field];
  delete own.summary;
  return { ...rest, post: own as StoredStory['post'] };
}

/**
 * A shard's `stories` as its file keeps them (see `StoriesPayload`), their summaries where
 * `summaries` (written already) says.
 */
function storiesPayload(
  key: string,
  stories: readonly [string, Story][],
  summaries: SummaryColumns,
): StoriesPayload {
  const stored = stories.map(([, story]) => storedStory(story));
  const rest = stored.map(({ post: _, ...story }) => story);
  return {
    key,
    paths: stories.map(([path]) => path),
    stories: columnsOf(rest),
    posts: columnsOf(stored.map((story) => story.post)),
    ...summaries,
  };
}

function isStoriesPayload(payload: Partial<StoriesPayload>): boolean {
  const { paths, stories, posts } = payload;
  return (
    Array.isArray(paths) &&
    areRecordColumns(stories) &&
    areRecordColumns(posts) &&
    stories.rows === paths.length &&
    posts.rows === paths.length &&
    areSummaryColumns(payload, paths.length)
  );
}

/**
 * The stories the file `shard` keeps, by path (see `storiesPayload`), each whole again with its
 * head (`headOf`: its file's head now) and where its summary is: none for a story whose file has
 * no head read from the same front matter (same hash) — it was made from front matter the file no
 * longer has. Undefined when the shard's summaries are not to be found.
 */
function storiesIn(
  shard: string,
  payload: StoriesPayload,
  headOf: (path: string) => HeadRecord | undefined,
): [path: string, story: Story | undefined, head: HeadRecord | undefined][] | undefined {
  const stories = recordsOf<StoredStory>(payload.stories);
  const summaries = summaryPlaces(
    shard,
    payload,
    stories.map((story) => story.summaryKey),
  );
  if (!summaries) return undefined;
  const heads = payload.paths.map((path, row) => {
    const head = headOf(path);
    return head?.ref && head.headHash === stories[row]?.headHash ? head : undefined;
  });
  // Each post decoded onto a copy of its head's fields (not spread: V8 copies the objects its
  // deserializer made five times faster with `Object.assign`), the story's own fields after them.
  const posts = recordsOf<Post>(payload.posts, (row) => {
    const head = heads[row];
    return head ? Object.assign({}, head.ref) : {};
  });
  return payload.paths.map((path, row) => {
    const head = heads[row];
    const stored = stories[row] as StoredStory;
    const summary = summaries[row] ?? '';
    return [path, head && storyOf(stored, posts[row] as Post, head, summary), head];
  });
}

/**
 * A story read back, completed in place: its post whole again, its summary where it is kept, its
 * hashes the head's.
 */
function storyOf(
  stored: StoredStory,
  post: Post,
  head: HeadRecord,
  summary: Story['summary'],
): Story {
  // The head's copies of the hashes, equal to the story's: one string each, not two per post.
  const bodyHash = head.bodyHash === stored.bodyHash ? head.bodyHash : stored.bodyHash;
  return Object.assign(stored, { post, summary, headHash: head.headHash, bodyHash });
}

/** The file of the feed items kept for the next build. */
function itemsFile(file: string): string {
  return file.replace(/\.bin$/, '.items.bin');
}

function itemKeysFile(file: string): string {
  return file.replace(/\.bin$/, '.item-keys.bin');
}

/**
 * Whether two maps of records kept in the index (`KnownImage`, `KnownInput`: tuples of numbers,
 * strings and small JSON values) differ: the index is written again only when they do.
 */
function differ<V extends readonly unknown[]>(
  next: ReadonlyMap<string, V>,
  last: ReadonlyMap<string, V>,
): boolean {
  if (next.size !== last.size) return true;
  const text = (v: unknown) => (typeof v === 'object' ? JSON.stringify(v) : v);
  for (const [file, known] of next) {
    const before = last.get(file);
    if (!before || known.length !== before.length) return true;
    if (known.some((value, i) => text(value) !== text(before[i]))) return true;
  }
  return false;
}
