/**
 * Summarises V8 .cpuprofile files (from `node --cpu-prof`): where the time goes, by module and
 * by function, self and inclusive.
 *
 *   node bench/cpuprofile-summary.mjs <file.cpuprofile>… [--top 25]
 *
 * "Self" is time with that frame on top of the stack. Native frames (V8 builtins such as
 * RegExp or JSON code, which have no script URL) are attributed to the module of the nearest
 * JavaScript caller in the by-module view. "Inclusive" is time with the frame anywhere on
 * the stack; the inclusive views therefore sum to more than 100%. Code after an `await` runs
 * from the microtask queue, so it is not counted under the async function that awaited.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * @typedef {object} ProfileNode
 * @property {number} id
 * @property {{functionName: string, url: string, lineNumber: number, columnNumber: number}} callFrame
 * @property {number[]} [children]
 */
/**
 * @typedef {object} CpuProfile
 * @property {ProfileNode[]} nodes
 * @property {number} startTime   µs
 * @property {number} endTime     µs
 * @property {number[]} samples   node ids
 * @property {number[]} timeDeltas µs before each sample
 */

const SPECIAL = new Set(['(garbage collector)', '(program)', '(idle)', '(root)']);

/**
 * Which module a script URL belongs to: a package name, a Node internal, or a feedwright file.
 * @param {string} url
 */
export function moduleOf(url) {
  if (!url) return '(native)';
  const file = url.startsWith('file://') ? decodeURIComponent(url.slice(7)) : url;
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = file.slice(nm + 14).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? file);
  }
  if (file.startsWith('node:')) {
    const rest = file.replace(/^node:(internal\/)?/, '');
    return `node:${rest.split('/')[0]}`;
  }
  const lib = file.lastIndexOf('/lib/');
  if (lib >= 0) return `feedwright lib/${file.slice(lib + 5)}`;
  const bin = file.lastIndexOf('/bin/');
  if (bin >= 0) return `feedwright bin/${file.slice(bin + 5)}`;
  return path.basename(file);
}

/**
 * @param {CpuProfile} profile
 * @param {{top?: number, title?: string}} [options]
 * @returns {string}
 */
