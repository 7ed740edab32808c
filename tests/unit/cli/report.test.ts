import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outputFormat, problemCount, REPORT_RUN, reporter } from '../../../src/cli/report.js';
import type { Diagnostic } from '../../../src/diagnostics.js';
import { fakeIo } from '../../helpers/cli-io.js';

const error: Diagnostic = {
  severity: 'error',
  code: 'missing',
  file: 'posts/a.md',
  line: 2,
  field: 'date',
  message: 'date is missing',
  fix: 'add date: 2026-11-18',
};
const warning: Diagnostic = {
  severity: 'warning',
  code: 'unknown-key',
  file: 'posts/b.md',
  message: 'unknown key "tittle" ignored',
};

describe('reporter', () => {
  it('prints each problem as a line on stderr, warnings marked', async () => {
    const { io, out } = fakeIo('/tmp');
    await reporter(io, 'text', false)([error, warning]);
    expect(out).toEqual({
      stdout: '',
      stderr:
        'posts/a.md:2  date  date is missing — add date: 2026-11-18\nwarning: posts/b.md  unknown key "tittle" ignored\n',
    });
  });

  it('leaves warnings out when quiet', async () => {
    const { io, out } = fakeIo('/tmp');
    await reporter(io, 'text', true)([error, warning]);
    expect(out.stderr).toBe('posts/a.md:2  date  date is missing — add date: 2026-11-18\n');
  });

  it('adds a GitHub annotation after each line in Actions', async () => {
    const { io, out } = fakeIo('/tmp', { GITHUB_ACTIONS: 'true' });
    await reporter(io, 'text', false)([error]);
    expect(out.stderr.split('\n')[1]).toBe(
      '::error file=posts/a.md,line=2,title=date::date is missing — add date: 2026-11-18',
    );
  });

  it('writes many problems in a few runs of whole lines, every one in order', async () => {
    const writes: string[] = [];
    const { io } = fakeIo('/tmp');
    const many = Array.from({ length: 5_000 }, (_, i) => ({ ...warning, file: `posts/${i}.md` }));
    await reporter({ ...io, stderr: (text) => writes.push(text) }, 'text', false)(many);
    const lines = writes.join('').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toEqual(many.map((d) => `warning: ${d.file}  unknown key "tittle" ignored`));
    // Neither a write a problem nor one write of all of them (see REPORT_RUN).
    const total = writes.join('').length;
    expect(writes.length).toBeGreaterThan(1);
    expect(writes.length).toBeLessThanOrEqual(Math.ceil(total / REPORT_RUN));
    for (const text of writes) {
      expect(text.endsWith('\n')).toBe(true);
      expect(text.length).toBeLessThan(REPORT_RUN + 200);
    }
  });

  it('waits for stderr to take a run it could not take at once, and only then', async () => {
    const many = Array.from({ length: 2_000 }, (_, i) => ({ ...warning, file: `posts/${i}.md` }));
    const events: string[] = [];
    let full = true;
    const { io } = fakeIo('/tmp');
    const done = reporter(
      {
        ...io,
        stderr: (text) => {
          events.push(`write ${text.length}`);
          return !full;
        },
        stderrDrained: async () => {
          events.push('drained');
          full = false;
        },
      },
      'text',
      false,
    )(many);
    await done;
    // The first run found stderr full and was waited on; the others were written straight on.
    expect(events[0]).toMatch(/^write /);
    expect(events[1]).toBe('drained');
    expect(events.slice(2).every((e) => e.startsWith('write '))).toBe(true);
    expect(events.length).toBeGreaterThan(3);
  });

  it('prints one JSON document with every problem for --format json', async () => {
    const { io, out } = fakeIo('/tmp');
    await reporter(io, 'json', true)([error, warning]);
    expect(JSON.parse(out.stderr)).toEqual({ diagnostics: [error, warning] });
  });

  it('writes the JSON document byte for byte as JSON.stringify would, in runs', async () => {
    const text = fc.string({ unit: 'binary' });
    const diagnostic = fc.record(
      {
        severity: fc.constantFrom('error' as const, 'warning' as const, 'note' as const),
        code: text,
        file: text,
        line: fc.nat(),
        column: fc.nat(),
        field: text,
        message: text,
        fix: text,
        frame: fc.string({ unit: fc.constantFrom('a', ' ', '\n', '^', '"', '\\') }),
      },
      { requiredKeys: ['severity', 'code', 'file', 'message'] },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(diagnostic, { maxLength: 6 }), async (diagnostics) => {
        const { io, out } = fakeIo('/tmp');
        await reporter(io, 'json', false)(diagnostics);
        expect(out.stderr).toBe(`${JSON.stringify({ diagnostics }, null, 2)}\n`);
      }),
    );
    const writes: string[] = [];
    const many = Array.from({ length: 5_000 }, (_, i) => ({ ...error, line: i + 1 }));
    await reporter({ ...fakeIo('/tmp').io, stderr: (t) => writes.push(t) }, 'json', false)(many);
    expect(writes.length).toBeGreaterThan(1);
    expect(writes.join('')).toBe(`${JSON.stringify({ diagnostics: many }, null, 2)}\n`);
  });
});

describe('problemCount', () => {
  it('counts the errors always and the warnings when there are some', () => {
    expect(problemCount([error])).toBe('1 error');
    expect(problemCount([error, error, warning])).toBe('2 errors, 1 warning');
    expect(problemCount([warning, warning])).toBe('0 errors, 2 warnings');
    expect(problemCount([])).toBe('0 errors');
  });
});

describe('outputFormat', () => {
  it('is text by default, text or json as given, and says what is wrong with anything else', () => {
    expect(outputFormat(undefined)).toBe('text');
    expect(outputFormat('json')).toBe('json');
    expect(outputFormat('xml')).toEqual({ wrong: '--format must be "text" or "json", not "xml"' });
  });
});
