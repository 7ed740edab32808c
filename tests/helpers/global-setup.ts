import { execFileSync } from 'node:child_process';

/** End-to-end tests run the real CLI, which runs the compiled library: compile once first. */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
}
