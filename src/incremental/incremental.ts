/**
 * Every "can this be skipped?" decision of a build, in one place. The stages do their work on
 * whatever this hands them; the cache only ever decides which inputs they may skip.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { cacheKey, contentKeyOf } from '../hash.js';
import type {
  BodyJob,
  BodyOutcome,
  FeedSummary,
  FileAt,
  FileJob,
  HeadRead,
  HeadRecord,
  ImageReading,
  ItemShelf,
  KeptItems,
  KnownKey,
  OutputStamps,
  PostRef,
  SeenAt,
  SiteConfig,
  StampColumns,
  StoredHtml,
  Story,
  TakenKeys,
} from '../model.js';
import { BuildCache, type CacheBytes, type KnownImage } from './build-cache.js';
import { codeFingerprint, keepCodeFingerprint } from './code-fingerprint.js';
import { type Input, inputIdentities } from './input-identities.js';
import {
  manifestMatches,
  manifestPaths,
  type OutputRecord,
  outputFingerprint,
  outputMatches,
} from './output-record.js';
import { shareHeadTexts, shareNames } from './shared-names.js';
import { statFiles } from './stat-files.js';
import { type BlobOf, type Tracked, trackedFiles } from './tracked-files.js';

export interface IncrementalOptions {
  /** Folder the cache is kept in; undefined for none (start empty, save nothing). */
  cacheDir?: string;
  postsDir: string;
  outDir: string;
  config: SiteConfig;
  /**
   * The files besides the posts that the output depends on (the public folder's, and the posts
   * folder's other files): their list, and what each is (see `inputIdentities`).
   */
  assets: readonly Input[];
  /** Which posts may be selected: a different choice changes the output. */
  selection: { includeFuture?: boolean; includeDrafts?: boolean };
  /** False when the build writes nothing: then nothing is up to date, nothing carried over. */
  write: boolean;
  /**
   * The files under some folders of a folder (the posts', the public one) that git tracks and
   * finds unmodified, with their blob ids (see `cleanBlobs`); undefined when they are not in git.
   * Asked once a build at most: when a file besides the posts is not as last seen, or many posts
   * have a new mtime.
   */
  tracked?: Tracked;
  /** How many such files make it worth asking; default `GIT_WORTH`, or a sixteenth of the files. */
  askGitFrom?: number;
  /**
   * Given the last output's stamps (`outputStamps`) as soon as the cache's index is read, before
   * its heads are: the output can be looked at on another thread meanwhile (`BuildRun.lookAhead`).
   */
  outputKnown?: (stamps: OutputStamps) => void;
  /** The cache's files, when `readAhead` started reading them; else read when opened. */
  ahead?: CacheBytes;
}

/** The last build's record, when it still describes the output exactly. */
export interface UpToDate {
  record: OutputRecord;
  /** Its warnings, to repeat. */
  diagnostics: Diagnostic[];
  /** The output's files: the paths of its manifest (see `manifestPaths`). */
  paths: readonly string[];
}

/** A file whose head is to be read: its path, and the hash of the head the cache has of it. */
export type StaleHead = Pick<FileJob, 'sourcePath' | 'known'>;

/** A stale story to render: the post file, and the hashes of what the cache has of it. */
export type StoryJob = Pick<BodyJob, 'sourcePath' | 'previous' | 'force'>;

/** What the documents need of a post, and what the next build may reuse. */
export interface StoryView {
  post: Story['post'];
  summary: Story['summary'];
  summaryKey: string;
  contentHtml?: string | StoredHtml;
  contentKey: string;
}

export interface Stories {
  /** A published post's story. */
  of: (ref: PostRef) => Story;
  /** A published post as the documents see it (its HTML when at hand). */
  view: (ref: PostRef) => StoryView;
  /** Bodies rendered this build so far (the rest came from the cache). */
  readonly rendered: number;
  /** Every problem found: files that failed, then the published posts' body warnings. */
  diagnostics: Diagnostic[];
}

