/** The world a command runs in, passed in so tests can drive the CLI in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** True when stderr is a terminal: only then is progress shown. */
  interactive?: boolean;
}

export const EXIT = { ok: 0, content: 1, usage: 2, bug: 70 } as const;
