import { type BuildResult, build } from '../build.js';
import {
  type Diagnostic,
  FeedwrightError,
  formatDiagnostic,
  formatGithubAnnotation,
} from '../diagnostics.js';
import { type CliIo, EXIT } from './io.js';
import { progressReporter } from './progress.js';
import type { Flags } from './usage.js';

/** `feedwright build`: builds the site, prints its problems and a one-line summary. */
export async function buildCommand(flags: Flags, io: CliIo): Promise<number> {
  const format = flags.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    io.stderr(`feedwright: --format must be "text" or "json", not "${format}"\n`);
    return EXIT.usage;
  }
  const threads = flags.threads === undefined ? undefined : Number(flags.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) {
    io.stderr(
      `feedwright: --threads must be a whole number of at least 1, not "${flags.threads}"\n`,
    );
    return EXIT.usage;
  }
  const report = reporter(io, format, Boolean(flags.quiet));
  const progress = progressReporter(io, Boolean(flags.quiet) || format === 'json');
  try {
    const result = await build({
      cwd: io.cwd,
      ...(flags.posts ? { postsDir: flags.posts } : {}),
      ...(flags.out ? { outDir: flags.out } : {}),
      ...(flags.config ? { configFile: flags.config } : {}),
      includeFuture: flags.future ?? false,
      includeDrafts: flags.drafts ?? false,
      strict: flags.strict ?? false,
      force: flags.force ?? false,
      allowEmpty: flags['allow-empty'] ?? false,
      ...(flags['cache-dir'] ? { cacheDir: flags['cache-dir'] } : {}),
      ...(flags['no-cache'] ? { cacheDir: false as const } : {}),
      ...(threads !== undefined ? { threads } : {}),
      onProgress: progress.update,
    });
    progress.clear();
    report(result.diagnostics);
    if (flags.verbose) io.stderr(verboseLines(result));
    if (!flags.quiet) io.stdout(summaryLine(result));
    return EXIT.ok;
  } catch (error) {
    progress.clear();
    if (!(error instanceof FeedwrightError)) throw error;
    report(error.diagnostics);
    if (format === 'text') io.stderr(failureLine(error.diagnostics));
    return EXIT.content;
  }
}

/** Prints problems as text (with GitHub annotations in Actions) or as one JSON document. */
function reporter(io: CliIo, format: 'text' | 'json', quiet: boolean) {
  return (diagnostics: Diagnostic[]) => {
    if (format === 'json') {
      io.stderr(`${JSON.stringify({ diagnostics }, null, 2)}\n`);
      return;
    }
    for (const d of diagnostics) {
      if (quiet && d.severity !== 'error') continue;
      io.stderr(`${formatDiagnostic(d)}\n`);
      if (io.env.GITHUB_ACTIONS === 'true') io.stderr(`${formatGithubAnnotation(d)}\n`);
    }
  };
}

function verboseLines(result: BuildResult): string {
  const { stats } = result;
  const stages = Object.entries(stats.timings)
    .map(([stage, ms]) => `${stage} ${ms.toFixed(0)}ms`)
    .join(', ');
  const problem = stats.cacheProblem ? `feedwright: ${stats.cacheProblem}\n` : '';
  const due = result.nextDue
    ? `feedwright: next scheduled post due at ${result.nextDue.toISOString()}\n`
    : '';
  return `${problem}feedwright: front matter read for ${stats.parsed} of ${result.postFiles} posts, ${stats.rendered} bodies rendered (the rest from the cache); ${stages}\n${due}`;
}

function summaryLine(result: BuildResult): string {
  const files = result.written.length + result.unchanged.length;
  const seconds = (result.durationMs / 1000).toFixed(2);
  return `feedwright: ${result.postFiles} posts read, ${result.published} published, ${result.feedCount} feeds (${files} files: ${result.written.length} written, ${result.unchanged.length} unchanged) in ${seconds}s\n`;
}

function failureLine(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const counted = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `feedwright: build failed: ${counted(errors, 'error')}${warnings ? `, ${counted(warnings, 'warning')}` : ''}; nothing was written\n`;
}
