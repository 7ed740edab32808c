import type {
  FeedDocument,
  ItemShelf,
  KeptFile,
  KeptItems,
  KnownKey,
  OutputFile,
  SiteDocument,
  TakenKeys,
} from '../model.js';
import { changesWithNewStories } from './feeds/carried-items.js';
import { carriedItems, carryItems, showsFullText } from './feeds/feed-items.js';
import { renderFeed } from './feeds/render-feeds.js';
import { itemKey, takenItemKeys } from './item-key.js';
import {
  keyOf,
  keyTaken,
  type OutputPlan,
  pagePlans,
  sitePages,
  takenPageKeys,
  withLazyKey,
} from './pages/render-pages.js';
import { siteFilePlans } from './site-files/site-files.js';

export { withKnownKeys } from './item-key.js';
export type { OutputPlan } from './pages/render-pages.js';
export { keyTaken };

/** What of the last output may be carried over unchanged (see `Incremental.reuse`). */
export interface SiteReuse {
  /** The digests of an output's files as last written, when its key is the one it had then. */
  kept: (paths: readonly string[], key: string) => string[] | undefined;
  /**
   * The feed items an earlier build wrote (what its `RenderedSite.items` kept), to take instead
   * of writing; asked for only when a feed document is rendered.
   */
  items?: () => ItemShelf;
  /**
   * Set when nothing of the last output can be kept (there is none, or its manifest is not the
   * one recorded): the outputs are then keyed only once rendered (see `RenderedSite.keys`).
   */
  none?: true;
}

/**
 * `reuse` with no output kept that has a file in `changed`: files found edited by hand since the
 * last build wrote them, which the outputs they belong to are rendered again to put back.
 */
export function keepingNone<R extends SiteReuse>(reuse: R, changed: ReadonlySet<string>): R {
  return {
    ...reuse,
    kept: (paths, key) => (paths.some((p) => changed.has(p)) ? undefined : reuse.kept(paths, key)),
  };
}

export interface RenderedSite {
  /** Every feed document in its three formats, then every page; carried-over ones by digest. */
  files: (OutputFile | KeptFile)[];
  /**
   * Every output's key, by its first path, for the next build's reuse. Taken when first read:
   * when nothing could be kept, no output was keyed before it was rendered, so it is best read
   * once they are staged, each keyed by the thread that rendered it (see `keyTaken`).
   */
  readonly keys: ReadonlyMap<string, string>;
  /**
   * The site the files are of, and the outputs to render (not carried over) by their place in
   * `siteOutputs(site)` (`outputs`, planned here): what another thread needs to render them.
   * `keyed` says whether they were keyed here already (to tell what to keep); if not, the
   * thread that renders each takes its key. Without `from`, each file is rendered when its
   * `content` is read.
   */
  from?: { site: SiteDocument; fresh: number[]; outputs: OutputPlan[]; keyed: boolean };
  /**
   * Once written: the items of the documents a new or changed story changes (the subscription
   * documents and the newest archives), as written here or, by key, taken from the shelf of
   * `SiteReuse.items`, for the next build's; undefined when they are the ones it was given (it
   * rendered no feed document). Only what this thread wrote or took: a document another thread wrote is
   * written again by the next build that changes it.
   */
  items?: () => KeptItems | undefined;
  /** The keys taken of the site's items and pages, for the next build's (see `takenKeys`). */
  itemKeys?: () => TakenKeys;
}

/**
 * Every output of the site, keyed, in order: the subscription documents and the archives (each
 * in RSS, Atom and JSON Feed), then the pages, then the feed list, sitemaps and `robots.txt`.
 * Nothing is rendered until asked, so the keys (and which posts' HTML the changed outputs need)
 * are known before any body is rendered. The same site gives the very same plans, keys taken.
 */
export function siteOutputs(
  site: SiteDocument,
  knownPages?: (pageContext: string) => KnownKey,
): OutputPlan[] {
  let outputs = plansBySite.get(site);
  if (!outputs) {
    outputs = planOutputs(site, knownPages);
    plansBySite.set(site, outputs);
  }
  return outputs;
}

/** Each site's outputs as planned the first time asked: a build keys them, then renders them. */
const plansBySite = new WeakMap<SiteDocument, OutputPlan[]>();

/** The feed documents, each an output: the subscription documents, then the archives. */
function feedDocuments(site: SiteDocument): FeedDocument[] {
  return [...site.feeds, ...site.archives];
}

