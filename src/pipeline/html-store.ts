/** Where a writing build's threads put the stories' HTML aside (see `stored-html.ts`). */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { processRuns } from '../write/lock-owner.js';

const PREFIX = 'feedwright-html-';

/**
 * Makes the folder a build puts its stories' HTML in, under `parent`, named for this process;
 * first removes those of processes no longer running (a build killed before it could clean up
 * would otherwise leave gigabytes behind). `removeHtmlStore` removes it.
 */
export function makeHtmlStore(parent = tmpdir()): string {
  for (const name of readdirSync(parent)) {
    const pid = Number(name.slice(PREFIX.length).split('-')[0]);
    if (name.startsWith(PREFIX) && Number.isInteger(pid) && pid > 0 && !processRuns(pid))
      rmSync(path.join(parent, name), { recursive: true, force: true });
  }
  return mkdtempSync(path.join(parent, `${PREFIX}${process.pid}-`));
}