/** Which outputs may be carried over as the last build wrote them. */
export interface Reuse {
  kept: (paths: readonly string[], key: string) => string[] | undefined;
  /** Set when nothing can be kept (see `SiteReuse.none`): no output needs keying to tell. */
  none?: true;
  /**
   * The feed items the last build wrote, by what each shows (valid whatever else changed), read
   * when first asked for.
   */
  items: () => ItemShelf;
}

type Render = (stale: StoryJob[]) => Promise<BodyOutcome[]>;

export class Incremental {
  private stamps: { files: readonly string[]; stamps: Float64Array | undefined } | undefined;
  /** `staleOf`'s answer, and the records of files git vouched for (see `vouched`). */
  private stale: { files: readonly string[]; stale: number[]; vouched: HeadRecord[] } | undefined;
  private mayCollide = true;
  /** The stories of this build by path: the cache's map, once `readStories` settled it. */
  private stories = new Map<string, Story>();
  private failed: Diagnostic[] = [];
  private rendered = 0;
  /** What this build read of its image files (`measured`), kept for the next. */
  private images: Map<string, KnownImage> | undefined;
  /** What this build's items are made in, besides their files (see `itemKeys`). */
  private itemContext: string | undefined;
  /** Stories read with their heads (a cold build), until `readStories` takes them. */
  private readonly prefetched = new Map<string, BodyOutcome>();

  private constructor(
    private readonly options: IncrementalOptions,
    private readonly cache: BuildCache,
    /** Why an existing cache was not used, if it was not. */
    readonly problem: string | undefined,
    private readonly outputKey: string,
    private readonly selection: string,
    /** What git vouches for (`tracked`, asked once), and the inputs known by blob. */
    private readonly git: { blobOf: BlobOf; blobs: ReadonlyMap<string, string> },
  ) {}

  /**
   * Starts reading the cache's files for `open` (`ahead`), on other threads: a build finds its
   * posts meanwhile. Nothing when there is no cache folder.
   */
  static readAhead(
    options: Pick<IncrementalOptions, 'cacheDir' | 'postsDir' | 'outDir'>,
  ): CacheBytes | undefined {
    return options.cacheDir ? BuildCache.readAhead(cacheFile(options)) : undefined;
  }

  static async open(options: IncrementalOptions): Promise<Incremental> {
    const key = cacheKey([options.config, codeFingerprint(options.cacheDir)]);
    const known = options.outputKnown;
    const { cache, problem } = options.cacheDir
      ? await BuildCache.open(
          cacheFile(options),
          key,
          known && ((last) => known(outputStampsOf(last))),
          options.ahead,
        )
      : { cache: BuildCache.none(key) };
    const roots = [options.postsDir, ...options.assets.map((a) => a.root)];
    const blobOf = trackedFiles(roots, options.tracked);
    // The output depends on the public files too: their list, and what each is.
    const inputs = inputIdentities(options.assets, cache.inputs, blobOf);
    cache.setInputs(inputs.known);
    const assets = options.assets.map((a, i) => [a.path, inputs.ids[i]]);
    const { includeFuture = false, includeDrafts = false } = options.selection;
    const selection = JSON.stringify([includeFuture, includeDrafts]);
    const git = { blobOf, blobs: inputs.blobs };
    return new Incremental(options, cache, problem, cacheKey([key, assets]), selection, git);
  }

