/**
 * The npm package a site depends on: compiled JavaScript, no install script, its licence, its
 * repository, and the schema and workflow template that `feedwright init` points at.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/site.js';

const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));

/** What `npm pack` would put in the tarball (lib/ as compiled by the tests' global setup). */
function packedFiles(): string[] {
  const run = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: REPO,
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return (JSON.parse(run.stdout)[0].files as { path: string }[]).map((f) => f.path).sort();
}

describe('package.json', () => {
  it('runs no script when a site installs it: it compiles when packed instead', () => {
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare'])
      expect(pkg.scripts[hook], hook).toBeUndefined();
    expect(pkg.scripts.prepack).toBe('npm run compile');
    expect(pkg.scripts.compile).toMatch(
      /tsc -p tsconfig\.build\.json && node scripts\/bundle\.mjs$/,
    );
  });

  it('compiles before testing and building this repository, since npm ci no longer does', () => {
    expect(pkg.scripts.test).toMatch(/npm run compile && vitest run$/);
    expect(pkg.scripts.build).toMatch(/^npm run compile && node bin\/feedwright\.js build$/);
  });

  it('is MIT licensed, with its repository', () => {
    expect(pkg.license).toBe('MIT');
    expect(pkg.repository).toEqual({
      type: 'git',
      url: 'git+https://github.com/feedwright/feedwright.git',
    });
    const license = readFileSync(path.join(REPO, 'LICENSE'), 'utf8');
    expect(license.split('\n')[0]).toBe('MIT License');
    expect(license).toContain('Copyright (c) 2026 feedwright contributors');
    expect(license).toContain('THE SOFTWARE IS PROVIDED "AS IS"');
  });

  it('exports the library, its types and the config schema', () => {
    expect(pkg.exports['.']).toEqual({ types: './lib/index.d.ts', default: './lib/index.js' });
    expect(pkg.exports['./schema/feedwright.config.schema.json']).toBe(
      './schema/feedwright.config.schema.json',
    );
    expect(pkg.bin).toEqual({ feedwright: 'bin/feedwright.js' });
  });
});

describe('npm pack', () => {
  const files = packedFiles();

  it('ships the compiled library and its types, the launcher, the schema, the template and the licence', () => {
    for (const file of [
      'LICENSE',
      'README.md',
      'package.json',
      'bin/feedwright.js',
      'lib/cli.js',
      'lib/bundle/cli.js',
      'lib/bundle/pool-worker.js',
      'lib/bundle/THIRD-PARTY-NOTICES.md',
      'lib/index.js',
      'lib/index.d.ts',
      'lib/scaffold/site-files.js',
      'schema/feedwright.config.schema.json',
      'templates/publish.yml',
    ])
      expect(files, file).toContain(file);
  });

  it('ships no sources, tests, source maps or posts', () => {
    const stray = files.filter((f) =>
      /^(src|tests|bench|posts|public|node_modules|\.github)\/|\.map$|\.ts$(?<!\.d\.ts)/.test(f),
    );
    expect(stray).toEqual([]);
  });
});
