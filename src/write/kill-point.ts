/**
 * Named points in the write where a test may kill the build outright (`kill -9`), to prove that
 * the output is whole at every one of them and that the next build cleans up. Only tests set
 * `FEEDWRIGHT_TEST_KILL_AT` (to a point's name, optionally `name:n` for its n-th passage).
 */
export type KillPoint =
  | 'staged' // every new file written beside the output; nothing in the output changed yet
  | 'journal' // the journal written; about to move files into the output
  | 'moving' // in the middle of moving new files in (after half of them)
  | 'moved' // every new file and the manifest in place; old files not yet deleted
  | 'removed' // old files deleted; the journal not yet removed
  | 'rollback'; // in the middle of undoing a failed or interrupted write

const passes = new Map<string, number>();

export function killPoint(name: KillPoint): void {
  const wanted = process.env.FEEDWRIGHT_TEST_KILL_AT;
  if (!wanted) return;
  const [point, nth = '1'] = wanted.split(':');
  if (point !== name) return;
  const count = (passes.get(name) ?? 0) + 1;
  passes.set(name, count);
  if (String(count) === nth) process.kill(process.pid, 'SIGKILL');
}
