/** How commands print problems: text (with GitHub annotations in Actions) or one JSON document. */
import { type Diagnostic, formatDiagnostic, formatGithubAnnotation } from '../diagnostics.js';
import type { CliIo } from './io.js';

/** A printer of problems on stderr; `quiet` leaves out all but errors (in text). */
export function reporter(io: CliIo, format: 'text' | 'json', quiet: boolean) {
  return (diagnostics: readonly Diagnostic[]) => {
    if (format === 'json') {
      io.stderr(`${JSON.stringify({ diagnostics }, null, 2)}\n`);
      return;
    }
    // Written in runs of lines: not a write each (a site with tens of thousands of warnings
    // spent ~0.1 s of an up-to-date build on those), nor all in one string, which V8 caps at
    // 2^29 characters (a million or so warnings) and flattens again to write (50,000 warnings: 77 MB
    // that outlived the young generation, by `bench/profile.mjs --heap`).
    const annotated = io.env.GITHUB_ACTIONS === 'true';
    let text = '';
    for (const d of diagnostics) {
      if (quiet && d.severity !== 'error') continue;
      text += `${formatDiagnostic(d)}\n`;
      if (annotated) text += `${formatGithubAnnotation(d)}\n`;
      if (text.length >= REPORT_RUN) {
        io.stderr(text);
        text = '';
      }
    }
    if (text !== '') io.stderr(text);
  };
}

/** About how many characters of lines a write of the problems carries. */
export const REPORT_RUN = 64 * 1024;

/** `1 error`, `0 errors, 2 warnings`: the errors always, the warnings when there are some. */
export function problemCount(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const counted = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${counted(errors, 'error')}${warnings ? `, ${counted(warnings, 'warning')}` : ''}`;
}

/** The `--format` a command was given, or the message that it is not one. */
export function outputFormat(value: string | undefined): 'text' | 'json' | { wrong: string } {
  const format = value ?? 'text';
  if (format === 'text' || format === 'json') return format;
  return { wrong: `--format must be "text" or "json", not "${format}"` };
}
