import path from 'node:path';

/** The world a command runs in, passed in so tests can drive the CLI in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  /** Writes to stderr; false when the text waits in memory to be taken (see `stderrDrained`). */
  stderr: (text: string) => unknown;
  /**
   * Settles once what waits to be written to stderr is taken (or stderr is closed): a long
   * report waits on it instead of holding every line in memory until a slow reader takes it.
   */
  stderrDrained?: () => Promise<void>;
  env: Record<string, string | undefined>;
  cwd: string;
  /** True when stderr is a terminal: only then is progress shown. */
  interactive?: boolean;
  /** The time now (`init`'s and `new`'s dates); default the clock. */
  now?: () => Date;
  /**
   * Stops a command that runs until told to (`serve`); without it, `serve` stops on SIGINT or
   * SIGTERM.
   */
  signal?: AbortSignal;
}

export const EXIT = { ok: 0, content: 1, usage: 2, bug: 70 } as const;

/** The time now, as `io` tells it. */
export function nowOf(io: CliIo): Date {
  return io.now ? io.now() : new Date();
}

/** A path as messages show it: relative to the working folder when under it, else absolute. */
export function shownPath(io: CliIo, file: string): string {
  const relative = path.relative(io.cwd, file);
  if (relative === '') return '.';
  return relative.startsWith('..') || path.isAbsolute(relative)
    ? file
    : relative.split(path.sep).join('/');
}
