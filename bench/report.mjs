/**
 * Turns samples into result rows, the printed table, and bench/results/latest.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** @typedef {import('./cases.mjs').Sample} Sample */
/** @typedef {import('./cases.mjs').CaseName} CaseName */

/**
 * Targets from the issue "Fast at newsroom-archive scale", as a multiple of the floor's median
 * wall time. Null where the issue sets none (at 1k, Node's start-up dominates every case).
 * @type {Record<string, (n: number) => number|null>}
 */
const RATIO_TARGETS = {
  cold: (n) => (n >= 100_000 ? 0.5 : n >= 10_000 ? 0.75 : null),
  warm: (n) => (n >= 10_000 ? 0.1 : null),
  'touch-one': (n) => (n >= 10_000 ? 0.1 : null),
  'add-one': (n) => (n >= 10_000 ? 0.1 : null),
};
/** Peak RSS target for feedwright's own cases, MiB. */
const RSS_TARGET_MIB = (/** @type {number} */ n) => (n >= 100_000 ? 500 : null);

/**
 * @typedef {object} Row
 * @property {number} n
 * @property {CaseName} case
 * @property {number} runs
 * @property {number} medianS
 * @property {number} minS
 * @property {number} maxS
 * @property {number} postsPerS      n / medianS
 * @property {number|null} cpuS      median CPU seconds (user + system, all threads)
 * @property {number|null} peakRssMiB  highest peak RSS over the runs
 * @property {number|null} vsFloor   medianS / floor medianS at the same n
 * @property {number|null} target    vsFloor target, if any
 * @property {number|null} rssTarget peak RSS target in MiB, if any
 * @property {boolean|null} meetsTargets
 * @property {Sample[]} samples
 */

/**
 * @param {number} n
 * @param {CaseName} name
 * @param {Sample[]} samples
 * @param {number|null} floorMedianS
 * @returns {Row}
 */
