/** Watches a site's inputs and reports their changes in batches, once they settle. */
import { type FSWatcher, statSync, watch } from 'node:fs';
import path from 'node:path';

/** A folder watched with everything in it, or a single file. */
export interface WatchTarget {
  path: string;
  kind: 'folder' | 'file';
}

export interface WatchOptions {
  /** How long changes must stop before they are reported, in ms (default 100). */
  settleMs?: number;
  /** Changes to leave out besides editors' noise (`isEditorNoise`), by absolute path. */
  ignore?: (file: string) => boolean;
}

/**
 * A path (relative to a watched folder) that no build reads: under a dotfile or dot-folder (which
 * feedwright skips), or an editor's temporary file (`.x.swp`, `x~`, `.#x`, Vim's `4913` probe).
 */
export function isEditorNoise(relative: string): boolean {
  const names = relative.split(/[\\/]/);
  const name = names.at(-1) ?? '';
  return names.some((n) => n.startsWith('.')) || name.endsWith('~') || name === '4913';
}

/**
 * Calls `onChange` with the paths that changed (absolute, sorted) each time changes settle. A
 * folder is watched with all it holds (`fs.watch`, recursive); its parent is watched too, so a
 * folder or file that is created, deleted or replaced (editors save by renaming) is seen, and a
 * folder that appears is watched from then on.
 */
export function watchInputs(
  targets: readonly WatchTarget[],
  onChange: (changed: string[]) => void,
  options: WatchOptions = {},
): { close: () => void } {
  const ignore = options.ignore ?? (() => false);
  const pending = new Set<string>();
  const folders = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const note = (file: string) => {
    if (closed || ignore(file)) return;
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(flush, options.settleMs ?? 100);
  };
  const flush = () => {
    arm();
    const changed = [...pending].sort();
    pending.clear();
    if (changed.length > 0) onChange(changed);
  };
  const arm = () => {
    for (const target of targets.filter((t) => t.kind === 'folder')) {
      const exists = isFolder(target.path);
      const watcher = folders.get(target.path);
      if (exists && !watcher) folders.set(target.path, watchFolder(target.path, note, folders));
      if (!exists && watcher) {
        watcher.close();
        folders.delete(target.path);
      }
    }
  };
  const parents = watchParents(targets, note);
  arm();
  return {
    close: () => {
      closed = true;
      clearTimeout(timer);
      for (const watcher of [...parents, ...folders.values()]) watcher.close();
      folders.clear();
    },
  };
}

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** A recursive watcher of `dir`; one that fails (the folder went) is dropped, to be armed again. */
function watchFolder(dir: string, note: (file: string) => void, folders: Map<string, FSWatcher>) {
  const watcher = watch(dir, { recursive: true }, (_event, name) => {
    const relative = name?.toString() ?? '';
    if (!isEditorNoise(relative)) note(relative ? path.join(dir, relative) : dir);
  });
  watcher.on('error', () => {
    watcher.close();
    if (folders.get(dir) === watcher) folders.delete(dir);
    note(dir);
  });
  return watcher;
}

/** One watcher per parent folder, reporting the targets in it by name. */
function watchParents(targets: readonly WatchTarget[], note: (file: string) => void): FSWatcher[] {
  const byParent = new Map<string, Set<string>>();
  for (const target of targets) {
    const parent = path.dirname(target.path);
    byParent.set(parent, (byParent.get(parent) ?? new Set()).add(path.basename(target.path)));
  }
  return [...byParent].flatMap(([parent, names]) => {
    if (!isFolder(parent)) return [];
    const watcher = watch(parent, (_event, name) => {
      if (name && names.has(name.toString())) note(path.join(parent, name.toString()));
    });
    watcher.on('error', () => watcher.close());
    return [watcher];
  });
}
