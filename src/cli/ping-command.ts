import path from 'node:path';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load-config.js';
import { FeedwrightError, formatDiagnostic } from '../diagnostics.js';
import { pingHubs } from '../publish/ping.js';
import { type CliIo, EXIT } from './io.js';
import type { Flags } from './usage.js';

/** `feedwright ping`: tells the config's hubs about the feeds that changed. */
export async function pingCommand(flags: Flags, io: CliIo): Promise<number> {
  try {
    const configArg = flags.config ?? DEFAULT_CONFIG_FILE;
    const { config } = await loadConfig(path.resolve(io.cwd, configArg), configArg);
    const result = await pingHubs({
      outDir: path.resolve(io.cwd, flags.out ?? 'dist'),
      siteUrl: config.url,
      hubs: config.hubs,
      ...(flags.previous ? { previousManifest: path.resolve(io.cwd, flags.previous) } : {}),
      log: (line) => {
        if (!flags.quiet) io.stderr(`${line}\n`);
      },
    });
    for (const outcome of result.outcomes.filter((o) => !o.ok)) {
      io.stderr(`feedwright: ${outcome.error ?? `${outcome.hub} failed for ${outcome.feed}`}\n`);
    }
    io.stdout(`feedwright: ${result.summary}\n`);
    return result.failed > 0 ? EXIT.content : EXIT.ok;
  } catch (error) {
    if (!(error instanceof FeedwrightError)) throw error;
    for (const d of error.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
    return EXIT.content;
  }
}
