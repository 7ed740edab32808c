/** `feedwright serve`: the site on 127.0.0.1, built again on every change, pages reloading. */
import { statSync } from 'node:fs';
import path from 'node:path';
import { type BuildOptions, type BuildResult, build } from '../build.js';
import { DEFAULT_CONFIG_FILE } from '../config/load-config.js';
import { type Diagnostic, FeedwrightError, formatDiagnostic } from '../diagnostics.js';
import { MANIFEST_FILE } from '../manifest.js';
import { buildQueue } from '../serve/build-queue.js';
import { type DevServer, startDevServer } from '../serve/dev-server.js';
import { watchInputs } from '../serve/watch-inputs.js';
import { buildOptions } from './build-options.js';
import { type CliIo, EXIT, shownPath } from './io.js';
import { problemCount, reporter } from './report.js';
import type { Flags } from './usage.js';

/** Where `serve` builds unless told otherwise: never `dist/`, which may be what gets deployed. */
export const SERVE_OUT = 'node_modules/.cache/feedwright/serve';

export const DEFAULT_PORT = 4000;

/** What the server shows: the last good build, and the last build's problems if it failed. */
interface SiteState {
  built: boolean;
  siteUrl?: string;
  problems?: string;
  /** The output's stamp (`outputStamp`) when the build with `problems` failed. */
  failedOver?: number;
}

/**
 * The mtime of the output's manifest, which every build that changes the output replaces: while
 * it is the one a failed build found, the pages are from the build before that failure.
 */
function outputStamp(outDir: string): number | undefined {
  return statSync(path.join(outDir, MANIFEST_FILE), { throwIfNoEntry: false })?.mtimeMs;
}

/** Builds, serves until stopped (SIGINT, SIGTERM, or `io.signal`), and builds on every change. */
export async function serveCommand(flags: Flags, io: CliIo): Promise<number> {
  const port = portOf(flags.port);
  const given = buildOptions(flags, io.cwd);
  if (typeof port === 'string' || 'wrong' in given) {
    io.stderr(`feedwright: ${typeof port === 'string' ? port : usageOf(given)}\n`);
    return EXIT.usage;
  }
  // A preview may be emptied: no refusal of a posts folder with nothing in it.
  const options: BuildOptions = { ...given, outDir: flags.out ?? SERVE_OUT, allowEmpty: true };
  const outDir = path.resolve(io.cwd, options.outDir as string);
  const state: SiteState = { built: false };
  let server: DevServer;
  try {
    server = await startDevServer(
      {
        root: outDir,
        built: () => state.built,
        siteUrl: () => state.siteUrl,
        // A build that succeeds writes its files before it returns: from then on, the pages are
        // its own, and the last failure's banner would be wrong about them.
        problems: () =>
          state.problems !== undefined && outputStamp(outDir) === state.failedOver
            ? state.problems
            : undefined,
      },
      port,
    );
  } catch (error) {
    io.stderr(`feedwright: ${listenProblem(error, port)}\n`);
    return EXIT.content;
  }
  const serving = { io, state, server, flags, outDir };
  const queue = buildQueue((changed) => buildOnce(options, changed, serving));
  const watcher = watchInputs(inputsOf(options, io.cwd), queue.add, {
    ignore: (file) => isInside(file, outDir) || file.split(path.sep).includes('node_modules'),
  });
  io.stdout(
    `feedwright: serving ${server.url} — builds again on every change to ${inputNames(options)}; Ctrl+C to stop\n`,
  );
  queue.add([]);
  await stopped(io);
  watcher.close();
  await queue.idle();
  await server.close();
  io.stdout('feedwright: stopped\n');
  return EXIT.ok;
}

function usageOf(given: { wrong: string } | BuildOptions): string {
  return 'wrong' in given ? given.wrong : '';
}

