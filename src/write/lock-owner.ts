import { randomBytes } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

/** Who holds an output lock: written inside the lock folder before the folder is put in place. */
export interface LockOwner {
  pid: number;
  hostname: string;
  /** Random: tells this build's lock from every other one, even one with the same pid. */
  token: string;
  /** When the build took the lock (ISO 8601, UTC). */
  started: string;
  /** Linux: the pid namespace, so containers that share a host name are told apart. */
  pidNamespace?: string;
  /** Linux: when the process started (clock ticks after boot), so a reused pid is noticed. */
  processStart?: string;
}

/** The owner record's file inside the lock folder. */
export const OWNER_FILE = 'owner';
/** What feedwright 0.1 wrote into its lock folder: the bare pid. */
const LEGACY_PID_FILE = 'pid';

/** What a lock folder says about its owner. */
export type OwnerRecord =
  | { kind: 'owner'; owner: LockOwner }
  /** An older feedwright's lock: a pid, with no host. */
  | { kind: 'legacy'; pid: number }
  /** No owner record, or an empty or unreadable one: a build killed while taking the lock, or a
   * folder made by hand. */
  | { kind: 'none' };

/** How long a lock may go without proof of life before it is taken over. */
export interface OwnerLimits {
  /** A lock with no owner record, counted from its folder's modification time. */
  graceMs: number;
  /** A lock held by a build on another machine, counted from its last heartbeat. */
  staleMs: number;
  /** How often a holder refreshes its heartbeat (named in messages). */
  heartbeatMs: number;
}

/** Whether an owner is still there; when not, why, in words for the takeover note. */
export type Verdict = { live: true } | { live: false; why: string };

/** The record for a lock this process is about to take, with a fresh token. */
export function newOwner(now = new Date()): LockOwner {
  const owner: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    token: randomBytes(16).toString('hex'),
    started: now.toISOString(),
  };
  const namespace = ownPidNamespace();
  if (namespace) owner.pidNamespace = namespace;
  const start = processStartOf(process.pid);
  if (start) owner.processStart = start;
  return owner;
}

/**
 * Reads the owner record of the lock folder `dir`. A missing, empty or malformed record is
 * `none`; a folder that cannot be read for another reason (permissions) throws, because taking
 * over a lock we cannot read could break a live build.
 */
export async function readOwner(dir: string): Promise<OwnerRecord> {
  const text = await readIfThere(path.join(dir, OWNER_FILE));
  if (text !== undefined) return parseOwner(text);
  const legacy = await readIfThere(path.join(dir, LEGACY_PID_FILE));
  if (legacy === undefined || !/^\s*[1-9]\d*\s*$/.test(legacy)) return { kind: 'none' };
  return { kind: 'legacy', pid: Number(legacy) };
}

async function readIfThere(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw error;
  }
}

function parseOwner(text: string): OwnerRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'none' };
  }
  const o = value as Partial<Record<keyof LockOwner, unknown>> | null;
  if (
    typeof o !== 'object' ||
    o === null ||
    !Number.isSafeInteger(o.pid) ||
    (o.pid as number) <= 0 ||
    typeof o.hostname !== 'string' ||
    typeof o.token !== 'string' ||
    o.token === '' ||
    typeof o.started !== 'string'
  ) {
    return { kind: 'none' };
  }
  const owner: LockOwner = {
    pid: o.pid as number,
    hostname: o.hostname,
    token: o.token,
    started: o.started,
  };
  if (typeof o.pidNamespace === 'string') owner.pidNamespace = o.pidNamespace;
  if (typeof o.processStart === 'string') owner.processStart = o.processStart;
  return { kind: 'owner', owner };
}

/**
 * Judges whether the owner of a lock is still there. `heartbeatAgeMs` is how long ago the lock
 * folder was last modified (its owner refreshes it while it holds the lock).
 */
export function judgeOwner(
  record: OwnerRecord,
  heartbeatAgeMs: number,
  limits: OwnerLimits,
): Verdict {
  const age = Math.max(0, heartbeatAgeMs);
  if (record.kind === 'none') {
    return age > limits.graceMs
      ? {
          live: false,
          why:
            'it has no owner record (a build killed while taking it, or a folder made by hand) ' +
            `and is ${seconds(age)} s old`,
        }
      : { live: true };
  }
  if (record.kind === 'legacy') {
    return processRuns(record.pid)
      ? { live: true }
      : { live: false, why: `build ${record.pid} is no longer running` };
  }
  const { owner } = record;
  if (!onThisMachine(owner)) {
    return age > limits.staleMs
      ? {
          live: false,
          why:
            `build ${owner.pid} on ${owner.hostname} has not refreshed it for ${seconds(age)} s ` +
            `(a running build does every ${seconds(limits.heartbeatMs)} s)`,
        }
      : { live: true };
  }
  if (!processRuns(owner.pid)) {
    return { live: false, why: `build ${owner.pid} is no longer running` };
  }
  const start = owner.processStart && processStartOf(owner.pid);
  if (start && start !== owner.processStart) {
    return {
      live: false,
      why: `build ${owner.pid} is no longer running (another program now has its pid)`,
    };
  }
  return { live: true };
}

/** The owner in words, for the message of a build that gave up waiting. */
export function describeOwner(record: OwnerRecord): string {
  if (record.kind === 'none') return 'a build that left no owner record';
  if (record.kind === 'legacy') return `build ${record.pid} (an older feedwright)`;
  const { owner } = record;
  const where = onThisMachine(owner) ? 'this machine' : owner.hostname;
  return `build ${owner.pid} on ${where}, since ${owner.started}`;
}

/** Same host name and, where both sides know it, the same pid namespace. */
export function onThisMachine(owner: LockOwner): boolean {
  if (owner.hostname !== hostname()) return false;
  const ours = ownPidNamespace();
  return !owner.pidNamespace || !ours || owner.pidNamespace === ours;
}

/** True unless the system says no process has this pid (one we may not signal still runs). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Linux: field 22 of /proc/<pid>/stat (start time in clock ticks after boot); else undefined. */
export function processStartOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

let namespace: string | null | undefined;

function ownPidNamespace(): string | undefined {
  if (namespace === undefined) {
    try {
      namespace = readlinkSync('/proc/self/ns/pid');
    } catch {
      namespace = null;
    }
  }
  return namespace ?? undefined;
}

function seconds(ms: number): string {
  return ms >= 10_000 ? String(Math.round(ms / 1000)) : String(Math.round(ms / 100) / 10);
}
