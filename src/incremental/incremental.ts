/**
 * Every "can this be skipped?" decision of a build, in one place. The stages do their work on
 * whatever this hands them; the cache only ever decides which inputs they may skip.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { cacheKey } from '../hash.js';
import type {
  BodyJob,
  BodyOutcome,
  FeedDocument,
  FeedSummary,
  FileStamp,
  HeadRecord,
  PostRef,
  RenderedEntry,
  SiteConfig,
} from '../model.js';
import { BuildCache } from './build-cache.js';
import { codeFingerprint } from './code-fingerprint.js';
import {
  type OutputRecord,
  outputFingerprint,
  outputMatches,
  type PlannedFeeds,
} from './output-record.js';
import { statFiles } from './stat-files.js';

export interface IncrementalOptions {
  /** Folder the cache is kept in; undefined for none (start empty, save nothing). */
  cacheDir?: string;
  postsDir: string;
  outDir: string;
  config: SiteConfig;
  /** The public files: their list, sizes and mtimes are part of what the output depends on. */
  assets: readonly { path: string; size: number; mtimeMs: number }[];
  /** Which posts may be selected: a different choice changes the output. */
  selection: { includeFuture?: boolean; includeDrafts?: boolean };
  /** False when the build writes nothing: then nothing is up to date, nothing carried over. */
  write: boolean;
}

/** The last build's record, when it still describes the output exactly. */
export interface UpToDate {
  record: OutputRecord;
  /** Its warnings, to repeat. */
  diagnostics: Diagnostic[];
}

export interface RenderedBodies {
  entries: Map<string, RenderedEntry>;
  /** A selected post with its body. */
  of: (ref: PostRef) => RenderedEntry;
  /** Bodies rendered this time (the rest came from the cache). */
  rendered: number;
  /** Every problem found: files that failed, then the selected posts' body warnings. */
  diagnostics: Diagnostic[];
  /** The selected posts' body warnings alone (repeated while the output stays the same). */
  bodyWarnings: Diagnostic[];
}

/** Which feeds and pages may be carried over as the last build wrote them. */
export interface Reuse {
  /** The digests of the feed's three files, in RSS, Atom, JSON order, if it is unchanged. */
  feed: (doc: FeedDocument) => string[] | undefined;
  /** The digest of the page at `path`, if its key is the one it had. */
  page: (path: string, key: string) => string | undefined;
}

export class Incremental {
  private stamps: { files: readonly string[]; stamps: Float64Array | undefined } | undefined;
  private readonly readNow = new Set<string>();
  private readonly headHashes = new Map<string, string>();
  private mayCollide = true;
  private feedKeys: Record<string, string> = {};

  private constructor(
    private readonly options: IncrementalOptions,
    private readonly cache: BuildCache,
    /** Why an existing cache was not used, if it was not. */
    readonly problem: string | undefined,
    private readonly outputKey: string,
    private readonly selection: string,
  ) {}

  static async open(options: IncrementalOptions): Promise<Incremental> {
    const key = cacheKey([options.config, codeFingerprint()]);
    const { cache, problem } = options.cacheDir
      ? await BuildCache.open(cacheFile(options), key)
      : { cache: BuildCache.none(key) };
    // The output depends on the public files too: their list, sizes and mtimes.
    const assets = options.assets.map((a) => [a.path, a.size, a.mtimeMs]);
    const selection = [
      options.selection.includeFuture ?? false,
      options.selection.includeDrafts ?? false,
    ];
    return new Incremental(
      options,
      cache,
      problem,
      cacheKey([key, assets]),
      JSON.stringify(selection),
    );
  }

  /**
   * The last record, when no post file changed since a build that succeeded, no post left out
   * for its date has come due, and the output is as it was left: then no front matter needs
   * reading at all.
   */
  async upToDate(files: readonly string[], now: Date): Promise<UpToDate | undefined> {
    const { outDir, write } = this.options;
    const stamps = this.stampsOf(files);
    const last = this.cache.output;
    if (!write || !stamps || !last || !this.cache.collisionFree) return undefined;
    if (last.selection !== this.selection || last.outputKey !== this.outputKey) return undefined;
    if (now.getTime() >= last.nextDue || !this.cache.unchanged(files, stamps)) return undefined;
    const stored = this.cache.storedDiagnostics(files);
    if (stored.some((d) => d.severity === 'error') || !(await outputMatches(outDir, last)))
      return undefined;
    return { record: last, diagnostics: [...stored, ...last.diagnostics] };
  }