/** `--port`, or what is wrong with it. */
function portOf(value: string | undefined): number | string {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  return /^\d+$/.test(value) && port <= 65535
    ? port
    : `--port must be a whole number from 0 to 65535 (0 picks a free port), not "${value}"`;
}

function listenProblem(error: unknown, port: number): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return `port ${port} on 127.0.0.1 is in use (another feedwright serve?) — stop it, or pass --port N (--port 0 picks a free one)`;
  }
  if (code === 'EACCES') {
    return `port ${port} needs privileges this user lacks — pass --port 4000 or another port over 1023`;
  }
  throw error;
}

/** The posts, the public folder and the config: what a build reads. */
function inputsOf(options: BuildOptions, cwd: string) {
  const at = (file: string) => path.resolve(cwd, file);
  return [
    { path: at(options.postsDir ?? 'posts'), kind: 'folder' as const },
    {
      path: at(typeof options.publicDir === 'string' ? options.publicDir : 'public'),
      kind: 'folder' as const,
    },
    { path: at(options.configFile ?? DEFAULT_CONFIG_FILE), kind: 'file' as const },
  ];
}

function inputNames(options: BuildOptions): string {
  return `${options.postsDir ?? 'posts'}/, public/ and ${options.configFile ?? DEFAULT_CONFIG_FILE}`;
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

type Serving = { io: CliIo; state: SiteState; server: DevServer; flags: Flags; outDir: string };

/** One build: its line, its problems, the state the server shows, and a reload when it changed. */
async function buildOnce(options: BuildOptions, changed: string[], serving: Serving) {
  const { io, state, server, flags } = serving;
  const why = changed.length > 0 ? `${changedList(io, changed)} changed — ` : '';
  const report = reporter(io, 'text', false);
  const before = state.problems;
  try {
    const result = await build(options);
    await report(result.diagnostics);
    Object.assign(state, { built: true, siteUrl: result.config.url, problems: undefined });
    if (!flags.quiet) io.stdout(`feedwright: ${why}${builtLine(result, changed.length === 0)}\n`);
    if (result.written.length > 0 || before !== undefined) server.live.reload();
  } catch (error) {
    const diagnostics: Diagnostic[] =
      error instanceof FeedwrightError ? error.diagnostics : [bugDiagnostic(error)];
    await report(diagnostics);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    state.problems = errors.map(formatDiagnostic).join('\n');
    state.failedOver = outputStamp(serving.outDir);
    const shown = state.built
      ? 'still serving the last good build'
      : 'nothing to serve until it builds';
    io.stderr(`feedwright: ${why}build failed: ${problemCount(diagnostics)}; ${shown}\n`);
    if (state.problems !== before) server.live.reload();
  }
}

/** A bug in the build: its stack, printed; serving goes on. */
function bugDiagnostic(error: unknown): Diagnostic {
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    severity: 'error',
    code: 'bug',
    file: 'feedwright',
    message: `a bug in feedwright stopped the build: ${stack}`,
    fix: 'please report it with the post that caused it',
  };
}

function changedList(io: CliIo, changed: readonly string[]): string {
  const shown = changed.slice(0, 3).map((file) => shownPath(io, file));
  return changed.length > 3
    ? `${shown.join(', ')} and ${changed.length - 3} more`
    : shown.join(', ');
}

function builtLine(result: BuildResult, first: boolean): string {
  const seconds = (result.durationMs / 1000).toFixed(2);
  if (first) {
    const files = result.written.length + result.unchanged.length;
    return `built ${result.postFiles} posts, ${result.published} published, ${result.feedCount} feeds (${files} files) in ${seconds}s`;
  }
  const written = result.written.length;
  return written === 0
    ? `built in ${seconds}s: the output is the same`
    : `built in ${seconds}s: ${written} file${written === 1 ? '' : 's'} written`;
}

/** Resolves when the command is told to stop. */
function stopped(io: CliIo): Promise<void> {
  const signal = io.signal;
  if (signal) {
    return new Promise((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