  /**
   * The last record, when no post file changed since a build that succeeded, no post left out
   * for its date has come due, and the output is as it was left: then no front matter needs
   * reading at all. `seen` gives the output's files as looked at on another thread, asked for only
   * once every post is found unchanged (this thread helps look while it waits).
   */
  async upToDate(
    files: readonly string[],
    now: Date,
    seen?: () => Promise<SeenAt | undefined>,
  ): Promise<UpToDate | undefined> {
    const { outDir, write } = this.options;
    const stamps = this.stampsOf(files);
    const last = this.cache.output;
    if (!write || !stamps || !last || !this.cache.collisionFree) return undefined;
    if (last.selection !== this.selection || last.outputKey !== this.outputKey) return undefined;
    if (now.getTime() >= last.nextDue || !this.unchangedFiles(files, stamps)) return undefined;
    const stored = this.cache.storedDiagnostics(files);
    if (stored.some((d) => d.severity === 'error')) return undefined;
    if (!(await outputMatches(outDir, last, await seen?.()))) return undefined;
    return {
      record: last,
      diagnostics: [...stored, ...last.diagnostics],
      paths: manifestPaths(last),
    };
  }

  /**
   * True while the cache knows no file, so no story: every published post's body will be
   * rendered, and each file is best read once, whole (a touched file in a known cache may keep
   * its story, and is read in two steps).
   */
  get cold(): boolean {
    return !this.cache.hasFiles;
  }

  /**
   * Every file's head, in `files` order: from the cache when its size and mtime are unchanged,
   * else from `read`, which is given the stale files, each with the hash of the head the cache
   * has of it — a touched file whose front matter hashes the same keeps its cached record, with
   * its new size and mtime and the hash of its body as read now (`HeadRecord.bodyHash`, which
   * `readStories` and the output's fingerprint go by). Files that are gone are forgotten.
   */
  async heads(
    files: readonly string[],
    read: (stale: StaleHead[], withBodies: boolean) => Promise<HeadRead[]>,
  ): Promise<{ heads: HeadRecord[]; read: number }> {
    const stale = this.staleOf(files);
    for (const head of this.vouchedOf(files)) this.cache.setFile(head);
    // The cached records; a stale file's is replaced below by what was read.
    const heads = files.map((sourcePath) => this.cache.files.get(sourcePath)) as HeadRecord[];
    const withBodies = this.cold;
    const jobs = stale.map((i): StaleHead => {
      const sourcePath = files[i] as string;
      const known = this.cache.files.get(sourcePath)?.headHash;
      return known ? { sourcePath, known } : { sourcePath };
    });
    const fresh = stale.length > 0 ? await read(jobs, withBodies) : [];
    let changed = 0;
    fresh.forEach((found, k) => {
      // The path as found, not the reading thread's copy (the files' list keeps it anyway).
      const path = files[stale[k] as number] as string;
      if (found.sourcePath === path) found.sourcePath = path;
      const cached = found.sameHead && this.cache.files.get(found.sourcePath);
      const head = cached && found.sameHead ? sameAs(cached, found) : this.taken(found);
      if (!cached) changed++;
      heads[stale[k] as number] = head;
      this.cache.setFile(head);
    });
    // Every file's head is in the cache's map now: one more in it is of a file gone. The map is
    // the heads by path from here on (`headOf`), not a copy of it (100,000 entries).
    const removed = this.cache.files.size > files.length && this.cache.keepOnly(new Set(files));
    // Touched files whose front matter is as it was cannot clash with anything new.
    this.mayCollide = changed > 0 || removed || !this.cache.collisionFree;
    return { heads, read: stale.length };
  }

  /**
   * A head read and validated, as kept; its story (a cold build reads both) put by for
   * `readStories`, and its body's hash kept with the head.
   */
  private taken({ story, sameHead: _same, ...head }: HeadRead): HeadRecord {
    // Its story's post shares its names when the story is taken in (`merge`).
    if (head.ref) shareNames(head.ref);
    if (!story) return head;
    shareHeadTexts(story, head);
    this.prefetched.set(head.sourcePath, story);
    // Set on this call's own copy, not spread into another: V8 gave most spread copies a hidden
    // class of their own (~300 bytes each, a cold build's heads all alive to its end).
    if (story.bodyHash) head.bodyHash = story.bodyHash;
    return head;
  }

