/** One problem found in a post or the config, located as precisely as we know. */
export interface Diagnostic {
  /** A note tells of something done on the user's behalf (a stale lock taken over); never fails a build. */
  severity: 'error' | 'warning' | 'note';
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

/**
 * The error for output feedwright rendered wrong (malformed XML, say): a bug of its own, never
 * the post's, so it refuses to write it. `file` is where it was found, `message` says what.
 */
export function outputInvalid(file: string, message: string): FeedwrightError {
  return new FeedwrightError([
    {
      severity: 'error',
      code: 'output-invalid',
      file,
      message,
      fix: 'this is a feedwright bug; please report it with the post that caused it',
    },
  ]);
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
  const text = `${d.severity === 'error' ? '' : `${d.severity}: `}${parts.join('  ')}`;
  return d.frame ? `${text}\n${d.frame}` : text;
}

/** GitHub Actions workflow command, so the problem shows on the pull request's diff. */
export function formatGithubAnnotation(d: Diagnostic): string {
  const props = [`file=${escapeProperty(d.file)}`];
  if (d.line !== undefined) props.push(`line=${d.line}`);
  if (d.column !== undefined) props.push(`col=${d.column}`);
  if (d.field) props.push(`title=${escapeProperty(d.field)}`);
  const text = d.fix ? `${d.message} — ${d.fix}` : d.message;
  const command = { error: 'error', warning: 'warning', note: 'notice' }[d.severity];
  return `::${command} ${props.join(',')}::${escapeData(text)}`;
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

/** What each file-system error means and what to do about it. */
const FILE_SYSTEM_FAULTS: Record<string, { message: string; fix: string }> = {
  ENOSPC: {
    message: 'no space left on the device',
    fix: 'free some space on that disk and build again',
  },
  EDQUOT: { message: 'disk quota exceeded', fix: 'free some space or raise the quota' },
  EACCES: {
    message: 'permission denied',
    fix: 'give the user running feedwright access to it (and to its folder), or choose another path',
  },
  EPERM: {
    message: 'operation not permitted',
    fix: 'give the user running feedwright access to it, or choose another path',
  },
  EROFS: { message: 'the file system is read-only', fix: 'choose a path on a writable disk' },
  ENOENT: {
    message: 'no such file or folder',
    fix: 'check the path, and create the folder it should be in',
  },
  ENOTDIR: {
    message: 'a part of the path is a file, not a folder',
    fix: 'choose a path whose folders are folders (or move the file out of the way)',
  },
  EISDIR: {
    message: 'a folder stands where a file should be',
    fix: 'move the folder out of the way, or choose another path',
  },
  ENOTEMPTY: {
    message: 'a folder that is not empty stands where a file should be',
    fix: 'move the folder out of the way, or choose another path',
  },
  EEXIST: {
    message: 'something already exists at this path',
    fix: 'move it out of the way, or choose another path',
  },
  ENAMETOOLONG: {
    message: 'the path is too long for the file system',
    fix: 'shorten the permalink pattern, the post’s slug or the folder’s path',
  },
  ELOOP: { message: 'too many symbolic links in the path', fix: 'fix the symbolic links' },
  EMFILE: { message: 'too many open files', fix: 'raise the limit (ulimit -n) and build again' },
  ENFILE: { message: 'too many open files on the system', fix: 'close some programs and retry' },
  EIO: { message: 'input/output error from the disk', fix: 'check the disk, then build again' },
  EBUSY: { message: 'the file or folder is busy', fix: 'stop what is using it and retry' },
  EXDEV: {
    message: 'the paths are on different file systems',
    fix: 'keep the output folder and its parent on one disk',
  },
};

const FOLDER_BLOCKED = {
  message: 'a file stands where this folder should be',
  fix: 'move the file out of the way, or choose another path',
};

/** What a system call was doing, in words. */
const SYSCALLS: Record<string, string> = {
  open: 'opening it',
  write: 'writing it',
  mkdir: 'creating this folder',
  rename: 'moving it into place',
  link: 'linking it',
  unlink: 'deleting it',
  rmdir: 'deleting this folder',
  scandir: 'listing this folder',
  opendir: 'listing this folder',
  read: 'reading it',
  stat: 'looking at it',
  lstat: 'looking at it',
  copyfile: 'copying it',
};

/**
 * A file-system error (a Node `SystemError` with an errno `code`) as a diagnostic — the path,
 * what went wrong, the fix — or undefined for anything else (a real bug). `display` shows a path
 * the way the user typed it.
 */
export function fileSystemProblem(
  error: unknown,
  display: (file: string) => string = (file) => file,
): Diagnostic | undefined {
  const { code, path: file, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  const fault =
    code === 'EEXIST' && syscall === 'mkdir'
      ? FOLDER_BLOCKED
      : typeof code === 'string' && Object.hasOwn(FILE_SYSTEM_FAULTS, code)
        ? FILE_SYSTEM_FAULTS[code]
        : undefined;
  if (!fault) return undefined;
  const doing = syscall && Object.hasOwn(SYSCALLS, syscall) ? ` while ${SYSCALLS[syscall]}` : '';
  return {
    severity: 'error',
    code: `fs-${code?.toLowerCase()}`,
    file: file ? display(file) : '(unknown path)',
    message: `${fault.message}${doing} (${code})`,
    fix: fault.fix,
  };
}
