/** `feedwright new "Title"`: a post dated now, in the posts folder. */
import path from 'node:path';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load-config.js';
import { type Diagnostic, FeedwrightError, formatDiagnostic } from '../diagnostics.js';
import { createFiles, existingPaths } from '../scaffold/create-files.js';
import { NEW_POST_BODY, postDate, postText } from '../scaffold/post-file.js';
import { makeSlug } from '../slug.js';
import { type CliIo, EXIT, nowOf, shownPath } from './io.js';
import type { Flags } from './usage.js';

/**
 * Writes `<posts>/<slug>.md` with the title and the date now in the site's time zone; never
 * replaces a file (exit 1). The slug is `--slug`'s, else the title's.
 */
export async function newCommand(flags: Flags, io: CliIo, words: string[]): Promise<number> {
  const title = words.join(' ').replace(/\s+/g, ' ').trim();
  const slug = makeSlug(flags.slug ?? title);
  const problem = !title
    ? 'the title is empty: feedwright new "The title"'
    : !slug
      ? `${flags.slug === undefined ? `the title "${title}"` : `--slug "${flags.slug}"`} gives no slug (it has no letter or digit feedwright can put in a URL) — pass --slug with one, e.g. --slug my-story`
      : undefined;
  if (problem) {
    io.stderr(`feedwright: ${problem}\n`);
    return EXIT.usage;
  }
  try {
    const timeZone = await siteTimeZone(flags, io);
    const postsDir = path.resolve(io.cwd, flags.posts ?? 'posts');
    const file = {
      path: `${slug}.md`,
      content: postText(title, postDate(nowOf(io), timeZone), NEW_POST_BODY),
    };
    const shown = shownPath(io, path.join(postsDir, file.path));
    if (existingPaths(postsDir, [file]).length > 0) {
      io.stderr(
        `feedwright: ${shown} exists already — pick another title, or name the file with --slug\n`,
      );
      return EXIT.content;
    }
    createFiles(postsDir, [file], (f) => shownPath(io, f));
    io.stdout(`feedwright: wrote ${shown}\n`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof FeedwrightError)) throw error;
    for (const d of error.diagnostics) io.stderr(`${formatDiagnostic(withInitHint(d))}\n`);
    return EXIT.content;
  }
}

/** The config's time zone: the post's date is written in it. */
async function siteTimeZone(flags: Flags, io: CliIo): Promise<string> {
  const configArg = flags.config ?? DEFAULT_CONFIG_FILE;
  const { config } = await loadConfig(path.resolve(io.cwd, configArg), configArg);
  return config.timezone;
}

/** A missing config, with the command that makes one. */
function withInitHint(d: Diagnostic): Diagnostic {
  if (d.code !== 'config-missing') return d;
  return { ...d, fix: 'run "feedwright init" to start a site here, or pass --config FILE' };
}
