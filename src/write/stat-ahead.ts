/**
 * The live output's files and folders looked at ahead, on a thread of their own, while the build
 * renders. To keep what a build did not change, the writer checks that each file it keeps and
 * each folder it lists is as the last write left it: ~23,000 `lstat`s at 10,000 posts, ~0.2 s of
 * the main thread, ten times that at 100,000. Taken ahead, they cost the main thread a message,
 * or, when it has nothing to do but wait for the files (a build that finds no post changed), its
 * share of the looking. The manifest's identity is taken before any file is looked at, by either
 * thread, and after every one was.
 *
 * They are taken before the output lock, so the writer uses them only when, under the lock,
 * no other feedwright build has written the output since (see `aheadStill`): no killed write was
 * undone, and the manifest is the very file it was before and after they were taken (device,
 * inode, size, mtime and ctime, to the nanosecond). A feedwright write that changes which files
 * the output holds, or what any holds, replaces the manifest (another file); undoing a write puts
 * the old one back by a link and a rename, which change its ctime; a write that leaves the
 * manifest in place only puts files back to what it lists, or removes files it does not list —
 * neither makes a stamp taken ahead wrong to trust. The files a write replaces are looked at again
 * under the lock. What the look cannot see is a change by hand or by another program after it: a
 * kept file edited or deleted while the build renders (seconds, where the writer's own look left
 * the half second of its staging) is kept as it is. Its stamp is then not the one recorded, so
 * the next build notices, and writes it again.
 */
import { type BigIntStats, lstatSync, type Stats } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { rowLookup } from '../file-stamps.js';
import { MANIFEST_FILE } from '../manifest.js';
import type { OutputStamps, Seen, SeenAt } from '../model.js';

export type { Seen, SeenAt };

/** The stamps taken ahead: of the folders and files the last write recorded, by path. */
export interface Ahead {
  folders: SeenAt;
  files: SeenAt;
  /** When the look began (epoch ms): how settled a folder's mtime was (see `SETTLED_MS`). */
  at: number;
  /** The manifest's identity before the look, and after it (numbers written out: inodes are 64-bit). */
  manifest: [before: string[], after: string[]];
}

/** A look-ahead under way. */
export interface StatAhead {
  /**
   * The files alone (the folders come after), for the check that the output is as the last build
   * left it: asked for when this thread has nothing else to do, it looks at its share of the files
   * the thread has not reached yet meanwhile. Undefined when the thread failed.
   */
  files(): Promise<SeenAt | undefined>;
  /** The stamps, once taken; undefined when the thread failed (the writer then looks itself). */
  taken: Promise<Ahead | undefined>;
  /** Stops the thread if it is still looking (a build that fails before it writes). */
  stop(): void;
}

/**
 * Below this many paths to look at, looking on this thread (a few ms) costs less than starting one
 * (a thread of its own starts in ~30 ms, and copying the paths to it costs this one ~1 ms per
 * 10,000).
 */
export const AHEAD_THRESHOLD = 2_000;

const KINDS: readonly Seen['kind'][] = ['none', 'file', 'folder', 'other'];

/**
 * How both threads number what they saw (`lookRows` marks a path it could not look at -1).
 * Written into the thread's program too (see `lookRows`).
 */
function kindNumber(info: Stats | undefined): number {
  if (!info) return 0;
  return info.isFile() ? 1 : info.isDirectory() ? 2 : 3;
}

/**
 * Looks at `paths[from..to)` with `lstat`, three numbers a path into `seen`: what it is (as
 * `kindNumber` numbers it; -1 when it could not be looked at), its size and its mtime. Run by the
 * thread and, for a share of the files, by this one: it is written into the thread's program as
 * it is here, with `kindNumber`, `lookShare` and `manifestIdentity`, so it may use nothing but its
 * arguments, them and the language's own globals (a test runs the program as bundled).
 */
export function lookRows(
  paths: readonly string[],
  seen: Float64Array,
  from: number,
  to: number,
  lstat: (p: string) => Stats | undefined,
): void {
  for (let i = from; i < to; i++) {
    let info: Stats | undefined;
    try {
      info = lstat(paths[i] as string);
    } catch {
      seen[3 * i] = -1;
      continue;
    }
    seen[3 * i] = kindNumber(info);
    if (info) {
      seen[3 * i + 1] = info.size;
      seen[3 * i + 2] = info.mtimeMs;
    }
  }
}

