import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
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
      expect(dependencyVersions(app)).toEqual([
        'entities@4.5.0',
        'feed-x@2.0.0',
        'gone@',
        'linkify@3.0.1',
        'markdown-x@1.2.0',
      ]);
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
