import path from 'node:path';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load-config.js';
import type { BrokenContinuity } from '../continuity/broken.js';
import { diffSnapshots } from '../continuity/diff.js';
import {
  describeBroken,
  formatReportJson,
  formatReportText,
  postFile,
} from '../continuity/format-report.js';
import { readCurrent, readPrevious } from '../continuity/read-snapshots.js';
import {
  type Diagnostic,
  FeedwrightError,
  formatDiagnostic,
  formatGithubAnnotation,
} from '../diagnostics.js';
import { discoverPosts } from '../load/discover-posts.js';
import { readTextIfPresent } from '../load/read-source.js';
import { MANIFEST_FILE } from '../manifest.js';
import { type CliIo, EXIT } from './io.js';
import type { Flags } from './usage.js';

/**
 * `feedwright diff --previous FILE`: what readers will be notified of when the build in `--out`
 * replaces what they saw (a manifest or a published feed), and whether continuity holds.
 */
export async function diffCommand(flags: Flags, io: CliIo): Promise<number> {
  const format = flags.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    io.stderr(`feedwright: --format must be "text" or "json", not "${format}"\n`);
    return EXIT.usage;
  }
  if (!flags.previous) {
    io.stderr(
      'feedwright: diff needs --previous FILE (the published manifest, or a published feed)\nRun "feedwright --help" for usage.\n',
    );
    return EXIT.usage;
  }
  try {
    const postsArg = flags.posts ?? 'posts';
    const report = await compare(flags.previous, postsArg, flags, io.cwd);
    if (format === 'json') io.stdout(formatReportJson(report, postsArg));
    else {
      io.stdout(formatReportText(report, postsArg));
      printProblems(
        report.broken.map((entry) => diagnostic(entry, postsArg)),
        io,
      );
    }
    return report.broken.length > 0 ? EXIT.content : EXIT.ok;
  } catch (error) {
    if (!(error instanceof FeedwrightError)) throw error;
    printProblems(error.diagnostics, io);
    return EXIT.content;
  }
}

async function compare(previousArg: string, postsArg: string, flags: Flags, cwd: string) {
  const configArg = flags.config ?? DEFAULT_CONFIG_FILE;
  const { config } = await loadConfig(path.resolve(cwd, configArg), configArg);
  const manifestArg = path.join(flags.out ?? 'dist', MANIFEST_FILE);
  const current = readCurrent(await readText(cwd, manifestArg), manifestArg);
  const previousText = await readText(cwd, previousArg);
  if (previousText === undefined) {
    throw new FeedwrightError([
      {
        severity: 'error',
        code: 'diff-previous-missing',
        file: previousArg,
        message: 'previous file not found',
        fix: 'pass the .feedwright-manifest.json of the published build, or one of its published feeds',
      },
    ]);
  }
  const previous = await readPrevious(previousText, previousArg);
  const posts = discoverPosts(path.resolve(cwd, postsArg), postsArg, config.conventions);
  return diffSnapshots(previous, current, {
    siteUrl: config.url,
    timeZone: config.timezone,
    postFiles: posts.files,
  });
}

/** The text of `file` (as typed, relative to `cwd`); undefined when there is no such file. */
async function readText(cwd: string, file: string): Promise<string | undefined> {
  try {
    return await readTextIfPresent(cwd, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FeedwrightError([
      {
        severity: 'error',
        code: 'diff-unreadable',
        file,
        message: `cannot be read (${code ?? (error as Error).message})`,
        fix: 'check the path and its permissions',
      },
    ]);
  }
}

function diagnostic(entry: BrokenContinuity, postsDir: string): Diagnostic {
  return {
    severity: 'error',
    code: `continuity-${entry.field}`,
    file: postFile(postsDir, entry.source),
    field: entry.field,
    message: describeBroken(entry, false),
    fix: entry.fix,
  };
}

/** Problems on stderr, with GitHub annotations in Actions so they show on the commit. */
function printProblems(diagnostics: readonly Diagnostic[], io: CliIo): void {
  for (const d of diagnostics) {
    io.stderr(`${formatDiagnostic(d)}\n`);
    if (io.env.GITHUB_ACTIONS === 'true') io.stderr(`${formatGithubAnnotation(d)}\n`);
  }
}
