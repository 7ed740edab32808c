import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withOutputLock } from '../../../src/write/output-lock.js';

const made: string[] = [];

/** A fresh temp folder holding an output folder `site`; returns the output folder's path. */
async function outDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-lock-'));
  made.push(dir);
  return path.join(dir, 'site');
}

const lockOf = (out: string) => path.join(path.dirname(out), `.${path.basename(out)}.lock`);

/** A promise with its resolve function, to hold work until the test lets it go. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Several turns of the lock's polling loop (it polls every 50 ms). */
const severalPolls = () => new Promise((resolve) => setTimeout(resolve, 200));

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (!child.pid) throw new Error('could not start a child process');
  return child.pid;
}

afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('withOutputLock', () => {
  it('runs the work and returns its value, holding a lock beside the folder meanwhile', async () => {
    const out = await outDir();
    const seen: { exists: boolean; pid: string }[] = [];
    const value = await withOutputLock(out, 'site', async () => {
      seen.push({
        exists: existsSync(lockOf(out)),
        pid: await readFile(path.join(lockOf(out), 'pid'), 'utf8'),
      });
      return 42;
    });
    expect(value).toBe(42);
    expect(seen).toEqual([{ exists: true, pid: String(process.pid) }]);
    expect(existsSync(lockOf(out))).toBe(false);
  });

  it('removes the lock when the work throws, and passes the error on', async () => {
    const out = await outDir();
    const failure = new Error('work failed');
    await expect(
      withOutputLock(out, 'site', async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(existsSync(lockOf(out))).toBe(false);
    // The folder can be locked again straight away.
    await expect(withOutputLock(out, 'site', async () => 'again')).resolves.toBe('again');
  });

  it('runs two calls on one folder one after the other', async () => {
    const out = await outDir();
    const log: string[] = [];
    const firstStarted = gate();
    const release = gate();
    const first = withOutputLock(out, 'site', async () => {
      log.push('first start');
      firstStarted.open();
      await release.promise;
      log.push('first end');
    });
    await firstStarted.promise;
    const second = withOutputLock(out, 'site', async () => {
      log.push('second start');
      log.push('second end');
    });
    await severalPolls();
    expect(log).toEqual(['first start']);
    release.open();
    await Promise.all([first, second]);
    expect(log).toEqual(['first start', 'first end', 'second start', 'second end']);
    expect(existsSync(lockOf(out))).toBe(false);
  });

  it('locks different folders independently', async () => {
    const a = await outDir();
    const b = path.join(path.dirname(a), 'other');
    const release = gate();
    const log: string[] = [];
    const first = withOutputLock(a, 'a', async () => {
      await release.promise;
      log.push('a');
    });
    await withOutputLock(b, 'b', async () => {
      log.push('b');
    });
    release.open();
    await first;
    expect(log).toEqual(['b', 'a']);
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const out = await outDir();
    await mkdir(lockOf(out));
    await writeFile(path.join(lockOf(out), 'pid'), String(deadPid()));
    const pid = await withOutputLock(out, 'site', () =>
      readFile(path.join(lockOf(out), 'pid'), 'utf8'),
    );
    expect(pid).toBe(String(process.pid));
    expect(existsSync(lockOf(out))).toBe(false);
  });

  it('waits for a lock held by a running process until it is released', async () => {
    const out = await outDir();
    await mkdir(lockOf(out));
    await writeFile(path.join(lockOf(out), 'pid'), String(process.pid));
    let ran = false;
    const locked = withOutputLock(out, 'site', async () => {
      ran = true;
    });
    await severalPolls();
    expect(ran).toBe(false);
    await rm(lockOf(out), { recursive: true });
    await locked;
    expect(ran).toBe(true);
  });

  it.each([
    ['no pid file yet', undefined],
    ['a pid file that is not a pid', 'not a pid'],
    ['a pid file holding zero', '0'],
  ])('does not take over a lock with %s', async (_, content) => {
    const out = await outDir();
    await mkdir(lockOf(out));
    if (content !== undefined) await writeFile(path.join(lockOf(out), 'pid'), content);
    let ran = false;
    const locked = withOutputLock(out, 'site', async () => {
      ran = true;
    });
    await severalPolls();
    expect(ran).toBe(false);
    await rm(lockOf(out), { recursive: true });
    await locked;
    expect(ran).toBe(true);
  });

  it('fails without running the work when the lock cannot be made', async () => {
    const out = path.join(await outDir(), 'missing', 'site');
    let ran = false;
    await expect(
      withOutputLock(out, 'site', async () => {
        ran = true;
      }),
    ).rejects.toMatchObject({ code: 'ENOENT' });
    expect(ran).toBe(false);
  });
});
