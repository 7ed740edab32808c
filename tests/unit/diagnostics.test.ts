import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  codeFrame,
  type Diagnostic,
  FeedwrightError,
  fileSystemProblem,
  formatDiagnostic,
  formatGithubAnnotation,
  outputInvalid,
  positionAt,
} from '../../src/diagnostics.js';

function diagnostic(overrides: Partial<Diagnostic> = {}): Diagnostic {
  return {
    severity: 'error',
    code: 'date-impossible',
    file: 'posts/x.md',
    message: 'date "2026-02-30" does not exist',
    ...overrides,
  };
}

describe('formatDiagnostic', () => {
  it('puts file, line, column, field, message and fix on one line', () => {
    const d = diagnostic({ line: 3, column: 7, field: 'date', fix: 'use a real day' });
    expect(formatDiagnostic(d)).toBe(
      'posts/x.md:3:7  date  date "2026-02-30" does not exist — use a real day',
    );
  });

  it('leaves out what it does not know', () => {
    expect(formatDiagnostic(diagnostic())).toBe('posts/x.md  date "2026-02-30" does not exist');
    expect(formatDiagnostic(diagnostic({ line: 4 }))).toBe(
      'posts/x.md:4  date "2026-02-30" does not exist',
    );
  });

  it('shows no column without a line', () => {
    expect(formatDiagnostic(diagnostic({ column: 7, field: 'date' }))).toBe(
      'posts/x.md  date  date "2026-02-30" does not exist',
    );
  });

  it('marks warnings and leaves errors unmarked', () => {
    const d = diagnostic({ severity: 'warning', line: 1, message: 'unknown key "tilte" ignored' });
    expect(formatDiagnostic(d)).toBe('warning: posts/x.md:1  unknown key "tilte" ignored');
  });

  it('adds the code frame on the lines below', () => {
    const frame = '> 1 | title: [\n    |        ^';
    expect(formatDiagnostic(diagnostic({ line: 1, column: 8, frame })).split('\n')).toEqual([
      'posts/x.md:1:8  date "2026-02-30" does not exist',
      '> 1 | title: [',
      '    |        ^',
    ]);
  });

  it('treats line 0 as a known line', () => {
    expect(formatDiagnostic(diagnostic({ line: 0, column: 0 }))).toBe(
      'posts/x.md:0:0  date "2026-02-30" does not exist',
    );
  });
});

describe('formatGithubAnnotation', () => {
  it('writes an error command with file, line, column and the field as title', () => {
    const d = diagnostic({ line: 3, column: 7, field: 'date', fix: 'use a real day' });
    expect(formatGithubAnnotation(d)).toBe(
      '::error file=posts/x.md,line=3,col=7,title=date::date "2026-02-30" does not exist — use a real day',
    );
  });

  it('writes a warning command, with only the properties it knows', () => {
    expect(formatGithubAnnotation(diagnostic({ severity: 'warning', message: 'odd' }))).toBe(
      '::warning file=posts/x.md::odd',
    );
    expect(formatGithubAnnotation(diagnostic({ column: 2, message: 'odd' }))).toBe(
      '::error file=posts/x.md,col=2::odd',
    );
  });

  it('escapes %, CR and LF in the message, and not colons or commas', () => {
    const d = diagnostic({ message: '100% sure:\r\nyes, no', fix: 'a: b' });
    expect(formatGithubAnnotation(d)).toBe(
      '::error file=posts/x.md::100%25 sure:%0D%0Ayes, no — a: b',
    );
  });

  it('escapes %, CR, LF, colons and commas in properties', () => {
    const d = diagnostic({ file: 'C:\\posts\\a,b%.md', field: 'x:y,z\n', message: 'm' });
    expect(formatGithubAnnotation(d)).toBe(
      '::error file=C%3A\\posts\\a%2Cb%25.md,title=x%3Ay%2Cz%0A::m',
    );
  });

  it('escapes % first, so an escape already in the text survives as typed', () => {
    const d = diagnostic({ message: 'literal %0A here', field: '%3A' });
    expect(formatGithubAnnotation(d)).toBe(
      '::error file=posts/x.md,title=%253A::literal %250A here',
    );
  });

  it('can be read back: unescaping gives the original text', () => {
    const message = 'a%b\nc\rd:e,f';
    const file = 'p:1,2%.md';
    const line = formatGithubAnnotation(diagnostic({ file, message }));
    const match = /^::error file=([^,:]*)::(.*)$/s.exec(line);
    const decode = (s: string) => decodeURIComponent(s);
    expect(match && [decode(match[1] ?? ''), decode(match[2] ?? '')]).toEqual([file, message]);
    expect(line).not.toMatch(/[\r\n]/);
  });
});

