/**
 * The outputs that changed, rendered, checked and written into the staging folder on the build's
 * threads: each thread renders whole outputs (a feed's three formats, a page) from its own copy
 * of the site document, so the main thread is not the only one rendering, hashing and writing.
 */
import path from 'node:path';
import { type Diagnostic, FeedwrightError } from '../diagnostics.js';
import type { FeedItem, SiteDocument } from '../model.js';
import { forgetItems } from '../render/feeds/feed-items.js';
import {
  keyTaken,
  type OutputPlan,
  pendingOf,
  renderOrder,
  renderOutput,
  siteOutputs,
} from '../render/render-site.js';
import { closeHtmlReaders } from '../stored-html.js';
import { folderMaker } from '../write/fs-steps.js';
import {
  type LiveFiles,
  liveFilesOf,
  type PreviousOutput,
  type StagedFile,
  stageFile,
} from '../write/write-output.js';
import { runJobs, type StageOptions } from './worker-pool.js';

/**
 * Below this many outputs to render, starting a worker (and copying the site document to it)
 * costs more than it saves; a running one is used for any number.
 */
export const OUTPUT_THRESHOLD = 150;

/**
 * Copying the site document to a worker costs in proportion to the whole site (~1 s at 10,000
 * posts), rendering in proportion to the outputs rendered: threads share the work only when at
 * least this share of the site's outputs is to be rendered (a cold build renders all of them; a
 * new post, a few hundred of 13,000 at 10,000 posts).
 */
export const SHARED_SHARE = 0.25;

/** What every output job of one write shares: the site, and where and how files are staged. */
export interface OutputContext {
  site: SiteDocument;
  stage: string;
  /** The output folder as messages show it. */
  display: string;
  /**
   * Set when the outputs were not keyed before they were rendered (nothing of the last output
   * could be kept): each job then gives its output's key, taken on its thread.
   */
  takeKeys?: true;
  /** What the live output holds of the outputs' files: those rendered to it are not staged. */
  live?: LiveFiles;
}

/** An output's files as staged: path, digest and stamp. */
export type StagedOutput = [path: string, file: StagedFile][];

/**
 * What a job gives back, from any thread: its files, or what stopped it — as data, since an error
 * crossing threads would lose its diagnostics and its file-system code and path.
 */
export type OutputOutcome =
  | { files: StagedOutput; key?: string }
  | {
      failed: {
        message: string;
        diagnostics?: Diagnostic[];
        code?: string;
        path?: string;
        syscall?: string;
      };
    };

/**
 * Renders and stages the outputs `fresh` (places in `siteOutputs(site)`, which this thread may
 * pass as `outputs` when it has planned them already); their files by path.
 */
export async function stageOutputs(
  fresh: readonly number[],
  given: OutputContext,
  options: StageOptions & { outputs?: OutputPlan[]; previous?: PreviousOutput } = {},
): Promise<Map<string, StagedFile>> {
  const { outputs, previous, ...shared } = options;
  if (outputs) plannedFor(given.site, outputs);
  const context = previous && outputs ? withLive(given, previous, fresh, outputs) : given;
  // The folders of each thread's run of outputs, made by that thread before its first job, in
  // order, all threads at once (the workers once they have taken in the site): at 10,000 posts,
  // ~11,000 folders, a quarter to most of a second of mkdir on one thread.
  const prepare = outputs && ((jobs: readonly number[]) => makeFolders(context, jobs));
  const total = planned?.site === context.site ? planned.outputs.length : fresh.length;
  const { workers, ...rest } = shared;
  const share = fresh.length >= total * SHARED_SHARE && workers ? { workers } : {};
  // In the order that keeps the outputs showing a story together on one thread.
  const order = renderOrder(context.site, fresh);
  const outcomes = await runJobs('output', order, (index) => stageOutputJob(index, context), {
    ...rest,
    ...share,
    batchSize: 4,
    threshold: OUTPUT_THRESHOLD,
    context,
    ...(prepare ? { prepare } : {}),
  }).finally(async () => {
    // Staging the outputs is the last work a build gives its threads.
    forgetSite();
    await workers?.release();
  });
  // Taken back in the outputs' own order: of several failures, the first output's is reported.
  const byIndex = new Map(order.map((index, i) => [index, outcomes[i] as OutputOutcome]));
  const staged = new Map<string, StagedFile>();
  for (const index of fresh) {
    const outcome = byIndex.get(index) as OutputOutcome;
    if ('failed' in outcome) throw rebuilt(outcome.failed);
    for (const [path, file] of outcome.files) staged.set(path, file);
    // A key a worker took is this thread's too: the same output of the same site.
    const plan = outputs?.[index];
    if (outcome.key !== undefined && plan) keyTaken(plan, outcome.key);
  }
  return staged;
}

