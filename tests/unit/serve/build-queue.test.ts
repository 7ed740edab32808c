import { describe, expect, it } from 'vitest';
import { buildQueue } from '../../../src/serve/build-queue.js';

/** A build that waits to be let go, recording each batch it was given. */
function gatedBuild() {
  const batches: string[][] = [];
  const gates: (() => void)[] = [];
  const build = (changed: string[]) => {
    batches.push(changed);
    return new Promise<void>((resolve) => gates.push(resolve));
  };
  const release = async () => {
    while (gates.length === 0) await new Promise((r) => setTimeout(r, 1));
    gates.shift()?.();
  };
  return { batches, build, release, running: () => gates.length };
}

describe('buildQueue', () => {
  it('builds at once when idle', async () => {
    const b = gatedBuild();
    const queue = buildQueue(b.build);
    queue.add(['posts/a.md']);
    expect(b.batches).toEqual([['posts/a.md']]);
    await b.release();
    await queue.idle();
  });

  it('never runs two builds at once: changes during one make exactly one more, joined', async () => {
    const b = gatedBuild();
    const queue = buildQueue(b.build);
    queue.add(['posts/a.md']);
    queue.add(['posts/c.md']);
    queue.add(['posts/b.md', 'posts/c.md']);
    expect(b.batches).toEqual([['posts/a.md']]);
    expect(b.running()).toBe(1);
    await b.release();
    while (b.batches.length < 2) await new Promise((r) => setTimeout(r, 1));
    expect(b.batches[1]).toEqual(['posts/b.md', 'posts/c.md']);
    await b.release();
    await queue.idle();
    expect(b.batches).toHaveLength(2);
  });

  it('goes on after a build that fails', async () => {
    const seen: string[][] = [];
    const queue = buildQueue(async (changed) => {
      seen.push(changed);
      if (changed.includes('bad')) throw new Error('boom');
    });
    queue.add(['bad']);
    await queue.idle();
    queue.add(['good']);
    await queue.idle();
    expect(seen).toEqual([['bad'], ['good']]);
  });

  it('is idle at once when nothing was asked', async () => {
    await buildQueue(async () => {}).idle();
  });
});
