/**
 * The output folder and what the writer keeps beside it, in its parent folder: the lock, the
 * journal of a write in progress, the staging folder of new files and the backup of replaced
 * ones. All beside it (same file system, so moves are atomic renames), none inside it (so a
 * deploy of the folder never ships them).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';

export interface OutputSpace {
  /** The output folder (a symbolic link to a folder is followed). */
  out: string;
  parent: string;
  /** How messages show the output folder. */
  display: string;
  journal: string;
  /** A fresh staging and backup folder for this write. */
  stage: string;
  backup: string;
  /** Paths elsewhere are shown relative to this folder when under it. */
  cwd: string;
}

/**
 * `early`: the staging folder is made before the write takes the output's lock (`earlyStage`),
 * so it is named apart from those of writes holding it (see `leftovers`).
 */
export function outputSpace(
  outDir: string,
  display: string,
  suffix: string,
  cwd = process.cwd(),
  early = false,
): OutputSpace {
  const resolved = path.resolve(outDir);
  let out = resolved;
  try {
    out = realpathSync(resolved);
  } catch {
    // Not there yet.
  }
  const parent = path.dirname(out);
  const side = (name: string) => path.join(parent, `.${path.basename(out)}.${name}`);
  return {
    out,
    parent,
    display,
    journal: side('journal'),
    stage: side(`${early ? 'early' : 'stage'}-${suffix}`),
    backup: side(`backup-${suffix}`),
    cwd,
  };
}

/** The suffix of a write's staging and backup folders: the process's id, and a random part. */
export function writeSuffix(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * Makes the staging folder of a write that takes the output's lock later (the folders of a first
 * write's pages are made in it meanwhile): its suffix, to give the write, and its path.
 */
export function earlyStage(outDir: string, display: string): { suffix: string; stage: string } {
  const suffix = writeSuffix();
  const space = outputSpace(outDir, display, suffix, undefined, true);
  mkdirSync(space.parent, { recursive: true });
  mkdirSync(space.stage);
  return { suffix, stage: space.stage };
}

/**
 * What killed or failed writes may have left beside the output: staging and backup folders,
 * journal temporaries, and the `tmp`/`old` folders of the whole-folder swap older versions made.
 * A staging folder made before its write took the lock (`early`) is one only once the process
 * that made it has ended: until then it is a build's that waits for the lock.
 */
export function leftovers(space: OutputSpace): { name: string; kind: string }[] {
  const prefix = `.${path.basename(space.out)}.`;
  let names: string[];
  try {
    names = readdirSync(space.parent);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    if (!name.startsWith(prefix)) return [];
    const found = /^(stage|backup|tmp|old|journal\.tmp|early)-(\d*)/.exec(
      name.slice(prefix.length),
    );
    const kind = found?.[1];
    if (!kind || (kind === 'early' && running(Number(found[2])))) return [];
    return [{ name: path.join(space.parent, name), kind }];
  });
}

/**
 * A path as messages show it: under the output (or staged for it) as `dist/posts/a/index.html`,
 * else relative to the working folder when under it.
 */
export function shown(space: OutputSpace, file: string): string {
  for (const root of [space.out, space.stage]) {
    const relative = within(root, file);
    if (relative !== undefined) return relative ? `${space.display}/${relative}` : space.display;
  }
  return within(space.cwd, file) || file;
}

function within(root: string, file: string): string | undefined {
  const relative = path.relative(root, path.resolve(file));
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/** True when a process `pid` runs (this one included). */
function running(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
