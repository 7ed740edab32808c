import { spawnSync } from 'node:child_process';

/**
 * End-to-end tests run the real CLI, which runs the compiled library: compile once first.
 * tsc emits even when types are wrong; type errors are `npm run typecheck`'s job, not ours.
 */
export default function setup(): void {
  const result = spawnSync(
    process.execPath,
    ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0)
    process.stderr.write(`tsc reported problems (lib/ was still emitted):\n${result.stdout}`);
}
