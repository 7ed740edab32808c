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
  const manifestFile = path.join(options.outDir, '.feedwright-manifest.json');
  const current = readCurrent(await readText(cwd, manifestFile), manifestFile);
  const previous = [];
  for (const file of options.from) {
    const text = await readText(cwd, file);
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
  if (pinned === undefined) return false;
  if (!dryRun && pinned !== text) await writeFile(file, pinned);
  return true;
}

async function readText(cwd: string, file: string): Promise<string | undefined> {
  try {
    return await readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
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