/**
 * The outputs of `site`, keyed when asked; the pages of stories whose keys an earlier build took
 * in the same page context (`knownPages`) given those keys.
 */
function planOutputs(
  site: SiteDocument,
  knownPages?: (pageContext: string) => KnownKey,
): OutputPlan[] {
  const feeds = feedDocuments(site).map((doc) =>
    withLazyKey(
      {
        paths: [doc.paths.rss, doc.paths.atom, doc.paths.json],
        needs: doc.excerpts
          ? []
          : doc.items.filter((item) => !item.excerpt).map((item) => item.source),
        render: () => renderFeed(doc),
      },
      () => {
        const { items, ...about } = doc;
        const keys = items.map((item) => itemKey(item, showsFullText(doc, item)));
        return keyOf([JSON.stringify(about), ...keys]);
      },
    ),
  );
  // The pages are planned once: the sitemaps list them.
  const planned = sitePages(site);
  const pages = pagePlans(site, planned, knownPages);
  return [...feeds, ...pages, ...siteFilePlans(site, planned?.pages ?? [])];
}

/**
 * The keys taken of the items of `site` and of their pages (see `takenItemKeys` and
 * `takenPageKeys`), with the page context they hold in.
 */
function takenKeys(site: SiteDocument): TakenKeys {
  const pages = takenPageKeys(site, siteOutputs(site));
  const items = takenItemKeys(site);
  const pageKeys = items.sources.map((source) => pages.keys.get(source));
  return {
    ...items,
    pageKeys,
    ...(pages.context === undefined ? {} : { pageContext: pages.context }),
  };
}

/**
 * The outputs `fresh` (places in `siteOutputs(site)`) in the order to render them: the archive
 * documents, then the pages and site files as planned, then the subscription documents; the
 * documents of each kind by their newest story, oldest first. A thread keeps the XML it wrote for
 * a story, once for each form it takes: in full in the subscription documents, which share their
 * stories with one another (a story is in its site's, its sections' and its bylines' feeds), and
 * as a rule as a summary in the archives, which share theirs. Put at the two ends, each kind is
 * worked through by one thread (see `takeInRuns`), which writes each story once, rather than by
 * both, which would write it twice. Going through them in this order, a thread meets the
 * documents that show a story close together, while the XML it wrote for the story is kept.
 */
export function renderOrder(site: SiteDocument, fresh: readonly number[]): number[] {
  const docs = feedDocuments(site);
  const newest = (doc: FeedDocument | undefined) =>
    (doc?.items ?? []).reduce((time, item) => Math.max(time, item.published.getTime()), -Infinity);
  const byNewest = (indexes: number[]) =>
    indexes
      .map((index) => ({ index, time: newest(docs[index]) }))
      .sort((a, b) => a.time - b.time || a.index - b.index)
      .map((doc) => doc.index);
  const subscriptions = site.feeds.length;
  return [
    ...byNewest(fresh.filter((index) => index >= subscriptions && index < docs.length)),
    ...fresh.filter((index) => index >= docs.length),
    ...byNewest(fresh.filter((index) => index < subscriptions)),
  ];
}

/**
 * Every file the site is made of: carried over by digest when unchanged, else to be rendered.
 * `keys` taken already (from the same site, keyed before its bodies were at hand) are not taken
 * again. Nothing is rendered here: a file's `content` is rendered when it is read (by the writer,
 * once), and not kept, so a site of any size never holds more than one output's text at a time.
 */
export function renderSite(
  site: SiteDocument,
  reuse?: SiteReuse,
  keys: ReadonlyMap<string, string> = new Map(),
): RenderedSite {
  carryItems(reuse?.items);
  const files: (OutputFile | KeptFile)[] = [];
  const fresh: number[] = [];
  const pending = pendingOf(site);
  const outputs = siteOutputs(site);
  // With nothing to keep, no output is keyed before it is rendered.
  const keeping = reuse?.none ? undefined : reuse;
  for (const [index, output] of outputs.entries()) {
    const kept = keeping?.kept(output.paths, keyGiven(keys, output));
    if (kept) files.push(...output.paths.map((path, i) => ({ path, keep: kept[i] as string })));
    else {
      refuseMissing(output, pending);
      fresh.push(index);
      files.push(...renderedOnRead(output, pending));
    }
  }
  const items = () => carriedItems(feedDocuments(site).filter(changesWithNewStories));
  let taken: ReadonlyMap<string, string> | undefined;
  return {
    files,
    get keys() {
      taken ??= outputKeys(outputs, keys);
      return taken;
    },
    from: { site, fresh, outputs, keyed: keeping !== undefined },
    items,
    itemKeys: () => takenKeys(site),
  };
}

