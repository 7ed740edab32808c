import { describe, expect, it } from 'vitest';
import {
  codeFrame,
  type Diagnostic,
  FeedwrightError,
  formatDiagnostic,
  formatGithubAnnotation,
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
