/**
 * Times one Node process from spawn to exit and reports its peak RSS and CPU time.
 *
 * Peak RSS comes from rss-probe.mjs, preloaded with `--import`: at exit the process reports its
 * own getrusage maxRSS, which covers every thread of the process (worker threads included) and
 * cannot miss a short spike. As a fallback (the process was killed, or crashed before its
 * 'exit' handlers ran) /proc/<pid>/status VmHWM is polled while it runs; that is marked in
 * `rssSource`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Waits until the file systems have written back what earlier processes wrote, before a timed run
 * starts: a cold build writes hundreds of megabytes (776 MB at 10,000 posts), which the kernel
 * writes back over the next seconds — while the next run (of either tool) is timed, in a bench
 * that runs builds back to back. Measured on this machine's ext4 at 10,000 posts: a cold build's
 * system time 5.0 s there against 1.3–1.5 s on a settled file system, its wall time 10.3–12.8 s
 * against 9.0–9.4 s, and Hugo's runs 20.9–37.9 s. A build on a CI runner does not start behind
 * another's write-back; each run here is timed as it would be alone, its own writes included up to
 * its exit (as any timing of a process does).
 */
export function settleWrites() {
  spawnSync('sync', { stdio: 'ignore' });
}

const PROBE = pathToFileURL(fileURLToPath(new URL('./rss-probe.mjs', import.meta.url))).href;
const POLL_MS = 100;

/**
 * @typedef {object} Measurement
 * @property {number} wallS           spawn → exit, seconds
 * @property {number|null} code
 * @property {NodeJS.Signals|null} signal
 * @property {string} stdout
 * @property {string} stderr
 * @property {number|null} peakRssMiB
 * @property {'rusage'|'proc-poll'|'none'} rssSource
 * @property {number|null} cpuS       user + system CPU seconds of the process (all threads)
 * @property {number|null} sysS       of which system (kernel) CPU seconds: making files, faulting
 *                                    in memory (see trash.mjs for when making files is slow)
 * @property {number} load1           1-minute load average at spawn (is anything else running?)
 */

/**
 * Runs `node [nodeArgs…] --import rss-probe.mjs script [args…]` and measures it.
 * @param {{script: string, args?: string[], nodeArgs?: string[], cwd: string, env?: NodeJS.ProcessEnv}} options
 * @returns {Promise<Measurement>}
 */
export async function measureNode({ script, args = [], nodeArgs = [], cwd, env = process.env }) {
  const probeDir = mkdtempSync(path.join(os.tmpdir(), 'feedwright-bench-probe-'));
  try {
    settleWrites();
    const load1 = Number(os.loadavg()[0]?.toFixed(2));
    const started = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, '--import', PROBE, script, ...args], {
      cwd,
      env: { ...env, FEEDWRIGHT_BENCH_PROBE_DIR: probeDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = captureOutput(child);

    let polledKiB = 0;
    const poll = () => {
      const kib = readVmHwmKiB(child.pid);
      if (kib !== null && kib > polledKiB) polledKiB = kib;
    };
    const timer = process.platform === 'linux' ? setInterval(poll, POLL_MS) : undefined;

    /** @type {{code: number|null, signal: NodeJS.Signals|null, endedAt: number}} */
    const exit = await new Promise((resolve, reject) => {
      /** @type {{code: number|null, signal: NodeJS.Signals|null, endedAt: number}|undefined} */
      let ended;
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        ended = { code, signal, endedAt: performance.now() };
      });
      // 'close' comes after 'exit' once stdout/stderr are drained.
      child.on('close', (code, signal) =>
        resolve(ended ?? { code, signal, endedAt: performance.now() }),
      );
    });
    if (timer) clearInterval(timer);

    const probe = readProbe(probeDir, child.pid);
    const rssSource = probe ? 'rusage' : polledKiB > 0 ? 'proc-poll' : 'none';
    const peakKiB = probe ? probe.maxRssKiB : polledKiB || null;
    return {
      wallS: (exit.endedAt - started) / 1000,
      code: exit.code,
      signal: exit.signal,
      ...output,
      peakRssMiB: peakKiB === null ? null : peakKiB / 1024,
      rssSource,
      cpuS: probe ? (probe.userCpuUs + probe.systemCpuUs) / 1e6 : null,
      sysS: probe ? probe.systemCpuUs / 1e6 : null,
      load1,
    };
  } finally {
    rmSync(probeDir, { recursive: true, force: true });
  }
}

/**
 * @param {number|undefined} pid
 * @returns {number|null} VmHWM in KiB
 */
function readVmHwmKiB(pid) {
  return pid === undefined ? null : readStatusKiB(pid, 'VmHWM');
}

/**
 * A size field of /proc/<pid>/status (VmHWM: peak RSS, VmRSS: RSS now), in KiB, or null.
 * @param {number} pid
 * @param {string} field
 */
