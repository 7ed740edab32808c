import { linkSync, renameSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedwrightError } from '../../../src/diagnostics.js';
import { outputSpace } from '../../../src/write/output-space.js';
import { recoverOutput } from '../../../src/write/recover-output.js';
import { hashTree } from '../../helpers/site.js';

const parents: string[] = [];
afterAll(async () => {
  await Promise.all(parents.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
}

/** A folder holding the output `dist` with `files` (none: no output at all). */
async function setUp(files?: Record<string, string>) {
  const parent = await mkdtemp(path.join(tmpdir(), 'feedwright-recover-'));
  parents.push(parent);
  const out = path.join(parent, 'dist');
  if (files) {
    await mkdir(out);
    await writeTree(out, files);
  }
  return { parent, out, space: outputSpace(out, 'dist', 'this-build') };
}

const UNDONE =
  'an earlier build was stopped while writing dist; its changes were undone, back to the output it had published';
const PUT_BACK =
  'dist was missing after an earlier build was stopped mid-swap; the output it had moved aside was put back';

describe('recoverOutput', () => {
  it('does nothing, and says nothing, when no build was stopped', async () => {
    const { parent, out, space } = await setUp({ 'rss.xml': 'rss' });
    const before = await hashTree(out);
    expect(recoverOutput(space)).toEqual([]);
    expect(await hashTree(out)).toEqual(before);
    expect(await readdir(parent)).toEqual(['dist']);

    const none = await setUp();
    expect(recoverOutput(none.space)).toEqual([]);
    expect(await readdir(none.parent)).toEqual([]);
  });

  it('undoes a write stopped half-way from its journal, and says so', async () => {
    const { parent, out, space } = await setUp({
      'rss.xml': 'old rss',
      'gone.html': 'gone',
      'keep.html': 'kept',
    });
    const before = await hashTree(out);
    // The stopped build's own staging and backup folders, named in its journal.
    const stage = path.join(parent, '.dist.stage-killed');
    const backup = path.join(parent, '.dist.backup-killed');
    await writeTree(stage, { 'rss.xml': 'new rss', 'posts/n/index.html': 'new' });
    await writeFile(
      space.journal,
      JSON.stringify({
        version: 1,
        stage: path.basename(stage),
        backup: path.basename(backup),
        created: ['posts/n/index.html'],
        replaced: ['rss.xml'],
        removed: ['gone.html'],
      }),
    );
    await mkdir(path.join(out, 'posts/n'), { recursive: true });
    renameSync(path.join(stage, 'posts/n/index.html'), path.join(out, 'posts/n/index.html'));
    await mkdir(backup);
    linkSync(path.join(out, 'rss.xml'), path.join(backup, 'rss.xml'));
    renameSync(path.join(stage, 'rss.xml'), path.join(out, 'rss.xml'));
    expect(await hashTree(out)).not.toEqual(before);

    expect(recoverOutput(space)).toEqual([UNDONE]);
    expect(await hashTree(out)).toEqual(before);
    expect(await readdir(parent)).toEqual(['dist']);
  });

  it('stops on a journal it cannot read, leaving everything as it is', async () => {
    const { parent, space } = await setUp({ 'rss.xml': 'rss' });
    await writeFile(space.journal, 'not a journal');
    await mkdir(path.join(parent, '.dist.stage-1'));
    expect(() => recoverOutput(space)).toThrow(FeedwrightError);
    expect((await readdir(parent)).sort()).toEqual(['.dist.journal', '.dist.stage-1', 'dist']);
  });

  it('puts back an output an older swap left moved aside, and says so', async () => {
    const { parent, out, space } = await setUp();
    await writeTree(path.join(parent, '.dist.old-123-abcd'), { 'rss.xml': 'old rss' });
    expect(recoverOutput(space)).toEqual([PUT_BACK]);
    expect(await readdir(parent)).toEqual(['dist']);
    expect(await readFile(path.join(out, 'rss.xml'), 'utf8')).toBe('old rss');
  });

  it('of several outputs moved aside puts back the newest, and removes the others', async () => {
    const { parent, out, space } = await setUp();
    const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes));
    for (const [name, minutes] of [
      ['.dist.old-1-aaaa', 10],
      ['.dist.old-2-bbbb', 30],
      ['.dist.old-3-cccc', 20],
    ] as const) {
      await writeTree(path.join(parent, name), { 'rss.xml': name });
      await utimes(path.join(parent, name), at(minutes), at(minutes));
    }
    await writeTree(path.join(parent, '.dist.tmp-2-bbbb'), { 'rss.xml': 'half-made' });
    expect(recoverOutput(space)).toEqual([
      PUT_BACK,
      'removed 3 temporary folders that stopped builds left beside dist',
    ]);
    expect(await readdir(parent)).toEqual(['dist']);
    expect(await readFile(path.join(out, 'rss.xml'), 'utf8')).toBe('.dist.old-2-bbbb');
  });

  it('removes what stopped builds left beside the output, counting it', async () => {
    const { parent, out, space } = await setUp({ 'rss.xml': 'rss' });
    const before = await hashTree(out);
    await writeTree(path.join(parent, '.dist.stage-1-aa'), { 'a/rss.xml': 'x' });
    await writeTree(path.join(parent, '.dist.backup-1-aa'), { 'rss.xml': 'x' });
    await writeTree(path.join(parent, '.dist.tmp-2-bb'), { 'rss.xml': 'x' });
    await writeTree(path.join(parent, '.dist.old-2-bb'), { 'rss.xml': 'x' });
    await writeFile(path.join(parent, '.dist.journal.tmp-77'), '{"version":1');
    expect(recoverOutput(space)).toEqual([
      'removed 5 temporary folders that stopped builds left beside dist',
    ]);
    expect(await readdir(parent)).toEqual(['dist']);
    expect(await hashTree(out)).toEqual(before);

    await mkdir(path.join(parent, '.dist.stage-3-cc'));
    expect(recoverOutput(space)).toEqual([
      'removed 1 temporary folder that stopped builds left beside dist',
    ]);
    expect(await readdir(parent)).toEqual(['dist']);
  });

  it('leaves alone whatever else stands beside the output', async () => {
    const { parent, space } = await setUp({ 'rss.xml': 'rss' });
    const others = [
      '.distance',
      'dist-old',
      '.dist.lock',
      '.dist.old',
      '.dist.stage',
      '.dist.oldies-1',
      '.dist2.stage-1',
      '.other.tmp-1',
    ];
    for (const name of others) await mkdir(path.join(parent, name));
    await writeFile(path.join(parent, 'dist.old-1'), 'a file');
    expect(recoverOutput(space)).toEqual([]);
    expect((await readdir(parent)).sort()).toEqual([...others, 'dist', 'dist.old-1'].sort());
  });
});
