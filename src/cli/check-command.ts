import path from 'node:path';
import { type CheckReport, checkFeeds, type Finding } from '../check/check-feeds.js';
import { formatCheckJson, formatCheckText, tally } from '../check/format-report.js';
import { PROFILE_NAMES, parseProfileList } from '../check/profiles.js';
import { postFile } from '../continuity/format-report.js';
import {
  type Diagnostic,
  FeedwrightError,
  formatDiagnostic,
  formatGithubAnnotation,
} from '../diagnostics.js';
import { checkSite } from './check-site.js';
import { type CliIo, EXIT } from './io.js';
import type { Flags } from './usage.js';

/**
 * `feedwright check`: without `--profile`, the posts and config built in memory (`checkSite`).
 * With `--profile NAME[,NAME…]`: the feeds built in `--out` against aggregators' documented
 * rules. Exit 0 when no rule marked `error` is broken (with `--strict`, no advice either), 1 when
 * one is or there is no build to check, 2 on wrong usage.
 */
export async function checkCommand(flags: Flags, io: CliIo): Promise<number> {
  const format = flags.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    io.stderr(`feedwright: --format must be "text" or "json", not "${format}"\n`);
    return EXIT.usage;
  }
  if (flags.profile === undefined) return checkSite(flags, io);
  const known = PROFILE_NAMES.join(', ');
  const chosen = parseProfileList(flags.profile);
  if (!chosen.ok) {
    const named = chosen.unknown.map((name) => `"${name}"`).join(', ');
    io.stderr(
      `feedwright: ${named ? `unknown profile ${named}` : 'no profile named'}; the profiles are: ${known}\n`,
    );
    return EXIT.usage;
  }
  const outArg = flags.out ?? 'dist';
  const postsArg = flags.posts ?? 'posts';
  try {
    const checked = await checkFeeds(path.resolve(io.cwd, outArg), chosen.profiles, {
      display: outArg,
    });
    const report = flags.quiet ? withoutAdvice(checked) : checked;
    io.stdout(
      format === 'json' ? formatCheckJson(report, postsArg) : formatCheckText(report, postsArg),
    );
    if (io.env.GITHUB_ACTIONS === 'true') {
      for (const f of report.findings) io.stderr(`${annotation(f, outArg, postsArg)}\n`);
    }
    const { errors, advice } = tally(checked.findings);
    return errors > 0 || (flags.strict && advice > 0) ? EXIT.content : EXIT.ok;
  } catch (error) {
    if (!(error instanceof FeedwrightError)) throw error;
    for (const d of error.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
    return EXIT.content;
  }
}

function withoutAdvice(report: CheckReport): CheckReport {
  return { ...report, findings: report.findings.filter((f) => f.severity === 'error') };
}

/** A GitHub Actions annotation, on the post file when the finding is about an item. */
function annotation(f: Finding, outArg: string, postsArg: string): string {
  const diagnostic: Diagnostic = {
    severity: f.severity === 'error' ? 'error' : 'warning',
    code: f.rule,
    file: f.source ? postFile(postsArg, f.source) : path.posix.join(outArg, f.feed),
    field: f.rule,
    message: f.item ? `"${f.item}": ${f.message}` : f.message,
  };
  return formatGithubAnnotation(diagnostic);
}
