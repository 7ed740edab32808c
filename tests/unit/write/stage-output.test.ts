import { createHash } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedwrightError } from '../../../src/diagnostics.js';
import { hashBytes } from '../../../src/hash.js';
import { formatManifest, MANIFEST_FILE, type Manifest } from '../../../src/manifest.js';
import type { FileStamp } from '../../../src/model.js';
import { folderMaker } from '../../../src/write/fs-steps.js';
import {
  KEPT_FILE_CHANGED,
  KeptFilesChanged,
  liveFilesOf,
  type OutputEntry,
  type Previous,
  type StageOptions,
  stageFile,
  stageOutput,
} from '../../../src/write/stage-output.js';
import { hashTree } from '../../helpers/site.js';
import { stampsByPath } from '../../helpers/stamps.js';
import { thrownBy } from '../../helpers/thrown.js';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>\n';
const JSON_FEED = `${JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 't', items: [] })}\n`;
const PAGE = '<!doctype html><html><body>page</body></html>\n';

const digest = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

const parents: string[] = [];
afterAll(async () => {
  await Promise.all(parents.map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * An output `dist` that a build wrote with `files` (and their manifest), an empty staging folder
 * beside it, and the options to stage into it.
 */
async function setUp(files: Record<string, string> = {}) {
  const parent = await mkdtemp(path.join(tmpdir(), 'feedwright-stage-'));
  parents.push(parent);
  const out = path.join(parent, 'dist');
  const stage = path.join(parent, '.dist.stage-test');
  await mkdir(stage);
  const manifest: Manifest = { generator: 'feedwright', files: {} };
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(out, file)), { recursive: true });
    await writeFile(path.join(out, file), text);
    manifest.files[file] = digest(text);
  }
  const text = formatManifest(manifest);
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, MANIFEST_FILE), text);
  const previous: Previous = {
    files: new Map(Object.entries(manifest.files)),
    digest: hashBytes(text),
  };
  const options: StageOptions = { out, stage, display: 'dist', recorded: () => undefined };
  return { parent, out, stage, previous, manifest, options };
}

const stampOf = (file: string): FileStamp => {
  const info = lstatSync(file);
  return { size: info.size, mtimeMs: info.mtimeMs };
};

