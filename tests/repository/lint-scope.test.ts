/**
 * Biome checks feedwright's own code and config files only. A site's content (posts, public/,
 * feedwright.config.json) is the writers', however it is formatted: it must never fail
 * `npm test`, and so block a deploy.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/site.js';

const BIOME = path.join(REPO, 'node_modules/@biomejs/biome/bin/biome');
const dir = mkdtempSync(path.join(tmpdir(), 'feedwright-lint-scope-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}

function biomeCheck() {
  const run = spawnSync(process.execPath, [BIOME, 'check', '.', '--colors=off'], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("biome.json's scope", () => {
  beforeAll(() => {
    // A copy of this repository's biome.json, in a git repository of its own (Biome reads
    // .gitignore), beside well-formatted code.
    copyFileSync(path.join(REPO, 'biome.json'), path.join(dir, 'biome.json'));
    expect(spawnSync('git', ['init', '-q'], { cwd: dir }).status).toBe(0);
    write('src/ok.ts', 'export const ok = 1;\n');
    write('tests/ok.test.ts', "export const name = 'ok';\n");
  });

  it("leaves the writers' files alone however they are formatted", () => {
    write(
      'feedwright.config.json',
      '{"title":"Harbour Gazette, all on one line","description":"Longer than a hundred columns, as an editor may save it","url":"https://example.com/"}',
    );
    write('public/site.css', 'body{color:red;margin:0}');
    write('public/app.js', 'var  x=1');
    write('public/data.json', '{"a":1,   "b":2}');
    write('posts/2026/a.md', '---\ntitle: A\ndate: 2026-01-01\n---\nText.\n');
    const run = biomeCheck();
    expect(run.output).not.toMatch(/feedwright\.config\.json|site\.css|app\.js|data\.json/);
    expect(run.status).toBe(0);
  });

  it("still checks feedwright's own code", () => {
    write('src/bad.ts', 'export const  bad=2\n');
    try {
      const run = biomeCheck();
      expect(run.status).toBe(1);
      expect(run.output).toContain('src/bad.ts');
    } finally {
      rmSync(path.join(dir, 'src/bad.ts'));
    }
  });

  it("still checks the tool's own config files", () => {
    write('package.json', '{"name":"x",   "private":true}');
    try {
      const run = biomeCheck();
      expect(run.status).toBe(1);
      expect(run.output).toContain('package.json');
    } finally {
      rmSync(path.join(dir, 'package.json'));
    }
  });
});
