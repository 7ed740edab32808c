import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashParts } from '../hash.js';
import { compareCodePoints } from '../text.js';
import { walkFiles } from '../walk.js';

let fingerprint: string | undefined;

/**
 * A hash of feedwright's own code and of the versions of the packages it renders with, so that
 * any change to either (a new version, a local edit, an `npm update` that brings another Markdown
 * parser or feed writer) invalidates caches built before it.
 */
export function codeFingerprint(): string {
  if (fingerprint === undefined) {
    const here = path.dirname(fileURLToPath(import.meta.url));
    // Run from the CLI's bundle (lib/bundle/, see bin/feedwright.js), the bundle is all the code
    // that runs; else every file of lib/ (or src/) is.
    const bundled = path.basename(here) === 'bundle';
    const root = bundled ? here : path.dirname(here);
    const packageDir = path.resolve(root, bundled ? '../..' : '..');
    const files = walkFiles(root)
      .filter(({ dirent }) => dirent.isFile() && /\.(js|ts)$/.test(dirent.name))
      .filter(({ dirent }) => !dirent.name.endsWith('.d.ts'))
      .map((entry) => entry.path)
      .sort(compareCodePoints);
    fingerprint = hashParts([
      ...files.flatMap((file) => [file, readFileSync(path.join(root, file))]),
      ...dependencyVersions(packageDir),
    ]);
  }
  return fingerprint;
}

interface Manifest {
  version?: string;
  dependencies?: Record<string, string>;
}

/**
 * `name@version` of the dependencies of the package in `packageDir` and of theirs (the packages
 * whose output feedwright keeps: Markdown, sanitizing, YAML, feed XML), as Node would find them
 * from there, sorted; `name@` for one not installed.
 */
export function dependencyVersions(packageDir: string): string[] {
  const found = new Set<string>();
  const own = readManifest(path.join(packageDir, 'package.json'));
  for (const name of Object.keys(own?.dependencies ?? {})) {
    const dep = installed(name, packageDir);
    found.add(`${name}@${dep?.manifest.version ?? ''}`);
    if (!dep) continue;
    for (const inner of Object.keys(dep.manifest.dependencies ?? {}))
      found.add(`${inner}@${installed(inner, dep.dir)?.manifest.version ?? ''}`);
  }
  return [...found].sort(compareCodePoints);
}

/** Package `name` as Node finds it from `from`: in the nearest `node_modules` that holds it. */
function installed(name: string, from: string): { dir: string; manifest: Manifest } | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const at = path.join(dir, 'node_modules', name);
    const manifest = readManifest(path.join(at, 'package.json'));
    if (manifest) return { dir: at, manifest };
    if (path.dirname(dir) === dir) return undefined;
  }
}

function readManifest(file: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}