describe('stageOutput', () => {
  it('leaves a file the output already holds where it is, read and hashed', async () => {
    const { out, stage, previous, options } = await setUp({ 'rss.xml': RSS });
    const before = await stat(path.join(out, 'rss.xml'));
    const staged = stageOutput([{ path: 'rss.xml', content: RSS }], previous, options);
    expect(staged).toMatchObject({ written: [], unchanged: ['rss.xml'], replaced: [] });
    expect(stampsByPath(staged.stamps)['rss.xml']).toEqual({
      size: before.size,
      mtimeMs: before.mtimeMs,
    });
    expect(await readdir(stage)).toEqual([]);
    const after = await stat(path.join(out, 'rss.xml'));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('trusts a file whose size and mtime are as recorded, without reading it', async () => {
    const { out, stage, previous, options } = await setUp({ 'rss.xml': RSS });
    // Same size, other bytes: only a read could tell, and a recorded stamp means none is made.
    await writeFile(path.join(out, 'rss.xml'), RSS.replace('<title>t', '<title>u'));
    const stamp = stampOf(path.join(out, 'rss.xml'));
    const recorded = (p: string) => (p === 'rss.xml' ? stamp : undefined);
    const staged = stageOutput([{ path: 'rss.xml', content: RSS }], previous, {
      ...options,
      recorded,
    });
    expect(staged).toMatchObject({ written: [], unchanged: ['rss.xml'] });
    expect(stampsByPath(staged.stamps)['rss.xml']).toEqual(stamp);
    expect(await readdir(stage)).toEqual([]);
  });

  it('stages again a file edited by hand since the last build', async () => {
    const { out, stage, previous, options } = await setUp({ 'rss.xml': RSS, 'a.html': PAGE });
    const stamp = stampOf(path.join(out, 'rss.xml'));
    const recorded = (p: string) => (p === 'rss.xml' ? stamp : undefined);
    await writeFile(path.join(out, 'rss.xml'), `${RSS}<!-- edited -->\n`);
    const staged = stageOutput(
      [
        { path: 'rss.xml', content: RSS },
        { path: 'a.html', content: PAGE },
      ],
      previous,
      { ...options, recorded },
    );
    expect(staged).toMatchObject({
      written: ['rss.xml'],
      unchanged: ['a.html'],
      replaced: ['rss.xml'],
    });
    expect(await readFile(path.join(stage, 'rss.xml'), 'utf8')).toBe(RSS);
    expect(await readFile(path.join(out, 'rss.xml'), 'utf8')).toBe(`${RSS}<!-- edited -->\n`);
  });

  it('stages again a file deleted by hand, as a new file (there is nothing to replace)', async () => {
    const { out, stage, previous, options } = await setUp({ 'rss.xml': RSS });
    await rm(path.join(out, 'rss.xml'));
    const staged = stageOutput([{ path: 'rss.xml', content: RSS }], previous, options);
    expect(staged).toMatchObject({ written: ['rss.xml'], replaced: [] });
    expect(await readFile(path.join(stage, 'rss.xml'), 'utf8')).toBe(RSS);
  });

  it('keeps a file to keep that is as it was, without staging it', async () => {
    const { stage, previous, options } = await setUp({ 'rss.xml': RSS });
    const staged = stageOutput([{ path: 'rss.xml', keep: digest(RSS) }], previous, options);
    expect(staged).toMatchObject({ written: [], unchanged: ['rss.xml'] });
    expect(staged.manifest.files).toEqual({ 'rss.xml': digest(RSS) });
    expect(await readdir(stage)).toEqual([]);
  });

  it('refuses files to keep that were changed or deleted since the last build, naming them all', async () => {
    const files = { 'rss.xml': RSS, 'posts/a/index.html': PAGE, 'posts/b/index.html': PAGE };
    const { out, previous, options } = await setUp(files);
    await writeFile(path.join(out, 'posts/a/index.html'), 'edited');
    await rm(path.join(out, 'rss.xml'));
    const keep = (file: string) => ({ path: file, keep: previous.files.get(file) as string });
    const error = thrownBy(() => stageOutput(Object.keys(files).map(keep), previous, options));
    expect(error).toBeInstanceOf(KeptFilesChanged);
    expect(error).toBeInstanceOf(FeedwrightError);
    // Every one, in the output's order: the build renders them all again at once.
    expect((error as KeptFilesChanged).paths).toEqual(['rss.xml', 'posts/a/index.html']);
    expect((error as FeedwrightError).diagnostics).toEqual(
      ['rss.xml', 'posts/a/index.html'].map((file) => ({
        severity: 'error',
        code: KEPT_FILE_CHANGED,
        file: `dist/${file}`,
        message: 'the file was changed after feedwright wrote it',
        fix: 'build again: the outputs changed will be rendered afresh',
      })),
    );
    expect(KEPT_FILE_CHANGED).toBe('output-kept-changed');
  });

  it('renders and stages nothing more once a file to keep is found changed', async () => {
    const { out, stage, previous, options } = await setUp({ 'rss.xml': RSS, 'a.html': PAGE });
    await writeFile(path.join(out, 'rss.xml'), 'edited');
    let read = 0;
    const rendered = {
      path: 'b.html',
      get content() {
        read++;
        return PAGE;
      },
    };
    const keep = (file: string) => ({ path: file, keep: previous.files.get(file) as string });
    const entries: OutputEntry[] = [keep('rss.xml'), rendered, keep('a.html')];
    const error = thrownBy(() => stageOutput(entries, previous, options));
    expect((error as KeptFilesChanged).paths).toEqual(['rss.xml']);
    expect(read).toBe(0);
    expect(await readdir(stage)).toEqual([]);
  });

  it.each([
    ['categories/a/rss.xml', '<rss><channel>]]></rss>', /^not well-formed XML: /],
    ['atom.xml', RSS, /^root element is <rss>, expected <feed>$/],
    ['feed.json', '{"version":', /^not valid JSON: /],
    ['archive/1/feed.json', '{"version":"1","title":"t","items":[]}', /^version is not JSON/],
  ])('refuses %s when it is not a valid feed, naming it', async (file, content, problem) => {
    const { stage, previous, options } = await setUp();
    const error = thrownBy(() => stageOutput([{ path: file, content }], previous, options));
    expect(error).toBeInstanceOf(FeedwrightError);
    const [diagnostic, ...rest] = (error as FeedwrightError).diagnostics;
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({
      severity: 'error',
      code: 'output-invalid',
      file: 'dist',
      fix: 'this is a feedwright bug; please report it with the post that caused it',
    });
    const message = diagnostic?.message ?? '';
    expect(message.startsWith(`${file}: `)).toBe(true);
    expect(message.slice(file.length + 2)).toMatch(problem);
    expect(await hashTree(stage)).toEqual({});
  });

  it('copies a file from its source, as it is and unchecked', async () => {
    const { parent, stage, previous, options } = await setUp();
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    await mkdir(path.join(parent, 'public'));
    await writeFile(path.join(parent, 'public/photo.png'), bytes);
    await writeFile(path.join(parent, 'public/notes.xml'), '<not closed>');
    const files: OutputEntry[] = [
      { path: 'img/photo.png', source: path.join(parent, 'public/photo.png') },
      { path: 'notes.xml', source: path.join(parent, 'public/notes.xml') },
    ];
    const staged = stageOutput(files, previous, options);
    expect(staged.written).toEqual(['img/photo.png', 'notes.xml']);
    expect(await readFile(path.join(stage, 'img/photo.png'))).toEqual(bytes);
    expect(await readFile(path.join(stage, 'notes.xml'), 'utf8')).toBe('<not closed>');
    expect(staged.manifest.files).toEqual({
      'img/photo.png': digest(bytes),
      'notes.xml': digest('<not closed>'),
    });
  });

  it('leaves a copied file that did not change where it is', async () => {
    const { parent, stage, previous, options } = await setUp({ 'img/photo.png': 'png bytes' });
    await writeFile(path.join(parent, 'photo.png'), 'png bytes');
    const staged = stageOutput(
      [{ path: 'img/photo.png', source: path.join(parent, 'photo.png') }],
      previous,
      options,
    );
    expect(staged).toMatchObject({ written: [], unchanged: ['img/photo.png'] });
    expect(await readdir(stage)).toEqual([]);
  });

  it('stages the manifest only when its text changed, and stamps it either way', async () => {
    const { out, stage, previous, manifest: before, options } = await setUp({ 'rss.xml': RSS });
    const same = stageOutput([{ path: 'rss.xml', content: RSS }], previous, options);
    expect(same.manifestStaged).toBe(false);
    expect(same.manifest).toEqual(before);
    expect(same.digests).toEqual(previous.files);
    expect(stampsByPath(same.stamps)[MANIFEST_FILE]).toEqual(
      stampOf(path.join(out, MANIFEST_FILE)),
    );
    expect(await readdir(stage)).toEqual([]);

    const record = { nextDue: '2026-06-01T04:00:00.000Z' };
    const changed = stageOutput([{ path: 'rss.xml', content: RSS }], previous, {
      ...options,
      record,
    });
    const manifest: Manifest = {
      generator: 'feedwright',
      files: before.files,
      ...record,
    };
    expect(changed).toMatchObject({ manifestStaged: true, manifest, written: [] });
    expect(await readFile(path.join(stage, MANIFEST_FILE), 'utf8')).toBe(
      `${JSON.stringify(manifest, null, 2)}\n`,
    );
    expect(stampsByPath(changed.stamps)[MANIFEST_FILE]).toEqual(
      stampOf(path.join(stage, MANIFEST_FILE)),
    );
  });

  it('writes a manifest of many parts byte for byte, its digest that of the whole text', async () => {
    const { stage, previous, options } = await setUp({ 'rss.xml': RSS });
    // Items past a part's 1,024 members, one of them titled past Latin-1 (a two-byte string).
    const items = Array.from({ length: 2_500 }, (_, i) => ({
      id: `tag:example.com,2026:${i}`,
      url: `https://example.com/${i}/`,
      source: `${i}.md`,
      title: i === 1_999 ? 'Café “quoted” ☕ \ud83d\ude00' : `Story ${i}`,
      published: '2026-01-01T00:00:00.000Z',
      hash: `h${i}`,
    }));
    const staged = stageOutput([{ path: 'rss.xml', content: RSS }], previous, {
      ...options,
      record: { items },
    });
    const text = await readFile(path.join(stage, MANIFEST_FILE), 'utf8');
    expect(text).toBe(formatManifest(staged.manifest));
    expect(text).toBe(`${JSON.stringify(staged.manifest, null, 2)}\n`);
    expect(staged.manifestDigest).toBe(hashBytes(text));
    expect(staged.manifestStaged).toBe(true);
  });

  it('fails naming the staged manifest when it cannot be formatted partway', async () => {
    const { stage, previous, options } = await setUp({ 'rss.xml': RSS });
    const items = Array.from({ length: 2_000 }, (_, i) =>
      i === 1_500
        ? {
            toJSON() {
              throw new Error('unwritable');
            },
          }
        : { id: `${i}` },
    );
    const record = { items } as unknown as Partial<Manifest>;
    const error = thrownBy(() =>
      stageOutput([{ path: 'rss.xml', content: RSS }], previous, { ...options, record }),
    ) as NodeJS.ErrnoException;
    expect(error.message).toBe('unwritable');
    expect(error.path).toBe(path.join(stage, MANIFEST_FILE));
    // The runs before the failure were written: the staged file is there, never to be committed.
    expect((await stat(path.join(stage, MANIFEST_FILE))).size).toBeGreaterThan(0);
  });

  it('stages a manifest whose text is unchanged when the one in place is gone', async () => {
    const { out, stage, previous, options } = await setUp({ 'rss.xml': RSS });
    await rm(path.join(out, MANIFEST_FILE));
    const staged = stageOutput([{ path: 'rss.xml', content: RSS }], previous, options);
    expect(staged.manifestStaged).toBe(true);
    const text = await readFile(path.join(stage, MANIFEST_FILE), 'utf8');
    expect(hashBytes(text)).toBe(previous.digest);
    expect(staged.manifestDigest).toBe(previous.digest);
  });

  it('stamps every file where it will be found, the manifest included', async () => {
    const { out, stage, previous, options } = await setUp({ 'rss.xml': RSS, 'old.html': PAGE });
    const staged = stageOutput(
      [
        { path: 'rss.xml', content: RSS },
        { path: 'feed.json', content: JSON_FEED },
        { path: 'posts/a/index.html', content: PAGE },
      ],
      previous,
      options,
    );
    expect(stampsByPath(staged.stamps)).toEqual({
      'rss.xml': stampOf(path.join(out, 'rss.xml')),
      'feed.json': stampOf(path.join(stage, 'feed.json')),
      'posts/a/index.html': stampOf(path.join(stage, 'posts/a/index.html')),
      [MANIFEST_FILE]: stampOf(path.join(stage, MANIFEST_FILE)),
    });
    expect(staged.manifest.files).toEqual({
      'rss.xml': digest(RSS),
      'feed.json': digest(JSON_FEED),
      'posts/a/index.html': digest(PAGE),
    });
  });

  it('lists as replaced the staged files the previous output had, in the order given', async () => {
    const { stage, previous, options } = await setUp({
      'rss.xml': RSS,
      'a.html': PAGE,
      'b.html': PAGE,
    });
    const staged = stageOutput(
      [
        { path: 'new.html', content: PAGE },
        { path: 'b.html', content: `${PAGE}b` },
        { path: 'rss.xml', content: RSS },
        { path: 'a.html', content: `${PAGE}a` },
      ],
      previous,
      options,
    );
    expect(staged).toMatchObject({
      written: ['new.html', 'b.html', 'a.html'],
      unchanged: ['rss.xml'],
      replaced: ['b.html', 'a.html'],
      manifestStaged: true,
    });
    expect(Object.keys(await hashTree(stage)).sort()).toEqual(
      [MANIFEST_FILE, 'a.html', 'b.html', 'new.html'].sort(),
    );
  });

  it('stages everything for a new output', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'feedwright-stage-'));
    parents.push(parent);
    const stage = path.join(parent, '.dist.stage-test');
    await mkdir(stage);
    const staged = stageOutput(
      [
        { path: 'rss.xml', content: RSS },
        { path: 'categories/a/feed.json', content: JSON_FEED },
      ],
      { files: new Map(), digest: undefined },
      { out: path.join(parent, 'dist'), stage, display: 'dist', recorded: () => undefined },
    );
    expect(staged).toMatchObject({
      written: ['rss.xml', 'categories/a/feed.json'],
      unchanged: [],
      replaced: [],
      manifestStaged: true,
    });
    expect(await hashTree(stage)).toEqual({
      'rss.xml': digest(RSS),
      'categories/a/feed.json': digest(JSON_FEED),
      [MANIFEST_FILE]: digest(formatManifest(staged.manifest)),
    });
  });

  it('lists a file named __proto__ in the manifest and its digests like any other', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'feedwright-stage-'));
    parents.push(parent);
    const stage = path.join(parent, '.dist.stage-test');
    await mkdir(stage);
    const files = [
      { path: 'rss.xml', content: RSS },
      { path: '__proto__', source: path.join(parent, 'copied') },
    ];
    await writeFile(path.join(parent, 'copied'), 'a public file');
    const staged = stageOutput(
      files,
      { files: new Map(), digest: undefined },
      {
        out: path.join(parent, 'dist'),
        stage,
        display: 'dist',
        recorded: () => undefined,
      },
    );
    const listed = { 'rss.xml': digest(RSS), ['__proto__']: digest('a public file') };
    expect(Object.getPrototypeOf(staged.manifest.files)).toBe(Object.prototype);
    expect(Object.entries(staged.manifest.files)).toEqual(Object.entries(listed));
    expect([...staged.digests]).toEqual(Object.entries(listed));
    const written = await readFile(path.join(stage, MANIFEST_FILE), 'utf8');
    expect(Object.entries(JSON.parse(written).files)).toEqual(Object.entries(listed));
  });
});

