/**
 * Before a write, under the lock: undoes a write that was killed half-way (from its journal),
 * puts back an output folder that an older version's whole-folder swap left moved aside, and
 * removes whatever killed builds left beside the output.
 */
import { renameSync, rmSync, statSync } from 'node:fs';
import { readJournal, rollBack } from './commit-output.js';
import { exists } from './fs-steps.js';
import { leftovers, type OutputSpace } from './output-space.js';

/** Returns one line per thing it did, for the build's notes. */
export function recoverOutput(space: OutputSpace): string[] {
  const notes: string[] = [];
  const journal = readJournal(space);
  if (journal) {
    rollBack(space, journal);
    notes.push(
      `an earlier build was stopped while writing ${space.display}; its changes were undone, back to the output it had published`,
    );
  }
  let litter = leftovers(space);
  if (!exists(space.out)) {
    const moved = newest(litter.filter((entry) => entry.kind === 'old'));
    if (moved) {
      renameSync(moved, space.out);
      notes.push(
        `${space.display} was missing after an earlier build was stopped mid-swap; the output it had moved aside was put back`,
      );
      litter = litter.filter((entry) => entry.name !== moved);
    }
  }
  for (const entry of litter) rmSync(entry.name, { recursive: true, force: true });
  if (litter.length > 0)
    notes.push(
      `removed ${litter.length} temporary ${litter.length === 1 ? 'folder' : 'folders'} that stopped builds left beside ${space.display}`,
    );
  return notes;
}

function newest(entries: { name: string }[]): string | undefined {
  let best: { name: string; at: number } | undefined;
  for (const { name } of entries) {
    const at = statSync(name).mtimeMs;
    if (!best || at > best.at) best = { name, at };
  }
  return best?.name;
}
