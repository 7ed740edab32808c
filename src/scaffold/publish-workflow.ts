/** The GitHub Actions workflow a new site publishes with: this package's `templates/publish.yml`. */
import { readFileSync } from 'node:fs';

/** Where the workflow goes in a site. */
export const WORKFLOW_PATH = '.github/workflows/publish.yml';

/** The template's text (from `lib/scaffold/` and `src/scaffold/` alike, two folders down). */
export function publishWorkflow(): string {
  return readFileSync(new URL('../../templates/publish.yml', import.meta.url), 'utf8');
}
