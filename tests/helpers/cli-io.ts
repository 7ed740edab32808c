import type { CliIo } from '../../src/cli.js';

/** An `io` for running the CLI in-process, in `cwd`, that collects what the command prints. */
export function fakeIo(cwd: string, env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (text) => {
      out.stdout += text;
    },
    stderr: (text) => {
      out.stderr += text;
    },
    env,
    cwd,
  };
  return { io, out };
}