export function summarise(n, name, samples, floorMedianS) {
  const walls = samples.map((s) => s.wallS);
  const medianS = median(walls);
  const cpus = samples.map((s) => s.cpuS).filter((v) => v !== null);
  const rss = samples.map((s) => s.peakRssMiB).filter((v) => v !== null);
  const base = name === 'floor' ? medianS : floorMedianS;
  const vsFloor = base ? medianS / base : null;
  const target = name === 'floor' ? null : (RATIO_TARGETS[name]?.(n) ?? null);
  const rssTarget = name === 'floor' ? null : RSS_TARGET_MIB(n);
  const peakRssMiB = rss.length ? Math.max(...rss) : null;
  const checks = [];
  if (target !== null && vsFloor !== null) checks.push(vsFloor <= target);
  if (rssTarget !== null && peakRssMiB !== null) checks.push(peakRssMiB <= rssTarget);
  return {
    n,
    case: name,
    runs: samples.length,
    medianS,
    minS: Math.min(...walls),
    maxS: Math.max(...walls),
    postsPerS: n / medianS,
    cpuS: cpus.length ? median(cpus) : null,
    peakRssMiB,
    vsFloor,
    target,
    rssTarget,
    meetsTargets: checks.length ? checks.every(Boolean) : null,
    samples,
  };
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const at = (/** @type {number} */ i) => sorted[i] ?? Number.NaN;
  return sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/**
 * The printed table: one line per (N, case), then the four ratios per N.
 * @param {string} header
 * @param {Row[]} rows
 */
export function formatTable(header, rows) {
  const columns = [
    'N',
    'case',
    'runs',
    'median s',
    'spread s (min–max)',
    'posts/s',
    'cpu s',
    'peak RSS MB',
    '×floor',
    'target',
    'ok',
  ];
  const body = rows.map((r) => [
    String(r.n),
    r.case,
    String(r.runs),
    r.medianS.toFixed(3),
    `${r.minS.toFixed(3)}–${r.maxS.toFixed(3)}`,
    Math.round(r.postsPerS).toLocaleString('en-US'),
    r.cpuS === null ? '–' : r.cpuS.toFixed(2),
    r.peakRssMiB === null ? '–' : r.peakRssMiB.toFixed(0),
    r.vsFloor === null ? '–' : r.vsFloor.toFixed(2),
    [r.target === null ? '' : `≤${r.target}×`, r.rssTarget === null ? '' : `≤${r.rssTarget} MB`]
      .filter(Boolean)
      .join(', ') || '–',
    r.meetsTargets === null ? '–' : r.meetsTargets ? 'yes' : 'NO',
  ]);
  const widths = columns.map((c, i) =>
    Math.max(c.length, ...body.map((cells) => cells[i]?.length ?? 0)),
  );
  const left = new Set([1, 4, 9]);
  const line = (/** @type {string[]} */ cells) =>
    cells
      .map((cell, i) => (left.has(i) ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const out = [header, '', line(columns), line(widths.map((w) => '-'.repeat(w)))];
  let lastN = rows[0]?.n;
  for (const [i, cells] of body.entries()) {
    if (rows[i]?.n !== lastN) out.push('');
    lastN = rows[i]?.n;
    out.push(line(cells));
  }
  out.push('', 'ratios (median wall time / floor median wall time):');
  for (const n of [...new Set(rows.map((r) => r.n))]) {
    const ratio = (/** @type {string} */ name) => {
      const row = rows.find((r) => r.n === n && r.case === name);
      return row?.vsFloor == null ? '–' : row.vsFloor.toFixed(2);
    };
    out.push(
      `  N=${n}: cold/floor ${ratio('cold')}, warm/floor ${ratio('warm')}, ` +
        `touch-one/floor ${ratio('touch-one')}, add-one/floor ${ratio('add-one')}`,
    );
  }
  return out.join('\n');
}

/**
 * The paired comparison with another commit: per (N, case), both medians, their ratio, and the
 * median of the per-run ratios (each run timed both, back to back).
 * @param {Row[]} rows
 * @param {string} against
 */
export function formatPaired(rows, against) {
  const out = [`paired with ${against} (this / ${against}; below 1 is faster):`];
  for (const row of rows) {
    const other = rows.find((r) => r.n === row.n && r.case === `${row.case} @${against}`);
    if (!other) continue;
    const perRun = row.samples.map((s, i) => s.wallS / (other.samples[i]?.wallS ?? Number.NaN));
    out.push(
      `  N=${row.n} ${row.case.padEnd(9)}  this ${row.medianS.toFixed(3)} s, ` +
        `${against} ${other.medianS.toFixed(3)} s: ratio ${(row.medianS / other.medianS).toFixed(3)}, ` +
        `paired ${median(perRun).toFixed(3)} (runs ${perRun.map((r) => r.toFixed(2)).join(' ')})`,
    );
  }
  return out.join('\n');
}

/**
 * Writes `data` as JSON laid out the way the repository's formatter (Biome) lays it out —
 * objects expanded, short arrays of scalars on one line — so `npm run lint` stays clean.
 * @param {string} file
 * @param {unknown} data
 */
export async function writeJson(file, data) {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${formatJson(data, '', 0)}\n`);
}

/**
 * @param {unknown} value
 * @param {string} indent
 * @param {number} used  columns already taken on this line (indent, key)
 * @returns {string}
 */
function formatJson(value, indent, used) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) {
      const flat = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
      if (used + flat.length + 1 <= 100) return flat;
    }
    const items = value.map((v) => `${inner}${formatJson(v, inner, inner.length)}`);
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const items = entries.map(([k, v]) => {
    const key = `${inner}${JSON.stringify(k)}: `;
    return `${key}${formatJson(v, inner, key.length)}`;
  });
  return `{\n${items.join(',\n')}\n${indent}}`;
}
