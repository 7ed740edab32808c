import { describe, expect, it } from 'vitest';
import { compactHeap, FRUGAL_HEAP_GROWTH, frugalHeap } from '../../../src/pipeline/heap-growth.js';

describe('frugalHeap', () => {
  it('sets the growth once for builds that overlap, and the default back when the last is done', () => {
    const set: string[] = [];
    const record = (flags: string) => set.push(flags);
    const first = frugalHeap(record, []);
    const second = frugalHeap(record, []);
    expect(set).toEqual([`--heap-growing-percent=${FRUGAL_HEAP_GROWTH}`]);
    first();
    first(); // given back twice counts once
    expect(set).toHaveLength(1);
    second();
    expect(set).toEqual([
      `--heap-growing-percent=${FRUGAL_HEAP_GROWTH}`,
      '--heap-growing-percent=0',
    ]);
    frugalHeap(record, [])();
    expect(set).toHaveLength(4);
  });

  it('leaves alone a process started with its own value', () => {
    const set: string[] = [];
    for (const arg of ['--heap-growing-percent=80', '--heap_growing_percent=5']) {
      frugalHeap((flags) => set.push(flags), ['--inspect', arg])();
    }
    expect(set).toEqual([]);
  });
});

describe('compactHeap', () => {
  it('has V8 compact for exactly the one collection, and gives the setting back even when it throws', () => {
    const done: string[] = [];
    const record = (flags: string) => done.push(flags);
    compactHeap(record, [], () => done.push('collect'));
    expect(done).toEqual([
      '--compact-on-every-full-gc',
      'collect',
      '--no-compact-on-every-full-gc',
    ]);
    done.length = 0;
    expect(() =>
      compactHeap(record, [], () => {
        throw new Error('collector');
      }),
    ).toThrow('collector');
    expect(done).toEqual(['--compact-on-every-full-gc', '--no-compact-on-every-full-gc']);
  });

  it('collects, leaving the setting alone in a process started with its own', () => {
    const set: string[] = [];
    let collected = 0;
    for (const arg of ['--compact-on-every-full-gc', '--no-compact_on_every_full_gc'])
      compactHeap(
        (flags) => set.push(flags),
        [arg],
        () => collected++,
      );
    expect(set).toEqual([]);
    expect(collected).toBe(2);
  });

  it("by default collects this thread's heap, giving back what nothing holds", () => {
    let garbage: number[][] | undefined = Array.from({ length: 200_000 }, (_, i) => [i, i + 1]);
    const held = process.memoryUsage().heapUsed;
    expect(garbage).toHaveLength(200_000);
    garbage = undefined;
    compactHeap();
    expect(process.memoryUsage().heapUsed).toBeLessThan(held - 10 * 1024 * 1024);
  });
});
