/**
 * Summarises a V8 .heapprofile (bench/heap-sampling.mjs, or `node --heap-prof`): the bytes
 * allocated by each function (self), with each feedwright function's callees (inclusive, each
 * frame counted once a stack), and by module.
 *
 *   node bench/heapprofile-summary.mjs <file.heapprofile> [--top 25]
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { moduleOf } from './cpuprofile-summary.mjs';

/**
 * @typedef {object} HeapNode
 * @property {{functionName: string, url: string, lineNumber: number}} callFrame
 * @property {number} selfSize  bytes
 * @property {HeapNode[]} children
 */

/** @param {HeapNode['callFrame']} frame */
function frameName(frame) {
  return `${frame.functionName || '(anonymous)'}  ${moduleOf(frame.url)}:${frame.lineNumber + 1}`;
}

/**
 * @param {{head: HeapNode}} profile
 * @param {{top?: number, title?: string}} [options]
 */
export function summariseHeapProfile(profile, { top = 25, title = 'heap profile' } = {}) {
  /** @type {Map<string, number>} */
  const self = new Map();
  /** @type {Map<string, number>} */
  const inclusive = new Map();
  /** @type {Map<string, number>} */
  const byModule = new Map();
  const add = (/** @type {Map<string, number>} */ map, /** @type {string} */ key, bytes) =>
    map.set(key, (map.get(key) ?? 0) + bytes);
  let total = 0;
  /** @returns {number} the bytes of `node` and everything below it */
  const walk = (
    /** @type {HeapNode} */ node,
    /** @type {Set<string>} */ onStack,
    /** @type {string} */ callerModule,
  ) => {
    const name = frameName(node.callFrame);
    const module = node.callFrame.url ? moduleOf(node.callFrame.url) : callerModule;
    add(self, name, node.selfSize);
    add(byModule, module, node.selfSize);
    total += node.selfSize;
    const fresh = !onStack.has(name);
    if (fresh) onStack.add(name);
    let below = node.selfSize;
    for (const child of node.children) below += walk(child, onStack, module);
    if (fresh) {
      onStack.delete(name);
      if (name.includes('feedwright ')) add(inclusive, name, below);
    }
    return below;
  };
  walk(profile.head, new Set(), '(native)');
  const mb = (/** @type {number} */ bytes) => `${(bytes / 2 ** 20).toFixed(1).padStart(8)} MB`;
  const pct = (/** @type {number} */ bytes) =>
    `${((100 * bytes) / (total || 1)).toFixed(1).padStart(5)}%`;
  const rows = (/** @type {Map<string, number>} */ map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, bytes]) => `${pct(bytes)} ${mb(bytes)}  ${key}`);
  return [
    `${title}: ${mb(total).trim()} sampled`,
    '',
    'Allocated by module (native code counted in its caller’s frame):',
    ...rows(byModule),
    '',
    `Allocated by function, self (top ${top}):`,
    ...rows(self),
    '',
    `Allocated under each feedwright function, inclusive (top ${top}; nested, so it sums past 100%):`,
    ...rows(inclusive),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' } },
  });
  for (const file of positionals) {
    const profile = JSON.parse(await readFile(file, 'utf8'));
    console.log(summariseHeapProfile(profile, { top: Number(values.top), title: file }));
  }
}