  /**
   * Runs `check` (posts sharing a slug, id or URL; posts over the category limits) unless no
   * file changed since a check that found none: at 100,000 posts it takes a while, and there is
   * nothing new to find.
   */
  collisions(check: () => Diagnostic[]): Diagnostic[] {
    if (!this.mayCollide) return [];
    const found = check();
    this.cache.setCollisionFree(found.length === 0);
    return found;
  }

  /**
   * The last record (with its warnings and its output's paths), when the same posts are
   * published, in the same order, from the same files, with the next one due at the same time,
   * and the output is as it was left.
   */
  async unchanged(plan: {
    published: readonly PostRef[];
    /** Published and withdrawn posts (withdrawn ones keep a page); `published` when absent. */
    hosted?: readonly PostRef[];
    nextDue: number;
  }): Promise<UpToDate | undefined> {
    const last = this.cache.output;
    if (!this.options.write || !last) return undefined;
    const hosted = plan.hosted ?? plan.published;
    const now = outputFingerprint(this.outputKey, this.headsOf(hosted), plan.nextDue);
    return now === last.fingerprint && (await outputMatches(this.options.outDir, last))
      ? { record: last, diagnostics: last.diagnostics, paths: manifestPaths(last) }
      : undefined;
  }

  /**
   * Every published post's story: from the cache while its file is the one it was made from, else
   * from `render`, which is given the stale ones (with the hashes of their cached story, so an
   * unchanged body is not rendered again).
   */
  async readStories(published: readonly PostRef[], render: Render): Promise<Stories> {
    // The cache's own map of stories is this build's (not a copy of 100,000 entries): a story no
    // longer of its file is taken out of it, so none is given for a file that then fails, and
    // kept aside for `merge` (a body that hashes as before is not rendered again).
    const cached = await this.cache.stories();
    this.stories = cached;
    const outdated = new Map<string, Story>();
    const stale: StoryJob[] = [];
    const ready: BodyOutcome[] = [];
    for (const ref of published) {
      const story = cached.get(ref.sourcePath);
      const head = this.headOf(ref.sourcePath);
      // A cached story's post holds its head's names, shared already (see `BuildCache.stories`).
      if (story && head && this.current(story, head)) continue;
      if (story) {
        outdated.set(ref.sourcePath, story);
        cached.delete(ref.sourcePath);
      }
      const early = this.prefetched.get(ref.sourcePath);
      if (early && head && sameFile(early, head) && early.headHash === head.headHash)
        ready.push(early);
      else
        stale.push({ sourcePath: ref.sourcePath, ...(story ? { previous: hashes(story) } : {}) });
    }
    this.prefetched.clear();
    if (ready.length > 0) await this.merge(ready, outdated);
    if (stale.length > 0) await this.merge(await render(stale), outdated);
    const warnings = published.flatMap(
      (ref) => this.stories.get(ref.sourcePath)?.diagnostics ?? [],
    );
    const self = this;
    return {
      of: (ref) => this.stories.get(ref.sourcePath) as Story,
      view: (ref) => viewOf(this.stories.get(ref.sourcePath) as Story),
      get rendered() {
        return self.rendered;
      },
      diagnostics: [...this.failed, ...warnings],
    };
  }

  /**
   * Whether `story` is of its file as the file is now: made from the same front matter, and
   * either the file's size and mtime are the story's, or its body, read with its head since
   * (`HeadRecord.bodyHash`), hashes as the story's did. The story is not written again with the
   * new size and mtime: the head record holds the hash for as long as they stay (after a checkout,
   * every story would be, ~30 MB at 10,000 posts).
   */
  private current(story: Story, head: HeadRecord): boolean {
    if (story.headHash !== head.headHash) return false;
    return sameFile(story, head) || head.bodyHash === story.bodyHash;
  }

