import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/io.js';
import { progressReporter } from '../../../src/cli/progress.js';

const ERASE = '\r\x1b[K';

/** A fake terminal: what was written to stderr, and a clock the test moves by hand. */
function terminal(options: { interactive?: boolean; env?: Record<string, string> } = {}) {
  const written: string[] = [];
  let now = 50_000;
  const io: CliIo = {
    stdout: () => {
      throw new Error('progress must not write to stdout');
    },
    stderr: (text) => written.push(text),
    env: options.env ?? {},
    cwd: '/nowhere',
    ...(options.interactive === false ? {} : { interactive: true }),
  };
  return {
    io,
    written,
    clock: () => now,
    at: (ms: number) => {
      now = 50_000 + ms;
    },
  };
}

describe('progressReporter', () => {
  it('shows nothing during the first second, then the stage with done/total', () => {
    const t = terminal();
    const progress = progressReporter(t.io, false, t.clock);
    t.at(0);
    progress.update({ stage: 'read', done: 1, total: 10 });
    t.at(999);
    progress.update({ stage: 'read', done: 2, total: 10 });
    expect(t.written).toEqual([]);
    t.at(1000);
    progress.update({ stage: 'read', done: 3, total: 10 });
    expect(t.written).toEqual([`${ERASE}reading posts 3/10`]);
  });

  it('names each stage in words', () => {
    const t = terminal();
    const progress = progressReporter(t.io, false, t.clock);
    t.at(1000);
    progress.update({ stage: 'read', done: 4, total: 4 });
    t.at(1200);
    progress.update({ stage: 'render', done: 2, total: 2 });
    t.at(1400);
    progress.update({ stage: 'write', done: 0, total: 7 });
    expect(t.written).toEqual([
      `${ERASE}reading posts 4/4`,
      `${ERASE}rendering 2/2`,
      `${ERASE}writing feeds 0/7`,
    ]);
  });

  it('shows at most one line per 100 ms, except the final count', () => {
    const t = terminal();
    const progress = progressReporter(t.io, false, t.clock);
    t.at(1000);
    progress.update({ stage: 'read', done: 1, total: 5 });
    t.at(1050);
    progress.update({ stage: 'read', done: 2, total: 5 });
    t.at(1099);
    progress.update({ stage: 'read', done: 3, total: 5 });
    t.at(1100);
    progress.update({ stage: 'read', done: 4, total: 5 });
    t.at(1101);
    progress.update({ stage: 'read', done: 5, total: 5 });
    expect(t.written).toEqual([
      `${ERASE}reading posts 1/5`,
      `${ERASE}reading posts 4/5`,
      `${ERASE}reading posts 5/5`,
    ]);
  });

  it('is silent when stderr is not a terminal', () => {
    const t = terminal({ interactive: false });
    const progress = progressReporter(t.io, false, t.clock);
    t.at(5000);
    progress.update({ stage: 'read', done: 5, total: 5 });
    progress.clear();
    expect(t.written).toEqual([]);
  });

  it('is silent in CI', () => {
    const t = terminal({ env: { CI: 'true' } });
    const progress = progressReporter(t.io, false, t.clock);
    t.at(5000);
    progress.update({ stage: 'render', done: 5, total: 5 });
    progress.clear();
    expect(t.written).toEqual([]);
  });

  it('is silent when quiet', () => {
    const t = terminal();
    const progress = progressReporter(t.io, true, t.clock);
    t.at(5000);
    progress.update({ stage: 'write', done: 5, total: 5 });
    progress.clear();
    expect(t.written).toEqual([]);
  });

  it('clear erases the line only when one was shown, and only once', () => {
    const t = terminal();
    const progress = progressReporter(t.io, false, t.clock);
    t.at(10);
    progress.update({ stage: 'read', done: 1, total: 2 });
    progress.clear();
    expect(t.written).toEqual([]);
    t.at(2000);
    progress.update({ stage: 'read', done: 2, total: 2 });
    progress.clear();
    progress.clear();
    expect(t.written).toEqual([`${ERASE}reading posts 2/2`, ERASE]);
  });

  it('reads the clock at creation as the start, so a long build shows from the first update', () => {
    let now = 0;
    const t = terminal();
    const progress = progressReporter(t.io, false, () => now);
    now = 1500;
    progress.update({ stage: 'read', done: 1, total: 3 });
    expect(t.written).toEqual([`${ERASE}reading posts 1/3`]);
  });
});
