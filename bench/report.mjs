/**
 * Turns samples into result rows, the printed table, and bench/results/latest.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** @typedef {import('./cases.mjs').Sample} Sample */
/** @typedef {import('./cases.mjs').CaseName} CaseName */

/**
 * Targets from the issue "Faster than Hugo on every build a publisher actually runs" (a page for
 * every post): `hugo` is a multiple of Hugo's median wall time for the same case in the same run
 * (Hugo's warm, touch-one and add-one are full builds), `floor` a multiple of the floor's,
 * `seconds` an absolute wall time. Null where the issue sets none.
 * @type {Record<string, (n: number) => {hugo?: number, floor?: number, seconds?: number}|null>}
 */
const TARGETS = {
  cold: (n) => ({ hugo: n >= 100_000 ? 0.25 : 0.5 }),
  // With its cache lost, a build is a cold one (over an output): the cold build's target.
  rebuild: (n) => ({ hugo: n >= 100_000 ? 0.25 : 0.5 }),
  warm: (n) => (n >= 100_000 ? { floor: 0.1 } : n <= 1_000 ? { seconds: 0.25 } : null),
  'touch-one': (n) => (n >= 10_000 ? { hugo: 0.1 } : null),
  'add-one': (n) => (n >= 10_000 ? { hugo: 0.1 } : null),
  // The issue asks that a CI publish after one new post be a one-post build: add-one's target.
  'checkout-one': (n) => (n >= 10_000 ? { hugo: 0.1 } : null),
};
/** Peak RSS target for feedwright's own cases, MiB. */
const RSS_TARGET_MIB = (/** @type {number} */ n) => (n >= 100_000 ? 1024 : null);

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
 * @property {number|null} sysS      median system CPU seconds
 * @property {number|null} peakRssMiB  highest peak RSS over the runs
 * @property {number|null} vsFloor   medianS / floor medianS at the same n
 * @property {number|null} vsHugo    medianS / the same case's Hugo medianS (see `withTargets`)
 * @property {boolean} [vsHugoBound] true when Hugo's builds did not finish: vsHugo is then an
 *                                   upper bound (the ratio is at most that)
 * @property {string|null} unfinished why a run did not finish (see `Sample.unfinished`): medianS
 *                                   is then a lower bound
 * @property {string|null} target    the issue's target for this row, e.g. "≤0.5× hugo"
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
  const syss = samples.map((s) => s.sysS ?? null).filter((v) => v !== null);
  const rss = samples.map((s) => s.peakRssMiB).filter((v) => v !== null);
  const base = name === 'floor' ? medianS : floorMedianS;
  const vsFloor = base ? medianS / base : null;
  const rssTarget = name === 'floor' ? null : RSS_TARGET_MIB(n);
  const peakRssMiB = rss.length ? Math.max(...rss) : null;
  return {
    n,
    case: name,
    runs: samples.length,
    medianS,
    minS: Math.min(...walls),
    maxS: Math.max(...walls),
    postsPerS: n / medianS,
    cpuS: cpus.length ? median(cpus) : null,
    sysS: syss.length ? median(syss) : null,
    peakRssMiB,
    vsFloor,
    vsHugo: null,
    unfinished: samples.find((s) => s.unfinished)?.unfinished ?? null,
    target: null,
    rssTarget,
    meetsTargets: rssTarget !== null && peakRssMiB !== null ? peakRssMiB <= rssTarget : null,
    samples,
  };
}

/**
 * Feedwright's rows with their ratio to Hugo's row for the same case and N (when Hugo ran) and
 * the issue's targets checked; other rows as they are.
 * @param {Row[]} rows
 * @returns {Row[]}
 */
