import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * End-to-end tests run the real CLI, which runs the compiled library: compile and bundle it first,
 * unless it was since its sources last changed. tsc emits even when types are wrong; type errors
 * are `npm run typecheck`'s job, not ours.
 *
 * Every temporary folder of the run (tests' `mkdtemp`s, the CLIs they start, the browser's
 * profile) goes in one folder made here, which the returned teardown removes: a run leaves
 * nothing behind in the machine's temporary folder, where ~250 folders a run used to pile up.
 */
export default function setup(): () => void {
  if (!compiledSinceEdited()) compile();
  const root = mkdtempSync(path.join(tmpdir(), 'feedwright-tests-'));
  // Open to all, as /tmp is: the permission tests run the CLI as the user `nobody`.
  chmodSync(root, 0o1777);
  process.env.TMPDIR = root;
  return () => {
    try {
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    } catch (error) {
      // A tmpfs a failed test left mounted, say: say so, but cleaning up fails no run.
      process.stderr.write(`could not remove ${root}: ${(error as Error).message}\n`);
    }
  };
}

/** Compiles `src/` into `lib/` and bundles the CLI, as `npm run compile` does. */
function compile(): void {
  const result = spawnSync(
    process.execPath,
    ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0)
    process.stderr.write(`tsc reported problems (lib/ was still emitted):\n${result.stdout}`);
  // The CLI runs its bundle (see bin/feedwright.js), made from lib/ as just compiled, as
  // `npm run compile` makes it.
  const bundled = spawnSync(process.execPath, ['scripts/bundle.mjs'], { encoding: 'utf8' });
  if (bundled.status !== 0) throw new Error(`scripts/bundle.mjs failed:\n${bundled.stderr}`);
}

/**
 * Whether the CLI's bundle is newer than every file it is made of: `npm test` has just run
 * `npm run compile` (~10 s, which this would only repeat); a vitest run after an edit compiles.
 */
function compiledSinceEdited(): boolean {
  const bundle = statSync('lib/bundle/cli.js', { throwIfNoEntry: false });
  if (!bundle) return false;
  const inputs = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/bundle.mjs'];
  const newest = (file: string): number => {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat?.isDirectory()) return stat?.mtimeMs ?? Number.POSITIVE_INFINITY;
    return Math.max(
      stat.mtimeMs,
      ...readdirSync(file).map((name) => newest(path.join(file, name))),
    );
  };
  return [...inputs, 'src'].every((file) => newest(file) <= bundle.mtimeMs);
}
