/**
 * Times one Node process from spawn to exit and reports its peak RSS and CPU time.
 *
 * Peak RSS comes from rss-probe.mjs, preloaded with `--import`: at exit the process reports its
 * own getrusage maxRSS, which covers every thread of the process (worker threads included) and
 * cannot miss a short spike. As a fallback (the process was killed, or crashed before its
 * 'exit' handlers ran) /proc/<pid>/status VmHWM is polled while it runs; that is marked in
 * `rssSource`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
  if (pid === undefined) return null;
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
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
 * Runs another program (Hugo) under GNU time and measures it the same way: wall time from spawn
 * to exit here, CPU (user + system) and peak RSS from `/usr/bin/time` (getrusage of the child).
 * @param {{command: string, args?: string[], cwd: string, env?: NodeJS.ProcessEnv}} options
 * @returns {Promise<Measurement>}
 */
export async function measureCommand({ command, args = [], cwd, env = process.env }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'feedwright-bench-time-'));
  const report = path.join(dir, 'time.txt');
  try {
    const load1 = Number(os.loadavg()[0]?.toFixed(2));
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%U %S %M', '-o', report, command, ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = captureOutput(child);
    /** @type {{code: number|null, signal: NodeJS.Signals|null}} */
    const exit = await new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal }));
    });
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
      load1,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
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
