import { existsSync } from 'node:fs';
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedwrightError } from '../../../src/diagnostics.js';
import { stampAt } from '../../../src/file-stamps.js';
import { hashBytes } from '../../../src/hash.js';
import { formatManifest, MANIFEST_FILE, type Manifest } from '../../../src/manifest.js';
import type { StampColumns } from '../../../src/model.js';
import { earlyStage } from '../../../src/write/output-space.js';
import { statAhead } from '../../../src/write/stat-ahead.js';
import { writeOutput } from '../../../src/write/write-output.js';
import { hashTree, makeSite, postText, runCli } from '../../helpers/site.js';
import { stampColumns, stampsByPath } from '../../helpers/stamps.js';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>\n';
const JSON_FEED = `${JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 't', items: [] })}\n`;

const TWO_FILES = [
  { path: 'rss.xml', content: RSS },
  { path: 'a/feed.json', content: JSON_FEED },
];

/** The live output as `statAhead` sees it ahead of a write, once it has looked. */
async function lookedAt(out: string, last: { stamps: StampColumns; folders: StampColumns }) {
  const ahead = statAhead(out, { files: last.stamps, folders: last.folders }, 0)?.taken;
  await ahead;
  return { ahead };
}

async function tempParent() {
  return mkdtemp(path.join(tmpdir(), 'feedwright-write-'));
}

