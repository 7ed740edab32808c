/**
 * Copies the compiled CLI (bin/, lib/, package.json) to a folder of its own before a run, so
 * every timed build in a long run uses the same code even if someone recompiles lib/ meanwhile.
 * node_modules is linked, not copied. The folder is named by a hash of what was copied, which
 * the results record as `feedwright.libHash`.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * @param {string} repoRoot
 * @param {string} [modules] the node_modules to link (a worktree's own link is removed with it)
 * @param {{bundled?: boolean}} [options] bundled: false leaves lib/bundle/ out, so the launcher
 *   runs lib/ itself (a CPU profile then names each module; the bundle only loads faster)
 * @returns {Promise<{bin: string, root: string, libHash: string}>}
 */
export async function snapshotCli(
  repoRoot,
  modules = path.join(repoRoot, 'node_modules'),
  { bundled = true } = {},
) {
  const parts = ['bin', 'lib', 'package.json'];
  const bundle = path.join(repoRoot, 'lib', 'bundle');
  const kept = (/** @type {string} */ file) => bundled || !file.startsWith(`${bundle}${path.sep}`);
  const hash = createHash('sha256');
  for (const part of parts) {
    for (const file of (await listFiles(path.join(repoRoot, part))).filter(kept)) {
      hash.update(`${path.relative(repoRoot, file)}\u0000`);
      hash.update(await readFile(file));
    }
  }
  const libHash = hash.digest('hex').slice(0, 12);
  const root = path.join(os.tmpdir(), 'feedwright-bench', `cli-${libHash}`);
  const bin = path.join(root, 'bin', 'feedwright.js');
  const ready = await stat(bin).then(
    () => true,
    () => false,
  );
  if (!ready) {
    const tmp = `${root}.tmp-${process.pid}`;
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    for (const part of parts) {
      // Timestamps kept: bin/feedwright.js runs lib/bundle/ only while it is not older than lib/.
      await cp(path.join(repoRoot, part), path.join(tmp, part), {
        recursive: true,
        preserveTimestamps: true,
        // Leaving the bundle's folder out leaves out all it holds.
        filter: (source) => bundled || source !== bundle,
      });
    }
    await symlink(modules, path.join(tmp, 'node_modules'), 'dir');
    await rm(root, { recursive: true, force: true });
    await rename(tmp, root);
  }
  return { bin, root, libHash };
}

/**
 * The CLI of another commit, for comparing against: `ref` checked out in a temporary git
 * worktree, compiled with this checkout's TypeScript and node_modules, then snapshotted.
 * @param {string} repoRoot
 * @param {string} ref
 * @returns {Promise<{bin: string, root: string, libHash: string}>}
 */
export async function snapshotCommit(repoRoot, ref) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'feedwright-against-'));
  const git = (/** @type {string[]} */ args) =>
    execFileSync('git', args, { cwd: repoRoot, stdio: 'ignore' });
  git(['worktree', 'add', '--detach', dir, ref]);
  try {
    await symlink(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
      cwd: dir,
      stdio: 'inherit',
    });
    // A commit whose CLI runs a bundle (see scripts/bundle.mjs) is bundled as its compile does.
    const bundle = path.join(dir, 'scripts/bundle.mjs');
    if (existsSync(bundle))
      execFileSync(process.execPath, [bundle], { cwd: dir, stdio: 'inherit' });
    return await snapshotCli(dir, path.join(repoRoot, 'node_modules'));
  } finally {
    git(['worktree', 'remove', '--force', dir]);
  }
}

/**
 * @param {string} target a file or folder
 * @returns {Promise<string[]>} files, sorted
 */
async function listFiles(target) {
  const info = await stat(target);
  if (!info.isDirectory()) return [target];
  const entries = await readdir(target, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
