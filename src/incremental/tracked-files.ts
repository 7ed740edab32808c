/**
 * Git's word on the files a build looks at, asked once: the posts folder and the public one in a
 * single listing (one git process, one reading of its index), and only when first needed.
 */
import path from 'node:path';

/**
 * Git's unmodified files under `folders` of `dir`, by path relative to `dir` with their blob ids
 * (see `cleanBlobs`); undefined when `dir` is not in a git work tree.
 */
export type Tracked = (
  dir: string,
  folders: readonly string[],
) => ReadonlyMap<string, string> | undefined;

/** The blob git vouches for of file `name` (`/`-separated) in folder `root`, if it does. */
export type BlobOf = (root: string, name: string) => string | undefined;

/**
 * `BlobOf` for files under `roots`, asking `tracked` once, when first called: of the folder all
 * of them are in, for those of them only.
 */
export function trackedFiles(roots: readonly string[], tracked: Tracked | undefined): BlobOf {
  if (!tracked || roots.length === 0) return () => undefined;
  const folders = [...new Set(roots.map((root) => path.resolve(root)))];
  const base = commonFolder(folders);
  const prefix = new Map(
    folders.map((root) => {
      const relative = path.relative(base, root).split(path.sep).join('/');
      return [root, relative ? `${relative}/` : ''];
    }),
  );
  let clean: ReadonlyMap<string, string> | undefined | null = null;
  return (root, name) => {
    if (clean === null) {
      const specs = [...prefix.values()].map((p) => (p ? p.slice(0, -1) : '.'));
      clean = tracked(base, specs);
    }
    const at = prefix.get(root) ?? prefix.get(path.resolve(root));
    return at === undefined ? undefined : clean?.get(at + name);
  };
}

/**
 * The deepest folder that holds every one of `folders` (absolute); a root of one of them when
 * none holds them all (folders on two drives).
 */
export function commonFolder(folders: readonly string[]): string {
  let base = folders[0] ?? path.sep;
  for (const folder of folders.slice(1)) {
    while (!holds(base, folder)) {
      const up = path.dirname(base);
      if (up === base) return base; // a root, and still not theirs
      base = up;
    }
  }
  return base;
}

/** Whether folder `base` is `folder` or holds it. */
function holds(base: string, folder: string): boolean {
  return folder === base || folder.startsWith(base.endsWith(path.sep) ? base : base + path.sep);
}
