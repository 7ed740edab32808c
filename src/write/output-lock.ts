import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FeedwrightError } from '../diagnostics.js';
import {
  describeOwner,
  judgeOwner,
  type LockOwner,
  newOwner,
  OWNER_FILE,
  type OwnerLimits,
  type OwnerRecord,
  readOwner,
} from './lock-owner.js';

/** How long a build waits for another one that holds the lock. */
const WAIT_MS = 120_000;
const POLL_MS = 50;
/**
 * A takeover takes milliseconds: a claim this old is no longer in use (its build was killed, or
 * finished taking over long ago), so it may be claimed again or removed.
 */
const CLAIM_MS = 10_000;

/** A claim's name after the lock's prefix: `claim-<key>-<n>`. */
const CLAIM_NAME = /^claim-[0-9a-f-]+-\d+$/;

/** In a lock folder: the claims its owner made or inherited (see `claim`), one name a line. */
const CLAIMS_FILE = 'claims';

/** When a lock's owner counts as gone (see `judgeOwner`); documented in the README. */
export const LOCK_LIMITS: OwnerLimits = { graceMs: 5_000, staleMs: 60_000, heartbeatMs: 10_000 };

/** What the work gets: a way to check, before it commits, that no other build took over. */
export interface LockHandle {
  /** True while the lock folder still holds this build's owner record. */
  stillHeld(): Promise<boolean>;
}

export interface LockOptions {
  /** Receives a one-line note when a lock whose owner is gone is taken over (default: stderr). */
  note?: (line: string) => void;
  /** How long to wait for a live lock before failing (default 120 s). */
  waitMs?: number;
  /** Tests only: override `LOCK_LIMITS`. */
  limits?: Partial<OwnerLimits>;
}

interface Lock {
  /** `.<out>.lock` beside the output folder. */
  path: string;
  parent: string;
  /** `.<out>.lock-`: this lock's private folders (being put in place, taken over, released). */
  prefix: string;
  /** The lock's path as shown in messages. */
  shown: string;
  /** This build's private folder, holding its owner record until it is renamed into place. */
  mine: string;
  owner: LockOwner;
  held: boolean;
  /** Claims this build made (see `claim`), removed when it releases the lock. */
  claims: string[];
  limits: OwnerLimits;
  note: (line: string) => void;
}

/** What was seen of a lock folder: enough to tell later whether it is still the same one. */
interface Seen {
  ino: number;
  dev: number;
  mtimeMs: number;
  record: OwnerRecord;
}

/**
 * Serialises builds that write the same output folder. The lock is a folder beside it,
 * `.<out>.lock`, holding an owner record (pid, host, random token, start time). It is taken
 * atomically with the record already inside: the record is written into a private folder,
 * which is then renamed into place (a rename onto an existing lock fails). A lock whose owner is
 * gone — a dead pid on this machine, no readable record after `graceMs`, another machine's lock
 * whose heartbeat (the folder's mtime, refreshed every `heartbeatMs`) is older than `staleMs` —
 * is taken over at once, with a note. `work` gets a handle to check, before it commits, that the
 * lock is still its own. Release removes the lock only while it still holds this build's token.
 */
export async function withOutputLock<T>(
  outDir: string,
  display: string,
  work: (lock: LockHandle) => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const lock = describeLock(outDir, options);
  await prepare(lock);
  const stopHeartbeat = startHeartbeat(lock);
  try {
    await acquire(lock, display, options.waitMs ?? WAIT_MS);
    await sweepLeftovers(lock);
    return await work({ stillHeld: () => holds(lock) });
  } finally {
    stopHeartbeat();
    await release(lock);
  }
}

function describeLock(outDir: string, options: LockOptions): Lock {
  const resolved = path.resolve(outDir);
  const parent = path.dirname(resolved);
  const lockPath = path.join(parent, `.${path.basename(resolved)}.lock`);
  const relative = path.relative(process.cwd(), lockPath);
  return {
    path: lockPath,
    parent,
    prefix: `.${path.basename(resolved)}.lock-`,
    shown: relative.length < lockPath.length ? relative : lockPath,
    mine: privateName(lockPath),
    owner: newOwner(),
    held: false,
    claims: [],
    limits: { ...LOCK_LIMITS, ...options.limits },
    note: options.note ?? ((line) => process.stderr.write(`feedwright: ${line}\n`)),
  };
}

/** `.<out>.lock-<pid>-<random>`: a name no other build uses. */
function privateName(lockPath: string): string {
  return `${lockPath}-${process.pid}-${randomBytes(6).toString('hex')}`;
}