/**
 * Takes rows of `paths` to look at, `chunk` at a time, until none is left, with whichever other
 * thread takes them too: `shared` counts the rows taken ([0]) and looked at ([1]; waiters on it
 * are woken). True for the thread whose rows were the last looked at. In the thread's program
 * too (see `lookRows`).
 */
export function lookShare(
  paths: readonly string[],
  seen: Float64Array,
  shared: Int32Array,
  chunk: number,
  lstat: (p: string) => Stats | undefined,
): boolean {
  let last = false;
  for (;;) {
    const from = Atomics.add(shared, 0, chunk);
    if (from >= paths.length) return last;
    const to = Math.min(from + chunk, paths.length);
    lookRows(paths, seen, from, to, lstat);
    last = Atomics.add(shared, 1, to - from) + (to - from) === paths.length;
    Atomics.notify(shared, 1);
  }
}

/**
 * The manifest's identity, from its `lstat` with `bigint` (numbers written out: inodes are
 * 64-bit): device, inode, size, mtime and ctime, to the nanosecond; none when it is not there.
 * In the thread's program too (see `lookRows`).
 */
function manifestIdentity(info: BigIntStats | undefined): string[] {
  return info ? [info.dev, info.ino, info.size, info.mtimeNs, info.ctimeNs].map(String) : [];
}

/** Rows taken at a time: ~1 ms of lstat, so neither thread waits long for the other's last. */
const CHUNK = 512;

/**
 * The thread's whole program, CommonJS for `eval`: the same `lstat`, numbering and sharing as
 * this thread's (`kindNumber`, `lookRows` and `lookShare` written in), and the manifest's
 * identity (`manifestIdentity`): taken before the look, and after it once every file was looked at, by
 * either thread.
 * `state` is [rows taken, rows looked at, begun]: begun is set, and said, once the identity is
 * taken; this thread looks at no file before.
 */
const PROGRAM = `
const { lstatSync } = require('node:fs');
const path = require('node:path');
const { parentPort, workerData } = require('node:worker_threads');
const { out, files, folders, fileSeen, state } = workerData;
${kindNumber.toString()}
${lookRows.toString()}
${lookShare.toString()}
${manifestIdentity.toString()}
const lstat = (p) => lstatSync(path.join(out, p), { throwIfNoEntry: false });
const identity = () =>
  ${manifestIdentity.name}(lstatSync(path.join(out, ${JSON.stringify(MANIFEST_FILE)}), { bigint: true, throwIfNoEntry: false }));
const shared = new Int32Array(state);
const at = Date.now();
const before = identity();
Atomics.store(shared, 2, 1);
parentPort.postMessage({ begun: true });
if (${lookShare.name}(files, new Float64Array(fileSeen), shared, ${CHUNK}, lstat) || files.length === 0)
  parentPort.postMessage({ files: true });
const seenFolders = new Float64Array(folders.length * 3);
${lookRows.name}(folders, seenFolders, 0, folders.length, lstat);
for (let done; (done = Atomics.load(shared, 1)) < files.length; ) Atomics.wait(shared, 1, done, 100);
parentPort.postMessage({ folders: seenFolders, at, before, after: identity() }, [seenFolders.buffer]);
`;

/**
 * What the thread sends: that it has begun, that the files are looked at, then the folders and the
 * manifest's identity.
 */
type Found =
  | { begun: true }
  | { files: true }
  | { folders: Float64Array; at: number; before: string[]; after: string[] };

/**
 * Starts looking at the files, then the folders, that `stamps` records under `out` on a thread of
 * its own; undefined when there are too few for that to pay (see `AHEAD_THRESHOLD`).
 */