/**
 * A worker's copy of a site, taken in: the strings its items share on the thread that made them
 * and the copy holds once per use (a structured clone copies every string it meets, where it keeps
 * each object once) shared again — an item's id that is its URL, the store file each stored text
 * is in, its language's tag: ~230 bytes an item, ~23 MB of a worker's copy at 100,000 posts.
 */
export function takeInSite(context: OutputContext): void {
  const strings = new Map<string, string>();
  const one = (text: string) => {
    const known = strings.get(text);
    if (known !== undefined) return known;
    strings.set(text, text);
    return text;
  };
  const share = (item: FeedItem) => {
    if (item.idIsUrl) item.id = item.url;
    item.language = one(item.language);
    if (typeof item.summary !== 'string') item.summary.file = one(item.summary.file);
    if (typeof item.contentHtml !== 'string')
      item.contentHtml.body.file = one(item.contentHtml.body.file);
  };
  const { site } = context;
  for (const items of [site.items, site.withdrawn]) items.forEach(share);
  for (const doc of [...site.feeds, ...site.archives]) doc.items.forEach(share);
}

/**
 * `context` with what the previous output holds of the files of outputs `fresh`; unchanged when
 * it holds none of them (a first write, or a new output folder).
 */
function withLive(
  context: OutputContext,
  previous: PreviousOutput,
  fresh: readonly number[],
  outputs: readonly OutputPlan[],
): OutputContext {
  const paths = fresh.flatMap((index) => outputs[index]?.paths ?? []);
  const live = liveFilesOf(previous, paths);
  return live.files.size > 0 ? { ...context, live } : context;
}

/** `stageOutputAt`, its failure given back as data (the worker twin of a job). */
export function stageOutputJob(index: number, context: OutputContext): OutputOutcome {
  try {
    const files = stageOutputAt(index, context);
    if (!context.takeKeys) return { files };
    return { files, key: (plannedFor(context.site).outputs[index] as OutputPlan).key };
  } catch (error) {
    if (error instanceof FeedwrightError)
      return { failed: { message: error.message, diagnostics: error.diagnostics } };
    const { message, code, path, syscall } = error as NodeJS.ErrnoException;
    return { failed: { message: String(message ?? error), ...defined({ code, path, syscall }) } };
  }
}

function defined(fields: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
}

/** The error a job's failure stands for, as it was thrown. */
function rebuilt(failed: Extract<OutputOutcome, { failed: unknown }>['failed']): Error {
  if (failed.diagnostics) return new FeedwrightError(failed.diagnostics);
  const { message, diagnostics: _, ...fields } = failed;
  return Object.assign(new Error(message), fields);
}

let planned:
  | { site: SiteDocument; outputs: OutputPlan[]; pending: ReadonlySet<string> }
  | undefined;

/**
 * Lets go of the site this thread rendered outputs of, with the items it kept, and
 * closes the store files it read: every thread does once a build's outputs are staged. A
 * long-lived process (`serve`, a library user) keeps no site between builds.
 */
export function forgetSite(): void {
  planned = undefined;
  forgetItems();
  closeHtmlReaders();
}

let maker: { stage: string; made: Set<string>; make: (dir: string) => void } | undefined;

/**
 * The site's outputs as this thread planned them (once a site): `outputs` when this thread has
 * them planned already, else planned here. A new site drops what the last one's items left.
 */
function plannedFor(site: SiteDocument, outputs?: OutputPlan[]): NonNullable<typeof planned> {
  if (planned?.site !== site) {
    forgetSite();
    planned = { site, outputs: outputs ?? siteOutputs(site), pending: pendingOf(site) };
  }
  return planned;
}

/**
 * This thread's folder maker for `stage`: each folder made once, and one another thread made
 * (or is making) taken as it is.
 */
function makerFor(stage: string): NonNullable<typeof maker> {
  if (maker?.stage !== stage) {
    const made = new Set<string>();
    maker = { stage, made, make: folderMaker(stage, made) };
  }
  return maker;
}

/**
 * A first write's page folders (relative to its staging folder), made ahead by two threads from
 * both ends (see `makePageFolders`).
 */
