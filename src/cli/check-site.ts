/** `feedwright check` without `--profile`: the posts and the config, built in memory. */
import { type BuildResult, build } from '../build.js';
import { FeedwrightError } from '../diagnostics.js';
import { buildSetup } from './build-options.js';
import { type CliIo, EXIT } from './io.js';
import { problemCount, reporter } from './report.js';
import type { Flags } from './usage.js';

/**
 * Reads every post and the config and builds the site in memory (the library's `write: false`),
 * so it finds every problem a build would and writes nothing but the build cache. Exit 0 when
 * there is no error (with `--strict`, no warning either), 1 otherwise, 2 on wrong usage.
 */
export async function checkSite(flags: Flags, io: CliIo): Promise<number> {
  const setup = buildSetup(flags, io.cwd);
  if ('wrong' in setup) {
    io.stderr(`feedwright: ${setup.wrong}\n`);
    return EXIT.usage;
  }
  const { format, options } = setup;
  const report = reporter(io, format, Boolean(flags.quiet));
  try {
    const result = await build({ ...options, write: false });
    await report(result.diagnostics);
    if (!flags.quiet) io.stdout(passedLine(result));
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof FeedwrightError)) throw error;
    await report(error.diagnostics);
    if (format === 'text') {
      io.stderr(`feedwright: check failed: ${problemCount(error.diagnostics)}\n`);
    }
    return EXIT.content;
  }
}

function passedLine(result: BuildResult): string {
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
  const noted = warnings === 0 ? 'no problems' : `${warnings} warning${warnings === 1 ? '' : 's'}`;
  return `feedwright: check passed: ${result.postFiles} posts read, ${result.published} published, ${result.feedCount} feeds, ${result.files.length} files built in memory; ${noted}\n`;
}
