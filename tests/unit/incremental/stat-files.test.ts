import { statSync } from 'node:fs';
import { mkdtemp, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { statFiles } from '../../../src/incremental/stat-files.js';

async function tempDir() {
  return mkdtemp(path.join(tmpdir(), 'feedwright-stat-'));
}

describe('statFiles', () => {
  it('gives [size, mtimeMs] pairs in the order of the files', async () => {
    const dir = await tempDir();
    const a = path.join(dir, 'a.md');
    const b = path.join(dir, 'b.md');
    await writeFile(a, 'four');
    await writeFile(b, 'eleven byte');
    await utimes(b, new Date('2026-01-02T03:04:05Z'), new Date('2026-01-02T03:04:05Z'));
    const stamps = statFiles([b, a]);
    expect(stamps).toBeInstanceOf(Float64Array);
    expect([...stamps]).toEqual([11, Date.parse('2026-01-02T03:04:05Z'), 4, statSync(a).mtimeMs]);
  });

  it('gives NaN for both values of a file that does not exist', async () => {
    const dir = await tempDir();
    const a = path.join(dir, 'a.md');
    await writeFile(a, 'x');
    const stamps = statFiles([path.join(dir, 'gone.md'), a]);
    expect([...stamps]).toEqual([Number.NaN, Number.NaN, 1, statSync(a).mtimeMs]);
  });

  it('joins the folder given before each path', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'a.md'), 'four');
    const stamps = statFiles(['a.md', 'gone.md'], `${dir}${path.sep}`);
    expect([...stamps]).toEqual([
      4,
      statSync(path.join(dir, 'a.md')).mtimeMs,
      Number.NaN,
      Number.NaN,
    ]);
  });

  it('gives an empty array for no files', () => {
    expect(statFiles([])).toEqual(new Float64Array(0));
  });
});
