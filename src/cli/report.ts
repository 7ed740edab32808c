/** How commands print problems: text (with GitHub annotations in Actions) or one JSON document. */
import { type Diagnostic, formatDiagnostic, formatGithubAnnotation } from '../diagnostics.js';
import type { CliIo } from './io.js';

/**
 * A printer of problems on stderr; `quiet` leaves out all but errors (in text). Either way they
 * are written in runs of about `REPORT_RUN` characters: not a write each (a site with tens of
 * thousands of warnings spent ~0.1 s of an up-to-date build on those), nor all in one string,
 * which V8 caps at 2^29 characters and flattens again to write (50,000 warnings: 77 MB that
 * outlived the young generation, by `bench/profile.mjs --heap`).
 */
export function reporter(io: CliIo, format: 'text' | 'json', quiet: boolean) {
  // A run stderr could not take at once is waited for: written to a pipe read more slowly than
  // it is written (CI's, a benchmark's), 50,000 warnings otherwise waited in memory, whole.
  const write = async (run: string) => {
    if (io.stderr(run) === false) await io.stderrDrained?.();
  };
  return async (diagnostics: readonly Diagnostic[]): Promise<void> => {
    const annotated = io.env.GITHUB_ACTIONS === 'true';
    const parts =
      format === 'json' ? jsonParts(diagnostics) : textLines(diagnostics, quiet, annotated);
    let run = '';
    for (const part of parts) {
      run += part;
      if (run.length >= REPORT_RUN) {
        await write(run);
        run = '';
      }
    }
    if (run !== '') await write(run);
  };
}

/**
 * About how many characters a write of the problems carries: what waits in memory while a slow
 * reader takes the run before it (see `reporter`).
 */
export const REPORT_RUN = 16 * 1024;

/** Each problem's line (and its GitHub annotation's, when `annotated`). */
function* textLines(diagnostics: readonly Diagnostic[], quiet: boolean, annotated: boolean) {
  for (const d of diagnostics) {
    if (quiet && d.severity !== 'error') continue;
    yield `${formatDiagnostic(d)}\n`;
    if (annotated) yield `${formatGithubAnnotation(d)}\n`;
  }
}

/**
 * `JSON.stringify({ diagnostics }, null, 2)` and a line break, a problem at a time: each is
 * indented two levels deeper, as it would be inside the document (a string holds no line break
 * of its own: JSON escapes them).
 */
function* jsonParts(diagnostics: readonly Diagnostic[]) {
  if (diagnostics.length === 0) {
    yield '{\n  "diagnostics": []\n}\n';
    return;
  }
  yield '{\n  "diagnostics": [\n';
  for (const [i, d] of diagnostics.entries()) {
    const json = JSON.stringify(d, null, 2).replaceAll('\n', '\n    ');
    yield `${i > 0 ? ',\n' : ''}    ${json}`;
  }
  yield '\n  ]\n}\n';
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
