import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/validate-config.js';
import { publishWorkflow } from '../../../src/scaffold/publish-workflow.js';
import { packageJson, siteFiles } from '../../../src/scaffold/site-files.js';

const options = {
  title: 'Harbour Gazette',
  url: 'https://me.github.io/gazette/',
  timezone: 'America/Halifax',
  folderName: 'gazette',
  version: '1.2.3',
  // 01:30 on the 19th in UTC is 21:30 on the 18th in Halifax.
  now: new Date('2026-11-19T01:30:00Z'),
  packageJson: true,
};

const byPath = (files: { path: string; content: string }[]) =>
  Object.fromEntries(files.map((f) => [f.path, f.content]));

describe('siteFiles', () => {
  it('are the config, an example post, public/, .gitignore, the workflow and package.json', () => {
    expect(siteFiles(options).map((f) => f.path)).toEqual([
      'feedwright.config.json',
      'posts/welcome.md',
      'public/.gitkeep',
      '.gitignore',
      '.github/workflows/publish.yml',
      'package.json',
    ]);
  });

  it('leave package.json out when the folder has one', () => {
    expect(siteFiles({ ...options, packageJson: false }).map((f) => f.path)).not.toContain(
      'package.json',
    );
  });

  it('hold a config feedwright takes, with the choices made', () => {
    const config = JSON.parse(byPath(siteFiles(options))['feedwright.config.json'] as string);
    expect(config).toMatchObject({
      title: 'Harbour Gazette',
      url: 'https://me.github.io/gazette/',
      timezone: 'America/Halifax',
    });
    expect(validateConfig(config, 'feedwright.config.json').diagnostics).toEqual([]);
  });

  it("date the example post today in the site's zone", () => {
    const post = byPath(siteFiles(options))['posts/welcome.md'];
    expect(post).toMatch(/^---\ntitle: "Welcome to Harbour Gazette"\ndate: 2026-11-18\n---\n/);
  });

  it('ignore what the build writes and what npm installs, and keep public/ in git', () => {
    const files = byPath(siteFiles(options));
    expect(files['.gitignore']).toBe('dist/\nnode_modules/\n');
    expect(files['public/.gitkeep']).toBe('');
  });

  it('carry the publish workflow as the package ships it', () => {
    expect(byPath(siteFiles(options))['.github/workflows/publish.yml']).toBe(publishWorkflow());
  });
});

describe('packageJson', () => {
  it('is a private package depending on this feedwright, with a script per command', () => {
    expect(JSON.parse(packageJson('gazette', '1.2.3'))).toEqual({
      name: 'gazette',
      private: true,
      description: 'Feeds and pages built with feedwright',
      scripts: {
        build: 'feedwright build',
        check: 'feedwright check',
        serve: 'feedwright serve',
        new: 'feedwright new',
      },
      devDependencies: { feedwright: '^1.2.3' },
    });
  });

  it('names the package as npm allows: lower case, URL-safe, at most 214 characters', () => {
    expect(JSON.parse(packageJson('My Gazette', '1.0.0')).name).toBe('my-gazette');
    expect(JSON.parse(packageJson('Été', '1.0.0')).name).toBe('ete');
    expect(JSON.parse(packageJson('!!!', '1.0.0')).name).toBe('site');
    expect(JSON.parse(packageJson('a'.repeat(300), '1.0.0')).name).toHaveLength(214);
  });
});