function readStatusKiB(pid, field) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * @param {string} dir
 * @param {number|undefined} pid
 * @returns {{maxRssKiB: number, userCpuUs: number, systemCpuUs: number}|null}
 */
function readProbe(dir, pid) {
  try {
    return JSON.parse(readFileSync(path.join(dir, `${pid}.json`), 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Limits on a measured command, past which it is stopped (SIGKILL) and its measurement says so in
 * `stopped`: a peak of resident memory (a command that outgrows the machine's memory makes every
 * process on it swap or be killed, and never finishes in a useful time) and a wall time.
 * @typedef {object} Limits
 * @property {number} [maxRssMiB]
 * @property {number} [timeoutS]
 */

/**
 * Runs another program (Hugo) under GNU time and measures it the same way: wall time from spawn
 * to exit here, CPU (user + system) and peak RSS from `/usr/bin/time` (getrusage of the child).
 * With `limits`, the program is stopped once it goes past one (see `Limits`): `stopped` then says
 * why, and the wall time is how long it ran.
 * @param {{command: string, args?: string[], cwd: string, env?: NodeJS.ProcessEnv, limits?: Limits}} options
 * @returns {Promise<Measurement & {stopped?: string}>}
 */
export async function measureCommand({ command, args = [], cwd, env = process.env, limits = {} }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'feedwright-bench-time-'));
  const report = path.join(dir, 'time.txt');
  try {
    settleWrites();
    const load1 = Number(os.loadavg()[0]?.toFixed(2));
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%U %S %M', '-o', report, command, ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = captureOutput(child);
    const guard = guardLimits(child.pid, started, limits);
    /** @type {{code: number|null, signal: NodeJS.Signals|null}} */
    const exit = await new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal }));
    });
    const stopped = guard.end();
    const wallS = (performance.now() - started) / 1000;
    const last = readFileSync(report, 'utf8').trim().split('\n').at(-1) ?? '';
    const [user, system, maxKiB] = last.split(' ').map(Number);
    const known = [user, system, maxKiB].every((v) => Number.isFinite(v));
    return {
      wallS,
      code: exit.code,
      signal: exit.signal,
      ...output,
      peakRssMiB: known ? /** @type {number} */ (maxKiB) / 1024 : null,
      rssSource: known ? 'rusage' : 'none',
      cpuS: known ? /** @type {number} */ (user) + /** @type {number} */ (system) : null,
      sysS: known ? /** @type {number} */ (system) : null,
      load1,
      ...(stopped ? { stopped } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Watches the command `/usr/bin/time` (process `timePid`) runs, and kills it once it goes past
 * `limits`. `end()` stops watching and says why it was killed, if it was.
 * @param {number|undefined} timePid
 * @param {number} started  performance.now() at spawn
 * @param {Limits} limits
 * @returns {{end: () => string|undefined}}
 */
function guardLimits(timePid, started, { maxRssMiB, timeoutS }) {
  /** @type {string|undefined} */
  let stopped;
  if (timePid === undefined || (maxRssMiB === undefined && timeoutS === undefined))
    return { end: () => undefined };
  const check = () => {
    if (stopped) return;
    const pid = childOf(timePid);
    if (pid === null) return;
    const ranS = (performance.now() - started) / 1000;
    const rssMiB = (readStatusKiB(pid, 'VmRSS') ?? 0) / 1024;
    if (maxRssMiB !== undefined && rssMiB > maxRssMiB)
      stopped = `stopped after ${ranS.toFixed(0)} s: resident memory ${gib(rssMiB)} GiB, past the bench's limit of ${gib(maxRssMiB)} GiB`;
    else if (timeoutS !== undefined && ranS > timeoutS)
      stopped = `stopped after ${ranS.toFixed(0)} s, past the bench's limit of ${timeoutS} s`;
    if (!stopped) return;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // It ended between the look and the kill: as it ended, not stopped.
      stopped = undefined;
    }
  };
  const timer = setInterval(check, GUARD_MS);
  return {
    end: () => {
      clearInterval(timer);
      return stopped;
    },
  };
}

const GUARD_MS = 250;
const gib = (/** @type {number} */ mib) => (mib / 1024).toFixed(1);

/**
 * The first child of process `pid` (the command `/usr/bin/time` runs), or null.
 * @param {number} pid
 */
function childOf(pid) {
  try {
    const first = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ')[0];
    return first ? Number(first) : null;
  } catch {
    return null;
  }
}

/**
 * A child's stdout and stderr as text, complete once it has closed.
 * @param {import('node:child_process').ChildProcessWithoutNullStreams | import('node:child_process').ChildProcessByStdio<null, import('node:stream').Readable, import('node:stream').Readable>} child
 */
function captureOutput(child) {
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    output.stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    output.stderr += chunk;
  });
  return output;
}
