import { describe, expect, it } from 'vitest';
import { FRUGAL_HEAP_GROWTH, frugalHeap } from '../../../src/pipeline/heap-growth.js';

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