/** Writes this build's owner record into its private folder. */
async function prepare(lock: Lock): Promise<void> {
  try {
    await mkdir(lock.mine);
    await writeFile(path.join(lock.mine, OWNER_FILE), `${JSON.stringify(lock.owner)}\n`);
  } catch (error) {
    await rm(lock.mine, { recursive: true, force: true });
    throw error;
  }
}

/** Puts this build's lock in place, taking over one whose owner is gone, or waits. */
async function acquire(lock: Lock, display: string, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (await install(lock)) return;
    const seen = await inspect(lock.path);
    if (!seen) continue; // released in the meantime: try again at once
    const verdict = judgeOwner(seen.record, Date.now() - seen.mtimeMs, lock.limits);
    if (!verdict.live && (await takeOver(lock, seen))) {
      lock.note(`took over the lock ${lock.shown}: ${verdict.why}`);
      continue;
    }
    if (Date.now() >= deadline) throw lockedError(lock, display, seen.record, waitMs);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Renames the private folder into place; false when another lock is there. */
async function install(lock: Lock): Promise<boolean> {
  // A rename onto an *empty* folder succeeds: never rename onto a lock made by hand with mkdir.
  if (await exists(lock.path)) return false;
  if (lock.claims.length > 0) {
    // Whoever takes this lock over, should this build be killed, inherits them (see `takeOver`).
    const names = lock.claims.map((dir) => path.basename(dir));
    await writeFile(path.join(lock.mine, CLAIMS_FILE), `${names.join('\n')}\n`);
  }
  try {
    await rename(lock.mine, lock.path);
    lock.held = true;
    const now = new Date();
    await utimes(lock.path, now, now).catch(() => {}); // the first heartbeat
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') return false;
    if (code === 'EPERM' && (await exists(lock.path))) return false; // Windows
    if (code === 'ENOENT' && !(await exists(lock.mine))) {
      // Another build removed our private folder, judging its owner gone: make it again.
      await prepare(lock);
      return false;
    }
    throw error;
  }
}

/**
 * Moves a lock judged stale out of the way. Of all the builds that judged this very lock stale,
 * only the one that claims it (see `claim`) goes on; it renames the lock to a private name and
 * checks that it is the folder that was judged. Should it not be (the owner, wrongly judged gone,
 * released it and another build put its own in place), that lock is put back untouched.
 */
async function takeOver(lock: Lock, judged: Seen): Promise<boolean> {
  if (!(await claim(lock, judged))) return false;
  const grabbed = privateName(lock.path);
  try {
    await rename(lock.path, grabbed);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const now = await inspect(grabbed);
  if (now && sameLock(now, judged)) {
    lock.claims.push(...(await claimsOf(lock, grabbed)));
    await rm(grabbed, { recursive: true, force: true }).catch(() => {});
    return true;
  }
  await rename(grabbed, lock.path).catch(() => {});
  return false;
}

/**
 * Makes `.<out>.lock-claim-<key>-<n>`, where the key names one lock folder (its owner's token, or
 * its inode and mtime when it has no record): mkdir succeeds for one build only, so one build
 * takes over a given stale lock. The claim is kept until the build releases the lock (or, when
 * the build is killed holding it, until the build that takes it over releases it: see
 * `claimsOf`), so a build that judged the same lock a moment late cannot claim it again. A build killed while
 * taking over leaves a claim that never finishes: after `CLAIM_MS` the next number is
 * claimed instead.
 */
async function claim(lock: Lock, judged: Seen): Promise<boolean> {
  const key = judged.record.kind === 'owner' ? judged.record.owner.token : identityOf(judged);
  const abandoned: string[] = [];
  for (let n = 1; ; n++) {
    const dir = `${lock.path}-claim-${key}-${n}`;
    try {
      await mkdir(dir);
      lock.claims.push(...abandoned, dir);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const made = await lstat(dir).catch(() => undefined);
      if (made && Date.now() - made.mtimeMs < CLAIM_MS) return false;
      abandoned.push(dir);
    }
  }
}

/**
 * The claims a taken-over lock's owner had made or inherited: this build now removes them when
 * it releases the lock, as that owner would have (they are younger than `CLAIM_MS` when the
 * owner was killed soon after taking over, so the sweep would leave them).
 */
async function claimsOf(lock: Lock, dir: string): Promise<string[]> {
  const text = await readFile(path.join(dir, CLAIMS_FILE), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(
      (name) => name.startsWith(lock.prefix) && CLAIM_NAME.test(name.slice(lock.prefix.length)),
    )
    .map((name) => path.join(lock.parent, name));
}

function identityOf(seen: Seen): string {
  return `${seen.dev}-${seen.ino}-${Math.round(seen.mtimeMs)}`;
}

function sameLock(a: Seen, b: Seen): boolean {
  return a.ino === b.ino && a.dev === b.dev && a.mtimeMs === b.mtimeMs && tokenOf(a) === tokenOf(b);
}

function tokenOf(seen: Seen): string {
  const { record } = seen;
  if (record.kind === 'owner') return record.owner.token;
  return record.kind === 'legacy' ? `pid ${record.pid}` : '';
}

/** The lock folder's identity and owner record; undefined when there is none. */
async function inspect(dir: string): Promise<Seen | undefined> {
  try {
    const stat = await lstat(dir);
    return { ino: stat.ino, dev: stat.dev, mtimeMs: stat.mtimeMs, record: await readOwner(dir) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  return (await lstat(file).catch(() => undefined)) !== undefined;
}

/** True while the lock folder holds this build's token. */
async function holds(lock: Lock): Promise<boolean> {
  if (!lock.held) return false;
  let seen = await inspect(lock.path);
  if (!seen) {
    // Another build may be checking it (see `takeOver`), which takes a few milliseconds.
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    seen = await inspect(lock.path);
  }
  return seen?.record.kind === 'owner' && seen.record.owner.token === lock.owner.token;
}

/**
 * Refreshes the mtime of this build's folder — the private one while waiting, the lock once
 * held — so builds on other machines see it is alive. Unref'd: it never keeps Node running.
 */
function startHeartbeat(lock: Lock): () => void {
  const beat = async () => {
    if (lock.held && !(await holds(lock))) return;
    const now = new Date();
    await utimes(lock.held ? lock.path : lock.mine, now, now);
  };
  const timer = setInterval(() => {
    beat().catch(() => {}); // best effort: a lost lock shows in `stillHeld`
  }, lock.limits.heartbeatMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Removes the lock if it still holds this build's token (moved to a private name first and
 * checked, so another build's lock is never removed), and this build's private folder. Never
 * throws: the work's outcome stands, and a lock left behind is taken over by the next build.
 */
async function release(lock: Lock): Promise<void> {
  try {
    await rm(lock.mine, { recursive: true, force: true });
    if (await holds(lock)) await removeLock(lock);
    for (const dir of lock.claims) await rm(dir, { recursive: true, force: true });
  } catch (error) {
    lock.note(
      `could not remove the lock ${lock.shown} (${(error as Error).message}); ` +
        'the next build takes it over',
    );
  }
}

async function removeLock(lock: Lock): Promise<void> {
  const trash = privateName(lock.path);
  await rename(lock.path, trash);
  const moved = await readOwner(trash);
  if (moved.kind !== 'owner' || moved.owner.token !== lock.owner.token) {
    await rename(trash, lock.path).catch(() => {}); // not ours: put it back
    return;
  }
  await rm(trash, { recursive: true, force: true });
}

/**
 * Removes what builds killed while taking, taking over or releasing the lock left beside it:
 * private folders whose owner is gone, and claims older than `CLAIM_MS`.
 */
async function sweepLeftovers(lock: Lock): Promise<void> {
  const names = await readdir(lock.parent).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(lock.prefix)) continue;
    const rest = name.slice(lock.prefix.length);
    const isPrivate = /^\d+-[0-9a-f]{12}$/.test(rest);
    if (!isPrivate && !CLAIM_NAME.test(rest)) continue;
    const dir = path.join(lock.parent, name);
    try {
      const seen = await inspect(dir);
      if (!seen) continue;
      const age = Date.now() - seen.mtimeMs;
      const gone = isPrivate ? !judgeOwner(seen.record, age, lock.limits).live : age > CLAIM_MS;
      if (gone) await rm(dir, { recursive: true, force: true });
    } catch {
      // Left for a later build: leftovers never fail this one.
    }
  }
}

function lockedError(
  lock: Lock,
  display: string,
  record: OwnerRecord,
  waitMs: number,
): FeedwrightError {
  const ask =
    record.kind === 'owner' || record.kind === 'legacy'
      ? ` (check with \`ps -p ${record.kind === 'owner' ? record.owner.pid : record.pid}\`` +
        `${record.kind === 'owner' ? ` on ${record.owner.hostname}` : ''})`
      : '';
  return new FeedwrightError([
    {
      severity: 'error',
      code: 'output-locked',
      file: display,
      message:
        `another build is writing this folder: the lock ${lock.shown} is held by ` +
        `${describeOwner(record)}, and it did not finish within ${waitMs / 1000} s`,
      fix:
        `wait for that build to finish and run again; if it is no longer running${ask}, ` +
        `delete the lock (rm -r ${lock.shown}) and run again`,
    },
  ]);
}
