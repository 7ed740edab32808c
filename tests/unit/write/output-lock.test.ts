import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedwrightError } from '../../../src/diagnostics.js';
import { type LockOwner, processStartOf } from '../../../src/write/lock-owner.js';
import { withOutputLock } from '../../../src/write/output-lock.js';

/** The compiled lock (tests/helpers/global-setup.ts compiles lib/ first), for child processes. */
const LIB = pathToFileURL(path.resolve(import.meta.dirname, '../../../lib/write/output-lock.js'));

const made: string[] = [];
const children: ChildProcess[] = [];

/** A fresh temp folder holding an output folder `site`; returns the output folder's path. */
async function outDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-lock-'));
  made.push(dir);
  return path.join(dir, 'site');
}

const lockOf = (out: string) => path.join(path.dirname(out), `.${path.basename(out)}.lock`);

/** The lock's path as messages show it: relative to the working folder when that is shorter. */
function shown(out: string): string {
  const relative = path.relative(process.cwd(), lockOf(out));
  return relative.length < lockOf(out).length ? relative : lockOf(out);
}

const readOwnerFile = async (dir: string) =>
  JSON.parse(await readFile(path.join(dir, 'owner'), 'utf8')) as LockOwner;

/** Everything beside the output that belongs to its lock. */
async function lockLeftovers(out: string): Promise<string[]> {
  const names = await readdir(path.dirname(out));
  return names.filter((name) => name.startsWith(`.${path.basename(out)}.lock`)).sort();
}

/** A lock folder made by hand (or by another build) with the given files, `ageMs` old. */
async function placeLock(out: string, files: Record<string, string>, ageMs = 0): Promise<void> {
  await mkdir(lockOf(out));
  for (const [name, content] of Object.entries(files)) {
    await writeFile(path.join(lockOf(out), name), content);
  }
  const when = new Date(Date.now() - ageMs);
  await utimes(lockOf(out), when, when);
}

function ownerRecord(overrides: Partial<LockOwner>): string {
  const owner: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    token: randomBytes(16).toString('hex'),
    started: '2026-12-01T09:30:00.000Z',
    ...overrides,
  };
  return JSON.stringify(owner);
}

/** A promise with its resolve function, to hold work until the test lets it go. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync('true');
  if (!child.pid) throw new Error('could not start a child process');
  return child.pid;
}

/** Resolves with the child's first line of output (it prints one when it is ready). */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')));
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before it was ready`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** A real build process that takes the lock of `out` and holds it until it is killed. */
async function holderProcess(out: string): Promise<ChildProcess> {
  const script = `
    const { withOutputLock } = await import(process.argv[1]);
    setInterval(() => {}, 1 << 30);
    await withOutputLock(process.argv[2], 'site', async () => {
      process.stdout.write('held\\n');
      await new Promise(() => {});
    });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, LIB.href, out], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  expect(await firstLine(child)).toBe('held');
  return child;
}