  /**
   * Renders the bodies `needed` (by outputs that must be written again) whose HTML is not at hand:
   * their files did not change, so this only brings back what the cache did not keep.
   */
  async readContent(needed: ReadonlySet<string>, render: Render): Promise<Diagnostic[]> {
    const missing = [...needed].filter((source) => {
      const story = this.stories.get(source);
      return story !== undefined && story.contentHtml === undefined;
    });
    this.failed = [];
    if (missing.length > 0) {
      const jobs = missing.map((sourcePath) => ({ sourcePath, force: true }));
      await this.merge(await render(jobs), await this.cache.stories());
    }
    return this.failed;
  }

  /**
   * Brings back the HTML of the stories shown by the `outputs` that `reuse` cannot keep (see
   * `readContent`). `more` says whether any had to be rendered: the site is then made again,
   * with that HTML in it.
   */
  async contentFor(
    outputs: readonly { paths: readonly string[]; key: string; needs: readonly string[] }[],
    reuse: Reuse,
    render: Render,
  ): Promise<{ diagnostics: Diagnostic[]; more: boolean }> {
    const before = this.rendered;
    const stale = reuse.none
      ? outputs
      : outputs.filter((output) => !reuse.kept(output.paths, output.key));
    const diagnostics = await this.readContent(new Set(stale.flatMap((o) => o.needs)), render);
    return { diagnostics, more: this.rendered !== before };
  }

  /** Takes in what `render` gave: new stories, reused ones, and the problems of files that failed. */
  private async merge(outcomes: readonly BodyOutcome[], cached: ReadonlyMap<string, Story>) {
    for (const outcome of outcomes) {
      const previous = cached.get(outcome.sourcePath);
      const { size, mtimeMs, headHash, bodyHash, diagnostics } = outcome;
      const post = outcome.post && shareNames(outcome.post);
      let story: Story | undefined;
      if (post && outcome.reused && previous) story = { ...previous, post, size, mtimeMs };
      else if (post && outcome.rendered) {
        const { contentHtml, summaryKey } = outcome.rendered;
        // The post's own summary, not a copy from the thread: one string, kept once.
        const summary =
          outcome.rendered.summary === post.summary ? post.summary : outcome.rendered.summary;
        story = {
          post,
          size,
          mtimeMs,
          headHash,
          bodyHash,
          summary,
          summaryKey,
          contentHtml,
          diagnostics,
        };
        this.rendered++;
      }
      if (!story) {
        this.failed.push(...outcome.diagnostics);
        continue;
      }
      await this.cache.setStory(outcome.sourcePath, story); // into `this.stories`, the same map
      this.keepBodyHash(outcome);
    }
  }

  /**
   * Keeps the hash of a body just read, and the file's blob id, with its file's head record, while
   * the record is of the same file (same front matter hash, size and mtime): see
   * `HeadRecord.bodyHash` and `HeadRecord.blob`.
   */
  private keepBodyHash(outcome: BodyOutcome): void {
    const { sourcePath, size, mtimeMs, headHash, bodyHash, blob } = outcome;
    const head = this.headOf(sourcePath);
    if (!head || !bodyHash || head.headHash !== headHash) return;
    if (head.bodyHash === bodyHash && (head.blob || !blob)) return;
    if (!sameFile({ size, mtimeMs }, head)) return;
    const known = { ...head, bodyHash, ...(blob ? { blob } : {}) };
    this.cache.setFile(known);
  }

  /**
   * Which outputs can be carried over: one whose key is the one it had, while the output holds the
   * manifest the last build wrote. Each file is not looked at here: the writer checks every one it
   * keeps (a stat; a read when that differs) and renders afresh if one was changed or removed —
   * at 100,000 posts a second stat of every file would cost a second.
   */
  async reuse(): Promise<Reuse> {
    const last = this.cache.output;
    const canKeep =
      this.options.write && last !== undefined && manifestMatches(this.options.outDir, last);
    const items = () => this.cache.items();
    if (!canKeep || !last) return { kept: () => undefined, items, none: true };
    return {
      items,
      kept: (paths, key) => {
        if (last.keys.get(paths[0] as string) !== key) return undefined;
        const digests = paths.map((p) => last.files.get(p));
        return digests.every(Boolean) ? (digests as string[]) : undefined;
      },
    };
  }