describe('writeOutput', () => {
  it('writes every file and a manifest of their hashes', async () => {
    const out = path.join(await tempParent(), 'dist');
    const result = await writeOutput(out, [
      { path: 'rss.xml', content: RSS },
      { path: 'categories/a/feed.json', content: JSON_FEED },
    ]);
    expect(result.written).toEqual(['rss.xml', 'categories/a/feed.json']);
    expect(Object.keys(await hashTree(out)).sort()).toEqual([
      MANIFEST_FILE,
      'categories/a/feed.json',
      'rss.xml',
    ]);
    expect(Object.keys(result.manifest.files)).toEqual(['rss.xml', 'categories/a/feed.json']);
    expect([...result.digests]).toEqual(Object.entries(result.manifest.files));
  });

  it('stages into a staging folder made before it, once the folders made in it are ready', async () => {
    const out = path.join(await tempParent(), 'dist');
    const { suffix, stage } = earlyStage(out, 'dist');
    let ready = false;
    const folders = new Promise<void>((resolve) =>
      setTimeout(() => {
        ready = true;
        resolve();
      }, 20),
    );
    const seen: string[] = [];
    const result = await writeOutput(out, TWO_FILES, {
      // Its part of the folders done first, while they are not ready yet, in the staging folder.
      stage: {
        suffix,
        ready: folders,
        help: async () => {
          seen.push(`help ${ready} ${existsSync(stage)}`);
        },
      },
      prestage: async (given) => {
        seen.push(given);
        expect(ready).toBe(true);
        return new Map();
      },
    });
    expect(seen).toEqual(['help false true', stage]);
    expect(result.written).toEqual(['rss.xml', 'a/feed.json']);
    expect(await readFile(path.join(out, 'rss.xml'), 'utf8')).toBe(RSS);
    // A first write moves its staging folder in as the output: nothing is left beside it.
    expect((await readdir(path.dirname(out))).sort()).toEqual(['dist']);
  });

  it('writes what the build records into the manifest beside the files, and returns its stamp', async () => {
    const out = path.join(await tempParent(), 'dist');
    const record: Omit<Manifest, 'generator' | 'files'> = {
      nextDue: '2026-06-01T04:00:00.000Z',
      items: [
        {
          id: 'tag:news.example.com,2026:a',
          url: 'https://news.example.com/posts/a/',
          source: 'a.md',
          title: 'A',
          published: '2026-05-01T12:00:00.000Z',
          updated: '2026-05-02T12:00:00.000Z',
          hash: 'h',
        },
      ],
      feeds: { 'rss.xml': { title: 't', items: ['tag:news.example.com,2026:a'] } },
    };
    const result = await writeOutput(out, [{ path: 'rss.xml', content: RSS }], { record });
    const manifest: Manifest = { generator: 'feedwright', files: result.manifest.files, ...record };
    expect(result.manifest).toEqual(manifest);
    expect(await readFile(path.join(out, MANIFEST_FILE), 'utf8')).toBe(formatManifest(manifest));
    const info = await stat(path.join(out, MANIFEST_FILE));
    expect(stampsByPath(result.stamps)[MANIFEST_FILE]).toEqual({
      size: info.size,
      mtimeMs: info.mtimeMs,
    });
    expect([...result.stamps.paths].sort()).toEqual([MANIFEST_FILE, 'rss.xml']);
    expect(result.written).toEqual(['rss.xml']);
  });

  it('without a record writes a manifest of the files alone, and still stamps it', async () => {
    const out = path.join(await tempParent(), 'dist');
    const result = await writeOutput(out, [{ path: 'rss.xml', content: RSS }]);
    expect(Object.keys(result.manifest)).toEqual(['generator', 'files']);
    const info = await stat(path.join(out, MANIFEST_FILE));
    expect(stampsByPath(result.stamps)[MANIFEST_FILE]).toEqual({
      size: info.size,
      mtimeMs: info.mtimeMs,
    });
  });

  it('keeps unchanged files as they were (same inode and mtime), and drops files no longer built', async () => {
    const out = path.join(await tempParent(), 'dist');
    await writeOutput(out, [
      { path: 'rss.xml', content: RSS },
      { path: 'old/feed.json', content: JSON_FEED },
    ]);
    const before = await stat(path.join(out, 'rss.xml'));
    await new Promise((r) => setTimeout(r, 20));
    const result = await writeOutput(out, [{ path: 'rss.xml', content: RSS }]);
    expect(result).toMatchObject({
      written: [],
      unchanged: ['rss.xml'],
      removed: ['old/feed.json'],
    });
    const after = await stat(path.join(out, 'rss.xml'));
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.ino).toBe(before.ino);
    await expect(stat(path.join(out, 'old'))).rejects.toThrow();
  });

  it('refuses a file that is not well-formed: the old folder stays and no temporary folder is left', async () => {
    const parent = await tempParent();
    const out = path.join(parent, 'dist');
    await writeOutput(out, [{ path: 'rss.xml', content: RSS }]);
    const before = await hashTree(out);
    await expect(
      writeOutput(out, [{ path: 'rss.xml', content: '<rss><channel>]]></rss>' }]),
    ).rejects.toThrow(/rss\.xml: not well-formed XML/);
    await expect(
      writeOutput(out, [{ path: 'feed.json', content: '{"version":"1"}' }]),
    ).rejects.toThrow(/feed\.json: version is not JSON Feed 1\.1/);
    expect(await hashTree(out)).toEqual(before);
    expect(await readdir(parent)).toEqual(['dist']);
  });

  it('refuses paths that leave the output folder', async () => {
    const out = path.join(await tempParent(), 'dist');
    await expect(
      writeOutput(out, [{ path: '../escape.json', content: JSON_FEED }]),
    ).rejects.toThrow(/leaves the output folder/);
  });

  it('refuses to replace a folder holding files it did not write, unless forced', async () => {
    const parent = await tempParent();
    const out = path.join(parent, 'project');
    await mkdir(out);
    await writeFile(path.join(out, 'package.json'), '{}');
    const error = await writeOutput(out, [{ path: 'rss.xml', content: RSS }]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FeedwrightError);
    expect((error as FeedwrightError).diagnostics[0]).toMatchObject({
      code: 'output-foreign-files',
      message: expect.stringContaining('package.json'),
      fix: expect.stringContaining('--force'),
    });
    expect(await readdir(out)).toEqual(['package.json']);
    await writeOutput(out, [{ path: 'rss.xml', content: RSS }], { force: true });
    expect((await readdir(out)).sort()).toEqual([MANIFEST_FILE, 'rss.xml']);
  });

  it('a file added by hand to a built folder counts as foreign', async () => {
    const out = path.join(await tempParent(), 'dist');
    await writeOutput(out, [{ path: 'rss.xml', content: RSS }]);
    await writeFile(path.join(out, 'notes.txt'), 'mine');
    await expect(writeOutput(out, [{ path: 'rss.xml', content: RSS }])).rejects.toThrow(
      /notes\.txt/,
    );
  });

  it('reads only the folders changed since the last write, and still finds a file added by hand', async () => {
    const out = path.join(await tempParent(), 'dist');
    const files = [
      { path: 'rss.xml', content: RSS },
      { path: 'a/b/feed.json', content: JSON_FEED },
      { path: 'c/feed.json', content: JSON_FEED },
    ];
    const first = await writeOutput(out, files);
    // A first write made every folder: recorded, but too lately changed to be trusted yet.
    expect([...first.folders.paths].sort()).toEqual(['', 'a', 'a/b', 'c']);
    for (const dir of first.folders.paths) expect(stampAt(first.folders, dir)?.mtimeMs).toBeNaN();
    const ago = new Date(Date.now() - 3_600_000);
    for (const dir of ['a/b', 'a', 'c', '']) await utimes(path.join(out, dir), ago, ago);
    const second = await writeOutput(out, files, { stamps: first.stamps });
    expect([...second.folders.paths].sort()).toEqual(['', 'a', 'a/b', 'c']);
    expect(second.written).toEqual([]);
    const last = { stamps: second.stamps, folders: second.folders };
    await writeFile(path.join(out, 'a/b/notes.txt'), 'mine');
    await expect(writeOutput(out, files, last)).rejects.toThrow(/a\/b\/notes\.txt/);
    // Forced, it goes; the folders left as they were are taken as recorded.
    const forced = await writeOutput(out, files, { ...last, force: true });
    expect(forced.removed).toEqual(['a/b/notes.txt']);
    expect(stampAt(forced.folders, 'c')).toEqual(stampAt(second.folders, 'c'));
    expect(Object.keys(await hashTree(out)).sort()).toEqual(
      [MANIFEST_FILE, 'a/b/feed.json', 'c/feed.json', 'rss.xml'].sort(),
    );
  });

  it('reads every folder when the manifest is not the one the folder stamps were recorded with', async () => {
    const out = path.join(await tempParent(), 'dist');
    const files = [{ path: 'a/feed.json', content: JSON_FEED }];
    await writeOutput(out, files);
    const ago = new Date(Date.now() - 3_600_000);
    for (const dir of ['a', '']) await utimes(path.join(out, dir), ago, ago);
    const { stamps, folders } = await writeOutput(out, files);
    // Stamps of another manifest: the folders' stamps say nothing of this one's files.
    const other = stampColumns({
      ...stampsByPath(stamps),
      [MANIFEST_FILE]: { size: 1, mtimeMs: 1 },
    });
    await writeFile(path.join(out, 'a/notes.txt'), 'mine');
    await utimes(path.join(out, 'a'), ago, ago);
    await expect(writeOutput(out, files, { stamps: other, folders })).rejects.toThrow(
      /a\/notes\.txt/,
    );
  });

  it('takes the manifest it is given for the one it recorded, and reads the live one once that changed', async () => {
    const out = path.join(await tempParent(), 'dist');
    const files = [{ path: 'rss.xml', content: RSS }];
    const first = await writeOutput(out, files);
    const text = await readFile(path.join(out, MANIFEST_FILE), 'utf8');
    expect(first.manifestDigest).toBe(hashBytes(text));
    // A known manifest that lists a file the live one does not: taken, so that file is not
    // refused as one feedwright did not write (and, no longer built, it is removed).
    await writeFile(path.join(out, 'old.html'), 'written by an earlier build');
    const known = { files: new Map([...first.digests, ['old.html', 'x']]), digest: 'another' };
    const stamps = first.stamps;
    const second = await writeOutput(out, files, { stamps, manifest: known });
    expect(second.removed).toEqual(['old.html']);
    // Its digest differs from the new text's: the manifest was written again, the same text.
    expect(second.written).toEqual([]);
    expect(await readFile(path.join(out, MANIFEST_FILE), 'utf8')).toBe(text);
    expect(second.manifestDigest).toBe(first.manifestDigest);
    // Still the recorded manifest: taken again.
    await writeFile(path.join(out, 'old.html'), 'mine');
    await expect(
      writeOutput(out, files, { stamps: second.stamps, manifest: known }),
    ).resolves.toMatchObject({ removed: ['old.html'] });
    // Given with the stamps of another manifest, the live one is read: the file is refused.
    await writeFile(path.join(out, 'old.html'), 'mine');
    const other = stampColumns({ [MANIFEST_FILE]: { size: 1, mtimeMs: 1 } });
    await expect(writeOutput(out, files, { stamps: other, manifest: known })).rejects.toThrow(
      /old\.html/,
    );
  });

  it('leaves the manifest in place when its text is the one the known digest names', async () => {
    const out = path.join(await tempParent(), 'dist');
    const files = [{ path: 'rss.xml', content: RSS }];
    const first = await writeOutput(out, files);
    const before = await stat(path.join(out, MANIFEST_FILE));
    const known = { files: first.digests, digest: first.manifestDigest };
    const second = await writeOutput(out, files, {
      stamps: first.stamps,
      manifest: known,
    });
    expect((await stat(path.join(out, MANIFEST_FILE))).ino).toBe(before.ino);
    expect(stampsByPath(second.stamps)[MANIFEST_FILE]).toEqual(
      stampsByPath(first.stamps)[MANIFEST_FILE],
    );
  });

  it('looks again under the lock at a file it replaces, and at one the look found missing', async () => {
    const out = path.join(await tempParent(), 'dist');
    const first = await writeOutput(out, TWO_FILES);
    let last = { stamps: first.stamps, folders: first.folders };
    // Seen, then deleted: the new one is written as a new file, not as a replacement.
    let { ahead } = await lookedAt(out, last);
    await rm(path.join(out, 'rss.xml'));
    const changed = [
      { path: 'rss.xml', content: RSS.replace('<title>t', '<title>u') },
      TWO_FILES[1],
    ];
    const second = await writeOutput(out, changed as typeof TWO_FILES, { ...last, ahead });
    expect(second.written).toEqual(['rss.xml']);
    // Seen missing, then put back as it was: kept, not written again.
    const third = await writeOutput(out, TWO_FILES, { stamps: second.stamps });
    last = { stamps: third.stamps, folders: third.folders };
    await rm(path.join(out, 'a/feed.json'));
    ({ ahead } = await lookedAt(out, last));
    await writeFile(path.join(out, 'a/feed.json'), JSON_FEED);
    const fourth = await writeOutput(out, TWO_FILES, { ...last, ahead });
    expect(fourth.written).toEqual([]);
  });

  it('takes the files and folders as looked at ahead while the manifest is the one seen then', async () => {
    const out = path.join(await tempParent(), 'dist');
    const first = await writeOutput(out, TWO_FILES);
    const ago = new Date(Date.now() - 3_600_000);
    for (const dir of ['a', '']) await utimes(path.join(out, dir), ago, ago);
    const second = await writeOutput(out, TWO_FILES, { stamps: first.stamps });
    let last = { stamps: second.stamps, folders: second.folders };
    const edit = () => writeFile(path.join(out, 'a/feed.json'), `${JSON_FEED} `);
    // Edited by hand after the look, the manifest untouched: the file is taken as it was seen (the
    // window an edit during a build has), and recorded with that stamp…
    let { ahead } = await lookedAt(out, last);
    await edit();
    const third = await writeOutput(out, TWO_FILES, { ...last, ahead });
    expect(third.written).toEqual([]);
    // …which is not its stamp now: the next write reads it, and puts it right.
    const fourth = await writeOutput(out, TWO_FILES, { stamps: third.stamps });
    expect(fourth.written).toEqual(['a/feed.json']);
    // Once another write replaced the manifest (the same text, another file), the writer looks
    // for itself: the edit made after the look is seen.
    last = { stamps: fourth.stamps, folders: fourth.folders };
    ({ ahead } = await lookedAt(out, last));
    const manifest = path.join(out, MANIFEST_FILE);
    await writeFile(`${manifest}.new`, await readFile(manifest));
    await rename(`${manifest}.new`, manifest);
    await edit();
    const fifth = await writeOutput(out, TWO_FILES, { ...last, ahead });
    expect(fifth.written).toEqual(['a/feed.json']);
  });
});

describe('feedwright build --out .', () => {
  it('never deletes the project: it refuses, and says how to proceed', async () => {
    const dir = await makeSite({ 'a.md': postText({ title: 'A', date: '2026-01-01' }) });
    const before = await hashTree(dir);
    const run = runCli(dir, ['build', '--out', '.']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^\. {2}the output folder holds files feedwright did not write \(.*feedwright\.config\.json.*\); replacing it would delete them — pick an empty or new --out folder, or pass --force/m,
    );
    expect(await hashTree(dir)).toEqual(before);
  });
});