afterEach(async () => {
  for (const child of children.splice(0)) {
    child.kill('SIGKILL');
    await exited(child);
  }
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('withOutputLock', () => {
  it('holds a lock whose owner record names this build, and removes it afterwards', async () => {
    const out = await outDir();
    const seen: { owner: LockOwner; held: boolean }[] = [];
    const value = await withOutputLock(out, 'site', async (lock) => {
      seen.push({ owner: await readOwnerFile(lockOf(out)), held: await lock.stillHeld() });
      return 42;
    });
    expect(value).toBe(42);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.held).toBe(true);
    expect(seen[0]?.owner).toMatchObject({ pid: process.pid, hostname: hostname() });
    expect(seen[0]?.owner.token).toMatch(/^[0-9a-f]{32}$/);
    expect(Date.parse(seen[0]?.owner.started ?? '')).not.toBeNaN();
    expect(await lockLeftovers(out)).toEqual([]);
  });

  it('removes the lock when the work throws, and passes the error on', async () => {
    const out = await outDir();
    const failure = new Error('work failed');
    await expect(
      withOutputLock(out, 'site', async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await lockLeftovers(out)).toEqual([]);
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
    await pause(150); // several turns of the waiting build's polling
    expect(log).toEqual(['first start']);
    release.open();
    await Promise.all([first, second]);
    expect(log).toEqual(['first start', 'first end', 'second start', 'second end']);
    expect(await lockLeftovers(out)).toEqual([]);
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

  it('takes over at once the lock of a build killed with SIGKILL, with a note', async () => {
    const out = await outDir();
    const holder = await holderProcess(out);
    expect((await readOwnerFile(lockOf(out))).pid).toBe(holder.pid);
    holder.kill('SIGKILL');
    await exited(holder);
    const notes: string[] = [];
    const owner = await withOutputLock(out, 'site', () => readOwnerFile(lockOf(out)), {
      note: (line) => notes.push(line),
    });
    expect(owner.pid).toBe(process.pid);
    expect(notes).toEqual([
      `took over the lock ${shown(out)}: build ${holder.pid} is no longer running`,
    ]);
    expect(await lockLeftovers(out)).toEqual([]);
  });

  it('waits for a running build, then fails naming it, since when, and how to remove its lock', async () => {
    const out = await outDir();
    const holder = await holderProcess(out);
    const { started } = await readOwnerFile(lockOf(out));
    let ran = false;
    const error = await withOutputLock(
      out,
      'site',
      async () => {
        ran = true;
      },
      { waitMs: 200 },
    ).catch((e: unknown) => e);
    expect(ran).toBe(false);
    expect(error).toBeInstanceOf(FeedwrightError);
    expect((error as FeedwrightError).diagnostics).toEqual([
      {
        severity: 'error',
        code: 'output-locked',
        file: 'site',
        message:
          `another build is writing this folder: the lock ${shown(out)} is held by ` +
          `build ${holder.pid} on this machine, since ${started}, and it did not finish within 0.2 s`,
        fix:
          'wait for that build to finish and run again; if it is no longer running ' +
          `(check with \`ps -p ${holder.pid}\` on ${hostname()}), delete the lock ` +
          `(rm -r ${shown(out)}) and run again`,
      },
    ]);
    // The waiting build left nothing behind, and the holder's lock is untouched.
    expect((await readOwnerFile(lockOf(out))).pid).toBe(holder.pid);
    expect(await lockLeftovers(out)).toEqual([path.basename(lockOf(out))]);
  });

  it('runs as soon as a running build releases its lock', async () => {
    const out = await outDir();
    await placeLock(out, { owner: ownerRecord({}) });
    let ran = false;
    const locked = withOutputLock(out, 'site', async () => {
      ran = true;
    });
    await pause(150); // several turns of the waiting build's polling
    expect(ran).toBe(false);
    await rm(lockOf(out), { recursive: true });
    await locked;
    expect(ran).toBe(true);
  });

  it('takes over at once an older feedwright lock whose pid file names a finished process', async () => {
    const out = await outDir();
    const pid = deadPid();
    await placeLock(out, { pid: String(pid) });
    const notes: string[] = [];
    await withOutputLock(out, 'site', async () => {}, { note: (line) => notes.push(line) });
    expect(notes).toEqual([`took over the lock ${shown(out)}: build ${pid} is no longer running`]);
  });

  it('waits for an older feedwright lock whose pid file names a running process', async () => {
    const out = await outDir();
    await placeLock(out, { pid: String(process.pid) }, 60_000);
    const error = await withOutputLock(out, 'site', async () => {}, { waitMs: 100 }).catch(
      (e: unknown) => e,
    );
    expect((error as FeedwrightError).diagnostics[0]?.message).toBe(
      `another build is writing this folder: the lock ${shown(out)} is held by ` +
        `build ${process.pid} (an older feedwright), and it did not finish within 0.1 s`,
    );
  });

  it.runIf(processStartOf(process.pid) !== undefined)(
    'takes over at once a lock whose pid now belongs to another program',
    async () => {
      const out = await outDir();
      await placeLock(out, { owner: ownerRecord({ pid: process.pid, processStart: '1' }) });
      const notes: string[] = [];
      await withOutputLock(out, 'site', async () => {}, { note: (line) => notes.push(line) });
      expect(notes).toEqual([
        `took over the lock ${shown(out)}: build ${process.pid} is no longer running ` +
          '(another program now has its pid)',
      ]);
    },
  );

  const noRecord: [string, Record<string, string>][] = [
    ['no owner record at all (an empty folder)', {}],
    ['an empty pid file', { pid: '' }],
    ['a pid file that is not a pid', { pid: 'not a pid' }],
    ['an empty owner file', { owner: '' }],
    ['an owner file of garbage', { owner: '{"pid": 12' }],
  ];

  it('leaves a lock with no owner record alone while it is young, then takes it over', async () => {
    // Each kind of missing record, side by side: first a wait shorter than the grace, which
    // fails without running the work, then a wait that outlasts a short grace.
    const results = await Promise.all(
      noRecord.map(async ([kind, files]) => {
        const out = await outDir();
        await placeLock(out, files);
        const ran: string[] = [];
        const work = async () => {
          ran.push('work');
        };
        const young = await withOutputLock(out, 'site', work, { waitMs: 100 }).catch(
          (e: unknown) => (e as FeedwrightError).diagnostics[0],
        );
        const notes: string[] = [];
        await withOutputLock(out, 'site', work, {
          note: (line) => notes.push(line),
          limits: { graceMs: 150 },
        });
        return { kind, young, ran, notes, left: await lockLeftovers(out), out };
      }),
    );
    expect(results).toEqual(
      results.map(({ kind, out }) => ({
        kind,
        out,
        young: {
          severity: 'error',
          code: 'output-locked',
          file: 'site',
          message:
            `another build is writing this folder: the lock ${shown(out)} is held by ` +
            'a build that left no owner record, and it did not finish within 0.1 s',
          fix:
            'wait for that build to finish and run again; if it is no longer running, ' +
            `delete the lock (rm -r ${shown(out)}) and run again`,
        },
        ran: ['work'],
        notes: [
          expect.stringMatching(
            new RegExp(
              `^took over the lock ${escapeRegExp(shown(out))}: it has no owner record ` +
                String.raw`\(a build killed while taking it, or a folder made by hand\) ` +
                String.raw`and is 0\.[1-9] s old$`,
            ),
          ),
        ],
        left: [],
      })),
    );
    expect(results.map((r) => r.kind)).toEqual(noRecord.map(([kind]) => kind));
  });

  it('takes over a lock with no owner record at once when it is older than 5 s', async () => {
    const out = await outDir();
    await placeLock(out, { pid: '' }, 8_000);
    const notes: string[] = [];
    await withOutputLock(out, 'site', async () => {}, { note: (line) => notes.push(line) });
    expect(notes).toEqual([
      `took over the lock ${shown(out)}: it has no owner record (a build killed while taking it, ` +
        'or a folder made by hand) and is 8 s old',
    ]);
  });

  it('takes over the lock of a build on another machine whose heartbeat is over 60 s old', async () => {
    const out = await outDir();
    await placeLock(out, { owner: ownerRecord({ hostname: 'ci-runner-7', pid: 4242 }) }, 90_000);
    const notes: string[] = [];
    await withOutputLock(out, 'site', async () => {}, { note: (line) => notes.push(line) });
    expect(notes).toEqual([
      `took over the lock ${shown(out)}: build 4242 on ci-runner-7 has not refreshed it for 90 s ` +
        '(a running build does every 10 s)',
    ]);
  });

  it('waits for a build on another machine whose heartbeat is fresh, then fails', async () => {
    const out = await outDir();
    const record = ownerRecord({ hostname: 'ci-runner-7', pid: 4242 });
    await placeLock(out, { owner: record }, 30_000);
    const error = await withOutputLock(out, 'site', async () => {}, { waitMs: 150 }).catch(
      (e: unknown) => e,
    );
    expect((error as FeedwrightError).diagnostics[0]).toMatchObject({
      code: 'output-locked',
      message:
        `another build is writing this folder: the lock ${shown(out)} is held by build 4242 on ` +
        'ci-runner-7, since 2026-12-01T09:30:00.000Z, and it did not finish within 0.15 s',
      fix:
        'wait for that build to finish and run again; if it is no longer running (check with ' +
        `\`ps -p 4242\` on ci-runner-7), delete the lock (rm -r ${shown(out)}) and run again`,
    });
    expect(await readFile(path.join(lockOf(out), 'owner'), 'utf8')).toBe(record);
  });

  it('refreshes the heartbeat of the lock it holds', async () => {
    const out = await outDir();
    const longAgo = new Date(Date.now() - 3_600_000);
    const refreshed = await withOutputLock(
      out,
      'site',
      async () => {
        await utimes(lockOf(out), longAgo, longAgo);
        for (let tries = 0; tries < 100; tries++) {
          await pause(20);
          if ((await stat(lockOf(out))).mtimeMs > longAgo.getTime() + 60_000) return true;
        }
        return false;
      },
      { limits: { heartbeatMs: 20 } },
    );
    expect(refreshed).toBe(true);
  });

  it('lets exactly one build at a time work when many find the same stale lock', async () => {
    const out = await outDir();
    const shared = path.dirname(out);
    await placeLock(out, { owner: ownerRecord({ pid: deadPid() }) });
    const contenders = await Promise.all([1, 2, 3, 4].map((n) => contenderProcess(out, `p${n}`)));
    const notes: string[] = [];
    for (const child of contenders) child.stdin?.end('go\n');
    const inProcess = ['t1', 't2', 't3'].map((id) =>
      withOutputLock(out, 'site', () => exclusiveWork(shared, id), {
        note: (line) => notes.push(line),
      }),
    );
    await Promise.all(inProcess);
    for (const child of contenders) {
      const output = await allOutput(child);
      expect(output.code).toBe(0);
      notes.push(...(JSON.parse(output.stdout) as string[]));
    }
    const log = (await readFile(path.join(shared, 'log'), 'utf8')).trim().split('\n');
    // Every build worked once, and no build started before the one before it had ended.
    expect(log).toHaveLength(14);
    for (let i = 0; i < log.length; i += 2) {
      const id = log[i]?.replace('start ', '');
      expect([log[i], log[i + 1]]).toEqual([`start ${id}`, `end ${id}`]);
    }
    expect(new Set(log.filter((l) => l.startsWith('start'))).size).toBe(7);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/: build \d+ is no longer running$/);
    expect(await lockLeftovers(out)).toEqual([]);
  });

  it('leaves a stale lock to the build that is taking it over right now', async () => {
    const out = await outDir();
    const token = 'a'.repeat(32);
    await placeLock(out, { owner: ownerRecord({ pid: deadPid(), token }) });
    await mkdir(`${lockOf(out)}-claim-${token}-1`);
    const error = await withOutputLock(out, 'site', async () => {}, { waitMs: 150 }).catch(
      (e: unknown) => e,
    );
    expect((error as FeedwrightError).diagnostics[0]?.code).toBe('output-locked');
    expect(await lockLeftovers(out)).toEqual([
      path.basename(lockOf(out)),
      `${path.basename(lockOf(out))}-claim-${token}-1`,
    ]);
  });

  it('takes over a stale lock whose takeover was abandoned by a killed build', async () => {
    const out = await outDir();
    const token = 'b'.repeat(32);
    const pid = deadPid();
    await placeLock(out, { owner: ownerRecord({ pid, token }) });
    const abandoned = `${lockOf(out)}-claim-${token}-1`;
    await mkdir(abandoned);
    const longAgo = new Date(Date.now() - 20_000);
    await utimes(abandoned, longAgo, longAgo);
    const notes: string[] = [];
    await withOutputLock(out, 'site', async () => {}, { note: (line) => notes.push(line) });
    expect(notes).toEqual([`took over the lock ${shown(out)}: build ${pid} is no longer running`]);
    expect(await lockLeftovers(out)).toEqual([]);
  });

  it('inherits the claims of a build killed while holding a lock it took over', async () => {
    const out = await outDir();
    // The killed build took over the lock of build "e…" and claimed it, then died holding it.
    const firstClaim = `${path.basename(lockOf(out))}-claim-${'e'.repeat(32)}-1`;
    await mkdir(path.join(path.dirname(out), firstClaim));
    await placeLock(out, {
      owner: ownerRecord({ pid: deadPid() }),
      claims: `${firstClaim}\n../../etc\n${path.basename(lockOf(out))}-notes\n`,
    });
    const outside = path.join(path.dirname(out), `${path.basename(lockOf(out))}-notes`);
    await mkdir(outside);
    await withOutputLock(out, 'site', async () => {}, { note: () => {} });
    // Its claim, young as it is, goes with the lock; names that are not claims are ignored.
    expect(await lockLeftovers(out)).toEqual([path.basename(outside)]);
  });

  it('passes its own claims on when it is killed holding the lock', async () => {
    const out = await outDir();
    const token = 'f'.repeat(32);
    await placeLock(out, { owner: ownerRecord({ pid: deadPid(), token }) });
    const claims: string[] = [];
    await withOutputLock(
      out,
      'site',
      async () => {
        claims.push(await readFile(path.join(lockOf(out), 'claims'), 'utf8'));
      },
      { note: () => {} },
    );
    expect(claims).toEqual([`${path.basename(lockOf(out))}-claim-${token}-1\n`]);
  });

  it('does not remove a lock another build put in place of its own', async () => {
    const out = await outDir();
    const other = ownerRecord({ hostname: 'ci-runner-7', pid: 4242 });
    const held: boolean[] = [];
    await withOutputLock(out, 'site', async (lock) => {
      held.push(await lock.stillHeld());
      // Another build judged this one gone and took the lock over.
      await rm(lockOf(out), { recursive: true });
      await placeLock(out, { owner: other });
      held.push(await lock.stillHeld());
    });
    expect(held).toEqual([true, false]);
    expect(await readFile(path.join(lockOf(out), 'owner'), 'utf8')).toBe(other);
    expect(await lockLeftovers(out)).toEqual([path.basename(lockOf(out))]);
  });

  it('removes folders left by killed builds beside the lock, keeping those of running ones', async () => {
    const out = await outDir();
    const pid = deadPid();
    const dead = `${lockOf(out)}-${pid}-0123456789ab`;
    const running = `${lockOf(out)}-${process.pid}-ba9876543210`;
    const foreign = `${lockOf(out)}-77-00000000000f`;
    const unrelated = `${lockOf(out)}-notes`;
    for (const [dir, record] of [
      [dead, ownerRecord({ pid })],
      [running, ownerRecord({})],
      [foreign, ownerRecord({ hostname: 'ci-runner-7', pid: 77 })],
      [unrelated, ''],
    ] as const) {
      await mkdir(dir);
      await writeFile(path.join(dir, 'owner'), record);
    }
    const oldClaim = `${lockOf(out)}-claim-${'c'.repeat(32)}-1`;
    const recentClaim = `${lockOf(out)}-claim-${'d'.repeat(32)}-1`;
    await mkdir(oldClaim);
    await mkdir(recentClaim);
    const longAgo = new Date(Date.now() - 20_000);
    await utimes(oldClaim, longAgo, longAgo);
    await withOutputLock(out, 'site', async () => {});
    expect(await lockLeftovers(out)).toEqual(
      [running, foreign, unrelated, recentClaim].map((dir) => path.basename(dir)).sort(),
    );
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

/**
 * Work that must never run alongside another: it claims a marker file exclusively (throwing if
 * another build is inside) and logs its start and end in a file all contenders share.
 */
async function exclusiveWork(shared: string, id: string): Promise<void> {
  const inside = path.join(shared, 'inside');
  writeFileSync(inside, id, { flag: 'wx' });
  appendFileSync(path.join(shared, 'log'), `start ${id}\n`);
  await pause(15);
  appendFileSync(path.join(shared, 'log'), `end ${id}\n`);
  unlinkSync(inside);
}

/** A real build process, ready to take the lock of `out` as soon as it reads a line. */
async function contenderProcess(out: string, id: string): Promise<ChildProcess> {
  const script = `
    const [lib, out, id] = process.argv.slice(1);
    const { withOutputLock } = await import(lib);
    const { appendFileSync, unlinkSync, writeFileSync } = await import('node:fs');
    const shared = ${JSON.stringify(path.dirname(out))};
    process.stdout.write('ready\\n');
    await new Promise((resolve) => process.stdin.once('data', resolve));
    const notes = [];
    await withOutputLock(out, 'site', async () => {
      const inside = shared + '/inside';
      writeFileSync(inside, id, { flag: 'wx' });
      appendFileSync(shared + '/log', 'start ' + id + '\\n');
      await new Promise((resolve) => setTimeout(resolve, 15));
      appendFileSync(shared + '/log', 'end ' + id + '\\n');
      unlinkSync(inside);
    }, { note: (line) => notes.push(line) });
    process.stdout.write(JSON.stringify(notes) + '\\n');`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, LIB.href, out, id], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  const output = allOutput(child);
  outputs.set(child, output);
  const first = await firstLine(child);
  expect(first).toBe('ready');
  return child;
}

const outputs = new Map<ChildProcess, Promise<{ code: number | null; stdout: string }>>();

/** The child's exit code and everything it printed after its first line. */
function allOutput(child: ChildProcess): Promise<{ code: number | null; stdout: string }> {
  const known = outputs.get(child);
  if (known) return known;
  return new Promise((resolve) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.once('close', (code) => resolve({ code, stdout: text.slice(text.indexOf('\n') + 1) }));
  });
}
