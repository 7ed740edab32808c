import { spawnSync } from 'node:child_process';
import { existsSync, readlinkSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  describeOwner,
  judgeOwner,
  type LockOwner,
  newOwner,
  type OwnerLimits,
  type OwnerRecord,
  onThisMachine,
  processStartOf,
  readOwner,
} from '../../../src/write/lock-owner.js';

const LIMITS: OwnerLimits = { graceMs: 5_000, staleMs: 60_000, heartbeatMs: 10_000 };
const onLinux = existsSync('/proc/self/stat');
const made: string[] = [];

afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A lock folder holding the given files. */
async function lockFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-owner-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

function owner(overrides: Partial<LockOwner> = {}): LockOwner {
  return {
    pid: process.pid,
    hostname: hostname(),
    token: 'f'.repeat(32),
    started: '2026-12-01T09:30:00.000Z',
    ...overrides,
  };
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync('true');
  if (!child.pid) throw new Error('could not start a child process');
  return child.pid;
}

describe('newOwner', () => {
  it('names this process, this machine, the time and a fresh random token', () => {
    const when = new Date('2026-12-01T09:30:00.000Z');
    const a = newOwner(when);
    const b = newOwner(when);
    expect(a).toMatchObject({
      pid: process.pid,
      hostname: hostname(),
      started: when.toISOString(),
    });
    expect(a.token).toMatch(/^[0-9a-f]{32}$/);
    expect(b.token).not.toBe(a.token);
  });

  it.runIf(onLinux)('records the pid namespace and the process start time on Linux', () => {
    const record = newOwner();
    expect(record.pidNamespace).toBe(readlinkSync('/proc/self/ns/pid'));
    expect(record.processStart).toBe(processStartOf(process.pid));
    expect(record.processStart).toMatch(/^\d+$/);
  });
});

describe('readOwner', () => {
  it('reads back an owner record', async () => {
    const record = owner({ pidNamespace: 'pid:[4026531836]', processStart: '837452' });
    const dir = await lockFolder({ owner: JSON.stringify(record) });
    expect(await readOwner(dir)).toEqual({ kind: 'owner', owner: record });
  });

  it('reads the pid file an older feedwright wrote', async () => {
    const dir = await lockFolder({ pid: '1234' });
    expect(await readOwner(dir)).toEqual({ kind: 'legacy', pid: 1234 });
  });

  it.each([
    ['an empty folder', {}],
    ['an empty owner file', { owner: '' }],
    ['an owner file cut short', { owner: '{"pid": 12' }],
    ['an owner record without a token', { owner: JSON.stringify({ ...owner(), token: '' }) }],
    ['an owner record with pid 0', { owner: JSON.stringify({ ...owner(), pid: 0 }) }],
    ['an owner record that is not an object', { owner: 'null' }],
    ['an empty pid file', { pid: '' }],
    ['a pid file holding zero', { pid: '0' }],
    ['a pid file that is not a pid', { pid: '12abc' }],
  ])('finds no owner in %s', async (_, files) => {
    expect(await readOwner(await lockFolder(files))).toEqual({ kind: 'none' });
  });

  it('finds no owner when the lock is a file or is gone', async () => {
    const dir = await lockFolder({ lock: 'made by hand' });
    expect(await readOwner(path.join(dir, 'lock'))).toEqual({ kind: 'none' });
    expect(await readOwner(path.join(dir, 'missing'))).toEqual({ kind: 'none' });
  });

  it('prefers the owner record to a pid file', async () => {
    const dir = await lockFolder({ owner: JSON.stringify(owner()), pid: '1' });
    expect((await readOwner(dir)).kind).toBe('owner');
  });

  it('finds no owner when a folder stands where the record should be', async () => {
    const dir = await lockFolder({});
    await mkdir(path.join(dir, 'owner', 'x'), { recursive: true });
    expect(await readOwner(dir)).toEqual({ kind: 'none' });
  });
});

