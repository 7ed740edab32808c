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
    // One write for all of them: a site with tens of thousands of warnings spent ~0.1 s of an
    // up-to-date build on a write each.
    const annotated = io.env.GITHUB_ACTIONS === 'true';
    let text = '';
    for (const d of diagnostics) {
      if (quiet && d.severity !== 'error') continue;
      text += `${formatDiagnostic(d)}\n`;
      if (annotated) text += `${formatGithubAnnotation(d)}\n`;
    }
    if (text !== '') io.stderr(text);
  };
}

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
