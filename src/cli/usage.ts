import { parseArgs } from 'node:util';

export const HELP = `Usage: feedwright build [options]
       feedwright ping [--out DIR] [--config FILE] [--previous FILE]
       feedwright diff --previous FILE [--out DIR] [--posts DIR] [--config FILE]
                       [--format text|json]
       feedwright check --profile NAME[,NAME…] [--out DIR] [--posts DIR]
                        [--format text|json] [--strict] [--quiet]

build  Builds RSS 2.0, Atom 1.0 and JSON Feed 1.1 feeds (site-wide and per
       category) from Markdown posts with YAML front matter.
ping   Tells the config's WebSub hubs about every feed in the output folder whose
       bytes differ from --previous (an earlier .feedwright-manifest.json; without
       it, every feed).
diff   Compares the build in the output folder with --previous (the published
       .feedwright-manifest.json, or a published RSS, Atom or JSON feed from any
       generator) and prints, per feed, the items readers will see as new,
       updated or removed, and every post whose id, link or date changed or that
       is no longer published although its file is there (broken continuity),
       with the front-matter fix. Markdown, for a CI job summary; or --format json.
check  Checks the feeds in the output folder against an aggregator's documented
       rules (--profile google-news, msn or flipboard; several with commas): feed
       size and item count, title and description length, images present and
       large enough (the site's own files are measured), full text, absolute
       URLs, https, one language per feed. Each finding names the rule, the post
       file, and whether it is an error or advice.

Options:
  --posts DIR        folder of posts (default: posts)
  --out DIR          output folder (default: dist)
  --config FILE      site config (default: feedwright.config.json)
  --future           include posts dated in the future
  --drafts           include posts marked draft: true
  --strict           fail on warnings too
  --force            replace an output folder holding files feedwright did not write
  --allow-empty      build even when the posts folder holds no post although the
                     output folder has a published site (it would be emptied)
  --format text|json how to print diagnostics and the diff report (default: text)
  --previous FILE    (ping) manifest of the previously published build;
                     (diff) that manifest, or a feed file as it was published
  --profile NAMES    (check) google-news, msn, flipboard, or several: msn,flipboard
  --threads N        threads for reading posts (default: one per core)
  --cache-dir DIR    where the build cache lives (default:
                     node_modules/.cache/feedwright; CI can save and restore it)
  --no-cache         ignore and do not update the build cache
  -q, --quiet        print only errors
  --verbose          print cache use and time per stage
  -h, --help         show this help
  -v, --version      show the version

Exit codes: 0 built, 1 a post, the config or the file system stopped the build
(the output is then exactly as it was), 2 wrong usage, 70 a bug in feedwright;
diff: 0 continuity holds, 1 it is broken or a file cannot be read, 2 wrong usage;
check: 0 no errors (advice alone passes, unless --strict), 1 errors found or no
build in the output folder, 2 wrong usage.`;

/** The command line, parsed; throws a `TypeError` naming the bad option. */
export function parseCommandLine(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      posts: { type: 'string' },
      out: { type: 'string' },
      config: { type: 'string' },
      future: { type: 'boolean' },
      drafts: { type: 'boolean' },
      strict: { type: 'boolean' },
      force: { type: 'boolean' },
      'allow-empty': { type: 'boolean' },
      'cache-dir': { type: 'string' },
      format: { type: 'string' },
      previous: { type: 'string' },
      profile: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      verbose: { type: 'boolean' },
      threads: { type: 'string' },
      'no-cache': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

export type CommandLine = ReturnType<typeof parseCommandLine>;
export type Flags = CommandLine['values'];