  /**
   * The key the last build took of each item that is made again of the same file in the same
   * `context` (`itemContextKey` of this build's site; see `ItemKeys`). The keys this build takes
   * are kept for the next by `record`.
   */
  itemKeys(context: string): KnownKey {
    this.itemContext = context;
    return this.cache.itemKeys().known(context);
  }

  /**
   * The key the last build took of the page of each item made again of the same file in the
   * same context (`itemKeys`), its pages made in the same `pageContext` (see `pageContextKey`);
   * none unless `itemKeys` was asked first.
   */
  readonly pageKeys = (pageContext: string): KnownKey => {
    const context = this.itemContext;
    if (context === undefined) return () => undefined;
    return this.cache.itemKeys().knownPages(context, pageContext);
  };

  /**
   * `measure` (what an image file says of itself), remembered from one build to the next while
   * the file's size and mtime stay as they were, or git vouches for the blob it was read as: a
   * build after one new story (or after a checkout) reads no lead image it read before. What this
   * build measured is what the next finds; a file that could not be measured (not an image, or not
   * readable: a permission fixed later leaves its mtime alone) is read again every time.
   */
  measured(measure: (at: FileAt) => ImageReading): (at: FileAt) => ImageReading {
    const known = this.cache.images;
    const asked = new Map<string, KnownImage>();
    this.images = asked;
    return (at) => {
      const last = known.get(at.file);
      const blob = this.git.blobs.get(at.file) ?? '';
      const fresh =
        last &&
        last[0] === at.size &&
        (last[1] === at.mtimeMs || (blob !== '' && last[3] === blob));
      const reading = fresh ? last[2] : measure(at);
      if ('type' in reading) asked.set(at.file, [at.size, at.mtimeMs, reading, blob]);
      return reading;
    };
  }

  /** Remembers the output just written, so the next build can tell what it may skip. */
  record(
    written: {
      /** Every file's digest, by path (see `WriteResult.digests`). */
      digests: ReadonlyMap<string, string>;
      /** A hash of the manifest's text, as the writer gives it (see `KnownManifest`). */
      manifestDigest?: string;
      stamps: StampColumns;
      folders: StampColumns;
    },
    site: {
      plan: { published: readonly PostRef[]; hosted?: readonly PostRef[]; nextDue: number };
      summaries: FeedSummary[];
      keys: ReadonlyMap<string, string>;
      /** Warnings found outside the posts' own files (their lead images), to repeat. */
      warnings?: readonly Diagnostic[];
      /**
       * The feed items the next build may take instead of writing them (`Reuse.items`);
       * undefined when they are the ones it was given.
       */
      items?: () => KeptItems | undefined;
      /** The keys this build took of its items and pages, to take next time (see `itemKeys`). */
      itemKeys?: () => TakenKeys;
    },
  ): void {
    const items = site.items?.();
    if (items) this.cache.setItems(items);
    if (this.itemContext !== undefined && site.itemKeys)
      this.cache.setItemKeys(this.itemContext, site.itemKeys());
    if (this.images) this.cache.setImages(this.images);
    const { published, nextDue } = site.plan;
    const hosted = site.plan.hosted ?? published;
    this.cache.setOutput({
      fingerprint: outputFingerprint(this.outputKey, this.headsOf(hosted), nextDue),
      files: written.digests,
      ...(written.manifestDigest ? { manifestDigest: written.manifestDigest } : {}),
      diagnostics: [
        ...hosted.flatMap((ref) => this.stories.get(ref.sourcePath)?.diagnostics ?? []),
        ...(site.warnings ?? []),
      ],
      keys: site.keys,
      stamps: written.stamps,
      folders: written.folders,
      nextDue,
      selection: this.selection,
      outputKey: this.outputKey,
      published: published.length,
      summaries: site.summaries,
    });
  }

