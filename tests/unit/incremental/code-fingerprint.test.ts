import {
  appendFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { codeFingerprint, dependencyVersions } from '../../../src/incremental/code-fingerprint.js';

describe('codeFingerprint', () => {
  it('is a SHA-256 in hex', () => {
    expect(codeFingerprint()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same on every call', () => {
    expect(codeFingerprint()).toBe(codeFingerprint());
  });

  it('is the same when worked out afresh from the same code (it is not random)', async () => {
    const first = codeFingerprint();
    vi.resetModules();
    const fresh = await import('../../../src/incremental/code-fingerprint.js');
    expect(fresh.codeFingerprint).not.toBe(codeFingerprint);
    expect(fresh.codeFingerprint()).toBe(first);
  });
});

describe('codeFingerprint kept in a folder (the cache’s) with the files it was worked out from', () => {
  const RECORD = 'code-fingerprint.json';
  let dir: string;
  /** The fingerprint as the next build takes it, in a module loaded afresh, kept as it saves. */
  const nextBuild = async () => {
    vi.resetModules();
    const fresh = await import('../../../src/incremental/code-fingerprint.js');
    const taken = fresh.codeFingerprint(dir);
    fresh.keepCodeFingerprint(dir);
    return taken;
  };
  const record = async () => JSON.parse(await readFile(path.join(dir, RECORD), 'utf8'));
  const rewrite = async (change: (kept: Record<string, unknown>) => void) => {
    const kept = await record();
    change(kept);
    await writeFile(path.join(dir, RECORD), JSON.stringify(kept));
  };
  const forged = 'f'.repeat(64);

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'feedwright-code-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is the same as worked out without one, and names every code file, folder and manifest', async () => {
    const worked = await nextBuild();
    expect(worked).toBe(codeFingerprint());
    const kept = await record();
    expect(kept.fingerprint).toBe(worked);
    const files = kept.probes.map(([file]: [string]) => file);
    const src = path.resolve(import.meta.dirname, '../../../src');
    expect(kept.root).toBe(src);
    expect(files).toEqual(
      expect.arrayContaining([
        src,
        path.join(src, 'incremental'),
        path.join(src, 'incremental/code-fingerprint.ts'),
        path.join(src, 'build.ts'),
        path.resolve(src, '../node_modules/markdown-it/package.json'),
      ]),
    );
    // Each with its device, inode, size, mtime and ctime.
    const own = kept.probes.find(([file]: [string]) => file.endsWith('code-fingerprint.ts'));
    const now = await stat(own[0]);
    expect(own.slice(1)).toEqual([now.dev, now.ino, now.size, now.mtimeMs, now.ctimeMs]);
  });

  it('is taken from the folder while every file it names is as it was', async () => {
    await nextBuild();
    await rewrite((kept) => {
      kept.fingerprint = forged;
    });
    expect(await nextBuild()).toBe(forged); // not worked out again
  });

  it('is worked out again, and kept again, once a file it names changed, appeared or went', async () => {
    const worked = await nextBuild();
    const file = path.join(dir, 'watched.js');
    await writeFile(file, 'one');
    const gone = path.join(dir, 'not-there-yet.json');
    const cases: [string, () => Promise<void>][] = [
      ['edited', () => appendFile(file, ' two')],
      ['created', () => writeFile(gone, '{}')],
      ['removed', () => rm(file)],
    ];
    for (const [, change] of cases) {
      const watched = await stat(file).catch(() => undefined);
      await rewrite((kept) => {
        kept.fingerprint = forged;
        (kept.probes as unknown[]).push(
          watched
            ? [file, watched.dev, watched.ino, watched.size, watched.mtimeMs, watched.ctimeMs]
            : [file],
          [gone],
        );
      });
      expect(await nextBuild()).toBe(forged);
      await change();
      expect(await nextBuild()).toBe(worked);
      expect((await record()).fingerprint).toBe(worked);
      await rm(gone, { force: true });
    }
  });

  it('is not taken from a record of other code, nor from a damaged one', async () => {
    const worked = await nextBuild();
    await rewrite((kept) => {
      kept.fingerprint = forged;
      kept.root = path.join(dir, 'another-install/lib/bundle');
    });
    expect(await nextBuild()).toBe(worked);
    await writeFile(path.join(dir, RECORD), '{"version":1,');
    expect(await nextBuild()).toBe(worked);
    await rewrite((kept) => {
      kept.fingerprint = forged;
      kept.version = 0;
    });
    expect(await nextBuild()).toBe(worked);
  });

  it('is kept only as the cache is saved: a build that stops before leaves the folder as it was', async () => {
    vi.resetModules();
    const fresh = await import('../../../src/incremental/code-fingerprint.js');
    expect(fresh.codeFingerprint(dir)).toBe(codeFingerprint());
    expect(await readdir(dir)).toEqual([]);
    fresh.keepCodeFingerprint(dir);
    expect(await readdir(dir)).toEqual([RECORD]);
  });

  it('is still worked out, and nothing left behind, where the record cannot be written', async () => {
    const blocked = path.join(dir, 'a-file');
    await writeFile(blocked, '');
    vi.resetModules();
    const fresh = await import('../../../src/incremental/code-fingerprint.js');
    expect(fresh.codeFingerprint(path.join(blocked, 'cache'))).toBe(codeFingerprint());
    fresh.keepCodeFingerprint(path.join(blocked, 'cache'));
    expect(await readdir(dir)).toEqual(['a-file']);
  });
});

describe('dependencyVersions', () => {
  it('lists the dependencies and theirs as Node finds them, nested copies and missing ones included', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'feedwright-deps-'));
    const pkg = async (dir: string, manifest: object) => {
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'package.json'), JSON.stringify(manifest));
    };
    try {
      const app = path.join(root, 'app');
      await pkg(app, { dependencies: { 'markdown-x': '^1', 'feed-x': '^2', gone: '^1' } });
      // Installed in the app's node_modules, and one a level up (a hoisted workspace).
      await pkg(path.join(app, 'node_modules/markdown-x'), {
        version: '1.2.0',
        dependencies: { linkify: '^3', entities: '^4' },
      });
      await pkg(path.join(app, 'node_modules/markdown-x/node_modules/entities'), {
        version: '4.5.0',
      });
      await pkg(path.join(app, 'node_modules/linkify'), { version: '3.0.1' });
      await pkg(path.join(root, 'node_modules/feed-x'), { version: '2.0.0' });
      const probed: string[] = [];
      expect(dependencyVersions(app, (file) => probed.push(file))).toEqual([
        'entities@4.5.0',
        'feed-x@2.0.0',
        'gone@',
        'linkify@3.0.1',
        'markdown-x@1.2.0',
      ]);
      // Told of each manifest looked for, where it was found and where it was not.
      expect(probed).toEqual(
        expect.arrayContaining([
          path.join(app, 'package.json'),
          path.join(app, 'node_modules/feed-x/package.json'),
          path.join(root, 'node_modules/feed-x/package.json'),
          path.join(app, 'node_modules/markdown-x/node_modules/entities/package.json'),
          path.join(app, 'node_modules/markdown-x/node_modules/linkify/package.json'),
          path.join(app, 'node_modules/linkify/package.json'),
        ]),
      );
      await pkg(path.join(app, 'node_modules/linkify'), { version: '3.0.2' });
      expect(dependencyVersions(app)).toContain('linkify@3.0.2');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('lists feedwright’s own, Markdown and feed writers among them', () => {
    const versions = dependencyVersions(path.resolve(import.meta.dirname, '../../..'));
    for (const name of ['markdown-it', 'feed', 'sanitize-html', 'xml-js', 'htmlparser2'])
      expect(versions.some((v) => /^.+@\d/.test(v) && v.startsWith(`${name}@`))).toBe(true);
  });
});
