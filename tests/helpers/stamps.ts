import { StampsTaken, stampAt } from '../../src/file-stamps.js';
import type { FileStamp, StampColumns } from '../../src/model.js';

/** `columns` as an object of each path's stamp, in their order: for comparisons in tests. */
export function stampsByPath(columns: StampColumns): Record<string, FileStamp> {
  return Object.fromEntries(
    columns.paths.map((file) => [file, stampAt(columns, file) as FileStamp]),
  );
}

/** `stamps` in columns, in their order, as a write takes them (`StampsTaken`). */
export function stampColumns(stamps: Readonly<Record<string, FileStamp>>): StampColumns {
  const taken = new StampsTaken();
  for (const [file, stamp] of Object.entries(stamps)) taken.add(file, stamp);
  return taken.columns();
}
