/**
 * The output folder and what the writer keeps beside it, in its parent folder: the lock, the
 * journal of a write in progress, the staging folder of new files and the backup of replaced
 * ones. All beside it (same file system, so moves are atomic renames), none inside it (so a
 * deploy of the folder never ships them).
 */
import { readdirSync, realpathSync } from 'node:fs';
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

export function outputSpace(
  outDir: string,
  display: string,
  suffix: string,
  cwd = process.cwd(),
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
    stage: side(`stage-${suffix}`),
    backup: side(`backup-${suffix}`),
    cwd,
  };
}

/**
 * What killed or failed writes may have left beside the output: staging and backup folders,
 * journal temporaries, and the `tmp`/`old` folders of the whole-folder swap older versions made.
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
    const kind = /^(stage|backup|tmp|old|journal\.tmp)-/.exec(name.slice(prefix.length))?.[1];
    return kind ? [{ name: path.join(space.parent, name), kind }] : [];
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
