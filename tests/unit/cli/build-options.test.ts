import { describe, expect, it } from 'vitest';
import { buildOptions } from '../../../src/cli/build-options.js';

describe('buildOptions', () => {
  it('gives the library its defaults when no flag is given', () => {
    expect(buildOptions({}, '/site')).toEqual({
      cwd: '/site',
      includeFuture: false,
      includeDrafts: false,
      strict: false,
      force: false,
      allowEmpty: false,
    });
  });

  it('passes each flag as its build option', () => {
    expect(
      buildOptions(
        {
          posts: 'content',
          out: 'site',
          config: 'site.json',
          future: true,
          drafts: true,
          strict: true,
          force: true,
          'allow-empty': true,
          'cache-dir': '.cache',
          threads: '3',
        },
        '/site',
      ),
    ).toEqual({
      cwd: '/site',
      postsDir: 'content',
      outDir: 'site',
      configFile: 'site.json',
      includeFuture: true,
      includeDrafts: true,
      strict: true,
      force: true,
      allowEmpty: true,
      cacheDir: '.cache',
      threads: 3,
    });
  });

  it('never asks git with --no-git, and does by default', () => {
    expect(buildOptions({ 'no-git': true }, '/site')).toMatchObject({ git: false });
    expect('git' in buildOptions({}, '/site')).toBe(false);
  });

  it('turns the cache off with --no-cache', () => {
    expect(buildOptions({ 'no-cache': true }, '/site')).toMatchObject({ cacheDir: false });
  });

  it('says what is wrong with --threads that is not a whole number of at least 1', () => {
    for (const threads of ['0', '-1', '1.5', 'many', ''])
      expect(buildOptions({ threads }, '/site')).toEqual({
        wrong: `--threads must be a whole number of at least 1, not "${threads}"`,
      });
  });
});
