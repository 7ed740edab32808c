/** The command line read (with a suggestion for every typo), and the help of each command. */
import { parseArgs } from 'node:util';
import { suggestKey } from '../field-reader.js';
import {
  COMMAND_NAMES,
  COMMANDS,
  type CommandName,
  type CommandSpec,
  commandNamed,
  OPTION_HELP,
  OPTIONS,
  type OptionName,
} from './commands.js';

/** Every option, typed: what a command receives. */
function parseAll(argv: readonly string[]) {
  return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
}

export type Flags = ReturnType<typeof parseAll>['values'];

/** What a command line asks for. */
export type CommandLine =
  | { kind: 'help'; command?: CommandName }
  | { kind: 'version' }
  | { kind: 'run'; command: CommandName; flags: Flags; args: string[] }
  | { kind: 'wrong'; message: string; help?: CommandName };

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];
type OptionToken = Extract<Token, { kind: 'option' }>;

/**
 * Reads `argv`: `--help` anywhere wins (the help of the command named, if one is), then
 * `--version`; else the command, its flags and its words, or what is wrong with them.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const { tokens = [] } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: OPTIONS,
  });
  const words = tokens.flatMap((t) => (t.kind === 'positional' ? [t.value] : []));
  const options = tokens.filter((t): t is OptionToken => t.kind === 'option');
  const [first, ...rest] = words;
  const helpFor = first === 'help' ? rest[0] : first;
  if (first === 'help' || options.some((t) => t.name === 'help')) {
    const command = helpFor === undefined ? undefined : commandNamed(helpFor);
    if (helpFor !== undefined && !command && first === 'help') return unknownCommand(helpFor);
    return command ? { kind: 'help', command } : { kind: 'help' };
  }
  if (options.some((t) => t.name === 'version')) return { kind: 'version' };
  if (first === undefined) return { kind: 'wrong', message: 'no command given' };
  const command = commandNamed(first);
  if (!command) return unknownCommand(first);
  const spec: CommandSpec = COMMANDS[command];
  for (const token of options) {
    const problem = optionProblem(command, spec, token);
    if (problem) return { kind: 'wrong', message: problem, help: command };
  }
  const wrongWords = wordsProblem(command, spec, rest);
  if (wrongWords) return { kind: 'wrong', message: wrongWords, help: command };
  return { kind: 'run', command, flags: parseAll(argv).values, args: rest };
}

function unknownCommand(name: string): CommandLine {
  const guess = suggestKey(name, COMMAND_NAMES);
  const hint = guess ? `; did you mean "${guess}"?` : '';
  return { kind: 'wrong', message: `unknown command "${name}"${hint}` };
}

/** What is wrong with one option of `command`, if anything. */
function optionProblem(command: CommandName, spec: CommandSpec, token: OptionToken) {
  const name = token.name;
  const known: readonly string[] = spec.options;
  if (!Object.hasOwn(OPTIONS, name) || !known.includes(name)) {
    const guess = token.rawName.startsWith('--') ? suggestKey(name, known) : undefined;
    const owners = COMMAND_NAMES.filter((c) =>
      (COMMANDS[c].options as readonly string[]).includes(name),
    );
    const elsewhere =
      owners.length > 0 ? ` (${owners.join(', ')} ${owners.length > 1 ? 'have' : 'has'} it)` : '';
    return `${command} has no option ${token.rawName}${guess ? `; did you mean --${guess}?` : elsewhere}`;
  }
  const option = OPTIONS[name as OptionName];
  const shown = `--${name}`;
  if (option.type === 'boolean' && token.value !== undefined) {
    return `${shown} takes no value (given "${token.value}")`;
  }
  if (option.type === 'string') {
    const value = OPTION_HELP[name as OptionName].value;
    if (token.value === undefined) return `${shown} needs a value: ${shown} ${value}`;
    if (!token.inlineValue && token.value.startsWith('-')) {
      return `${shown} needs a value, not the option "${token.value}" (for a value that starts with "-", write ${shown}=${token.value})`;
    }
  }
  return undefined;
}

/** What is wrong with the words after the command, if anything. */
function wordsProblem(command: CommandName, spec: CommandSpec, words: readonly string[]) {
  const quoted = words.map((w) => `"${w}"`).join(' ');
  if (spec.takes === 'nothing' && words.length > 0) {
    return `${command} takes no arguments, but was given ${quoted}`;
  }
  if (spec.takes === 'folder' && words.length > 1) {
    return `${command} takes one folder, but was given ${quoted}`;
  }
  if (spec.takes === 'words' && words.length === 0) {
    return `${command} needs the title of the post: feedwright ${command} "The title"`;
  }
  return undefined;
}

/** The general help: every command in a line, and how to see one's options. */
export function generalHelp(): string {
  const width = Math.max(...COMMAND_NAMES.map((c) => c.length)) + 2;
  const lines = COMMAND_NAMES.map((c) => `  ${c.padEnd(width)}${COMMANDS[c].summary}`);
  return `Usage: feedwright <command> [options]

Commands:
${lines.join('\n')}

Run "feedwright <command> --help" for a command's options.

Options:
${optionLines(['help', 'version'], {})}`;
}

/** One command's help: its usage, what it does, its options and exit codes. */
export function commandHelp(command: CommandName): string {
  const spec: CommandSpec = COMMANDS[command];
  const usage = spec.usage.map((line, i) => `${i === 0 ? 'Usage: ' : '       '}feedwright ${line}`);
  return `${usage.join('\n')}

${spec.description}

Options:
${optionLines([...spec.options, 'help'], spec.optionHelp ?? {})}

${fill(`Exit codes: ${spec.exitCodes}.`)}`;
}

const COLUMN = 21;
const WIDTH = 80;

function optionLines(names: readonly OptionName[], own: Partial<Record<OptionName, string>>) {
  return names
    .map((name) => {
      const { value, help } = OPTION_HELP[name];
      const short =
        'short' in OPTIONS[name] ? `-${(OPTIONS[name] as { short: string }).short}, ` : '';
      const left = `  ${short}--${name}${value ? ` ${value}` : ''}`;
      return wrap(left, own[name] ?? help);
    })
    .join('\n');
}

/** `text` in lines of at most the help's width. */
function fill(text: string): string {
  return wrap('', text, 0);
}

/** `left` and `text` as two columns, `text` wrapped at the help's width. */
function wrap(left: string, text: string, column = COLUMN): string {
  const pad = ' '.repeat(column);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && column + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  const head = left.length < column || column === 0 ? left.padEnd(column) : `${left}\n${pad}`;
  return head + lines.join(`\n${pad}`);
}
