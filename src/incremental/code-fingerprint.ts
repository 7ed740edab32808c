import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashParts } from '../hash.js';
import { compareCodePoints } from '../text.js';
import { walkFiles } from '../walk.js';

let fingerprint: string | undefined;
/** What to keep of the fingerprint, when this process worked it out; the folders it is kept in. */
let worked: CodeRecord | undefined;
const keptIn = new Set<string>();

/**
 * A hash of feedwright's own code and of the versions of the packages it renders with, so that
 * any change to either (a new version, a local edit, an `npm update` that brings another Markdown
 * parser or feed writer) invalidates caches built before it.
 *
 * Working it out reads every file of the code and ~40 package manifests, ~20-30 ms of a build
 * that finds 1,000 posts up to date. So the cache keeps it (`keepCodeFingerprint`) with what
 * `stat` said of each file and folder it was worked out from, and with `recordDir` (the cache's
 * folder) it is taken from there while all of them are as they were (see `Probe`).
 */
export function codeFingerprint(recordDir?: string): string {
  if (fingerprint === undefined) {
    const { root, packageDir } = codeRoots();
    const kept = recordDir === undefined ? undefined : recorded(recordDir, root);
    if (kept !== undefined && recordDir !== undefined) keptIn.add(recordDir);
    fingerprint = kept ?? workOut(root, packageDir);
  }
  return fingerprint;
}

/**
 * Keeps the fingerprint this process worked out in `recordDir`, for the next build to take (see
 * `codeFingerprint`); run as the rest of the cache is saved, so that a build that stops early
 * leaves the cache's folder as it was. A cache that cannot be written is no error.
 */
export function keepCodeFingerprint(recordDir: string): void {
  if (!worked || keptIn.has(recordDir)) return;
  const file = path.join(recordDir, RECORD_NAME);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(recordDir, { recursive: true });
    writeFileSync(temporary, JSON.stringify(worked));
    renameSync(temporary, file);
    keptIn.add(recordDir);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Never made: its folder could not be.
    }
  }
}

/** Where the code that runs is, and the package it belongs to. */
function codeRoots(): { root: string; packageDir: string } {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Run from the CLI's bundle (lib/bundle/, see bin/feedwright.js), the bundle is all the code
  // that runs; else every file of lib/ (or src/) is.
  const bundled = path.basename(here) === 'bundle';
  const root = bundled ? here : path.dirname(here);
  return { root, packageDir: path.resolve(root, bundled ? '../..' : '..') };
}

/**
 * A path the fingerprint was worked out from, with what `stat` said of it then: device, inode,
 * size, and mtime and ctime in ms; the path alone for one that was not there (a manifest Node
 * would have found first). npm gives every file it installs the same mtime, so a package
 * updated to a manifest of the same size differs by its ctime (and inode), which no one sets.
 * A folder's mtime and ctime change when a file is added to it or taken out.
 */
type Probe = [file: string, ...stamp: number[]];

const RECORD_NAME = 'code-fingerprint.json';
const RECORD_VERSION = 1;

interface CodeRecord {
  version: number;
  root: string;
  fingerprint: string;
  probes: Probe[];
}

function stampOf(file: string): number[] {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat ? [stat.dev, stat.ino, stat.size, stat.mtimeMs, stat.ctimeMs] : [];
}

/** The fingerprint kept in `dir`, if it is of the code at `root` and nothing it names changed. */
function recorded(dir: string, root: string): string | undefined {
  let kept: CodeRecord;
  try {
    kept = JSON.parse(readFileSync(path.join(dir, RECORD_NAME), 'utf8')) as CodeRecord;
  } catch {
    return undefined;
  }
  if (kept?.version !== RECORD_VERSION || kept.root !== root || !Array.isArray(kept.probes)) {
    return undefined;
  }
  for (const [file, ...stamp] of kept.probes) {
    const now = stampOf(file);
    if (now.length !== stamp.length || now.some((n, i) => n !== stamp[i])) return undefined;
  }
  return typeof kept.fingerprint === 'string' ? kept.fingerprint : undefined;
}

/** The fingerprint worked out from the files, with what to keep of it (`worked`). */
function workOut(root: string, packageDir: string): string {
  const probes: Probe[] = [];
  const probe = (file: string) => probes.push([file, ...stampOf(file)]);
  const files = walkFiles(root, { onFolder: (folder) => probe(path.join(root, folder)) })
    .filter(({ dirent }) => dirent.isFile() && /\.(js|ts)$/.test(dirent.name))
    .filter(({ dirent }) => !dirent.name.endsWith('.d.ts'))
    .map((entry) => entry.path)
    .sort(compareCodePoints);
  const parts = files.flatMap((file) => {
    // Taken before the file is read: a file changed in between is taken again next time.
    probe(path.join(root, file));
    return [file, readFileSync(path.join(root, file))];
  });
  const made = hashParts([...parts, ...dependencyVersions(packageDir, probe)]);
  worked = { version: RECORD_VERSION, root, fingerprint: made, probes };
  return made;
}

interface Manifest {
  version?: string;
  dependencies?: Record<string, string>;
}

/**
 * `name@version` of the dependencies of the package in `packageDir` and of theirs (the packages
 * whose output feedwright keeps: Markdown, sanitizing, YAML, feed XML), as Node would find them
 * from there, sorted; `name@` for one not installed. `probe` is told of each manifest looked
 * for, found or not, before it is read.
 */
export function dependencyVersions(
  packageDir: string,
  probe: (file: string) => void = () => {},
): string[] {
  const read = (file: string) => {
    probe(file);
    return readManifest(file);
  };
  const found = new Set<string>();
  const own = read(path.join(packageDir, 'package.json'));
  for (const name of Object.keys(own?.dependencies ?? {})) {
    const dep = installed(name, packageDir, read);
    found.add(`${name}@${dep?.manifest.version ?? ''}`);
    if (!dep) continue;
    for (const inner of Object.keys(dep.manifest.dependencies ?? {}))
      found.add(`${inner}@${installed(inner, dep.dir, read)?.manifest.version ?? ''}`);
  }
  return [...found].sort(compareCodePoints);
}

/** Package `name` as Node finds it from `from`: in the nearest `node_modules` that holds it. */
function installed(
  name: string,
  from: string,
  read: (file: string) => Manifest | undefined,
): { dir: string; manifest: Manifest } | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const at = path.join(dir, 'node_modules', name);
    const manifest = read(path.join(at, 'package.json'));
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
