import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type BuildProgress, build } from './build.js';
import { DEFAULT_CONFIG_FILE, loadConfig } from './config/load-config.js';
import {
  type Diagnostic,
  FeedwrightError,
  formatDiagnostic,
  formatGithubAnnotation,
} from './diagnostics.js';
import { pingHubs } from './publish/ping.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** True when stderr is a terminal: only then is progress shown. */
  interactive?: boolean;
}

export const EXIT = { ok: 0, content: 1, usage: 2 } as const;

const HELP = `Usage: feedwright build [options]
       feedwright ping [--out DIR] [--config FILE] [--previous FILE]

build  Builds RSS 2.0, Atom 1.0 and JSON Feed 1.1 feeds (site-wide and per
       category) from Markdown posts with YAML front matter.
ping   Tells the config's WebSub hubs about every feed in the output folder whose
       bytes differ from --previous (an earlier .feedwright-manifest.json; without
       it, every feed).

Options:
  --posts DIR        folder of posts (default: posts)
  --out DIR          output folder (default: dist)
  --config FILE      site config (default: feedwright.config.json)
  --future           include posts dated in the future
  --drafts           include posts marked draft: true
  --strict           fail on warnings too
  --force            replace an output folder holding files feedwright did not write
  --format text|json how to print diagnostics (default: text)
  --previous FILE    (ping) manifest of the previously published build
  --threads N        threads for reading posts (default: one per core)
  --no-cache         ignore and do not update node_modules/.cache/feedwright
  -q, --quiet        print only errors
  --verbose          print cache use and time per stage
  -h, --help         show this help
  -v, --version      show the version

Exit codes: 0 built, 1 a post or the config has errors, 2 wrong usage.`;

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** The whole command line, with its world passed in so tests can drive it. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.stderr(`feedwright: ${(error as Error).message}\nRun "feedwright --help" for usage.\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${HELP}\n`);
    return EXIT.ok;
  }
  if (values.version) {
    io.stdout(`${version()}\n`);
    return EXIT.ok;
  }
  const [command, ...rest] = positionals;
  if (command === 'ping' && rest.length === 0) return runPing(values, io);
  if (command !== 'build' || rest.length > 0) {
    io.stderr(
      `feedwright: ${command ? `unknown command "${[command, ...rest].join(' ')}"` : 'no command given'}\nRun "feedwright --help" for usage.\n`,
    );
    return EXIT.usage;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    io.stderr(`feedwright: --format must be "text" or "json", not "${format}"\n`);
    return EXIT.usage;
  }

  const report = (diagnostics: Diagnostic[]) => {
    if (format === 'json') {
      io.stderr(`${JSON.stringify({ diagnostics }, null, 2)}\n`);
      return;
    }
    for (const d of diagnostics) {
      if (values.quiet && d.severity === 'warning') continue;
      io.stderr(`${formatDiagnostic(d)}\n`);
      if (io.env.GITHUB_ACTIONS === 'true') io.stderr(`${formatGithubAnnotation(d)}\n`);
    }
  };

  let threads: number | undefined;
  if (values.threads !== undefined) {
    threads = Number(values.threads);
    if (!Number.isInteger(threads) || threads < 1) {
      io.stderr(
        `feedwright: --threads must be a whole number of at least 1, not "${values.threads}"\n`,
      );
      return EXIT.usage;
    }
  }
  const progress = progressReporter(io, Boolean(values.quiet) || format === 'json');

  try {
    const result = await build({
      cwd: io.cwd,
      ...(values.posts ? { postsDir: values.posts } : {}),
      ...(values.out ? { outDir: values.out } : {}),
      ...(values.config ? { configFile: values.config } : {}),
      includeFuture: values.future ?? false,
      includeDrafts: values.drafts ?? false,
      strict: values.strict ?? false,
      force: values.force ?? false,
      ...(values['no-cache'] ? { cacheDir: false as const } : {}),
      ...(threads !== undefined ? { threads } : {}),
      onProgress: progress.update,
    });
    progress.clear();
    report(result.diagnostics);
    if (values.verbose) {
      const { stats } = result;
      if (stats.cacheProblem) io.stderr(`feedwright: ${stats.cacheProblem}\n`);
      const stages = Object.entries(stats.timings)
        .map(([stage, ms]) => `${stage} ${ms.toFixed(0)}ms`)
        .join(', ');
      io.stderr(
        `feedwright: front matter read for ${stats.parsed} of ${result.postFiles} posts, ${stats.rendered} bodies rendered (the rest from the cache); ${stages}\n`,
      );
    }
    const feeds = result.feedCount;
    const seconds = (result.durationMs / 1000).toFixed(2);
    if (!values.quiet) {
      io.stdout(
        `feedwright: ${result.postFiles} posts read, ${result.published} published, ${feeds} feeds (${result.written.length + result.unchanged.length} files: ${result.written.length} written, ${result.unchanged.length} unchanged) in ${seconds}s\n`,
      );
    }
    return EXIT.ok;
  } catch (error) {
    progress.clear();
    if (error instanceof FeedwrightError) {
      report(error.diagnostics);
      const errors = error.diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = error.diagnostics.length - errors;
      if (format === 'text') {
        io.stderr(
          `feedwright: build failed: ${errors} error${errors === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}; nothing was written\n`,
        );
      }
      return EXIT.content;
    }
    throw error;
  }
}

