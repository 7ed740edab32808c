/**
 * The output is never missing, half-written or left behind: a build killed (`kill -9`) at each
 * named step of its write leaves only whole files — each one byte-for-byte the previous build's
 * or the new build's — and the next build undoes or finishes the job and removes the litter; a
 * reader polling the output through 20 rebuilds never finds a file missing or partial.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { CLI, hashTree, makeConfig, postText, siteMaker } from '../helpers/site.js';

const makeSite = siteMaker();
type Tree = Record<string, string>;

function post(i: number, extra = '') {
  return postText(
    {
      title: `Story ${i}`,
      date: `2026-03-${String((i % 28) + 1).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:00`,
      categories: [i % 2 ? 'Politics' : 'Economy'],
    },
    `Paragraph of story ${i}.${extra}\n`,
  );
}

async function baseSite(): Promise<string> {
  const posts: Record<string, string> = {};
  for (let i = 0; i < 12; i++) posts[`story-${i}.md`] = post(i);
  return makeSite(posts, makeConfig({ limit: 3, archiveSize: 4 }));
}

/** Edits one post, adds one and deletes one: files are replaced, created and removed. */
async function change(dir: string): Promise<void> {
  await writeFile(path.join(dir, 'posts/story-3.md'), post(3, ' A correction.'));
  await writeFile(path.join(dir, 'posts/story-new.md'), post(30));
  await rm(path.join(dir, 'posts/story-5.md'));
}

function buildIn(dir: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [CLI, 'build'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_ACTIONS: '', ...env },
  });
}

/** What writes leave beside `dist` (lock, journal, staging, backups, old swaps). */
async function besideDist(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.startsWith('.dist'));
}

/** Every file is one build's whole file, and nothing both builds have is missing. */
function expectWhole(tree: Tree, before: Tree, after: Tree): void {
  for (const [file, digest] of Object.entries(tree))
    expect([before[file], after[file]], file).toContain(digest);
  for (const file of Object.keys(before))
    if (after[file] !== undefined) expect(tree[file], file).toBeDefined();
}

describe('a build killed while writing', () => {
  let base: string;
  let before: Tree;
  let after: Tree;
  beforeAll(async () => {
    base = await baseSite();
    expect(buildIn(base).status).toBe(0);
    before = await hashTree(path.join(base, 'dist'));
    const fresh = await makeSite({});
    cpSync(base, fresh, { recursive: true });
    await change(fresh);
    expect(buildIn(fresh).status).toBe(0);
    after = await hashTree(path.join(fresh, 'dist'));
    // The change really creates, replaces and removes files.
    expect(Object.keys(after).some((p) => before[p] === undefined)).toBe(true);
    expect(Object.keys(before).some((p) => after[p] === undefined)).toBe(true);
    expect(Object.keys(after).some((p) => before[p] && before[p] !== after[p])).toBe(true);
  });

  async function killedAt(point: string): Promise<string> {
    const dir = await makeSite({});
    cpSync(base, dir, { recursive: true });
    await change(dir);
    const run = buildIn(dir, { FEEDWRIGHT_TEST_KILL_AT: point });
    expect(run.signal, run.stderr).toBe('SIGKILL');
    return dir;
  }

  const cases: [point: string, left: 'before' | 'mixed' | 'after', note: RegExp][] = [
    ['staged', 'before', /removed 1 temporary folder/],
    ['journal', 'before', /its changes were undone/],
    ['moving', 'mixed', /its changes were undone/],
    ['moved', 'mixed', /its changes were undone/],
    ['removed', 'after', /removed 2 temporary folders/],
  ];
  it.each(cases)(
    'at "%s" leaves whole files, and the next build cleans up',
    async (point, left, note) => {
      const dir = await killedAt(point);
      const tree = await hashTree(path.join(dir, 'dist'));
      expectWhole(tree, before, after);
      if (left === 'before') expect(tree).toEqual(before);
      if (left === 'after') expect(tree).toEqual(after);
      if (left === 'mixed') expect([before, after]).not.toContainEqual(tree);
      const next = buildIn(dir);
      expect(next.status, next.stderr).toBe(0);
      expect(next.stderr).toMatch(note);
      expect(await hashTree(path.join(dir, 'dist'))).toEqual(after);
      expect(await besideDist(dir)).toEqual([]);
    },
  );

  it('while undoing a killed write leaves whole files, and the next build still ends clean', async () => {
    const dir = await killedAt('moving');
    const undo = buildIn(dir, { FEEDWRIGHT_TEST_KILL_AT: 'rollback' });
    expect(undo.signal).toBe('SIGKILL');
    expectWhole(await hashTree(path.join(dir, 'dist')), before, after);
    expect(buildIn(dir).status).toBe(0);
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(after);
    expect(await besideDist(dir)).toEqual([]);
  });

  it('puts back an output folder that an older version left moved aside mid-swap', async () => {
    const dir = await makeSite({});
    cpSync(base, dir, { recursive: true });
    // Killed between its two renames: no dist, the old output beside it, a half-made new one.
    cpSync(path.join(dir, 'dist'), path.join(dir, '.dist.old-123-abcd'), { recursive: true });
    await rm(path.join(dir, 'dist'), { recursive: true });
    cpSync(path.join(dir, '.dist.old-123-abcd'), path.join(dir, '.dist.tmp-123-abcd'), {
      recursive: true,
    });
    await change(dir);
    const next = buildIn(dir);
    expect(next.status, next.stderr).toBe(0);
    expect(next.stderr).toMatch(/was missing .* put back/);
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(after);
    expect(await besideDist(dir)).toEqual([]);
  });
});