describe('judgeOwner', () => {
  const judge = (record: OwnerRecord, age = 0) => judgeOwner(record, age, LIMITS);

  it('keeps the lock of a running build on this machine, however old its heartbeat', () => {
    expect(judge({ kind: 'owner', owner: owner() }, 3_600_000)).toEqual({ live: true });
  });

  it('finds the owner gone when its pid no longer runs on this machine', () => {
    const pid = deadPid();
    expect(judge({ kind: 'owner', owner: owner({ pid }) })).toEqual({
      live: false,
      why: `build ${pid} is no longer running`,
    });
  });

  it.runIf(onLinux)('finds the owner gone when another program now has its pid', () => {
    expect(judge({ kind: 'owner', owner: owner({ processStart: '1' }) })).toEqual({
      live: false,
      why: `build ${process.pid} is no longer running (another program now has its pid)`,
    });
    const same = owner({ processStart: processStartOf(process.pid) });
    expect(judge({ kind: 'owner', owner: same })).toEqual({ live: true });
  });

  it('keeps the lock of a build on another machine until its heartbeat is over 60 s old', () => {
    const record: OwnerRecord = { kind: 'owner', owner: owner({ hostname: 'ci-7', pid: 42 }) };
    expect(judge(record, 60_000)).toEqual({ live: true });
    expect(judge(record, -5_000)).toEqual({ live: true }); // its clock a little ahead
    expect(judge(record, 61_000)).toEqual({
      live: false,
      why: 'build 42 on ci-7 has not refreshed it for 61 s (a running build does every 10 s)',
    });
  });

  it.runIf(onLinux)('treats a container with the same host name as another machine', () => {
    // Its pids are not ours: a pid that does not run here may run there.
    const record: OwnerRecord = {
      kind: 'owner',
      owner: owner({ pid: deadPid(), pidNamespace: 'pid:[1]' }),
    };
    expect(judge(record, 1_000)).toEqual({ live: true });
    expect(judge(record, 61_000).live).toBe(false);
  });

  it('keeps a lock with no owner record for its first 5 s', () => {
    expect(judge({ kind: 'none' }, 5_000)).toEqual({ live: true });
    expect(judge({ kind: 'none' }, 5_400)).toEqual({
      live: false,
      why:
        'it has no owner record (a build killed while taking it, or a folder made by hand) ' +
        'and is 5.4 s old',
    });
  });

  it('judges an older feedwright lock by its pid', () => {
    const pid = deadPid();
    expect(judge({ kind: 'legacy', pid: process.pid }, 3_600_000)).toEqual({ live: true });
    expect(judge({ kind: 'legacy', pid })).toEqual({
      live: false,
      why: `build ${pid} is no longer running`,
    });
  });
});

describe('describeOwner', () => {
  it('names the build, where it runs and since when', () => {
    expect(describeOwner({ kind: 'owner', owner: owner({ pid: 7 }) })).toBe(
      'build 7 on this machine, since 2026-12-01T09:30:00.000Z',
    );
    expect(describeOwner({ kind: 'owner', owner: owner({ pid: 7, hostname: 'ci-7' }) })).toBe(
      'build 7 on ci-7, since 2026-12-01T09:30:00.000Z',
    );
    expect(describeOwner({ kind: 'legacy', pid: 7 })).toBe('build 7 (an older feedwright)');
    expect(describeOwner({ kind: 'none' })).toBe('a build that left no owner record');
  });
});

describe('onThisMachine', () => {
  it('compares the host name, and the pid namespace where both are known', () => {
    expect(onThisMachine(owner())).toBe(true);
    expect(onThisMachine(owner({ hostname: `${hostname()}-other` }))).toBe(false);
    const ours = newOwner().pidNamespace;
    if (ours) {
      expect(onThisMachine(owner({ pidNamespace: ours }))).toBe(true);
      expect(onThisMachine(owner({ pidNamespace: 'pid:[1]' }))).toBe(false);
    }
  });
});

describe('processStartOf', () => {
  it.runIf(onLinux)('reads when a process started, and nothing for one that is gone', () => {
    expect(processStartOf(process.pid)).toMatch(/^\d+$/);
    expect(processStartOf(deadPid())).toBeUndefined();
  });
});