export function statAhead(
  out: string,
  stamps: Pick<OutputStamps, 'files' | 'folders'>,
  threshold = AHEAD_THRESHOLD,
): StatAhead | undefined {
  const files = stamps.files.paths;
  const folders = stamps.folders.paths;
  if (folders.length + files.length < threshold) return undefined;
  // The files' stamps in memory both threads write (see `lookShare`); the folders' sent back.
  const fileSeen = new SharedArrayBuffer(files.length * 3 * Float64Array.BYTES_PER_ELEMENT);
  const state = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  let worker: Worker;
  try {
    worker = new Worker(PROGRAM, {
      eval: true,
      workerData: { out, files, folders, fileSeen, state },
    });
  } catch {
    return undefined; // no thread to be had (a limit on threads, say): the writer looks itself
  }
  let over = false;
  const ended = new Promise<void>((resolve) => {
    worker.once('error', () => resolve());
    worker.once('exit', () => resolve());
  }).then(() => {
    over = true;
  });
  const arrived = (part: 'begun' | 'files' | 'folders') =>
    new Promise<Found | undefined>((resolve) => {
      const take = (found: Found) => {
        if (!(part in found)) return;
        worker.off('message', take);
        resolve(found);
      };
      worker.on('message', take);
      void ended.then(() => resolve(undefined));
    });
  const seen = new Float64Array(fileSeen);
  const shared = new Int32Array(state);
  let stopped = false;
  let lookedHere: () => void = () => {};
  const filesLooked = new Promise<boolean>((resolve) => {
    lookedHere = () => resolve(true);
    void arrived('files').then((found) => resolve(found !== undefined));
  });
  // Read after the count of rows looked at: every row is written before it (the thread's rows
  // were counted before its message was sent).
  const filesAt = filesLooked.then((done) =>
    done && Atomics.load(shared, 1) === files.length ? lookup(stamps.files, seen) : undefined,
  );
  const began = arrived('begun');
  const lstatHere = (p: string) => lstatSync(path.join(out, p), { throwIfNoEntry: false });
  const filesNow = async () => {
    // Only once the thread has the manifest's identity (looks taken before it are not trusted),
    // and while it is still there to finish the look.
    if (Atomics.load(shared, 2) !== 1) await Promise.race([began, filesLooked]);
    const begun = !stopped && !over && Atomics.load(shared, 2) === 1;
    if (begun && lookShare(files, seen, shared, CHUNK, lstatHere)) lookedHere();
    return filesAt;
  };
  const taken = Promise.all([filesAt, arrived('folders')]).then(
    ([fileAt, found]): Ahead | undefined => {
      void worker.terminate();
      if (!fileAt || !found || !('folders' in found)) return undefined;
      const { folders: seenFolders, at, before, after } = found;
      return {
        files: fileAt,
        folders: lookup(stamps.folders, seenFolders),
        at,
        manifest: [before, after],
      };
    },
  );
  const stop = () => {
    stopped = true;
    void worker.terminate();
  };
  return { files: filesNow, taken, stop };
}

/**
 * Each path's stamp as `seen` holds it, its row found when first asked: a build that finds
 * nothing changed never asks of the folders (113,000 at 100,000 posts).
 */
function lookup(columns: OutputStamps['files'], seen: Float64Array): SeenAt {
  let rowOf: ((p: string) => number) | undefined;
  return (p) => {
    rowOf ??= rowLookup(columns);
    const row = rowOf(p);
    return row < 0 ? undefined : seenRow(seen, row);
  };
}

function seenRow(seen: Float64Array, index: number): Seen | undefined {
  const kind = KINDS[seen[3 * index] as number];
  if (kind === undefined) return undefined;
  return { kind, size: seen[3 * index + 1] as number, mtimeMs: seen[3 * index + 2] as number };
}

/** What is at `file` now (an `lstat` on this thread). */
export function seenNow(file: string): Seen {
  const info = lstatSync(file, { throwIfNoEntry: false });
  const kind = KINDS[kindNumber(info)] as Seen['kind'];
  return { kind, size: info?.size ?? 0, mtimeMs: info?.mtimeMs ?? 0 };
}

/**
 * The stamps taken ahead, if they may stand in for the writer's own look: called under the lock,
 * after any killed write was undone (`undone` then true), with the manifest as it is now.
 */
export async function aheadStill(
  ahead: Promise<Ahead | undefined> | undefined,
  out: string,
  undone: boolean,
): Promise<Ahead | undefined> {
  const found = await ahead;
  if (!found || undone) return undefined;
  const now = manifestIdentity(
    lstatSync(path.join(out, MANIFEST_FILE), { bigint: true, throwIfNoEntry: false }),
  );
  const [before, after] = found.manifest;
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((n, i) => n === b[i]);
  return same(before, after) && same(before, now) ? found : undefined;
}