/**
 * The key of every output, by its first path; those in `given` as given. A site made again with
 * the same outputs (its bodies now at hand, or its feeds cut to size) is rendered with the keys
 * of the outputs as first planned.
 */
export function outputKeys(
  outputs: readonly OutputPlan[],
  given: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  // A map, not an object with a property per path: 117,855 of them at 100,000 posts, which an
  // object holds as a dictionary that V8 sorts whenever its keys are listed (to be kept).
  const keys = new Map<string, string>();
  for (const output of outputs) keys.set(output.paths[0] as string, keyGiven(given, output));
  return keys;
}

/** `output`'s key: as given by its first path, else its own. */
function keyGiven(given: ReadonlyMap<string, string>, output: OutputPlan): string {
  return given.get(output.paths[0] as string) ?? output.key;
}

/** The stories of `site` whose bodies are not at hand: no output showing them may be rendered. */
export function pendingOf(site: SiteDocument): ReadonlySet<string> {
  let pending = pendingBySite.get(site);
  if (!pending) {
    pending = new Set(site.items.filter((item) => item.pending).map((item) => item.source));
    pendingBySite.set(site, pending);
  }
  return pending;
}

/** Each site's stories not at hand, found once: the writer asks again for the site it renders. */
const pendingBySite = new WeakMap<SiteDocument, ReadonlySet<string>>();

/**
 * The files of an output, each rendering it when its `content` is read. The output's other files
 * (a feed's three formats come from one rendering) are held only until each has been read once;
 * a later read renders again, giving the same bytes.
 */
function renderedOnRead(output: OutputPlan, pending: ReadonlySet<string>): OutputFile[] {
  const rendering = new OutputOnRead(output, pending);
  return output.paths.map((path, index) => new FileOnRead(path, rendering, index));
}

/**
 * An output rendered when one of its files is read. Objects of two classes, not closures: a site
 * has an output per post, most of them never read on this thread (another renders them), and a
 * file with a getter of its own, made by an object literal, took ~550 bytes (its closure, their
 * context, its accessor); a `FileOnRead` takes ~90.
 */
class OutputOnRead {
  /** Made only once a file is read. */
  private held: { files: OutputFile[]; unread: Set<number> } | undefined;

  constructor(
    private readonly output: OutputPlan,
    private readonly pending: ReadonlySet<string>,
  ) {}

  contentOf(index: number): string {
    if (!this.held?.unread.has(index)) {
      const files = renderOutput(this.output, this.pending);
      this.held = { files, unread: new Set(files.map((_, i) => i)) };
    }
    const content = (this.held.files[index] as OutputFile).content;
    this.held.unread.delete(index);
    if (this.held.unread.size === 0) this.held = undefined;
    return content;
  }
}

/**
 * One file of an `OutputOnRead`. `content` is its own enumerable property, as on any other file
 * (a spread, `Object.keys` or a structured clone reads it), its getter one function for all.
 */
class FileOnRead implements OutputFile {
  /** Defined in the constructor, on the file itself. */
  declare readonly content: string;
  readonly #rendering: OutputOnRead;
  readonly #index: number;

  static readonly #content: PropertyDescriptor = {
    get(this: FileOnRead): string {
      return this.#rendering.contentOf(this.#index);
    },
    enumerable: true,
    configurable: true,
  };

  constructor(
    readonly path: string,
    rendering: OutputOnRead,
    index: number,
  ) {
    Object.defineProperty(this, 'content', FileOnRead.#content);
    this.#rendering = rendering;
    this.#index = index;
  }
}

/** Refuses (a bug) an output to render that shows a body not at hand. */
function refuseMissing(output: OutputPlan, pending: ReadonlySet<string>): void {
  const missing = output.needs.find((source) => pending.has(source));
  if (missing) throw new Error(`${output.paths[0]}: the body of ${missing} was not rendered`);
}

/**
 * Renders an output, refusing (a bug) when a body it shows is not at hand (`pending`), or when it
 * gives other files than it planned.
 */
export function renderOutput(output: OutputPlan, pending: ReadonlySet<string>): OutputFile[] {
  refuseMissing(output, pending);
  const files = output.render();
  const order = files.map((file) => file.path).join('\n');
  if (order !== output.paths.join('\n'))
    throw new Error(`${output.paths[0]}: rendered ${order}, planned ${output.paths.join(', ')}`);
  return files;
}
