/**
 * `feedwright migrate --from FEED…`: pins in each post what readers of the site's old feeds know
 * it by (see src/migrate), then says what it changed and what it could not match.
 */
import path from 'node:path';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load-config.js';
import { postFile } from '../continuity/format-report.js';
import { type Diagnostic, FeedwrightError } from '../diagnostics.js';
import { type MigrateResult, migratePosts } from '../migrate/migrate-posts.js';
import { type CliIo, EXIT } from './io.js';
import { reporter } from './report.js';
import type { Flags } from './usage.js';

export async function migrateCommand(flags: Flags, io: CliIo): Promise<number> {
  const from = flags.from ?? [];
  if (from.length === 0) {
    io.stderr(
      'feedwright: migrate needs --from FEED (each feed the old site published, saved as a file)\nRun "feedwright migrate --help" for its options.\n',
    );
    return EXIT.usage;
  }
  const report = reporter(io, 'text', false);
  const postsDir = flags.posts ?? 'posts';
  try {
    const configArg = flags.config ?? DEFAULT_CONFIG_FILE;
    const { config } = await loadConfig(path.resolve(io.cwd, configArg), configArg);
    const result = await migratePosts({
      from,
      outDir: flags.out ?? 'dist',
      postsDir,
      cwd: io.cwd,
      site: { siteUrl: config.url, timeZone: config.timezone },
      dryRun: flags['dry-run'] ?? false,
    });
    io.stdout(summary(result, postsDir, flags['dry-run'] ?? false));
    await report(leftOver(result, postsDir));
    return result.failed.length > 0 ? EXIT.content : EXIT.ok;
  } catch (error) {
    if (!(error instanceof FeedwrightError)) throw error;
    await report(error.diagnostics);
    return EXIT.content;
  }
}

/** What was pinned where, and what to do next. */
function summary(result: MigrateResult, postsDir: string, dryRun: boolean): string {
  const lines = [...result.pins].flatMap(([source, pin]) => {
    const what = [
      pin.id !== undefined ? `id ${JSON.stringify(pin.id)}` : '',
      pin.date !== undefined ? `date ${pin.date}` : '',
      ...pin.aliases.map((alias) => `alias ${alias}`),
    ].filter(Boolean);
    return [`${postFile(postsDir, source)}: ${what.join(', ')}`];
  });
  const verb = dryRun ? 'would pin' : 'pinned';
  const head =
    lines.length === 0
      ? 'Every old item already continues: nothing to pin.'
      : `${verb[0]?.toUpperCase()}${verb.slice(1)} what readers know ${lines.length} post${lines.length === 1 ? '' : 's'} by:`;
  const next =
    dryRun || lines.length === 0
      ? ''
      : '\nBuild again, then check with: feedwright diff --previous FEED\n';
  return `${[head, ...lines.map((line) => `  ${line}`)].join('\n')}\n${next}`;
}

/** Warnings for the old items that stay unmatched, and the addresses no alias can answer. */
function leftOver(result: MigrateResult, postsDir: string): Diagnostic[] {
  return [
    ...result.unmatched.map(
      (item): Diagnostic => ({
        severity: 'warning',
        code: 'migrate-unmatched',
        file: item.url,
        message: `no post is "${item.title}" (id ${item.id}): readers keep it, and it gets nothing new`,
        fix: 'if the story is still here, give its post this title, or `id:` and `aliases:` by hand',
      }),
    ),
    ...result.unreachable.map(
      ({ source, url }): Diagnostic => ({
        severity: 'warning',
        code: 'migrate-unreachable',
        file: postFile(postsDir, source),
        message: `its old address ${url} is not under the site URL: no alias can answer it`,
        fix: 'keep the old host redirecting there, or set `link:` to it',
      }),
    ),
    ...result.failed.map(
      (source): Diagnostic => ({
        severity: 'error',
        code: 'migrate-no-front-matter',
        file: postFile(postsDir, source),
        message: 'its front matter could not be written into (its closing line was not found)',
        fix: 'add the pins by hand: see `feedwright diff --previous FEED`',
      }),
    ),
  ];
}
