/** The library's build options from the flags `build`, `check` and `serve` share. */
import type { BuildOptions } from '../build.js';
import { outputFormat } from './report.js';
import type { Flags } from './usage.js';

/** The options, or the message saying which flag is wrong. */
export function buildOptions(flags: Flags, cwd: string): BuildOptions | { wrong: string } {
  const threads = flags.threads === undefined ? undefined : Number(flags.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) {
    return { wrong: `--threads must be a whole number of at least 1, not "${flags.threads}"` };
  }
  return {
    cwd,
    ...(flags.posts ? { postsDir: flags.posts } : {}),
    ...(flags.out ? { outDir: flags.out } : {}),
    ...(flags.config ? { configFile: flags.config } : {}),
    includeFuture: flags.future ?? false,
    includeDrafts: flags.drafts ?? false,
    strict: flags.strict ?? false,
    force: flags.force ?? false,
    allowEmpty: flags['allow-empty'] ?? false,
    ...(flags['cache-dir'] ? { cacheDir: flags['cache-dir'] } : {}),
    ...(flags['no-cache'] ? { cacheDir: false as const } : {}),
    ...(flags['no-git'] ? { git: false as const } : {}),
    ...(threads !== undefined ? { threads } : {}),
  };
}

/** What `build` and `check` run with: the `--format` to print in, and the build options. */
export function buildSetup(
  flags: Flags,
  cwd: string,
): { format: 'text' | 'json'; options: BuildOptions } | { wrong: string } {
  const format = outputFormat(flags.format);
  if (typeof format === 'object') return format;
  const options = buildOptions(flags, cwd);
  return 'wrong' in options ? options : { format, options };
}
