/**
 * `feedwright migrate`: reads the feeds a site published before (saved files), and pins in each
 * post what readers know it by, so that the new build continues those feeds — no story shown
 * again, none lost. Only the lines it pins change in a post file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SiteContext } from '../continuity/broken.js';
import { readCurrent, readPrevious } from '../continuity/read-snapshots.js';
import { FeedwrightError } from '../diagnostics.js';
import { parseFrontMatter } from '../load/front-matter.js';
import { readTextIfPresent } from '../load/read-source.js';
import { MANIFEST_FILE } from '../manifest.js';
import { pinFrontMatter } from './pin-front-matter.js';
import { type MigrationPlan, type Pin, planMigration } from './plan-migration.js';

export interface MigrateOptions {
  /** The old feeds (RSS, Atom or JSON Feed files), as typed, relative to `cwd`. */
  from: readonly string[];
  /** The folder the new build wrote (its manifest is read). */
  outDir: string;
  postsDir: string;
  cwd: string;
  site: SiteContext;
  /** Say what would change, write nothing. */
  dryRun?: boolean;
}

export interface MigrateResult extends MigrationPlan {
  /** Post files changed (or that would be), relative to the posts folder. */
  changed: string[];
  /** Post files whose front matter could not be written into. */
  failed: string[];
}

export async function migratePosts(options: MigrateOptions): Promise<MigrateResult> {
  const { cwd } = options;
  const manifestFile = path.join(options.outDir, MANIFEST_FILE);
  const current = readCurrent(await readTextIfPresent(cwd, manifestFile), manifestFile);
  const previous = [];
  for (const file of options.from) {
    const text = await readTextIfPresent(cwd, file);
    if (text === undefined) throw missing(file);
    previous.push(await readPrevious(text, file));
  }
  const plan = planMigration(previous, current, options.site);
  const changed: string[] = [];
  const failed: string[] = [];
  for (const [source, pin] of plan.pins) {
    const file = path.resolve(cwd, options.postsDir, source);
    const written = await pinFile(file, pin, options.dryRun ?? false);
    (written ? changed : failed).push(source);
  }
  return { ...plan, changed, failed };
}

async function pinFile(file: string, pin: Pin, dryRun: boolean): Promise<boolean> {
  const text = await readFile(file, 'utf8');
  const pinned = pinFrontMatter(text, pin);
  // Read back as a build reads it: written only when exactly the pins changed.
  if (pinned === undefined || !pinsHold(text, pinned, pin)) return false;
  if (!dryRun && pinned !== text) await writeFile(file, pinned);
  return true;
}

/** True when `after` reads as `before` with `pin` in it, and nothing else changed. */
export function pinsHold(before: string, after: string, pin: Pin): boolean {
  const read = (text: string) => {
    const result = parseFrontMatter(text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'), 'post');
    return result.ok ? result.frontMatter : undefined;
  };
  const old = read(before);
  const now = read(after);
  if (!old || !now || old.body !== now.body) return false;
  const expected: Record<string, unknown> = { ...old.data };
  if (pin.id !== undefined) expected.id = pin.id;
  if (pin.date !== undefined) expected.date = pin.date;
  if (pin.aliases.length > 0) {
    const key =
      !('aliases' in old.data) && 'redirect_from' in old.data ? 'redirect_from' : 'aliases';
    const had = old.data[key];
    const list = had === undefined || had === null ? [] : Array.isArray(had) ? had : [had];
    expected[key] = [...list, ...pin.aliases];
  }
  return JSON.stringify(sorted(expected)) === JSON.stringify(sorted(now.data));
}

function sorted(data: Record<string, unknown>): [string, unknown][] {
  return Object.entries(data).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function missing(file: string): FeedwrightError {
  return new FeedwrightError([
    {
      severity: 'error',
      code: 'migrate-feed-missing',
      file,
      message: 'old feed not found',
      fix: 'save each feed the site published (rss.xml, atom.xml, feed.json) and pass it with --from',
    },
  ]);
}