  /**
   * Every file's head, in `files` order: from the cache when its size and mtime are unchanged,
   * else from `read`, which is given the stale files. Files that are gone are forgotten.
   */
  async heads(
    files: readonly string[],
    read: (stale: string[]) => Promise<HeadRecord[]>,
  ): Promise<{ heads: HeadRecord[]; read: number }> {
    const heads = new Array<HeadRecord>(files.length);
    const stale: number[] = [];
    const s = this.stampsOf(files);
    files.forEach((sourcePath, i) => {
      const cached = this.cache.files.get(sourcePath);
      if (cached && s && s[2 * i] === cached.size && s[2 * i + 1] === cached.mtimeMs)
        heads[i] = cached;
      else stale.push(i);
    });
    const fresh = stale.length > 0 ? await read(stale.map((i) => files[i] as string)) : [];
    fresh.forEach((head, k) => {
      heads[stale[k] as number] = head;
      this.cache.setFile(head);
      this.readNow.add(head.sourcePath);
    });
    const removed = this.cache.keepOnly(new Set(files));
    for (const head of heads) this.headHashes.set(head.sourcePath, head.headHash);
    this.mayCollide = stale.length > 0 || removed || !this.cache.collisionFree;
    return { heads, read: stale.length };
  }

  /**
   * Runs `check` (which finds posts sharing a slug, id or URL) unless no file changed since a
   * check that found none: at 100,000 posts it takes a while, and there is nothing new to find.
   */
  collisions(check: () => Diagnostic[]): Diagnostic[] {
    if (!this.mayCollide) return [];
    const found = check();
    this.cache.setCollisionFree(found.length === 0);
    return found;
  }

  /**
   * The last record, when what goes into the output (which posts are in which feed, and their
   * bytes) is what it was and the output is as it was left. A post read from the cache is
   * unchanged on disk, so the body hash recorded for it last time still holds.
   */
  async unchanged(plan: PlannedFeeds): Promise<OutputRecord | undefined> {
    const last = this.cache.output;
    if (!this.options.write || !last) return undefined;
    const before = outputFingerprint(this.outputKey, plan, (ref) => {
      const hashes = last.posts[ref.sourcePath];
      return hashes && this.isUnread(ref) && hashes[0] === this.headHashes.get(ref.sourcePath)
        ? hashes
        : undefined;
    });
    return before === last.fingerprint && (await outputMatches(this.options.outDir, last))
      ? last
      : undefined;
  }

  /**
   * Every selected post with its body rendered: from the cache when its file was not read again
   * and its front matter is the same, else from `render`, which is given the stale ones (with
   * the hashes of their cached rendering, so an unchanged body is not rendered again).
   */
  async bodies(
    selected: readonly PostRef[],
    render: (stale: Pick<BodyJob, 'sourcePath' | 'previous'>[]) => Promise<BodyOutcome[]>,
  ): Promise<RenderedBodies> {
    const cached = await this.cache.rendered();
    const entries = new Map<string, RenderedEntry>();
    const stale: Pick<BodyJob, 'sourcePath' | 'previous'>[] = [];
    for (const ref of selected) {
      const entry = cached.get(ref.sourcePath);
      if (entry && this.isUnread(ref) && entry.headHash === this.headHashes.get(ref.sourcePath)) {
        entries.set(ref.sourcePath, entry);
      } else {
        const previous = entry && { headHash: entry.headHash, bodyHash: entry.bodyHash };
        stale.push({ sourcePath: ref.sourcePath, ...(previous ? { previous } : {}) });
      }
    }
    const outcomes = stale.length > 0 ? await render(stale) : [];
    const { rendered, failed } = await this.mergeBodies(outcomes, cached, entries);
    const bodyWarnings = selected.flatMap((ref) => entries.get(ref.sourcePath)?.diagnostics ?? []);
    const of = (ref: PostRef) => entries.get(ref.sourcePath) as RenderedEntry;
    return { entries, of, rendered, diagnostics: [...failed, ...bodyWarnings], bodyWarnings };
  }

  private async mergeBodies(
    outcomes: readonly BodyOutcome[],
    cached: ReadonlyMap<string, RenderedEntry>,
    entries: Map<string, RenderedEntry>,
  ): Promise<{ rendered: number; failed: Diagnostic[] }> {
    let rendered = 0;
    const failed: Diagnostic[] = [];
    for (const outcome of outcomes) {
      const previous = cached.get(outcome.sourcePath);
      if (outcome.post && outcome.reused && previous) {
        entries.set(outcome.sourcePath, { ...previous, post: outcome.post });
      } else if (outcome.post && outcome.rendered) {
        const { post, headHash, bodyHash, diagnostics } = outcome;
        const entry: RenderedEntry = { ...outcome.rendered, post, headHash, bodyHash, diagnostics };
        await this.cache.setRendered(outcome.sourcePath, entry);
        entries.set(outcome.sourcePath, entry);
        rendered++;
      } else failed.push(...outcome.diagnostics);
    }
    return { rendered, failed };
  }