export function summariseProfile(profile, { top = 25, title = 'profile' } = {}) {
  /** @type {Map<number, ProfileNode>} */
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  /** @type {Map<number, number>} */
  const parentOf = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parentOf.set(child, node.id);

  const frameKey = (/** @type {ProfileNode} */ n) => {
    const { functionName, url, lineNumber } = n.callFrame;
    if (SPECIAL.has(functionName)) return functionName;
    const where = url ? `${moduleOf(url)}:${lineNumber + 1}` : '(native)';
    const name = functionName || '(anonymous)';
    return `${name.length > 80 ? `${name.slice(0, 77)}…` : name}  ${where}`;
  };
  /** Module of a node: its own, or for natives the nearest caller's. */
  const moduleCache = new Map();
  const moduleOfNode = (/** @type {number} */ id) => {
    const cached = moduleCache.get(id);
    if (cached) return cached;
    const node = byId.get(id);
    let result = '(native)';
    if (node) {
      const { functionName, url } = node.callFrame;
      if (SPECIAL.has(functionName)) result = functionName;
      else if (url) result = moduleOf(url);
      else {
        const parent = parentOf.get(id);
        result = parent === undefined ? '(native)' : moduleOfNode(parent);
        if (result === '(root)') result = '(native)';
      }
    }
    moduleCache.set(id, result);
    return result;
  };

  /**
   * The pipeline stage of a sample: the outermost feedwright function below the CLI and
   * build() (build's own awaits resume outside it, so its callees are counted directly), or
   * for samples with no feedwright frame, what Node was doing.
   */
  const stageOf = (/** @type {number} */ id) => {
    /** @type {ProfileNode[]} */
    const stack = [];
    for (let at = /** @type {number|undefined} */ (id); at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at);
      if (frame) stack.push(frame);
    }
    stack.reverse();
    let stage;
    for (const frame of stack) {
      const mod = frame.callFrame.url ? moduleOf(frame.callFrame.url) : '';
      if (!mod.startsWith('feedwright lib/')) continue;
      if (/^feedwright lib\/(cli|build|index)\.js$/.test(mod)) continue;
      stage = `${frame.callFrame.functionName || '(anonymous)'}  ${mod}`;
      break;
    }
    if (stage) return stage;
    const leaf = stack[stack.length - 1]?.callFrame.functionName ?? '';
    if (SPECIAL.has(leaf)) return leaf;
    const mods = stack.map((f) => (f.callFrame.url ? moduleOf(f.callFrame.url) : ''));
    if (mods.includes('node:modules') || mods.some((m) => m.startsWith('node:bootstrap'))) {
      return '(start-up: loading and compiling modules)';
    }
    if (mods.some((m) => m.startsWith('feedwright'))) return '(feedwright CLI / build glue)';
    return '(other: Node internals, I/O callbacks)';
  };

  const selfByFunction = new Map();
  const byStage = new Map();
  const selfByModule = new Map();
  const inclusiveFeedwright = new Map();
  const inclusiveModule = new Map();
  const add = (
    /** @type {Map<string, number>} */ map,
    /** @type {string} */ key,
    /** @type {number} */ us,
  ) => map.set(key, (map.get(key) ?? 0) + us);

  let total = 0;
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // A sample stands for the time until the next one (the last one gets the mean).
    const us = timeDeltas[i + 1] ?? (profile.endTime - profile.startTime) / samples.length;
    const id = samples[i] ?? 0;
    const node = byId.get(id);
    if (!node) continue;
    total += us;
    add(selfByFunction, frameKey(node), us);
    add(selfByModule, moduleOfNode(id), us);
    add(byStage, stageOf(id), us);
    const seenFunctions = new Set();
    const seenModules = new Set();
    for (let at = /** @type {number|undefined} */ (id); at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at);
      if (!frame || frame.callFrame.functionName === '(root)') break;
      const mod = moduleOfNode(at);
      seenModules.add(mod);
      if (mod.startsWith('feedwright lib/')) seenFunctions.add(frameKey(frame));
    }
    for (const key of seenFunctions) add(inclusiveFeedwright, key, us);
    for (const key of seenModules) add(inclusiveModule, key, us);
  }

  const table = (
    /** @type {string} */ heading,
    /** @type {Map<string, number>} */ map,
    /** @type {number} */ limit,
  ) => {
    const rows = [...map].sort((a, b) => b[1] - a[1]).slice(0, limit);
    return [
      heading,
      ...rows.map(
        ([key, us]) =>
          `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1e6).toFixed(2).padStart(6)} s  ${key}`,
      ),
    ].join('\n');
  };
  return [
    `${title}: ${(total / 1e6).toFixed(2)} s sampled, ${samples.length} samples`,
    '',
    table(
      'Time by pipeline stage (outermost feedwright function below the CLI and build()):',
      byStage,
      top,
    ),
    '',
    table('Self time by module (native code counted in its caller’s module):', selfByModule, top),
    '',
    table(`Self time by function (top ${top}):`, selfByFunction, top),
    '',
    table(
      `Inclusive time of feedwright functions (top ${top}; nested, so it sums past 100%):`,
      inclusiveFeedwright,
      top,
    ),
    '',
    table(
      'Inclusive time by module (time with the module anywhere on the stack):',
      inclusiveModule,
      top,
    ),
  ].join('\n');
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' } },
  });
  if (positionals.length === 0) {
    console.error('usage: node bench/cpuprofile-summary.mjs <file.cpuprofile>… [--top 25]');
    process.exitCode = 2;
    return;
  }
  for (const file of positionals) {
    const profile = JSON.parse(await readFile(file, 'utf8'));
    console.log(summariseProfile(profile, { top: Number(values.top), title: path.basename(file) }));
    console.log('');
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
