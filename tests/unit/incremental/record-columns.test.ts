import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  areRecordColumns,
  columnsOf,
  type RecordColumns,
  recordsOf,
} from '../../../src/incremental/record-columns.js';

/** Through V8's serializer, as the cache keeps them. */
const stored = (columns: RecordColumns) => deserialize(serialize(columns)) as RecordColumns;

describe('record columns', () => {
  it('keep each field as a column of the kind its values allow', () => {
    const records = [
      { size: 1, title: 'a', tags: [], image: { url: 'x' } },
      { size: 2.5, title: 'b', tags: ['t'], when: new Date(0) },
      { size: Number.NaN, title: 'c', tags: [], image: undefined },
    ];
    const columns = columnsOf(records);
    expect(columns.rows).toBe(3);
    expect(columns.fields.map((f) => f.name)).toEqual(['size', 'title', 'tags', 'image', 'when']);
    expect(columns.fields[0]).toEqual({
      name: 'size',
      numbers: Float64Array.of(1, 2.5, Number.NaN),
    });
    expect(columns.fields[1]).toEqual({ name: 'title', every: ['a', 'b', 'c'] });
    // Only the arrays that are not empty are kept.
    expect(columns.fields[2]).toEqual({ name: 'tags', arrays: [[1, ['t']]] });
    expect(columns.fields[3]).toEqual({
      name: 'image',
      rows: Uint32Array.of(0, 2),
      values: [{ url: 'x' }, undefined],
    });
    const back = recordsOf<Partial<Record<string, unknown>>>(stored(columns));
    expect(back).toStrictEqual(records);
    // A field a record lacked is still lacking; one it had as undefined is still there.
    expect(Object.hasOwn(back[1] as object, 'image')).toBe(false);
    expect(Object.hasOwn(back[2] as object, 'image')).toBe(true);
    expect(back[1]?.when).toBeInstanceOf(Date);
    // Each record its own empty array.
    expect(back[0]?.tags).not.toBe(back[2]?.tags);
  });

  it('give back every record as it was, whatever its fields', () => {
    const value = fc.oneof(
      fc.string(),
      fc.double(),
      fc.constant(undefined),
      fc.array(fc.string(), { maxLength: 2 }),
      fc.record({ name: fc.string() }),
    );
    const records = fc.array(
      fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e'), value, { maxKeys: 5 }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(records, (list) => {
        const columns = stored(columnsOf(list));
        expect(areRecordColumns(columns)).toBe(true);
        const back = recordsOf<Record<string, unknown>>(columns);
        expect(back).toHaveLength(list.length);
        back.forEach((record, row) => {
          const original = list[row] as Record<string, unknown>;
          expect(Object.keys(record).sort()).toEqual(Object.keys(original).sort());
          // (fast-check makes some objects without a prototype; V8's serializer gives them one.)
          for (const key of Object.keys(original)) expect(record[key]).toEqual(original[key]);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('tell columns from what is not, or is out of step with its rows', () => {
    expect(areRecordColumns(columnsOf([{ a: 1 }]))).toBe(true);
    expect(areRecordColumns({ rows: 0, fields: [] })).toBe(true);
    for (const wrong of [
      undefined,
      [],
      { rows: '1', fields: [] },
      { rows: -1, fields: [] },
      { rows: 1.5, fields: [] },
      { rows: 1, fields: [{ name: 'a', arrays: [[-1, ['x']]] }] },
      { rows: 2, fields: [{ name: 'a', arrays: [[0.5, ['x']]] }] },
      { rows: 1, fields: [{ numbers: Float64Array.of(1) }] },
      { rows: 2, fields: [{ name: 'a', numbers: Float64Array.of(1) }] },
      { rows: 2, fields: [{ name: 'a', every: [1] }] },
      { rows: 1, fields: [{ name: 'a', arrays: [[1, []]] }] },
      { rows: 1, fields: [{ name: 'a', arrays: [[0, 'x']] }] },
      { rows: 1, fields: [{ name: 'a', rows: Uint32Array.of(1), values: [1] }] },
      { rows: 1, fields: [{ name: 'a', rows: Uint32Array.of(0), values: [] }] },
      { rows: 1, fields: [{ name: 'a', rows: [0], values: [1] }] },
    ])
      expect(areRecordColumns(wrong)).toBe(false);
  });
});
