import type { BuildProgress } from '../build.js';
import type { CliIo } from './io.js';

const LABELS: Record<BuildProgress['stage'], string> = {
  read: 'reading posts',
  render: 'rendering',
  write: 'writing feeds',
};

/**
 * A one-line progress display on a terminal, shown only once a build has taken about a second;
 * silent in CI, when piped, and with --quiet.
 */
export function progressReporter(io: CliIo, quiet: boolean, clock: () => number = Date.now) {
  const enabled = Boolean(io.interactive) && !quiet && !io.env.CI;
  const started = clock();
  let shown = false;
  let last = 0;
  return {
    update: (p: BuildProgress) => {
      const now = clock();
      if (!enabled || now - started < 1000 || (now - last < 100 && p.done !== p.total)) return;
      last = now;
      shown = true;
      io.stderr(`\r\x1b[K${LABELS[p.stage]} ${p.done}/${p.total}`);
    },
    clear: () => {
      if (shown) io.stderr('\r\x1b[K');
      shown = false;
    },
  };
}
