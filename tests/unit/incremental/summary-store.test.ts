import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { hashBytes } from '../../../src/hash.js';
import {
  areSummaryColumns,
  SUMMARIES_KEPT_MS,
  summaryPlaces,
  sweepSummaries,
  writeSummaries,
} from '../../../src/incremental/summary-store.js';
import { closeHtmlReaders, storeHtml, storyText } from '../../../src/stored-html.js';

const dirs: string[] = [];
afterAll(async () => {
  closeHtmlReaders();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function shardIn(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-summaries-'));
  dirs.push(dir);
  return path.join(dir, 'build-0123456789abcdef.stories-3.bin');
}

describe('writeSummaries and summaryPlaces', () => {
  it('keeps summaries as UTF-8 one after another and reads each back where it is, checked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 })), async (texts) => {
        const shard = await shardIn();
        const columns = writeSummaries(shard, texts);
        expect(areSummaryColumns(columns, texts.length)).toBe(true);
        const file = path.join(path.dirname(shard), columns.summaryFile);
        expect(await readFile(file, 'utf8')).toBe(texts.join(''));
        const places = summaryPlaces(
          shard,
          columns,
          texts.map((t) => hashBytes(t)),
        );
        expect(places?.map((place) => storyText(place))).toEqual(texts);
        // None is kept as a place: an empty summary is ''.
        places?.forEach((place, i) => {
          if (texts[i] === '') expect(place).toBe('');
        });
      }),
      { numRuns: 40 },
    );
  });

  it('names the file by its bytes: the same summaries are the same file, others another', async () => {
    const shard = await shardIn();
    const a = writeSummaries(shard, ['One.', 'Two.']);
    expect(a.summaryFile).toMatch(/^build-0123456789abcdef\.stories-3\.summaries-[\w-]+\.txt$/);
    expect(writeSummaries(shard, ['One.', 'Two.']).summaryFile).toBe(a.summaryFile);
    // The same text cut otherwise: the same bytes, the same file, other ends.
    const b = writeSummaries(shard, ['One.Two.']);
    expect(b.summaryFile).toBe(a.summaryFile);
    expect([...b.summaryEnds]).toEqual([8]);
    expect(writeSummaries(shard, ['One.', 'Three.']).summaryFile).not.toBe(a.summaryFile);
  });

  it('copies a summary kept elsewhere (another file, stored) as its bytes, checked', async () => {
    const shard = await shardIn();
    const store = path.dirname(shard);
    const held = storeHtml(store, 'Été — stored.');
    const columns = writeSummaries(shard, ['Held.', { ...held, key: hashBytes('Été — stored.') }]);
    const places = summaryPlaces(shard, columns, [hashBytes('Held.'), hashBytes('Été — stored.')]);
    expect(places?.map((p) => storyText(p))).toEqual(['Held.', 'Été — stored.']);
    expect(() => writeSummaries(shard, [{ ...held, key: hashBytes('Something else') }])).toThrow(
      /not those stored there/,
    );
  });

  it('finds none when the file is not of the bytes its name says, and writes such a file again', async () => {
    const shard = await shardIn();
    const columns = writeSummaries(shard, ['One.', 'Two.']);
    const keys = [hashBytes('One.'), hashBytes('Two.')];
    const file = path.join(path.dirname(shard), columns.summaryFile);
    await writeFile(file, 'One.Tvo.');
    expect(summaryPlaces(shard, columns, keys)).toBeUndefined();
    // A name that is not this shard's, or that gives no hash: not read.
    const renamed = { ...columns, summaryFile: columns.summaryFile.replace('-3.', '-4.') };
    expect(summaryPlaces(shard, renamed, keys)).toBeUndefined();
    expect(summaryPlaces(shard, { ...columns, summaryFile: 'x.txt' }, keys)).toBeUndefined();
    expect(writeSummaries(shard, ['One.', 'Two.'])).toEqual(columns);
    expect(await readFile(file, 'utf8')).toBe('One.Two.');
    expect(summaryPlaces(shard, columns, keys)?.map((p) => storyText(p))).toEqual(['One.', 'Two.']);
  });

  it('finds none when the file is missing or not of the size the shard says', async () => {
    const shard = await shardIn();
    const columns = writeSummaries(shard, ['One.', 'Two.']);
    const keys = [hashBytes('One.'), hashBytes('Two.')];
    const file = path.join(path.dirname(shard), columns.summaryFile);
    await writeFile(file, 'One.Two.!');
    expect(summaryPlaces(shard, columns, keys)).toBeUndefined();
    await rm(file);
    expect(summaryPlaces(shard, columns, keys)).toBeUndefined();
    // Written again as it was: found again.
    writeSummaries(shard, ['One.', 'Two.']);
    expect(summaryPlaces(shard, columns, keys)?.map((p) => storyText(p))).toEqual(['One.', 'Two.']);
    // Ends that run backwards, or a row without its story's key, are not taken.
    expect(summaryPlaces(shard, { ...columns, summaryEnds: Float64Array.of(8, 4) }, keys)).toBe(
      undefined,
    );
    expect(summaryPlaces(shard, columns, keys.slice(0, 1))).toBeUndefined();
  });

  it('refuses columns of another shape', () => {
    const summaryEnds = Float64Array.of(3);
    expect(areSummaryColumns({ summaryFile: 'x.txt', summaryEnds }, 1)).toBe(true);
    expect(areSummaryColumns({ summaryFile: 'x.txt', summaryEnds }, 2)).toBe(false);
    expect(areSummaryColumns({ summaryFile: '../x.txt', summaryEnds }, 1)).toBe(false);
    expect(areSummaryColumns({ summaryEnds }, 1)).toBe(false);
    expect(areSummaryColumns({ summaryFile: 'x.txt', summaryEnds: [3] as never }, 1)).toBe(false);
  });
});