/** A reader in another process reading `files` of `dir` over and over until `stop` exists. */
const POLLER = `
const fs = require('node:fs');
const [dir, list] = process.argv.slice(1);
const files = JSON.parse(list);
const whole = (file, text) =>
  file.endsWith('.json') ? (JSON.parse(text), true)
  : file.endsWith('.xml') ? /<\\/(rss|feed)>\\s*$/.test(text)
  : file.endsWith('.html') ? /<\\/html>\\s*$/.test(text) : true;
const tally = { reads: 0, missing: 0, partial: 0, examples: [] };
while (!fs.existsSync(dir + '/stop')) {
  for (const file of files) {
    tally.reads++;
    let text;
    try { text = fs.readFileSync(dir + '/dist/' + file, 'utf8'); }
    catch (e) { tally.missing++; if (tally.examples.length < 5) tally.examples.push(file + ' ' + e.code); continue; }
    let ok = false;
    try { ok = whole(file, text); } catch {}
    if (!ok) { tally.partial++; if (tally.examples.length < 5) tally.examples.push(file + ' partial'); }
  }
}
process.stdout.write(JSON.stringify(tally));
`;

describe('a reader polling the output during rebuilds', () => {
  it('never finds a file missing or half-written through 20 rebuilds', async () => {
    const dir = await baseSite();
    const options = { cwd: dir, threads: 1 };
    await build(options);
    const files = [
      'rss.xml',
      'atom.xml',
      'feed.json',
      'index.html',
      'categories/politics/rss.xml',
      'categories/economy/feed.json',
      'posts/story-1/index.html',
      '.feedwright-manifest.json',
    ];
    const poller = spawn(process.execPath, ['-e', POLLER, dir, JSON.stringify(files)]);
    let output = '';
    poller.stdout.on('data', (chunk) => {
      output += chunk;
    });
    const done = new Promise((resolve) => poller.on('close', resolve));
    const written: number[] = [];
    for (let round = 0; round < 20; round++) {
      // Every round replaces the feeds and listings; every other one adds or deletes a post.
      await writeFile(path.join(dir, 'posts/story-2.md'), post(2, ` Revision ${round}.`));
      if (round % 4 === 1) await writeFile(path.join(dir, 'posts/extra.md'), post(40));
      if (round % 4 === 3) await rm(path.join(dir, 'posts/extra.md'));
      written.push((await build(options)).written.length);
    }
    await writeFile(path.join(dir, 'stop'), '');
    await done;
    const tally = JSON.parse(output) as {
      reads: number;
      missing: number;
      partial: number;
      examples: string[];
    };
    expect(tally.reads).toBeGreaterThan(files.length * 20);
    expect({ missing: tally.missing, partial: tally.partial, examples: tally.examples }).toEqual({
      missing: 0,
      partial: 0,
      examples: [],
    });
    for (const count of written) expect(count).toBeGreaterThan(5);
  });
});
