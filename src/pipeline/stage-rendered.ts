/**
 * Staging a file another thread rendered: the worker's end of the pipeline in which the main
 * thread renders a few hundred outputs and a worker stages their files (see `stagePiped` in
 * `stage-outputs.ts`). What a worker loads for it is the writer alone, not the renderers.
 */
import { type Diagnostic, FeedwrightError } from '../diagnostics.js';
import type { FileStamp, OutputFile } from '../model.js';
import { folderMaker } from '../write/fs-steps.js';
import { type LiveFiles, type StagedFile, stageFile } from '../write/stage-output.js';

/**
 * What stopped a job, as data that crosses threads whole: an error crossing them would lose its
 * diagnostics and its file-system code and path.
 */
export interface Failure {
  message: string;
  diagnostics?: Diagnostic[];
  code?: string;
  path?: string;
  syscall?: string;
}

/** What stopped a job, as a `Failure`. */
export function failureOf(error: unknown): Failure {
  if (error instanceof FeedwrightError)
    return { message: error.message, diagnostics: error.diagnostics };
  const { message, code, path, syscall } = error as NodeJS.ErrnoException;
  return { message: String(message ?? error), ...defined({ code, path, syscall }) };
}

function defined(fields: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
}

/** A file this thread rendered, for a worker to stage (see `stagePiped`). */
export interface RenderedFile {
  path: string;
  content: string;
  checked?: true;
  /** What the live output holds at its path (see `LiveFiles`). */
  live?: [digest: string, recorded?: FileStamp];
}

/** What a worker staging rendered files shares with this thread. */
export interface StagingContext {
  stage: string;
  display: string;
  /** The live output, when it holds any of the files (see `LiveFiles`). */
  out?: string;
}

export type StagedOutcome = { file: StagedFile } | { failed: Failure };

/** `file` as a worker is sent it, with what `live` holds at its path. */
export function renderedFile(file: OutputFile, live: LiveFiles | undefined): RenderedFile {
  const held = live?.files.get(file.path);
  return {
    path: file.path,
    content: file.content,
    ...(file.checked ? { checked: true } : {}),
    ...(held ? { live: held } : {}),
  };
}

/** Stages a file another thread rendered (the worker's end of `stagePiped`). */
export function stageRenderedFile(job: RenderedFile, context: StagingContext): StagedOutcome {
  try {
    const { make } = makerFor(context.stage);
    const { live, ...file } = job;
    const held =
      live && context.out !== undefined
        ? { out: context.out, files: new Map([[job.path, live]]) }
        : undefined;
    return { file: stageFile(context.stage, file, context.display, make, held) };
  } catch (error) {
    return { failed: failureOf(error) };
  }
}

let maker: { stage: string; made: Set<string>; make: (dir: string) => void } | undefined;

/**
 * This thread's folder maker for `stage`: each folder made once, and one another thread made
 * (or is making) taken as it is.
 */
export function makerFor(stage: string): NonNullable<typeof maker> {
  if (maker?.stage !== stage) {
    const made = new Set<string>();
    maker = { stage, made, make: folderMaker(stage, made) };
  }
  return maker;
}
