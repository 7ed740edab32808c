import { type BuildResult, build } from '../build.js';
import { type Diagnostic, FeedwrightError } from '../diagnostics.js';
import { buildSetup } from './build-options.js';
import { type CliIo, EXIT } from './io.js';
import { progressReporter } from './progress.js';
import { problemCount, reporter } from './report.js';
import type { Flags } from './usage.js';

/** `feedwright build`: builds the site, prints its problems and a one-line summary. */
export async function buildCommand(flags: Flags, io: CliIo): Promise<number> {
  const setup = buildSetup(flags, io.cwd);
  if ('wrong' in setup) {
    io.stderr(`feedwright: ${setup.wrong}\n`);
    return EXIT.usage;
  }
  const { format, options } = setup;
  const report = reporter(io, format, Boolean(flags.quiet));
  const progress = progressReporter(io, Boolean(flags.quiet) || format === 'json');
  try {
    const result = await build({ ...options, onProgress: progress.update });
    progress.clear();
    await report(result.diagnostics);
    if (flags.verbose) io.stderr(verboseLines(result));
    if (!flags.quiet) io.stdout(summaryLine(result));
    return EXIT.ok;
  } catch (error) {
    progress.clear();
    if (!(error instanceof FeedwrightError)) throw error;
    await report(error.diagnostics);
    if (format === 'text') io.stderr(failureLine(error.diagnostics));
    return EXIT.content;
  }
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
  return `feedwright: build failed: ${problemCount(diagnostics)}; nothing was written\n`;
}