  /**
   * Saves what was learned. After a full build (`plan` given) the stories store keeps only the
   * published posts, and the HTML only of those in a subscription document or an open archive;
   * after a failed one everything is kept, so fixing one post and building again is quick.
   */
  async save(plan?: {
    published: readonly PostRef[];
    hosted?: readonly PostRef[];
    current: readonly PostRef[];
  }): Promise<void> {
    const sources = (refs: readonly PostRef[]) => new Set(refs.map((ref) => ref.sourcePath));
    await this.cache.save(
      plan && { published: sources(plan.hosted ?? plan.published), html: sources(plan.current) },
    );
    if (this.options.cacheDir) keepCodeFingerprint(this.options.cacheDir);
  }

  /**
   * Size and mtime of every file as the last build wrote it (a match is trusted unread), and of
   * every folder as it found them (one unchanged is not read again: see `listOutput`).
   */
  get outputStamps(): OutputStamps | undefined {
    const last = this.cache.output;
    return last && outputStampsOf(last);
  }

  /** A file's head as `heads` settled it (the cache's, or read since). */
  private headOf(sourcePath: string): HeadRecord {
    return this.cache.files.get(sourcePath) as HeadRecord;
  }

  private headsOf(refs: readonly PostRef[]): HeadRecord[] {
    return refs.map((ref) => this.headOf(ref.sourcePath));
  }

  /**
   * What reading the heads will take: the files whose size or mtime changed since the cache's
   * record, and whether they are read whole (a cold cache: every file is new to it). Known as
   * soon as the files are stat'ed, before any is read: the build starts its threads by it.
   */
  toRead(files: readonly string[]): { files: number; whole: boolean } {
    return { files: this.staleOf(files).length, whole: this.cold };
  }

  /**
   * True when `files` are exactly the files the cache knows, each as it was: with the size and
   * mtime in `stamps`, or vouched for by git (see `vouched`).
   */
  private unchangedFiles(files: readonly string[], stamps: Float64Array): boolean {
    if (this.cache.unchanged(files, stamps)) return true;
    // Only a checkout's new mtimes can still leave the files as they were: asked of git. (Their
    // new mtimes are not saved: a build with nothing to do writes nothing, and asks again.)
    return this.staleOf(files).length === 0 && this.cache.files.size === files.length;
  }

  /**
   * Places in `files` of those whose size or mtime is not the cached record's (or that it lacks),
   * less those git vouches for.
   */
  private staleOf(files: readonly string[]): number[] {
    if (this.stale?.files === files) return this.stale.stale;
    const s = this.stampsOf(files);
    const stale: number[] = [];
    files.forEach((sourcePath, i) => {
      const cached = this.cache.files.get(sourcePath);
      if (!(cached && s && s[2 * i] === cached.size && s[2 * i + 1] === cached.mtimeMs))
        stale.push(i);
    });
    const vouched: HeadRecord[] = [];
    const left = s ? this.vouched(files, stale, s, vouched) : stale;
    this.stale = { files, stale: left, vouched };
    return left;
  }

  /** The records `staleOf` took from git: the cached ones, with each file's new size and mtime. */
  private vouchedOf(files: readonly string[]): HeadRecord[] {
    this.staleOf(files);
    return this.stale?.vouched ?? [];
  }