export function withTargets(rows) {
  return rows.map((row) => {
    if (row.case.includes(' @')) return row;
    const hugo = rows.find((r) => r.n === row.n && r.case === `${row.case} @hugo`);
    const vsHugo = hugo ? row.medianS / hugo.medianS : null;
    // Hugo stopped before it finished: the ratio is at most vsHugo, so a target it meets is met,
    // and one it misses is not known to be missed.
    const bound = !!hugo?.unfinished;
    const goal = row.case === 'floor' ? null : (TARGETS[row.case]?.(row.n) ?? null);
    /** @type {(boolean|null)[]} */
    const checks = [];
    if (row.rssTarget !== null && row.peakRssMiB !== null)
      checks.push(row.peakRssMiB <= row.rssTarget);
    /** @type {string|null} */
    let target = null;
    if (goal?.hugo !== undefined) {
      target = `≤${goal.hugo}× hugo`;
      if (vsHugo !== null) checks.push(vsHugo <= goal.hugo ? true : bound ? null : false);
    } else if (goal?.floor !== undefined) {
      target = `≤${goal.floor}× floor`;
      if (row.vsFloor !== null) checks.push(row.vsFloor <= goal.floor);
    } else if (goal?.seconds !== undefined) {
      target = `≤${goal.seconds} s`;
      checks.push(row.medianS <= goal.seconds);
    }
    const meetsTargets = checks.includes(false)
      ? false
      : checks.length === 0 || checks.includes(null)
        ? null
        : true;
    return { ...row, vsHugo, ...(bound ? { vsHugoBound: true } : {}), target, meetsTargets };
  });
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
    'sys s',
    'peak RSS MB',
    '×floor',
    '×hugo',
    'target',
    'ok',
  ];
  const body = rows.map((r) => [
    String(r.n),
    r.case,
    String(r.runs),
    `${r.unfinished ? '>' : ''}${r.medianS.toFixed(3)}`,
    `${r.minS.toFixed(3)}–${r.maxS.toFixed(3)}`,
    Math.round(r.postsPerS).toLocaleString('en-US'),
    r.cpuS === null ? '–' : r.cpuS.toFixed(2),
    r.sysS === null ? '–' : r.sysS.toFixed(2),
    r.peakRssMiB === null ? '–' : r.peakRssMiB.toFixed(0),
    r.vsFloor === null ? '–' : r.vsFloor.toFixed(2),
    hugoRatio(r),
    [r.target ?? '', r.rssTarget === null ? '' : `≤${r.rssTarget} MB`].filter(Boolean).join(', ') ||
      '–',
    r.meetsTargets === null ? '–' : r.meetsTargets ? 'yes' : 'NO',
  ]);
  const widths = columns.map((c, i) =>
    Math.max(c.length, ...body.map((cells) => cells[i]?.length ?? 0)),
  );
  const left = new Set([1, 4, 11]);
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
      `  N=${n}: cold/floor ${ratio('cold')}, rebuild/floor ${ratio('rebuild')}, ` +
        `warm/floor ${ratio('warm')}, ` +
        `touch-one/floor ${ratio('touch-one')}, add-one/floor ${ratio('add-one')}, ` +
        `checkout-one/floor ${ratio('checkout-one')}`,
    );
  }
  if (rows.some((r) => r.vsHugo != null)) {
    out.push('', 'ratios to Hugo (median wall time / Hugo median wall time, same case and run):');
    for (const n of [...new Set(rows.map((r) => r.n))]) {
      const ratio = (/** @type {string} */ name) =>
        hugoRatio(rows.find((r) => r.n === n && r.case === name));
      out.push(
        `  N=${n}: cold ${ratio('cold')}, rebuild ${ratio('rebuild')}, warm ${ratio('warm')}, ` +
          `touch-one ${ratio('touch-one')}, add-one ${ratio('add-one')}, ` +
          `checkout-one ${ratio('checkout-one')}`,
      );
    }
  }
  const stopped = rows.filter(
    (r) => r.unfinished && r.samples.some((s) => !/^not run/.test(s.unfinished ?? '')),
  );
  for (const r of stopped) out.push(`  (N=${r.n} ${r.case}: ${r.unfinished})`);
  return out.join('\n');
}

/**
 * A row's ratio to Hugo as printed: `<` when it is an upper bound (Hugo did not finish).
 * @param {Row|undefined} row
 */
function hugoRatio(row) {
  if (row?.vsHugo == null) return '–';
  return `${row.vsHugoBound ? '<' : ''}${row.vsHugo.toFixed(2)}`;
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
    // Where the other did not finish, its time is a lower bound and a ratio to it an upper one.
    const at = (/** @type {number} */ i) => (other.samples[i]?.unfinished ? '<' : '');
    const most = other.unfinished ? '<' : '';
    const lower = other.unfinished ? '>' : '';
    out.push(
      `  N=${row.n} ${row.case.padEnd(9)}  this ${row.medianS.toFixed(3)} s, ` +
        `${against} ${lower}${other.medianS.toFixed(3)} s: ratio ${most}${(row.medianS / other.medianS).toFixed(3)}, ` +
        `paired ${most}${median(perRun).toFixed(3)} (runs ${perRun.map((r, i) => `${at(i)}${r.toFixed(2)}`).join(' ')})`,
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