describe('sweepSummaries', () => {
  it('removes a summaries file no shard names only long after it was let go, and nothing else', async () => {
    const shard = await shardIn();
    const dir = path.dirname(shard);
    const cache = path.join(dir, 'build-0123456789abcdef.bin');
    const kept = writeSummaries(shard, ['Kept.']).summaryFile;
    const released = writeSummaries(shard, ['Let go by this save.']).summaryFile;
    const stale = writeSummaries(shard, ['Let go long ago.']).summaryFile;
    const recent = writeSummaries(shard, ['Written by another build just now.']).summaryFile;
    const others = [
      'build-0123456789abcdef.bin',
      'build-0123456789abcdef.stories-3.bin',
      // Another cache's, long ago.
      'build-fedcba9876543210.stories-3.summaries-abc.txt',
    ];
    for (const name of others) await writeFile(path.join(dir, name), '');
    await writeFile(path.join(dir, `${stale}.tmp-123`), 'left by a build that stopped');
    const now = Date.now() + SUMMARIES_KEPT_MS + 60_000;
    const longAgo = new Date(now - SUMMARIES_KEPT_MS - 1000);
    for (const name of [kept, released, stale, `${stale}.tmp-123`, ...others])
      await utimes(path.join(dir, name), longAgo, longAgo);
    const justNow = new Date(now - 1000);
    await utimes(path.join(dir, recent), justNow, justNow);
    sweepSummaries(cache, new Set([kept]), new Set([released]), now);
    expect((await readdir(dir)).sort()).toEqual([...others, kept, released, recent].sort());
    // What this save let go is marked so; a later save removes it once that is long enough ago.
    // (Within a millisecond: an mtime is set in seconds as a float, and file systems round it.)
    expect(Math.abs((await stat(path.join(dir, released))).mtimeMs - now)).toBeLessThan(1);
    sweepSummaries(cache, new Set([kept]), new Set(), now + SUMMARIES_KEPT_MS - 1000);
    expect(await readdir(dir)).toContain(released);
    sweepSummaries(cache, new Set([kept]), new Set(), now + SUMMARIES_KEPT_MS + 1000);
    expect((await readdir(dir)).sort()).toEqual([...others, kept].sort());
    expect(SUMMARIES_KEPT_MS).toBeGreaterThanOrEqual(10 * 60 * 1000);
    // A folder that is not there: nothing to do.
    expect(() => sweepSummaries(path.join(dir, 'none', 'build.bin'), new Set())).not.toThrow();
  });
});