export interface PageFolders {
  stage: string;
  folders: readonly string[];
  /**
   * How many of `folders` each end has taken, `[from the first, from the last]`: one memory
   * (a `SharedArrayBuffer`) for the threads that make them.
   */
  taken: Int32Array;
}

/**
 * Makes the folders of a first write's pages in its staging folder, from one end of the list
 * until it meets the thread making them from the other: a worker from the first while the main
 * thread plans the site, the main thread from the last once it is ready to write and the worker
 * is not done (~10,000 folders at 10,000 posts: 0.2–0.7 s of mkdir that it otherwise waits for).
 * Each end takes a folder, then looks how far the other has come. The first end stops at the
 * first folder the last end took; the last end stops only past the folder the first end took
 * last, so the folder where they meet is made by one of them or, at worst, by both (a folder
 * found made is taken as it is: see `folderMaker`). A folder that cannot be made is left to the
 * job that writes into it, which reports what stops it with the file's path.
 */
export function makePageFolders(job: PageFolders, from: FolderEnd): void {
  const { stage, folders, taken } = job;
  const here = makerFor(stage);
  for (;;) {
    const index = takeFolder(taken, from, folders.length);
    const folder = folders[index];
    if (folder === undefined || endsMeet(taken, from, folders.length, index)) return;
    const dir = inStage(stage, folder);
    if (dir === undefined) continue;
    try {
      here.make(dir);
    } catch {
      // See above: the job reports it.
    }
  }
}

/** The end of a `PageFolders` list a thread makes folders from. */
export type FolderEnd = 'first' | 'last';

/** The index of the next of `count` folders, taken from `from` (see `makePageFolders`). */
export function takeFolder(taken: Int32Array, from: FolderEnd, count: number): number {
  return from === 'first' ? Atomics.add(taken, 0, 1) : count - 1 - Atomics.add(taken, 1, 1);
}

/**
 * True when folder `index`, just taken from `from`, is where the ends meet: that end stops there,
 * leaving it to the other (see `makePageFolders`).
 */
export function endsMeet(
  taken: Int32Array,
  from: FolderEnd,
  count: number,
  index: number,
): boolean {
  return from === 'first'
    ? index >= count - Atomics.load(taken, 1)
    : index < Atomics.load(taken, 0) - 1;
}

/**
 * Notes a first write's page folders as made on this thread, once the threads that made them
 * are done (see `makePageFolders`): staging then makes none of them again.
 */
export function notePageFolders({ stage, folders }: PageFolders): void {
  const here = makerFor(stage);
  for (const folder of folders) {
    const dir = inStage(stage, folder);
    if (dir !== undefined)
      for (let up = dir; !here.made.has(up); up = path.dirname(up)) here.made.add(up);
  }
}

/** Page folder `folder` in `stage`; none where it would land outside (the writer refuses it). */
function inStage(stage: string, folder: string): string | undefined {
  const dir = path.join(stage, folder);
  return dir.startsWith(`${stage}${path.sep}`) ? dir : undefined;
}

/** Renders output `index` of the context's site and stages its files (on any thread). */
export function stageOutputAt(index: number, context: OutputContext): StagedOutput {
  const { site, stage, display } = context;
  const { outputs, pending } = plannedFor(site);
  const { make } = makerFor(stage);
  const output = outputs[index];
  if (!output) throw new Error(`output ${index} is not among the site's ${outputs.length}`);
  return renderOutput(output, pending).map((file) => [
    file.path,
    stageFile(stage, file, display, make, context.live),
  ]);
}

/**
 * Makes the folders of the outputs `jobs` (of this thread's planned site) in the staging folder,
 * sorted: those of files the live output holds are left to the job, which stages few of them.
 */
function makeFolders({ stage, live }: OutputContext, jobs: readonly number[]): void {
  const outputs = planned?.outputs ?? [];
  const folders = new Set<string>();
  for (const index of jobs)
    for (const file of outputs[index]?.paths ?? [])
      if (!live?.files.has(file)) folders.add(path.dirname(path.join(stage, file)));
  const { make } = makerFor(stage);
  for (const folder of [...folders].sort()) make(folder);
}

/**
 * A worker's part of `stageOutputs`' preparing: the folders of its run's outputs, made ahead.
 * What fails here is left to the job that writes into the folder, which makes it again and
 * reports what stops it as its own failure, with the file's path.
 */
export function prepareOutputJobs(jobs: readonly number[], context: OutputContext): void {
  plannedFor(context.site);
  try {
    makeFolders(context, jobs);
  } catch {
    // See above: the job reports it.
  }
}
