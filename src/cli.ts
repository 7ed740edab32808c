/** The command line: a thin layer over the library, with its world (`io`) passed in. */
import type { CommandName } from './cli/commands.js';
import { type CliIo, EXIT } from './cli/io.js';
import { commandHelp, type Flags, generalHelp, parseCommandLine } from './cli/usage.js';
import { version } from './cli/version.js';

export { type CliIo, EXIT } from './cli/io.js';
export { version } from './cli/version.js';
export { spareCompiler } from './pipeline/compiler-budget.js';

type Command = (flags: Flags, io: CliIo, args: string[]) => Promise<number>;

/**
 * Each command, loaded when it runs: a build that finds its output up to date loads no server,
 * scaffolding or migration code.
 */
const RUN: Record<CommandName, () => Promise<Command>> = {
  init: async () => (await import('./cli/init-command.js')).initCommand,
  new: async () => (await import('./cli/new-command.js')).newCommand,
  serve: async () => (await import('./cli/serve-command.js')).serveCommand,
  check: async () => (await import('./cli/check-command.js')).checkCommand,
  build: async () => (await import('./cli/build-command.js')).buildCommand,
  diff: async () => (await import('./cli/diff-command.js')).diffCommand,
  migrate: async () => (await import('./cli/migrate-command.js')).migrateCommand,
  ping: async () => (await import('./cli/ping-command.js')).pingCommand,
};

/** Runs one command line; resolves to the exit code. Bugs reject (the launcher prints them). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const line = parseCommandLine(argv);
  switch (line.kind) {
    case 'help':
      io.stdout(`${line.command ? commandHelp(line.command) : generalHelp()}\n`);
      return EXIT.ok;
    case 'version':
      io.stdout(`${version()}\n`);
      return EXIT.ok;
    case 'wrong': {
      const hint = line.help
        ? `Run "feedwright ${line.help} --help" for its options.`
        : 'Run "feedwright --help" for usage.';
      io.stderr(`feedwright: ${line.message}\n${hint}\n`);
      return EXIT.usage;
    }
    case 'run':
      return (await RUN[line.command]())(line.flags, io, line.args);
  }
}
