/** The command line: a thin layer over the library, with its world (`io`) passed in. */
import { readFileSync } from 'node:fs';
import { buildCommand } from './cli/build-command.js';
import { checkCommand } from './cli/check-command.js';
import { diffCommand } from './cli/diff-command.js';
import { type CliIo, EXIT } from './cli/io.js';
import { pingCommand } from './cli/ping-command.js';
import { HELP, parseCommandLine } from './cli/usage.js';

export { type CliIo, EXIT } from './cli/io.js';

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Runs one command line; resolves to the exit code. Bugs reject (the launcher prints them). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    io.stderr(`feedwright: ${(error as Error).message}\nRun "feedwright --help" for usage.\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${HELP}\n`);
    return EXIT.ok;
  }
  if (values.version) {
    io.stdout(`${version()}\n`);
    return EXIT.ok;
  }
  const [command, ...rest] = positionals;
  if (command === 'ping' && rest.length === 0) return pingCommand(values, io);
  if (command === 'build' && rest.length === 0) return buildCommand(values, io);
  if (command === 'diff' && rest.length === 0) return diffCommand(values, io);
  if (command === 'check' && rest.length === 0) return checkCommand(values, io);
  const problem = command
    ? `unknown command "${[command, ...rest].join(' ')}"`
    : 'no command given';
  io.stderr(`feedwright: ${problem}\nRun "feedwright --help" for usage.\n`);
  return EXIT.usage;
}
