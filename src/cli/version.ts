import { readFileSync } from 'node:fs';

/** feedwright's version, from its package.json (two folders up from `src/cli/` and `lib/cli/`). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
