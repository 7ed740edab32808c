import { linkSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FeedwrightError } from '../../../src/diagnostics.js';
import { MANIFEST_FILE } from '../../../src/manifest.js';
import {
  type Changes,
  commitChanges,
  readJournal,
  rollBack,
} from '../../../src/write/commit-output.js';
import { outputSpace } from '../../../src/write/output-space.js';
import { hashTree } from '../../helpers/site.js';

// Every rename the writer makes, in order, to see in which order files go live; every link, to
// see where it saves the files it replaces.
const renames = vi.hoisted(() => ({ targets: [] as string[], links: [] as string[] }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const renameSync: typeof fs.renameSync = (from, to) => {
    renames.targets.push(String(to));
    fs.renameSync(from, to);
  };
  const linkSync: typeof fs.linkSync = (from, to) => {
    renames.links.push(String(to));
    fs.linkSync(from, to);
  };
  return { ...fs, renameSync, linkSync, default: { ...fs, renameSync, linkSync } };
});

const parents: string[] = [];
afterAll(async () => {
  await Promise.all(parents.map((dir) => rm(dir, { recursive: true, force: true })));
});
beforeEach(() => {
  renames.targets.length = 0;
  renames.links.length = 0;
});

type Files = Record<string, string>;

async function writeTree(root: string, files: Files): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
}

/** An output `dist` holding `live`, and a staging folder beside it holding `staged`. */
async function setUp(live: Files, staged: Files = {}) {
  const parent = await mkdtemp(path.join(tmpdir(), 'feedwright-commit-'));
  parents.push(parent);
  const out = path.join(parent, 'dist');
  await mkdir(out);
  await writeTree(out, live);
  const space = outputSpace(out, 'dist', 'test');
  await mkdir(space.stage);
  await writeTree(space.stage, staged);
  return { parent, out, space };
}

/** Every file under `dir` with its text. */
async function texts(dir: string): Promise<Files> {
  const out: Files = {};
  for (const file of Object.keys(await hashTree(dir)))
    out[file] = await readFile(path.join(dir, file), 'utf8');
  return out;
}

const noChanges: Changes = { created: [], replaced: [], removed: [] };

