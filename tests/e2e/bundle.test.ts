import { spawnSync } from 'node:child_process';
import {
  appendFile,
  cp,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeConfig, postText, REPO, siteMaker } from '../helpers/site.js';

const makeSite = siteMaker();
const BUNDLE = path.join(REPO, 'lib/bundle');
const CHANGED = 'the config or feedwright changed: starting with an empty cache';

describe('the CLI runs its bundle (lib/bundle/, made by npm run compile)', () => {
  it('is one flat folder holding the worker file the pool starts, beside the code that starts it', async () => {
    const entries = await readdir(BUNDLE, { withFileTypes: true });
    expect(entries.every((entry) => entry.isFile())).toBe(true);
    const names = entries.map((entry) => entry.name);
    expect(names).toEqual(expect.arrayContaining(['cli.js', 'pool-worker.js']));
    // `new URL('./pool-worker.js', import.meta.url)`: resolved from the file that holds it.
    const starters = [];
    for (const name of names)
      if ((await readFile(path.join(BUNDLE, name), 'utf8')).includes('"./pool-worker.js"'))
        starters.push(name);
    expect(starters.length).toBeGreaterThan(0);
  });

  it('names each package it holds code of, with its licence', async () => {
    const notices = await readFile(path.join(BUNDLE, 'THIRD-PARTY-NOTICES.md'), 'utf8');
    const markdownIt = await readFile(path.join(REPO, 'node_modules/markdown-it/LICENSE'), 'utf8');
    const { version } = JSON.parse(
      await readFile(path.join(REPO, 'node_modules/markdown-it/package.json'), 'utf8'),
    );
    expect(notices).toContain(`## markdown-it ${version} (MIT)`);
    expect(notices).toContain(markdownIt.trim());
    for (const name of ['js-yaml', 'feed', 'date-fns', 'saxes'])
      expect(notices).toMatch(new RegExp(`^## ${name} \\d`, 'm'));
  });

  it('sets slugify up the first time a name is slugified, not when a build loads its config', async () => {
    const texts = await Promise.all(
      (await readdir(BUNDLE))
        .filter((name) => name.endsWith('.js'))
        .map((name) => readFile(path.join(BUNDLE, name), 'utf8')),
    );
    const holder = texts.find((text) => text.includes('// lib/slug.js\n'));
    // transliterate builds its patterns in its initialiser, run by the first call (slug.js's
    // `require`), not by its top level; a category named "Économie" still gets categories/economie/
    // from the bundled CLI (tests/e2e/build.test.ts).
    expect(holder).toMatch(/^var init_transliterate = __esm\(\{$/m);
    expect(holder).toMatch(
      /^var slugify\d* = \(\.\.\.args\) => \(init_slugify\(\), __toCommonJS\(slugify_exports\)\)\.default\(\.\.\.args\);$/m,
    );
    expect(holder).not.toMatch(/^var defaultPattern = /m); // no pattern built at the top level
  });

  it('looks at the output ahead on a thread of its own, its program written from the bundle', async () => {
    // The thread's program holds functions of the bundle as their text (see stat-ahead.ts): a
    // program broken only as bundled would fail quietly, the writer looking for itself.
    const names = (await readdir(BUNDLE)).filter((name) => name.endsWith('.js'));
    const texts = await Promise.all(names.map((name) => readFile(path.join(BUNDLE, name), 'utf8')));
    const holder = names[texts.findIndex((text) => text.includes('// lib/write/stat-ahead.js\n'))];
    expect(holder).toBeDefined();
    const bundled = await import(pathToFileURL(path.join(BUNDLE, holder as string)).href);
    const out = await mkdtemp(path.join(tmpdir(), 'feedwright-bundled-ahead-'));
    await writeFile(path.join(out, 'a.html'), '<p>a</p>');
    const columns = (paths: string[]) => ({ paths, stamps: new Float64Array(paths.length * 2) });
    const ahead = bundled.statAhead(
      out,
      { files: columns(['a.html', 'gone.html']), folders: columns(['']) },
      0,
    );
    const files = await ahead.files();
    expect(files('a.html')).toEqual(bundled.seenNow(path.join(out, 'a.html')));
    expect(files('gone.html')?.kind).toBe('none');
    const taken = await ahead.taken;
    expect(taken?.files).toBe(files);
    expect(taken?.folders('')?.kind).toBe('folder');
  });

  describe('an installed copy of the package (bin/, lib/, package.json)', () => {
    let pkg: string;
    let site: string;
    const build = () => {
      const run = spawnSync(
        process.execPath,
        [path.join(pkg, 'bin/feedwright.js'), 'build', '--verbose'],
        { cwd: site, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '' } },
      );
      expect(run.status, run.stderr).toBe(0);
      return run.stderr;
    };
    const upToDate = 'front matter read for 0 of 2 posts';

    beforeAll(async () => {
      pkg = await mkdtemp(path.join(tmpdir(), 'feedwright-package-'));
      for (const part of ['bin', 'lib', 'templates', 'schema', 'package.json'])
        await cp(path.join(REPO, part), path.join(pkg, part), {
          recursive: true,
          preserveTimestamps: true,
        });
      await symlink(path.join(REPO, 'node_modules'), path.join(pkg, 'node_modules'), 'dir');
      site = await makeSite(
        {
          'one.md': postText({ title: 'One', date: '2026-01-01 10:00', categories: ['Politics'] }),
          'two.md': postText({ title: 'Two', date: '2026-01-02 10:00', categories: ['Tech'] }),
        },
        makeConfig(),
      );
    });
    afterAll(async () => {
      await rm(pkg, { recursive: true, force: true });
    });

    it('builds, and finds the site up to date the next time', () => {
      expect(build()).not.toContain(CHANGED);
      expect(build()).toContain(upToDate);
    });

    it('keeps its cache when only lib/ outside the bundle changes: that code does not run', async () => {
      await appendFile(path.join(pkg, 'lib/model.js'), '\n// edited\n');
      const log = build();
      expect(log).not.toContain(CHANGED);
      expect(log).toContain(upToDate);
    });

    it('starts afresh when the bundle changes: its code is what the cache is keyed by', async () => {
      await appendFile(path.join(pkg, 'lib/bundle/cli.js'), '\n// edited\n');
      expect(build()).toContain(CHANGED);
      expect(build()).toContain(upToDate);
    });

    it('runs lib/ when it was compiled again after the bundle, and without a bundle', async () => {
      const later = new Date(Date.now() + 60_000);
      await utimes(path.join(pkg, 'lib/cli.js'), later, later);
      // Another code fingerprint (all of lib/): another cache.
      expect(build()).toContain(CHANGED);
      expect(build()).toContain(upToDate);
      await rm(path.join(pkg, 'lib/bundle'), { recursive: true });
      expect(build()).toContain(CHANGED); // the bundle was part of lib/
      expect(build()).toContain(upToDate);
    });
  });
});