describe('stageFile', () => {
  it('checks a rendered file and writes it under the stage, folders made, with its digest and stamp', async () => {
    const { stage } = await setUp();
    const content = `${RSS.slice(0, -1)}<!-- é -->\n`;
    const staged = stageFile(stage, { path: 'a/b/rss.xml', content }, 'dist', folderMaker(stage));
    const target = path.join(stage, 'a/b/rss.xml');
    expect(await readFile(target, 'utf8')).toBe(content);
    expect(staged).toEqual({ digest: digest(content), stamp: stampOf(target) });
  });

  it('writes a file given in parts from its parts, never joining them into its content', async () => {
    const { stage } = await setUp();
    const parts = [
      '<?xml version="1.0"?>\n<rss><channel>',
      '<title>🔥 é</title>',
      '</channel></rss>\n',
    ];
    const file = {
      path: 'rss.xml',
      parts,
      checked: true as const,
      get content(): string {
        throw new Error('the content was read');
      },
    };
    const staged = stageFile(stage, file, 'dist', folderMaker(stage));
    const target = path.join(stage, 'rss.xml');
    expect(await readFile(target, 'utf8')).toBe(parts.join(''));
    expect(staged).toEqual({ digest: digest(parts.join('')), stamp: stampOf(target) });
  });

  it('refuses a file that is not what its name says, writing nothing', async () => {
    const { stage } = await setUp();
    const error = thrownBy(() =>
      stageFile(stage, { path: 'rss.xml', content: '<rss><channel>' }, 'dist', folderMaker(stage)),
    );
    expect(error).toBeInstanceOf(FeedwrightError);
    expect((error as FeedwrightError).diagnostics[0]).toMatchObject({
      code: 'output-invalid',
      file: 'dist',
    });
    expect(await readdir(stage)).toEqual([]);
  });
});

