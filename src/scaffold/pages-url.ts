/** Where GitHub Pages will serve a site, guessed from the GitHub remote of its repository. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Pages URL of the repository `remote` names (`git@github.com:me/news.git`,
 * `https://github.com/me/news`): `https://me.github.io/news/`, or `https://me.github.io/` for the
 * `me.github.io` repository itself. Undefined for a remote that is not on github.com.
 */
export function pagesUrlOf(remote: string): string | undefined {
  const match =
    /^(?:git@github\.com:|ssh:\/\/git@github\.com\/|https:\/\/(?:[^@/]+@)?github\.com\/|git:\/\/github\.com\/)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/i.exec(
      remote.trim(),
    );
  if (!match) return undefined;
  const owner = (match[1] as string).toLowerCase();
  const repo = match[2] as string;
  if (repo.toLowerCase() === `${owner}.github.io`) return `https://${owner}.github.io/`;
  return `https://${owner}.github.io/${repo}/`;
}

/** The `url` of the `origin` remote in a git config file's text, if it has one. */
export function originUrl(gitConfig: string): string | undefined {
  let inOrigin = false;
  for (const line of gitConfig.split(/\r?\n/)) {
    const section = /^\s*\[\s*([^\]]+?)\s*\]/.exec(line);
    if (section) {
      inOrigin = /^remote\s+"origin"$/.test(section[1] as string);
      continue;
    }
    const url = inOrigin ? /^\s*url\s*=\s*(.+?)\s*$/.exec(line) : null;
    if (url) return url[1];
  }
  return undefined;
}

/** The Pages URL of the git repository at `dir` (its own `.git` folder), if GitHub hosts it. */
export function pagesUrl(dir: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(dir, '.git', 'config'), 'utf8');
  } catch {
    return undefined;
  }
  const remote = originUrl(text);
  return remote ? pagesUrlOf(remote) : undefined;
}
