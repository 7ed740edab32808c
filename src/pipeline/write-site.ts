import type { Manifest } from '../manifest.js';
import type { CopiedFile, KnownManifest, StampColumns } from '../model.js';
import type { RenderedSite } from '../render/render-site.js';
import type { Ahead } from '../write/stat-ahead.js';
import {
  KeptFilesChanged,
  type PreviousOutput,
  type WriteOptions,
  type WriteResult,
  writeOutput,
} from '../write/write-output.js';
import { stageOutputs } from './stage-outputs.js';
import type { Workers } from './worker-pool.js';

export interface WriteSiteOptions {
  outDir: string;
  /** The output folder as messages show it. */
  display: string;
  /** Other paths in messages are shown relative to this folder. */
  cwd?: string;
  force: boolean;
  /** Stamps of the files as the last build wrote them. */
  stamps?: StampColumns | undefined;
  /** Stamps of the folders as the last build found them (see `listOutput`). */
  folders?: StampColumns | undefined;
  /** The manifest the last build wrote, while it stands (see `WriteOptions.manifest`). */
  manifest?: KnownManifest | undefined;
  /** What the manifest records besides the files. */
  record?: Omit<Manifest, 'generator' | 'files'>;
  onProgress?: (done: number, total: number) => void;
  /** Told of anything done besides the write (a stale lock taken over, a killed write undone). */
  note?: (line: string) => void;
  /** The build's threads, to render and stage the outputs on (else they are rendered here). */
  workers?: Workers | undefined;
  /** The live output as looked at ahead (see `statAhead`). */
  ahead?: Promise<Ahead | undefined> | undefined;
  /** A staging folder made ahead, with the folders of the pages (see `WriteOptions.stage`). */
  stage?: WriteOptions['stage'];
}

/**
 * Writes the rendered site and the public files. When files meant to be carried over were
 * changed meanwhile (by hand), `renderAfresh` renders the site again with the outputs they belong
 * to made afresh, and that is written.
 */
export async function writeSite(
  rendered: RenderedSite,
  renderAfresh: (changed: ReadonlySet<string>) => Promise<RenderedSite>,
  copies: readonly CopiedFile[],
  options: WriteSiteOptions,
): Promise<{ site: RenderedSite; result: WriteResult }> {
  const total = rendered.files.length;
  options.onProgress?.(0, total);
  // A public file at a generated path (only a site file may be: see `publicCopies`) wins.
  const copied = new Set(copies.map((copy) => copy.path));
  const own = (site: RenderedSite) => site.files.filter((file) => !copied.has(file.path));
  // The staging folder made ahead is the first write's: a second one stages afresh.
  let stage = options.stage ? { stage: options.stage } : {};
  const write = (site: RenderedSite) =>
    writeOutput(options.outDir, [...own(site), ...copies], {
      ...prestaging(site, options),
      ...stage,
      force: options.force,
      display: options.display,
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.note ? { note: options.note } : {}),
      ...(options.stamps ? { stamps: options.stamps } : {}),
      ...(options.folders ? { folders: options.folders } : {}),
      ...(options.manifest ? { manifest: options.manifest } : {}),
      ...(options.record ? { record: options.record } : {}),
      ...(options.ahead ? { ahead: options.ahead } : {}),
    });
  let site = rendered;
  const result = await write(site).catch(async (error: unknown) => {
    if (!(error instanceof KeptFilesChanged)) throw error;
    stage = {};
    site = await renderAfresh(new Set(error.paths));
    return write(site);
  });
  options.onProgress?.(site.files.length, site.files.length);
  return { site, result };
}

/**
 * The writer's `prestage`: the site's fresh outputs rendered and staged on the build's threads (a
 * public file at a generated path is then copied over its rendered twin by the writer).
 */
function prestaging(site: RenderedSite, options: WriteSiteOptions) {
  const from = site.from;
  if (!from) return {};
  const { display } = options;
  const shared = {
    outputs: from.outputs,
    ...(options.workers ? { workers: options.workers } : {}),
  };
  return {
    prestage: (stage: string, previous: PreviousOutput | undefined) =>
      stageOutputs(
        from.fresh,
        { site: from.site, stage, display, ...(from.keyed ? {} : { takeKeys: true as const }) },
        { ...shared, ...(previous ? { previous } : {}) },
      ),
  };
}
