/** One problem found in a post or the config, located as precisely as we know. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  /** Stable machine-readable code, e.g. `date-impossible`. */
  code: string;
  /** Path as the user typed it (relative to the working directory when possible). */
  file: string;
  line?: number;
  column?: number;
  /** Front-matter or config key the problem is about. */
  field?: string;
  message: string;
  /** What to do about it. */
  fix?: string;
  /** A few source lines with a caret, for syntax errors. */
  frame?: string;
}

/** Thrown when the build cannot go on; carries every diagnostic gathered so far. */
export class FeedwrightError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[], options?: { cause?: unknown }) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(
      errors.length === 1 && errors[0]
        ? formatDiagnostic(errors[0])
        : `${errors.length} errors:\n${errors.map(formatDiagnostic).join('\n')}`,
      options,
    );
    this.name = 'FeedwrightError';
    this.diagnostics = diagnostics;
  }
}

/** What to say when characters XML cannot carry were removed from some text. */
export function removedCharacters(count: number): Pick<Diagnostic, 'code' | 'message' | 'fix'> {
  return {
    code: 'control-characters',
    message: `${count} control character${count === 1 ? '' : 's'} removed (XML cannot carry them)`,
    fix: 'delete the invisible characters from the text',
  };
}

/** `posts/x.md:3:7  date  what is wrong — how to fix` */
export function formatDiagnostic(d: Diagnostic): string {
  let where = d.file;
  if (d.line !== undefined) where += `:${d.line}`;
  if (d.line !== undefined && d.column !== undefined) where += `:${d.column}`;
  const parts = [where];
  if (d.field) parts.push(d.field);
  parts.push(d.fix ? `${d.message} — ${d.fix}` : d.message);
  const text = `${d.severity === 'warning' ? 'warning: ' : ''}${parts.join('  ')}`;
  return d.frame ? `${text}\n${d.frame}` : text;
}

/** GitHub Actions workflow command, so the problem shows on the pull request's diff. */
export function formatGithubAnnotation(d: Diagnostic): string {
  const props = [`file=${escapeProperty(d.file)}`];
  if (d.line !== undefined) props.push(`line=${d.line}`);
  if (d.column !== undefined) props.push(`col=${d.column}`);
  if (d.field) props.push(`title=${escapeProperty(d.field)}`);
  const text = d.fix ? `${d.message} — ${d.fix}` : d.message;
  return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(text)}`;
}

// Escaping rules from GitHub's actions/toolkit `command.ts`.
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Up to two lines of context around `line` (1-based) with a caret under `column`. */
export function codeFrame(lines: readonly string[], line: number, column: number): string {
  const first = Math.max(1, line - 2);
  const last = Math.min(lines.length, line + 1);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === line ? '>' : ' ';
    out.push(`${marker} ${String(n).padStart(width)} | ${lines[n - 1] ?? ''}`);
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return out.join('\n');
}