  /**
   * The places in `stale` git cannot vouch for. Git can when its index holds, for a file it finds
   * unmodified, the blob the cache read the file as (`HeadRecord.blob`), and the file's size is
   * still the one it was read at: then its bytes are the ones read, and its record stands, with
   * its new mtime (pushed to `vouched`). Git is asked only when many files have new mtimes (a
   * checkout, in CI): it looks at every file, ~3–4 µs each (10,000 in 28–40 ms; more when many are
   * as new as its index, whose content it then reads), where reading one costs ~35 µs.
   */
  private vouched(
    files: readonly string[],
    stale: number[],
    s: Float64Array,
    vouched: HeadRecord[],
  ): number[] {
    // Each stale file's record, where it has a blob read at the file's size now: looked up once.
    const known = stale.map((i) => {
      const cached = this.cache.files.get(files[i] as string);
      return cached?.blob && s[2 * i] === cached.size ? cached : undefined;
    });
    const candidates = known.filter((cached) => cached !== undefined).length;
    const from = this.options.askGitFrom ?? Math.max(GIT_WORTH, files.length / 16);
    if (candidates < from) return stale;
    const { postsDir } = this.options;
    return stale.filter((i, k) => {
      const cached = known[k];
      if (!cached || this.git.blobOf(postsDir, cached.sourcePath) !== cached.blob) return true;
      vouched.push({ ...cached, size: s[2 * i] as number, mtimeMs: s[2 * i + 1] as number });
      return false;
    });
  }

  /**
   * Size and mtime of every post file, as [size, mtimeMs] pairs, taken once per build (and not
   * at all when the cache knows no file to compare them with).
   */
  private stampsOf(files: readonly string[]): Float64Array | undefined {
    if (this.stamps?.files !== files) {
      // Relative, `/`-separated and normalised already (see `discoverPosts`): joined by hand, as
      // 100,000 `path.join`s are 130-240 ms of a build that finds every file unchanged.
      const root = path.resolve(this.options.postsDir);
      const dir = root.endsWith(path.sep) ? root : root + path.sep;
      const stamps = this.cache.hasFiles ? statFiles(files, dir) : undefined;
      this.stamps = { files, stamps };
    }
    return this.stamps.stamps;
  }
}

/** Stale files with a known blob, fewer than which git is not asked (see `vouched`). */
const GIT_WORTH = 32;

/**
 * The cached record of a file read again whose front matter hashes the same: with its new size
 * and mtime, and the hash of its body and its blob id as read now.
 */
function sameAs(cached: HeadRecord, found: HeadRead): HeadRecord {
  // Set on this call's own copy, not spread into another (see `taken`): after a checkout every
  // head is made here, and most spread copies had a hidden class of their own.
  const { blob: _old, ...rest } = cached;
  const record: HeadRecord = rest;
  const { bodyHash, blob } = found.sameHead ?? {};
  record.size = found.size;
  record.mtimeMs = found.mtimeMs;
  record.bodyHash = bodyHash;
  if (blob) record.blob = blob;
  return record;
}

/** The same file as when the story was made: same size and mtime. */
function sameFile(story: Pick<Story, 'size' | 'mtimeMs'>, head: HeadRecord): boolean {
  return story.size === head.size && story.mtimeMs === head.mtimeMs;
}

function hashes(story: Story): { headHash: string; bodyHash: string } {
  return { headHash: story.headHash, bodyHash: story.bodyHash };
}

/** A story as the documents see it: its content key stands for its bytes. */
export function viewOf(story: Story): StoryView {
  return {
    post: story.post,
    summary: story.summary,
    summaryKey: story.summaryKey,
    ...(story.contentHtml !== undefined ? { contentHtml: story.contentHtml } : {}),
    contentKey: contentKeyOf(story.headHash, story.bodyHash),
  };
}

function cacheFile(options: Pick<IncrementalOptions, 'cacheDir' | 'postsDir' | 'outDir'>): string {
  const name = `build-${cacheKey([options.postsDir, options.outDir]).slice(0, 16)}.bin`;
  return path.join(options.cacheDir as string, name);
}

/** The stamps of `last`'s files and folders, and its manifest (see `Incremental.outputStamps`). */
function outputStampsOf(last: OutputRecord): OutputStamps {
  const { stamps: files, folders, manifestDigest: digest } = last;
  // The manifest's files only for the writer that asks: a build that finds nothing changed
  // never makes them (see `StoredOutputRecord`).
  const manifest = digest && {
    digest,
    get files() {
      return last.files;
    },
  };
  return { files, folders, ...(manifest ? { manifest } : {}) };
}
