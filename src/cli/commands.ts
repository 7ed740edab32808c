/** Every command and option of the CLI, with the words its help shows. */

/** Each option as `parseArgs` takes it. */
export const OPTIONS = {
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
  'no-git': { type: 'boolean' },
  title: { type: 'string' },
  url: { type: 'string' },
  timezone: { type: 'string' },
  slug: { type: 'string' },
  port: { type: 'string' },
  from: { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export type OptionName = keyof typeof OPTIONS;

/** An option's value as the help names it, and what it does (unless a command says otherwise). */
export const OPTION_HELP: Record<OptionName, { value?: string; help: string }> = {
  posts: { value: 'DIR', help: 'folder of posts (default: posts)' },
  out: { value: 'DIR', help: 'output folder (default: dist)' },
  config: { value: 'FILE', help: 'site config (default: feedwright.config.json)' },
  future: { help: 'include posts dated in the future' },
  drafts: { help: 'include posts marked draft: true' },
  strict: { help: 'fail on warnings too' },
  force: { help: 'replace an output folder holding files feedwright did not write' },
  'allow-empty': {
    help: 'build even when the posts folder holds no post although the output folder has a published site (it would be emptied)',
  },
  'cache-dir': {
    value: 'DIR',
    help: 'where the build cache lives (default: node_modules/.cache/feedwright; CI can save and restore it)',
  },
  format: { value: 'text|json', help: 'how to print problems (default: text)' },
  previous: { value: 'FILE', help: 'manifest of the previously published build' },
  profile: { value: 'NAMES', help: 'google-news, msn, flipboard, or several: msn,flipboard' },
  quiet: { help: 'print only errors' },
  verbose: { help: 'print cache use and time per stage' },
  threads: { value: 'N', help: 'threads for reading posts (default: one per core)' },
  'no-cache': { help: 'ignore and do not update the build cache' },
  'no-git': {
    help: "read every post a checkout wrote again, never asking git's index which are unchanged",
  },
  title: { value: 'TEXT', help: "the site's title (default: from the folder's name)" },
  url: {
    value: 'URL',
    help: "where the site will be served (default: the GitHub Pages address of the folder's GitHub remote, else https://example.com/)",
  },
  timezone: {
    value: 'ZONE',
    help: "IANA time zone dates are written and read in (default: this machine's)",
  },
  slug: { value: 'SLUG', help: "the post's file name and URL slug (default: from the title)" },
  port: {
    value: 'N',
    help: 'port on 127.0.0.1 to serve on (default: 4000; 0 picks a free one)',
  },
  from: {
    value: 'FEED',
    help: 'a feed the old site published (RSS, Atom or JSON Feed), saved as a file; once per feed',
  },
  'dry-run': { help: 'say what would be pinned, and change no file' },
  help: { help: 'show this help' },
  version: { help: 'show the version' },
};

export interface CommandSpec {
  /** Usage lines, each after `feedwright ` (its options are listed below them). */
  usage: readonly string[];
  /** One line for the general help. */
  summary: string;
  /** What it does, for its own help. */
  description: string;
  options: readonly OptionName[];
  /** What it takes besides options: nothing, an optional folder, or words (a title). */
  takes: 'nothing' | 'folder' | 'words';
  /** Its own words for an option, where they differ from `OPTION_HELP`. */
  optionHelp?: Partial<Record<OptionName, string>>;
  exitCodes: string;
}

const BUILD_OPTIONS: readonly OptionName[] = [
  'posts',
  'config',
  'future',
  'drafts',
  'threads',
  'cache-dir',
  'no-cache',
  'no-git',
];

export const COMMANDS = {
  init: {
    usage: ['init [DIR] [options]'],
    summary: 'start a site in DIR (default: here)',
    description: `Writes a new site into DIR (created if missing; default: the current folder):
feedwright.config.json, posts/welcome.md (an example post dated today),
public/, .gitignore, package.json (unless there is one) with feedwright as a
dev dependency, and .github/workflows/publish.yml, which builds, checks and
publishes the site to GitHub Pages. It asks nothing, and never replaces a
file: when any of these exists, it lists them and writes nothing.`,
    options: ['title', 'url', 'timezone'],
    takes: 'folder',
    exitCodes: '0 the site was written, 1 a file is in the way or cannot be written, 2 wrong usage',
  },
  new: {
    usage: ['new "TITLE" [options]'],
    summary: 'start a post dated now',
    description: `Writes posts/<slug>.md with the title and the date and time now in the site's
time zone (from the config), the slug made from the title. It never replaces
a file: when the post exists, pick another title or --slug.`,
    options: ['slug', 'posts', 'config'],
    takes: 'words',
    exitCodes:
      '0 the post was written, 1 it exists, the config has errors or the file cannot be written, 2 wrong usage',
  },
  serve: {
    usage: ['serve [options]'],
    summary: 'preview the site on 127.0.0.1, rebuilt on every change',
    description: `Builds the site into node_modules/.cache/feedwright/serve (never dist/), serves
it on http://127.0.0.1:PORT/ and builds again on every change to the posts,
public/ or the config. An open page reloads itself after each build. A build
that fails prints its problems and the last good build stays served, with a
banner naming them. Stop it with Ctrl+C.`,
    options: ['port', ...BUILD_OPTIONS, 'out', 'quiet'],
    takes: 'nothing',
    optionHelp: {
      out: 'build into DIR instead (default: node_modules/.cache/feedwright/serve)',
      quiet: 'print only problems, not a line per build',
    },
    exitCodes: '0 stopped, 1 the port is in use or the server cannot start, 2 wrong usage',
  },
  check: {
    usage: ['check [options]', 'check --profile NAME[,NAME…] [options]'],
    summary: 'check posts and config (or the built feeds, with --profile)',
    description: `Without --profile: reads every post and the config and builds the site in
memory, writing nothing (the build cache aside), and prints every error and
warning a build would. With --strict warnings fail it too.

With --profile: checks the feeds built in the output folder against an
aggregator's documented rules (google-news, msn or flipboard; several with
commas): feed size and item count, title and description length, images
present and large enough (the site's own files are measured), full text,
absolute URLs, https, one language per feed. Each finding names the rule, the
post file, and whether it is an error or advice.`,
    options: ['profile', 'out', 'strict', 'format', 'quiet', ...BUILD_OPTIONS],
    takes: 'nothing',
    optionHelp: {
      out: '(with --profile) the output folder to read (default: dist)',
      strict: 'fail on warnings (with --profile: on advice) too',
      quiet: 'print only errors',
    },
    exitCodes:
      '0 no errors (warnings and advice alone pass, unless --strict), 1 errors found, or no build in the output folder (with --profile), 2 wrong usage',
  },
  build: {
    usage: ['build [options]'],
    summary: 'build the feeds and pages into dist/',
    description: `Builds RSS 2.0, Atom 1.0 and JSON Feed 1.1 feeds (for the site, each category,
author and tag) and HTML pages from Markdown posts with front matter, into the
output folder, and prints one line saying what it did. Problems go to stderr,
each with its file, line, field and fix.`,
    options: [
      ...BUILD_OPTIONS,
      'out',
      'strict',
      'force',
      'allow-empty',
      'format',
      'quiet',
      'verbose',
    ],
    takes: 'nothing',
    exitCodes:
      '0 built, 1 a post, the config or the file system stopped the build (the output is then exactly as it was), 2 wrong usage, 70 a bug in feedwright',
  },
  diff: {
    usage: ['diff --previous FILE [options]'],
    summary: 'what readers will see when the build replaces what is live',
    description: `Compares the build in the output folder with --previous (the published
.feedwright-manifest.json, or a published RSS, Atom or JSON feed from any
generator) and prints, per feed, the items readers will see as new, updated or
removed, and every post whose id, link or date changed or that is no longer
published although its file is there (broken continuity), with the
front-matter fix. Markdown, for a CI job summary; or --format json.`,
    options: ['previous', 'out', 'posts', 'config', 'format'],
    takes: 'nothing',
    optionHelp: {
      previous: 'the published manifest, or a feed file as it was published',
      format: 'text (Markdown) or json (default: text)',
    },
    exitCodes: '0 continuity holds, 1 it is broken or a file cannot be read, 2 wrong usage',
  },
  migrate: {
    usage: ['migrate --from FEED [--from FEED…] [options]'],
    summary: "pin in each post what readers of the old site's feeds know it by",
    description: `Reads the feeds a site published before it moved to feedwright (saved files),
matches their items to the posts (by id, link, then exact title) and pins in
each post what readers know it by — the old id, the old address as an alias (a
redirect page), the old date — changing only those lines, so the new feeds
continue the old ones: no story shown again, none lost. Build first: it reads
the manifest of the build in the output folder.`,
    options: ['from', 'dry-run', 'posts', 'config', 'out'],
    takes: 'nothing',
    optionHelp: { out: "the new build's output folder, whose manifest is read (default: dist)" },
    exitCodes:
      '0 pinned (an old item no post matches is a warning), 1 a post could not be pinned, or the config, the build or a feed cannot be read, 2 wrong usage',
  },
  ping: {
    usage: ['ping [options]'],
    summary: "tell the config's WebSub hubs which feeds changed",
    description: `Tells the config's WebSub hubs about every feed in the output folder whose
bytes differ from --previous (an earlier .feedwright-manifest.json; without
it, every feed).`,
    options: ['out', 'config', 'previous', 'quiet'],
    takes: 'nothing',
    optionHelp: { quiet: 'print only failures and the summary' },
    exitCodes:
      '0 every hub took every ping, 1 a hub refused or could not be reached, 2 wrong usage',
  },
} satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** The commands that name one, in the order the general help lists them. */
export function commandNamed(name: string): CommandName | undefined {
  return Object.hasOwn(COMMANDS, name) ? (name as CommandName) : undefined;
}