  /**
   * Which feeds and pages can be carried over: a feed whose posts and their bytes are what they
   * were, a page whose key is the one it had, and only while the output is as it was left.
   */
  async reuse(
    plan: PlannedFeeds,
    documents: readonly FeedDocument[],
    entries: ReadonlyMap<string, RenderedEntry>,
  ): Promise<Reuse> {
    this.feedKeys = {};
    plan.feeds.forEach((feed, i) => {
      const posts = feed.posts.map((ref) => {
        const entry = entries.get(ref.sourcePath);
        return [ref.sourcePath, entry?.headHash, entry?.bodyHash];
      });
      const doc = documents[i];
      if (doc)
        this.feedKeys[doc.paths.rss] = cacheKey([this.cache.key, feed.category ?? null, posts]);
    });
    const last = this.cache.output;
    const canKeep =
      this.options.write && last !== undefined && (await outputMatches(this.options.outDir, last));
    if (!canKeep || !last) return NO_REUSE;
    return {
      feed: (doc) => {
        const kept = [doc.paths.rss, doc.paths.atom, doc.paths.json].map((p) => last.files[p]);
        const same = last.feeds[doc.paths.rss] === this.feedKeys[doc.paths.rss];
        return same && kept.every(Boolean) ? (kept as string[]) : undefined;
      },
      page: (page, key) => (last.pages[page] === key ? last.files[page] : undefined),
    };
  }

  /** Remembers the output just written, so the next build can tell what it may skip. */
  record(
    written: { manifest: { files: Record<string, string> }; stamps: Record<string, FileStamp> },
    site: {
      plan: PlannedFeeds & {
        published: readonly PostRef[];
        nextDue: number;
        selected: readonly PostRef[];
      };
      summaries: FeedSummary[];
      pageKeys: Record<string, string>;
      bodies: RenderedBodies;
    },
  ): void {
    const posts: OutputRecord['posts'] = {};
    for (const ref of site.plan.selected) {
      const entry = site.bodies.entries.get(ref.sourcePath);
      if (entry) posts[ref.sourcePath] = [entry.headHash, entry.bodyHash];
    }
    const fingerprint = outputFingerprint(
      this.outputKey,
      site.plan,
      (ref) => posts[ref.sourcePath],
    );
    if (!fingerprint) return;
    this.cache.setOutput({
      fingerprint,
      files: written.manifest.files,
      posts,
      diagnostics: site.bodies.bodyWarnings,
      feeds: this.feedKeys,
      stamps: written.stamps,
      pages: site.pageKeys,
      nextDue: site.plan.nextDue,
      selection: this.selection,
      outputKey: this.outputKey,
      published: site.plan.published.length,
      summaries: site.summaries,
    });
  }

  /**
   * Saves what was learned. After a full build (`selected` given) the store of rendered bodies
   * keeps only the posts in some feed now; after a failed one, everything is kept, so fixing one
   * post and building again is quick.
   */
  async save(selected?: readonly PostRef[]): Promise<void> {
    await this.cache.save(selected && new Set(selected.map((ref) => ref.sourcePath)));
  }

  /** Size and mtime of every file as the last build wrote it: a match is trusted unread. */
  get outputStamps(): Record<string, FileStamp> | undefined {
    return this.cache.output?.stamps;
  }

  /**
   * Size and mtime of every post file, as [size, mtimeMs] pairs, taken once per build (and not
   * at all when the cache knows no file to compare them with).
   */
  private stampsOf(files: readonly string[]): Float64Array | undefined {
    if (this.stamps?.files !== files) {
      const { postsDir } = this.options;
      const stamps = this.cache.hasFiles
        ? statFiles(files.map((f) => path.join(postsDir, f)))
        : undefined;
      this.stamps = { files, stamps };
    }
    return this.stamps.stamps;
  }

  private isUnread(ref: PostRef): boolean {
    return !this.readNow.has(ref.sourcePath);
  }
}

const NO_REUSE: Reuse = { feed: () => undefined, page: () => undefined };

function cacheFile(options: IncrementalOptions): string {
  const name = `build-${cacheKey([options.postsDir, options.outDir]).slice(0, 16)}.bin`;
  return path.join(options.cacheDir as string, name);
}