describe('commitChanges', () => {
  it('creates, replaces and removes files, then leaves nothing beside the output', async () => {
    const { parent, out, space } = await setUp(
      { 'rss.xml': 'old rss', 'gone.html': 'gone', 'keep.html': 'kept' },
      { 'rss.xml': 'new rss', 'posts/a/index.html': 'page a' },
    );
    commitChanges(space, {
      created: ['posts/a/index.html'],
      replaced: ['rss.xml'],
      removed: ['gone.html'],
    });
    expect(await texts(out)).toEqual({
      'keep.html': 'kept',
      'posts/a/index.html': 'page a',
      'rss.xml': 'new rss',
    });
    expect(await readdir(parent)).toEqual(['dist']);
  });

  it('removes its staging and backup folders however deep, and anything else left in them', async () => {
    const { parent, out, space } = await setUp(
      { 'page/2/index.html': 'old 2', 'page/3/index.html': 'old 3', 'a/b/c/gone.html': 'gone' },
      {
        'page/2/index.html': 'new 2',
        'page/3/index.html': 'new 3',
        'x/y/new.html': 'new',
        'x/stray.txt': 'staged, but no change names it',
      },
    );
    commitChanges(space, {
      created: ['x/y/new.html'],
      replaced: ['page/2/index.html', 'page/3/index.html'],
      removed: ['a/b/c/gone.html'],
    });
    expect(await texts(out)).toEqual({
      'page/2/index.html': 'new 2',
      'page/3/index.html': 'new 3',
      'x/y/new.html': 'new',
    });
    expect(await readdir(parent)).toEqual(['dist']);
  });

  it('saves the files it replaces or removes in one flat folder, each by its place in the journal', async () => {
    const { space } = await setUp(
      { 'page/2/index.html': 'old 2', 'a/b/gone.html': 'gone', 'rss.xml': 'old' },
      { 'page/2/index.html': 'new 2', 'rss.xml': 'new' },
    );
    commitChanges(space, {
      created: [],
      replaced: ['page/2/index.html', 'rss.xml'],
      removed: ['a/b/gone.html'],
    });
    expect(renames.links.map((to) => path.relative(space.backup, to)).sort()).toEqual([
      '0',
      '1',
      '2',
    ]);
  });

  it('never touches a file it does not change: same inode, same mtime', async () => {
    const { out, space } = await setUp(
      { 'keep.html': 'kept', 'posts/b/index.html': 'page b', 'rss.xml': 'old' },
      { 'rss.xml': 'new' },
    );
    const before = await Promise.all(
      ['keep.html', 'posts/b/index.html'].map((file) => stat(path.join(out, file))),
    );
    const staged = await stat(path.join(space.stage, 'rss.xml'));
    commitChanges(space, { ...noChanges, replaced: ['rss.xml'] });
    const after = await Promise.all(
      ['keep.html', 'posts/b/index.html'].map((file) => stat(path.join(out, file))),
    );
    expect(after.map((s) => [s.ino, s.mtimeMs])).toEqual(before.map((s) => [s.ino, s.mtimeMs]));
    // The replaced file is the staged one, moved in (not copied).
    expect((await stat(path.join(out, 'rss.xml'))).ino).toBe(staged.ino);
  });

  it('deletes folders that removals leave empty, and keeps the output folder itself', async () => {
    const { out, space } = await setUp({
      'posts/a/index.html': 'a',
      'posts/a/img/x.png': 'x',
      'posts/b/index.html': 'b',
      'tags/t/index.html': 't',
    });
    commitChanges(space, {
      ...noChanges,
      removed: ['posts/a/index.html', 'posts/a/img/x.png', 'tags/t/index.html'],
    });
    expect(await readdir(out)).toEqual(['posts']);
    expect(await readdir(path.join(out, 'posts'))).toEqual(['b']);

    const emptied = await setUp({ 'only/index.html': 'x' });
    commitChanges(emptied.space, { ...noChanges, removed: ['only/index.html'] });
    expect(await readdir(emptied.out)).toEqual([]);
  });

  it('puts a new folder where a removed file stood', async () => {
    const { parent, out, space } = await setUp({ a: 'file a' }, { 'a/index.html': 'page a' });
    commitChanges(space, { ...noChanges, created: ['a/index.html'], removed: ['a'] });
    expect(await texts(out)).toEqual({ 'a/index.html': 'page a' });
    expect(await readdir(parent)).toEqual(['dist']);
  });

  it('puts a new file where the files of a removed folder stood', async () => {
    const { parent, out, space } = await setUp({ 'a/x': 'x', 'a/y/z': 'z' }, { a: 'file a' });
    commitChanges(space, { ...noChanges, created: ['a'], removed: ['a/x', 'a/y/z'] });
    expect(await texts(out)).toEqual({ a: 'file a' });
    expect(await readdir(parent)).toEqual(['dist']);
  });

  it('moves pages first, then listings, then feeds, the manifest last', async () => {
    const files = [
      MANIFEST_FILE,
      'rss.xml',
      'categories/a/atom.xml',
      'index.html',
      'page/2/index.html',
      'categories/a/index.html',
      'posts/p/index.html',
      'archive/1/feed.json',
      'img/photo.png',
    ];
    const { out, space } = await setUp(
      { 'rss.xml': 'old', [MANIFEST_FILE]: '{}' },
      Object.fromEntries(files.map((file) => [file, `new ${file}`])),
    );
    const replaced = ['rss.xml', MANIFEST_FILE];
    commitChanges(space, {
      created: files.filter((file) => !replaced.includes(file)),
      replaced,
      removed: [],
    });
    const moved = renames.targets
      .filter((target) => target.startsWith(`${out}${path.sep}`))
      .map((target) => path.relative(out, target).split(path.sep).join('/'));
    expect(moved).toEqual([
      'posts/p/index.html',
      'archive/1/feed.json',
      'img/photo.png',
      'index.html',
      'page/2/index.html',
      'categories/a/index.html',
      'categories/a/atom.xml',
      'rss.xml',
      MANIFEST_FILE,
    ]);
  });

  it('on a failure half-way puts back exactly the previous files, then rethrows', async () => {
    const live = {
      a: 'file a',
      'rss.xml': 'old rss',
      'keep.html': 'kept',
      'gone/index.html': 'gone',
      [MANIFEST_FILE]: 'old manifest',
    };
    const { parent, out, space } = await setUp(live, {
      'a/index.html': 'page a',
      'rss.xml': 'new rss',
      'posts/n/index.html': 'new page',
    });
    const before = await hashTree(out);
    const rssInode = (await stat(path.join(out, 'rss.xml'))).ino;
    // The manifest was never staged: its move, the last, fails after every other move was made.
    const error = (() => {
      try {
        commitChanges(space, {
          created: ['a/index.html', 'posts/n/index.html'],
          replaced: ['rss.xml', MANIFEST_FILE],
          removed: ['a', 'gone/index.html'],
        });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toMatchObject({ code: 'ENOENT', syscall: 'rename' });
    expect(renames.targets.map((t) => path.relative(out, t))).toContain('rss.xml');
    expect(await hashTree(out)).toEqual(before);
    expect((await stat(path.join(out, 'rss.xml'))).ino).toBe(rssInode);
    expect(await readdir(parent)).toEqual(['dist']);
  });
});

describe('rollBack', () => {
  /** A commit killed half-way, done by hand: what `commitChanges` leaves when killed at "moving". */
  async function halfDone(version: 1 | 2 = 1) {
    const live = {
      'rss.xml': 'old rss',
      'feed.json': 'old json',
      'gone.html': 'gone',
      'keep.html': 'kept',
    };
    const staged = { 'rss.xml': 'new rss', 'feed.json': 'new json', 'posts/n/index.html': 'new' };
    const setup = await setUp(live, staged);
    const { out, space } = setup;
    const before = await hashTree(out);
    const journal = {
      version,
      stage: path.basename(space.stage),
      backup: path.basename(space.backup),
      created: ['posts/n/index.html'],
      replaced: ['rss.xml', 'feed.json'],
      removed: ['gone.html'],
    };
    writeFileSync(space.journal, JSON.stringify(journal));
    mkdirSync(path.join(out, 'posts/n'), { recursive: true });
    renameSync(path.join(space.stage, 'posts/n/index.html'), path.join(out, 'posts/n/index.html'));
    mkdirSync(space.backup);
    // Version 2 saves each file under its place in [...replaced, ...removed]; 1 under its path.
    const saved = (p: string, i: number) => path.join(space.backup, version === 2 ? `${i}` : p);
    linkSync(path.join(out, 'rss.xml'), saved('rss.xml', 0));
    renameSync(path.join(space.stage, 'rss.xml'), path.join(out, 'rss.xml'));
    // Backed up, not yet replaced.
    linkSync(path.join(out, 'feed.json'), saved('feed.json', 1));
    return { ...setup, before, journal };
  }

  it.each([1, 2] as const)(
    'undoes a commit stopped half-way, back to the previous files (journal version %i)',
    async (version) => {
      const { parent, out, space, before, journal } = await halfDone(version);
      expect(await hashTree(out)).not.toEqual(before);
      rollBack(space, journal);
      expect(await hashTree(out)).toEqual(before);
      expect(await readdir(parent)).toEqual(['dist']);
    },
  );

  it('can run again over its own work, or over an undo stopped half-way', async () => {
    const { parent, out, space, before, journal } = await halfDone();
    rollBack(space, journal);
    rollBack(space, journal);
    expect(await hashTree(out)).toEqual(before);
    expect(await readdir(parent)).toEqual(['dist']);

    // Stopped after deleting the new file and putting back one of two saved files.
    const again = await halfDone();
    unlinkSync(path.join(again.out, 'posts/n/index.html'));
    renameSync(path.join(again.space.backup, 'rss.xml'), path.join(again.out, 'rss.xml'));
    rollBack(again.space, again.journal);
    rollBack(again.space, again.journal);
    expect(await hashTree(again.out)).toEqual(again.before);
    expect(await readdir(again.parent)).toEqual(['dist']);
  });
});

describe('readJournal', () => {
  it('returns undefined when no write was interrupted', async () => {
    const { space } = await setUp({});
    expect(readJournal(space)).toBeUndefined();
  });

  it('returns the journal a stopped write left', async () => {
    const { space } = await setUp({});
    const journal = {
      version: 1,
      stage: '.dist.stage-1',
      backup: '.dist.backup-1',
      created: ['a.html'],
      replaced: ['rss.xml'],
      removed: [],
    };
    await writeFile(space.journal, JSON.stringify(journal));
    expect(readJournal(space)).toEqual(journal);
  });

  it.each([
    ['text that is not JSON', '{"version":1,'],
    [
      'another version',
      '{"version":3,"stage":"s","backup":"b","created":[],"replaced":[],"removed":[]}',
    ],
    [
      'a staging folder outside the parent',
      '{"version":1,"stage":"../s","backup":"b","created":[],"replaced":[],"removed":[]}',
    ],
    [
      'a list that is not of paths',
      '{"version":1,"stage":"s","backup":"b","created":[1],"replaced":[],"removed":[]}',
    ],
    ['a missing list', '{"version":1,"stage":"s","backup":"b","created":[],"replaced":[]}'],
  ])('calls a journal holding %s damaged', async (_, text) => {
    const { space } = await setUp({});
    await writeFile(space.journal, text);
    const error = (() => {
      try {
        readJournal(space);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(FeedwrightError);
    expect((error as FeedwrightError).diagnostics).toEqual([
      {
        severity: 'error',
        code: 'output-journal-damaged',
        file: space.journal,
        message: 'the journal of an interrupted write cannot be read, so it cannot be undone',
        fix: 'check dist by hand, then delete the journal and build again',
      },
    ]);
  });
});