async function runPing(values: ReturnType<typeof parse>['values'], io: CliIo): Promise<number> {
  try {
    const configArg = values.config ?? DEFAULT_CONFIG_FILE;
    const { config } = await loadConfig(path.resolve(io.cwd, configArg), configArg);
    const result = await pingHubs({
      outDir: path.resolve(io.cwd, values.out ?? 'dist'),
      siteUrl: config.url,
      hubs: config.hubs,
      ...(values.previous ? { previousManifest: path.resolve(io.cwd, values.previous) } : {}),
      log: (line) => {
        if (!values.quiet) io.stderr(`${line}\n`);
      },
    });
    for (const outcome of result.outcomes.filter((o) => !o.ok)) {
      io.stderr(`feedwright: ${outcome.error ?? `${outcome.hub} failed for ${outcome.feed}`}\n`);
    }
    io.stdout(`feedwright: ${result.summary}\n`);
    return result.failed > 0 ? EXIT.content : EXIT.ok;
  } catch (error) {
    if (error instanceof FeedwrightError) {
      for (const d of error.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
      return EXIT.content;
    }
    throw error;
  }
}

/**
 * A one-line progress display on a terminal, shown only once a build has taken about a second;
 * silent in CI, when piped, and with --quiet.
 */
function progressReporter(io: CliIo, quiet: boolean) {
  const enabled = Boolean(io.interactive) && !quiet && !io.env.CI;
  const started = Date.now();
  let shown = false;
  let last = 0;
  return {
    update: (p: BuildProgress) => {
      const now = Date.now();
      if (!enabled || now - started < 1000 || (now - last < 100 && p.done !== p.total)) return;
      last = now;
      shown = true;
      const label = { read: 'reading posts', render: 'rendering', write: 'writing feeds' }[p.stage];
      io.stderr(`\r\x1b[K${label} ${p.done}/${p.total}`);
    },
    clear: () => {
      if (shown) io.stderr('\r\x1b[K');
      shown = false;
    },
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      posts: { type: 'string' },
      out: { type: 'string' },
      config: { type: 'string' },
      future: { type: 'boolean' },
      drafts: { type: 'boolean' },
      strict: { type: 'boolean' },
      force: { type: 'boolean' },
      format: { type: 'string' },
      previous: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      verbose: { type: 'boolean' },
      threads: { type: 'string' },
      'no-cache': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