describe('stageOutput with files staged already', () => {
  it('takes their digest and stamp without reading them, and still keeps those in place', async () => {
    const { stage, previous, options } = await setUp({ 'rss.xml': RSS });
    const make = folderMaker(stage);
    const early = new Map([
      ['rss.xml', stageFile(stage, { path: 'rss.xml', content: RSS }, 'dist', make)],
      [
        'page/index.html',
        stageFile(stage, { path: 'page/index.html', content: PAGE }, 'dist', make),
      ],
    ]);
    const unread = (file: string) => ({
      path: file,
      get content(): string {
        throw new Error(`${file} was read`);
      },
    });
    const staged = stageOutput([unread('rss.xml'), unread('page/index.html')], previous, {
      ...options,
      staged: early,
    });
    expect(staged.unchanged).toEqual(['rss.xml']);
    expect(staged.written).toEqual(['page/index.html']);
    expect(staged.manifest.files).toEqual({
      'rss.xml': digest(RSS),
      'page/index.html': digest(PAGE),
    });
    expect(stampsByPath(staged.stamps)['page/index.html']).toEqual(
      early.get('page/index.html')?.stamp,
    );
  });
});

describe('stageFile given what the live output holds', () => {
  /** What `dist` holds of `files`, as `liveFilesOf` finds it in its manifest (none recorded). */
  const liveOf = (out: string, previous: Previous, recorded: Record<string, FileStamp> = {}) =>
    liveFilesOf(
      {
        out,
        digest: (file) => previous.files.get(file),
        recorded: (file) => recorded[file],
      },
      ['rss.xml', 'page/index.html', 'new/index.html'],
    );

  it('lists only the files the previous manifest has, with the stamps recorded for them', async () => {
    const { out, previous } = await setUp({ 'rss.xml': RSS, 'page/index.html': PAGE });
    const stamp = stampOf(path.join(out, 'rss.xml'));
    const live = liveOf(out, previous, { 'rss.xml': stamp });
    expect(live.out).toBe(out);
    expect([...live.files]).toEqual([
      ['rss.xml', [digest(RSS), stamp]],
      ['page/index.html', [digest(PAGE)]],
    ]);
  });

  it('stages nothing for a file rendered to what the live one holds, read and compared', async () => {
    const { out, stage, previous } = await setUp({ 'page/index.html': PAGE });
    const before = await stat(path.join(out, 'page/index.html'));
    const make = folderMaker(stage);
    const file = { path: 'page/index.html', content: PAGE };
    const staged = stageFile(stage, file, 'dist', make, liveOf(out, previous));
    expect(staged).toEqual({
      digest: digest(PAGE),
      stamp: { size: before.size, mtimeMs: before.mtimeMs },
      inPlace: true,
    });
    expect(await readdir(stage)).toEqual([]);
    const after = await stat(path.join(out, 'page/index.html'));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('stages a file whose live twin was edited by hand (same size, other bytes), unless its stamp is the one recorded', async () => {
    const { out, stage, previous } = await setUp({ 'rss.xml': RSS });
    await writeFile(path.join(out, 'rss.xml'), RSS.replace('<title>t', '<title>u'));
    const make = folderMaker(stage);
    const file = { path: 'rss.xml', content: RSS };
    const read = stageFile(stage, file, 'dist', make, liveOf(out, previous));
    expect(read.inPlace).toBeUndefined();
    expect(await readFile(path.join(stage, 'rss.xml'), 'utf8')).toBe(RSS);
    // A stamp as recorded is trusted without a read, as `stageOutput` trusts it.
    const stamp = stampOf(path.join(out, 'rss.xml'));
    const live = liveOf(out, previous, { 'rss.xml': stamp });
    await rm(path.join(stage, 'rss.xml'));
    expect(stageFile(stage, file, 'dist', make, live)).toEqual({
      digest: digest(RSS),
      stamp,
      inPlace: true,
    });
    expect(await readdir(stage)).toEqual([]);
  });

  it('stages a file rendered to other bytes, a file deleted by hand, and a file the manifest lacks', async () => {
    const { out, stage, previous } = await setUp({ 'rss.xml': RSS, 'page/index.html': PAGE });
    await rm(path.join(out, 'page/index.html'));
    await mkdir(path.join(out, 'new'));
    await writeFile(path.join(out, 'new/index.html'), PAGE);
    const live = liveOf(out, previous);
    const make = folderMaker(stage);
    const other = RSS.replace('<title>t', '<title>v');
    for (const file of [
      { path: 'rss.xml', content: other },
      { path: 'page/index.html', content: PAGE },
      { path: 'new/index.html', content: PAGE },
    ]) {
      const staged = stageFile(stage, file, 'dist', make, live);
      expect(staged).toEqual({
        digest: digest(file.content),
        stamp: stampOf(path.join(stage, file.path)),
      });
    }
    expect((await readdir(stage, { recursive: true })).sort()).toEqual([
      'new',
      'new/index.html',
      'page',
      'page/index.html',
      'rss.xml',
    ]);
  });

  it('still refuses a file that is not what its name says, though the live one holds the same', async () => {
    const bad = '<rss><channel>';
    const { out, stage, previous } = await setUp({ 'rss.xml': bad });
    const error = thrownBy(() =>
      stageFile(
        stage,
        { path: 'rss.xml', content: bad },
        'dist',
        folderMaker(stage),
        liveOf(out, previous),
      ),
    );
    expect((error as FeedwrightError).diagnostics[0]).toMatchObject({ code: 'output-invalid' });
  });
});

describe('stageOutput with files found in place on other threads', () => {
  it('keeps them unchanged with the stamp found, looking at nothing again', async () => {
    const { out, stage, previous, options } = await setUp({ 'rss.xml': RSS });
    const stamp = stampOf(path.join(out, 'rss.xml'));
    // A stamp no file has: had the writer looked at the file, it would not take it.
    const found = { size: stamp.size, mtimeMs: stamp.mtimeMs - 1 };
    const early = new Map([
      ['rss.xml', { digest: digest(RSS), stamp: found, inPlace: true as const }],
    ]);
    const file = {
      path: 'rss.xml',
      get content(): string {
        throw new Error('rss.xml was read');
      },
    };
    const staged = stageOutput([file], previous, { ...options, staged: early });
    expect(staged).toMatchObject({ written: [], unchanged: ['rss.xml'], replaced: [] });
    expect(stampsByPath(staged.stamps)['rss.xml']).toEqual(found);
    expect(await readdir(stage)).toEqual([MANIFEST_FILE].filter(() => staged.manifestStaged));
  });

  it('refuses, as files to render again, those the previous manifest does not give those bytes', async () => {
    const { previous, options } = await setUp({ 'rss.xml': RSS });
    const other = RSS.replace('<title>t', '<title>v');
    const early = new Map([
      [
        'rss.xml',
        { digest: digest(other), stamp: { size: 1, mtimeMs: 1 }, inPlace: true as const },
      ],
    ]);
    const error = thrownBy(() =>
      stageOutput([{ path: 'rss.xml', content: other }], previous, { ...options, staged: early }),
    );
    expect(error).toBeInstanceOf(KeptFilesChanged);
    expect((error as KeptFilesChanged).paths).toEqual(['rss.xml']);
  });
});