describe('positionAt', () => {
  const text = 'ab\ncde\n\nf';

  it.each([
    [0, 1, 1],
    [1, 1, 2],
    [2, 1, 3], // the newline itself ends line 1
    [3, 2, 1],
    [5, 2, 3],
    [7, 3, 1],
    [8, 4, 1],
    [9, 4, 2], // just past the end
  ])('offset %i is line %i, column %i', (offset, line, column) => {
    expect(positionAt(text, offset)).toEqual({ line, column });
  });

  it('counts columns in UTF-16 code units, as string offsets do', () => {
    expect(positionAt('😀x\ny', 2)).toEqual({ line: 1, column: 3 });
  });

  it('finds line 1 in text without line breaks', () => {
    expect(positionAt('', 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt('abc', 2)).toEqual({ line: 1, column: 3 });
  });
});

describe('codeFrame', () => {
  const lines = ['one', 'two', 'three', 'four', 'five'];

  it('shows two lines before and one after, with a caret under the column', () => {
    expect(codeFrame(lines, 3, 2).split('\n')).toEqual([
      '  1 | one',
      '  2 | two',
      '> 3 | three',
      '    |  ^',
      '  4 | four',
    ]);
  });

  it('stops at the first and the last line', () => {
    expect(codeFrame(lines, 1, 1).split('\n')).toEqual(['> 1 | one', '    | ^', '  2 | two']);
    expect(codeFrame(lines, 5, 4).split('\n')).toEqual([
      '  3 | three',
      '  4 | four',
      '> 5 | five',
      '    |    ^',
    ]);
  });

  it('pads line numbers to the widest one shown', () => {
    const many = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`);
    expect(codeFrame(many, 10, 1).split('\n')).toEqual([
      '   8 | line 8',
      '   9 | line 9',
      '> 10 | line 10',
      '     | ^',
      '  11 | line 11',
    ]);
  });

  it('puts the caret at the start for a column below 1', () => {
    expect(codeFrame(['x'], 1, 0).split('\n')).toEqual(['> 1 | x', '    | ^']);
  });
});

describe('FeedwrightError', () => {
  it('uses the one error as its message and keeps every diagnostic', () => {
    const warning = diagnostic({ severity: 'warning', message: 'w' });
    const error = diagnostic({ line: 2, field: 'title', message: 'title is missing' });
    const e = new FeedwrightError([warning, error]);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('FeedwrightError');
    expect(e.message).toBe('posts/x.md:2  title  title is missing');
    expect(e.diagnostics).toEqual([warning, error]);
  });

  it('counts and lists several errors, leaving warnings out of the message', () => {
    const e = new FeedwrightError([
      diagnostic({ file: 'a.md', message: 'first' }),
      diagnostic({ severity: 'warning', file: 'w.md', message: 'just a warning' }),
      diagnostic({ file: 'b.md', line: 5, message: 'second', fix: 'fix it' }),
    ]);
    expect(e.message).toBe('2 errors:\na.md  first\nb.md:5  second — fix it');
    expect(e.diagnostics).toHaveLength(3);
  });

  it('keeps the cause it was given', () => {
    const cause = new Error('disk full');
    expect(new FeedwrightError([diagnostic()], { cause }).cause).toBe(cause);
  });
});

/** A Node system error as the file-system calls throw it. */
function systemError(code: string, syscall?: string, file?: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed`), {
    code,
    ...(syscall ? { syscall } : {}),
    ...(file ? { path: file } : {}),
  });
}

describe('fileSystemProblem', () => {
  it.each([
    ['ENOSPC', 'no space left on the device', 'free some space on that disk and build again'],
    ['EDQUOT', 'disk quota exceeded', 'free some space or raise the quota'],
    [
      'EACCES',
      'permission denied',
      'give the user running feedwright access to it (and to its folder), or choose another path',
    ],
    [
      'EPERM',
      'operation not permitted',
      'give the user running feedwright access to it, or choose another path',
    ],
    ['EROFS', 'the file system is read-only', 'choose a path on a writable disk'],
    ['ENOENT', 'no such file or folder', 'check the path, and create the folder it should be in'],
    [
      'ENOTDIR',
      'a part of the path is a file, not a folder',
      'choose a path whose folders are folders (or move the file out of the way)',
    ],
    [
      'EISDIR',
      'a folder stands where a file should be',
      'move the folder out of the way, or choose another path',
    ],
    [
      'ENOTEMPTY',
      'a folder that is not empty stands where a file should be',
      'move the folder out of the way, or choose another path',
    ],
    [
      'EEXIST',
      'something already exists at this path',
      'move it out of the way, or choose another path',
    ],
    [
      'ENAMETOOLONG',
      'the path is too long for the file system',
      'shorten the permalink pattern, the post’s slug or the folder’s path',
    ],
    ['ELOOP', 'too many symbolic links in the path', 'fix the symbolic links'],
    ['EMFILE', 'too many open files', 'raise the limit (ulimit -n) and build again'],
    ['ENFILE', 'too many open files on the system', 'close some programs and retry'],
    ['EIO', 'input/output error from the disk', 'check the disk, then build again'],
    ['EBUSY', 'the file or folder is busy', 'stop what is using it and retry'],
    [
      'EXDEV',
      'the paths are on different file systems',
      'keep the output folder and its parent on one disk',
    ],
  ])('says what %s means and what to do about it', (code, message, fix) => {
    expect(fileSystemProblem(systemError(code, 'rename', '/srv/dist/rss.xml'))).toEqual({
      severity: 'error',
      code: `fs-${code.toLowerCase()}`,
      file: '/srv/dist/rss.xml',
      message: `${message} while moving it into place (${code})`,
      fix,
    });
  });

  it.each([
    ['open', 'opening it'],
    ['write', 'writing it'],
    ['mkdir', 'creating this folder'],
    ['rename', 'moving it into place'],
    ['link', 'linking it'],
    ['unlink', 'deleting it'],
    ['rmdir', 'deleting this folder'],
    ['scandir', 'listing this folder'],
    ['opendir', 'listing this folder'],
    ['read', 'reading it'],
    ['stat', 'looking at it'],
    ['lstat', 'looking at it'],
    ['copyfile', 'copying it'],
  ])('says what the %s call was doing', (syscall, doing) => {
    expect(fileSystemProblem(systemError('EACCES', syscall, '/x'))?.message).toBe(
      `permission denied while ${doing} (EACCES)`,
    );
  });

  it('leaves out what the call was doing when it is not known', () => {
    expect(fileSystemProblem(systemError('EACCES', 'chmod', '/x'))?.message).toBe(
      'permission denied (EACCES)',
    );
    expect(fileSystemProblem(systemError('EACCES', undefined, '/x'))?.message).toBe(
      'permission denied (EACCES)',
    );
  });

  it('says a file stands where a folder should be when creating that folder finds one', () => {
    expect(fileSystemProblem(systemError('EEXIST', 'mkdir', '/srv/dist/posts'))).toEqual({
      severity: 'error',
      code: 'fs-eexist',
      file: '/srv/dist/posts',
      message: 'a file stands where this folder should be while creating this folder (EEXIST)',
      fix: 'move the file out of the way, or choose another path',
    });
  });

  it('shows the path through the display function given', () => {
    const problem = fileSystemProblem(systemError('ENOSPC', 'write', '/srv/dist/rss.xml'), (f) =>
      f.replace('/srv/', ''),
    );
    expect(problem?.file).toBe('dist/rss.xml');
  });

  it('says "(unknown path)" when the error names none, without calling the display function', () => {
    const shown: string[] = [];
    const problem = fileSystemProblem(systemError('EIO', 'read'), (f) => {
      shown.push(f);
      return f;
    });
    expect(problem).toEqual({
      severity: 'error',
      code: 'fs-eio',
      file: '(unknown path)',
      message: 'input/output error from the disk while reading it (EIO)',
      fix: 'check the disk, then build again',
    });
    expect(shown).toEqual([]);
  });

  it('describes an error thrown by a real call', () => {
    const file = path.join(tmpdir(), 'feedwright-no-such-folder', 'x.md');
    const error = (() => {
      try {
        readFileSync(file);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(fileSystemProblem(error)).toEqual({
      severity: 'error',
      code: 'fs-enoent',
      file,
      message: 'no such file or folder while opening it (ENOENT)',
      fix: 'check the path, and create the folder it should be in',
    });
  });

  it('returns undefined for anything that is not a file-system fault', () => {
    expect(fileSystemProblem(new TypeError('x is not a function'))).toBeUndefined();
    expect(fileSystemProblem(systemError('ECONNRESET', 'read', '/x'))).toBeUndefined();
    expect(fileSystemProblem(Object.assign(new Error('n'), { code: 28 }))).toBeUndefined();
    expect(fileSystemProblem(undefined)).toBeUndefined();
    expect(fileSystemProblem(null)).toBeUndefined();
    expect(fileSystemProblem('ENOSPC')).toBeUndefined();
  });

  it('takes no code or syscall named like a member of every object for a fault', () => {
    expect(fileSystemProblem({ code: 'toString' })).toBeUndefined();
    expect(fileSystemProblem(systemError('EIO', 'constructor', '/x'))?.message).toBe(
      'input/output error from the disk (EIO)',
    );
  });
});

describe('outputInvalid', () => {
  it('refuses output feedwright rendered wrong as its own bug, naming where and what', () => {
    const error = outputInvalid('dist', 'rss.xml: not well-formed XML: 1:5: oops');
    expect(error).toBeInstanceOf(FeedwrightError);
    expect(error.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'output-invalid',
        file: 'dist',
        message: 'rss.xml: not well-formed XML: 1:5: oops',
        fix: 'this is a feedwright bug; please report it with the post that caused it',
      },
    ]);
  });
});
