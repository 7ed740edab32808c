/**
 * Plain records of one kind (the stories the cache keeps) as columns: an array per field. V8's
 * deserializer makes an object field by field, each new object finding its shape again; 100,000
 * stories kept as objects decoded in ~450 ms, the same values as columns in ~190 ms, and making
 * the objects back from them takes ~100 ms more. Any field a record has is kept, whatever it is:
 * a field added to the records needs nothing here.
 */

/** One field's values: of every record (numbers in a typed array), or of those that have it. */
export type FieldColumn =
  | { name: string; numbers: Float64Array }
  | { name: string; every: unknown[] }
  /** An array in every record, kept only where not empty: the others get an empty one. */
  | { name: string; arrays: [row: number, value: unknown[]][] }
  | { name: string; rows: Uint32Array; values: unknown[] };

export interface RecordColumns {
  rows: number;
  /** In the order the records first have them. */
  fields: FieldColumn[];
}

/** `records` as columns (see `recordsOf`). */
export function columnsOf(records: readonly object[]): RecordColumns {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const record of records)
    for (const name in record)
      if (!seen.has(name)) {
        seen.add(name);
        names.push(name);
      }
  return { rows: records.length, fields: names.map((name) => fieldColumn(records, name)) };
}

function fieldColumn(records: readonly object[], name: string): FieldColumn {
  const valueIn = (record: object) => (record as Record<string, unknown>)[name];
  const has = (record: object) => Object.hasOwn(record, name);
  if (!records.every(has)) {
    const rows = records.flatMap((record, row) => (has(record) ? [row] : []));
    return {
      name,
      rows: Uint32Array.from(rows),
      values: rows.map((row) => valueIn(records[row] as object)),
    };
  }
  const values = records.map(valueIn);
  if (values.every((value) => typeof value === 'number'))
    return { name, numbers: Float64Array.from(values as number[]) };
  if (values.every(Array.isArray))
    return {
      name,
      arrays: (values as unknown[][]).flatMap((value, row) =>
        value.length > 0 ? [[row, value]] : [],
      ) as [number, unknown[]][],
    };
  return { name, every: values };
}

/**
 * The records `columns` keeps, each with the fields it had (in the order the columns list them),
 * set on `start(row)` (a new empty object by default): a record completed from another is made
 * once, not made and then copied (100,000 stories' posts: ~20 MB that outlived the young
 * generation to be dropped).
 */
export function recordsOf<T extends object>(
  columns: RecordColumns,
  start: (row: number) => object = () => ({}),
): T[] {
  const records: Record<string, unknown>[] = [];
  for (let row = 0; row < columns.rows; row++) records.push(start(row) as Record<string, unknown>);
  // Counted loops: an `entries()` iterator makes a [row, value] pair per value (100,000 stories:
  // ~75 MB for the collector).
  for (const field of columns.fields) {
    const { name } = field;
    const set = (row: number, value: unknown) => {
      (records[row] as Record<string, unknown>)[name] = value;
    };
    if ('numbers' in field || 'every' in field) {
      const values = 'numbers' in field ? field.numbers : field.every;
      for (let row = 0; row < values.length; row++) set(row, values[row]);
    } else if ('arrays' in field) {
      for (const record of records) record[name] = [];
      for (const [row, value] of field.arrays) set(row, value);
    } else
      for (let i = 0; i < field.rows.length; i++) set(field.rows[i] as number, field.values[i]);
  }
  return records as T[];
}

/** True when `value` is shaped as `columnsOf` makes columns (the values are not looked into). */
export function areRecordColumns(value: unknown): value is RecordColumns {
  const columns = value as Partial<RecordColumns> | undefined;
  const rows = columns?.rows;
  if (!Number.isSafeInteger(rows) || (rows as number) < 0 || !Array.isArray(columns?.fields))
    return false;
  const isRow = (row: unknown) =>
    Number.isInteger(row) && (row as number) >= 0 && (row as number) < (rows as number);
  return (columns?.fields ?? []).every((field: Partial<Record<string, unknown>>) => {
    if (typeof field?.name !== 'string') return false;
    if (field.numbers instanceof Float64Array) return field.numbers.length === rows;
    if (Array.isArray(field.every)) return field.every.length === rows;
    if (Array.isArray(field.arrays))
      return field.arrays.every(
        (entry) => Array.isArray(entry) && isRow(entry[0]) && Array.isArray(entry[1]),
      );
    return (
      field.rows instanceof Uint32Array &&
      Array.isArray(field.values) &&
      field.rows.length === field.values.length &&
      field.rows.every(isRow)
    );
  });
}
