/** `feedwright init [DIR]`: a new site, ready to build and to publish with GitHub Pages. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { validateConfig } from '../config/validate-config.js';
import { FeedwrightError, formatDiagnostic } from '../diagnostics.js';
import { createFiles, existingPaths } from '../scaffold/create-files.js';
import { pagesUrl } from '../scaffold/pages-url.js';
import {
  machineTimeZone,
  PLACEHOLDER_URL,
  siteConfig,
  titleFromFolder,
} from '../scaffold/site-config.js';
import { type NewFile, siteFiles } from '../scaffold/site-files.js';
import { type CliIo, EXIT, nowOf, shownPath } from './io.js';
import type { Flags } from './usage.js';
import { version } from './version.js';

/**
 * Writes the site's files into DIR (default: the working folder), or, when any of them exists,
 * lists those and writes nothing (exit 1). Flags that would make a config feedwright refuses
 * are wrong usage (exit 2).
 */
export async function initCommand(flags: Flags, io: CliIo, args: string[]): Promise<number> {
  const dir = path.resolve(io.cwd, args[0] ?? '.');
  const shown = shownPath(io, dir);
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    io.stderr(`feedwright: ${shown} is a file, not a folder — name a new or existing folder\n`);
    return EXIT.content;
  }
  const choices = {
    title: flags.title ?? titleFromFolder(path.basename(dir)),
    url: flags.url ?? pagesUrl(dir) ?? PLACEHOLDER_URL,
    timezone: flags.timezone ?? machineTimeZone(),
  };
  const wrongFlags = flagProblems(choices);
  if (wrongFlags.length > 0) {
    for (const line of wrongFlags) io.stderr(`feedwright: ${line}\n`);
    return EXIT.usage;
  }
  const hadPackage = existsSync(path.join(dir, 'package.json'));
  const files = siteFiles({
    ...choices,
    folderName: path.basename(dir),
    version: version(),
    now: nowOf(io),
    packageJson: !hadPackage,
  });
  const taken = existingPaths(dir, files);
  if (taken.length > 0) {
    const list = taken.map((file) => `  ${shownPath(io, path.join(dir, file))}\n`).join('');
    io.stderr(
      `feedwright: init writes nothing: ${taken.length === 1 ? 'this file exists' : 'these files exist'} already:\n${list}Move ${taken.length === 1 ? 'it' : 'them'} away, or start the site in another folder: feedwright init DIR\n`,
    );
    return EXIT.content;
  }
  try {
    createFiles(dir, files, (file) => shownPath(io, file));
  } catch (error) {
    if (!(error instanceof FeedwrightError)) throw error;
    for (const d of error.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
    return EXIT.content;
  }
  io.stdout(nextSteps(io, dir, files, { ...choices, hadPackage }));
  return EXIT.ok;
}

/** What is wrong with the config the flags (or their defaults) give, as `--flag "value": …`. */
function flagProblems(choices: { title: string; url: string; timezone: string }): string[] {
  const result = validateConfig(siteConfig(choices), 'feedwright.config.json');
  return result.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => {
      const flag = (d.field ?? '').split('.')[0] as keyof typeof choices;
      const given = Object.hasOwn(choices, flag) ? ` ${JSON.stringify(choices[flag])}` : '';
      return `--${flag}${given}: ${d.message}${d.fix ? ` — ${d.fix}` : ''}`;
    });
}

/** What was written, and what to do next. */
function nextSteps(
  io: CliIo,
  dir: string,
  files: readonly NewFile[],
  site: { url: string; hadPackage: boolean },
): string {
  const shown = shownPath(io, dir);
  const written = files.map((f) => `  ${f.path}\n`).join('');
  const steps: string[] = [];
  if (shown !== '.') steps.push(`cd ${shown}`);
  if (!site.hadPackage) steps.push('npm install                   (then commit package-lock.json)');
  else if (!dependsOnFeedwright(path.join(dir, 'package.json'))) steps.push('npm i -D feedwright');
  steps.push('npx feedwright serve          preview at http://127.0.0.1:4000/ as you write');
  steps.push('npx feedwright new "A title"  start a post dated now');
  steps.push('npx feedwright build          write the feeds and pages into dist/');
  const url =
    site.url === PLACEHOLDER_URL
      ? `\nSet "url" in feedwright.config.json to the address the site will have (it says ${PLACEHOLDER_URL} for now).\n`
      : '';
  const kept = site.hadPackage ? 'package.json was there already: it is left as it was.\n' : '';
  return `feedwright: a new site in ${shown === '.' ? 'this folder' : shown}:\n${written}${kept}
Next:
${steps.map((step) => `  ${step}\n`).join('')}${url}
To publish on GitHub Pages: push to GitHub, then in the repository's Settings → Pages set Source
to "GitHub Actions". .github/workflows/publish.yml builds, checks and deploys the site on every
push to main and every 15 minutes (so a post dated in the future goes out on time).
`;
}

/** True when the package.json at `file` lists feedwright among its dependencies. */
function dependsOnFeedwright(file: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
    return ['dependencies', 'devDependencies'].some((key) => Boolean(pkg[key]?.feedwright));
  } catch {
    return false;
  }
}
